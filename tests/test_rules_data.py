"""Rules as data: every word list in zjtext/resources/ parses, is read once, and drives the rules.

Each test of a moved list uses a made-up sentence in the reports' style and fails if the entry it
names is taken out of its file (or if the rule stops reading the file).
"""
from __future__ import annotations

import pytest

from zjtext import lexicon, words
from zjtext.charts.style import is_percent, target_text
from zjtext.lexicon import columns, word_list, word_table
from zjtext.match.tracking import hedged
from zjtext.metrics import extract_metrics, parse_figures
from zjtext.metrics.numerals import arabic_shadow, numeral_value
from zjtext.report import report_from_text
from zjtext.segment import is_number_token
from zjtext.site.labels import amount

RESOURCES = lexicon.RESOURCES
TABLES = sorted(f.name[:-4] for f in RESOURCES.iterdir() if f.name.endswith(".tsv"))
LISTS = sorted(f.name[:-4] for f in RESOURCES.iterdir() if f.name.endswith(".txt"))


def one(text: str):
    (figure,) = parse_figures(text)  # exactly one figure
    return figure


def rows(body: str):
    """The metrics of *body* as a paragraph of a review section of a made-up report."""
    return extract_metrics(report_from_text(f"2041年示范省政府工作报告\n各位代表：\n一、2040年工作回顾\n{body}",
                                            path="rules_x.txt"))


# ---------------------------------------------------------------- every file parses, read once

@pytest.mark.parametrize("name", TABLES)
def test_every_table_parses(name):
    table = word_table(name)
    assert table, name
    for key, value in table.items():
        assert key and all(c.strip() == c for c in columns(value)), (name, key, value)


@pytest.mark.parametrize("name", LISTS)
def test_every_list_parses(name):
    entries = word_list(name)
    assert entries and all(e and "\t" not in e for e in entries), name


@pytest.mark.parametrize("name, column, allowed", [
    ("hedges", 0, {"before", "after", "inside", "aim"}),
    ("hedges", 1, set(words.MEANINGS)),
    ("change_words", 0, {"increase", "decrease", "relief"}),
    ("list_scopes", 0, {"lends", "own"}),
    ("previous_subject_words", 0, {"total", "measure"}),
    ("time_cues", 0, {"actual", "target"}),
    ("time_frames", 0, {"multi", "one"}),
    ("stated_cues", 0, {"not", "reach", "beat", "goal"}),
    ("units", 0, {"percent", "points", "multiple", "money", "physical", "count", "rank", "no_figure"}),
])
def test_table_values_are_known(name, column, allowed):
    values = {columns(v)[column] for v in word_table(name).values()}
    assert values <= allowed, (name, values - allowed)


def test_time_cue_places_are_known():
    places = {p for v in word_table("time_cues").values() for p in columns(v)[1].split(",")}
    assert places == {"heading", "lead", "weak", "sentence", "strong", "sentence_lead", "headline", "target_list", "this_year"}


def test_numbers_in_tables_parse():
    assert all(float(v) > 1 for v in word_table("magnitudes").values())
    for unit, value in word_table("units").items():
        cols = columns(value) + ("", "", "")
        assert cols[2] == "" or float(cols[2]) > 0, unit
        assert cols[3] in ("", "token"), unit


def test_lists_are_loaded_once(monkeypatch):
    text = "全市新增就业不少于12万人，工业增加值增长5%左右，力争6%。"
    rows(text)  # warm: every rule has read its lists
    reads = []
    real = lexicon._lines
    monkeypatch.setattr(lexicon, "_lines", lambda name: reads.append(name) or real(name))
    before = word_table.cache_info().misses
    rows(text)
    parse_figures(text)
    assert reads == [] and word_table.cache_info().misses == before
    assert word_table("hedges") is word_table("hedges")


# ---------------------------------------------------------------- hedges.tsv

@pytest.mark.parametrize("text, qualifier", [
    ("研发经费投入不少于80亿元", "at_least"),     # before
    ("森林覆盖率将近63%", "approx"),
    ("培育高新技术企业500家及以上", "at_least"),   # after, longest first (及以上 over 以上)
    ("物价涨幅控制在3%以内", "at_most"),
    ("引进外资项目300余个", "more_than"),          # inside
])
def test_hedge_words_set_the_qualifier(text, qualifier):
    assert [f.qualifier for f in parse_figures(text)] == [qualifier]


def test_hedge_guard_keeps_a_word_whole():
    assert one("全年节约用水12万吨").qualifier == "none"   # 节约: 约 is part of a word
    assert one("年产量约12万吨").qualifier == "approx"


def test_stretch_aim_keeps_the_change():
    df = rows("全市进出口总额增长4%，力争5%。")
    assert df[["surface", "change", "qualifier_text"]].values.tolist() == [
        ["4%", "increase", ""], ["5%", "increase", "力争"]]


def test_one_hedge_list_for_quoting_and_charts():
    # hedges the old copies in match/tracking and charts/style did not know
    assert hedged("5%", "及以上") == "5%及以上"
    assert hedged("63%", "将近") == "将近63%"
    assert hedged("3.2%", "达到") == "3.2%"            # a verb of reaching is no hedge
    assert target_text({"surface": "不少于80万人", "qualifier": "at_least"}) == "不少于80万人"
    assert target_text({"surface": "80万人", "qualifier": "at_least"}) == "80万人（以上）"


# ---------------------------------------------------------------- magnitudes.tsv, traditional.tsv, units.tsv

def test_magnitudes_multiply():
    assert one("完成投资4.2千亿元").value == pytest.approx(4.2e11)
    assert amount(5.3e12, "元") == "5.3万亿元"


def test_numerals_read_before_points_multiples_and_inside_hedges():
    # units.tsv points/multiple (个百分点, 倍) and hedges.tsv inside (多, 余) after a Chinese numeral
    assert arabic_shadow("出口增长一倍多，比重提高两个百分点，产量三十余万吨").text == "出口增长1倍多，比重提高2个百分点，产量30余万吨"


def test_traditional_forms_read_like_simplified():
    assert numeral_value("三萬") == 30000
    assert one("收入兩千億元").value == pytest.approx(2e11)


def test_units_table_is_the_one_unit_list():
    assert one("新建生态林5片").category == "count"               # 片: a measure word
    assert parse_figures("年满18岁以上的居民") == []                # no_figure: an age
    assert is_number_token("3号线") and is_number_token("80万人")   # token: kept with the number
    assert not is_number_token("3方")                               # 方 is no token unit (方案)
    assert is_percent({"base_unit": "百分点", "value": 1.2})        # a percent unit, by its base unit


# ---------------------------------------------------------------- change_words.tsv, time_cues.tsv, time_frames.tsv

def test_verb_of_change_makes_a_span_of_years_multi_year():
    df = rows("过去一年，全市工业排放两年削减12%，空气质量优良天数比例达到88%。")
    assert df.multi_year.tolist() == [True, False]


def test_since_this_year_looks_back():
    df = rows("过去一年，全市出口增长6%，今年以来新签订单增长3%。")
    assert df.period.tolist() == ["actual", "actual"]


def test_sentence_cue_makes_a_goal_in_a_review():
    df = rows("过去一年，全市新增企业900家，明年新增1200家。")
    assert df.period.tolist() == ["actual", "target"]


def test_verb_of_result_makes_last_years_figure_in_a_plan_a_result():
    r = report_from_text("2041年示范省政府工作报告\n各位代表：\n二、2041年工作安排\n全市新建公园120座，去年建成90座。",
                         path="rules_r.txt")
    assert extract_metrics(r).period.tolist() == ["target", "actual"]   # result_verbs.txt: 建成


def test_frame_word_sets_a_span_of_years():
    df = rows("经过五年努力，城乡居民收入增长40%。")
    assert df.multi_year.tolist() == [True]


def test_target_list_noun_opens_the_headline_targets():
    from zjtext.metrics import headline

    r = report_from_text("2041年示范省政府工作报告\n各位代表：\n二、2041年工作安排\n"
                         "今年经济社会发展的主要目标是：地区生产总值增长6%左右。", path="rules_t.txt")
    assert headline(r)[["period", "value"]].values.tolist() == [["target", 6.0]]


def test_this_year_cue_keeps_a_plan_list_from_reading_as_five_years():
    from zjtext.metrics import headline

    r = report_from_text("2041年示范省政府工作报告\n各位代表：\n二、2041年工作安排\n"
                         "“十六五”开局之年的主要预期目标是：地区生产总值增长6%左右。", path="rules_f.txt")
    assert ["target", 6.0] in headline(r)[["period", "value"]].values.tolist()   # 开局之年: this year's list


def test_report_year_is_inferred_once_from_the_sections():
    r = report_from_text("各位代表：\n一、2039年取得的成就\n全市生产总值增长5%。\n二、今后的任务\n增长6%。",
                         path="rules_y.txt")
    assert r.meta.year == 2040
    assert extract_metrics(r).period.tolist() == ["actual", "target"]


# ---------------------------------------------------------------- stated_cues.tsv

def test_stated_cues_say_a_target_was_missed_or_met():
    from zjtext.match.results import _MET
    from zjtext.stated import missed_keys

    assert missed_keys("全年居民消费价格调控目标没能完成") == {"cpi"}      # not: 没能
    assert bool(_MET.search("超额完成了年度预期目标"))                        # beat: 超额完成
    assert not _MET.search("没能完成年度预期目标")                            # a negation is no verdict of met
