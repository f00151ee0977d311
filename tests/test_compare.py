"""Year over year: indicator matching, verdicts, and target tracking on a synthetic next-year report."""
from __future__ import annotations

import pytest

from zjtext import load_report
from zjtext.compare import (
    NotComparableError, comparable_series, keyness_between, label, order_reports, slogan_changes, track_targets,
)
from zjtext.match import join_key, judge


@pytest.fixture(scope="module")
def synthetic(fixtures_dir):
    return load_report(fixtures_dir / "synthetic-zhejiang-2025.txt")


@pytest.mark.parametrize("a, b", [("生产总值", "全省生产总值"), ("地区生产总值", "生产总值"),
                                  ("规上工业增加值", "规模以上工业增加值"), ("研发投入强度", "全社会研发投入强度")])
def test_same_indicator_despite_wording(a, b):
    assert join_key(a) == join_key(b) != ""


@pytest.mark.parametrize("a, b", [("生产总值", "居民消费价格"), ("固定资产投资", "实际使用外资"), ("出口", "进口")])
def test_different_indicators_do_not_match(a, b):
    assert join_key(a) != join_key(b)


def test_a_name_the_vocabulary_does_not_know_joins_only_on_itself():
    assert join_key("海洋牧场产值") == join_key("海洋牧场产值") == "name:海洋牧场产值" != join_key("海洋牧场面积")


@pytest.mark.parametrize(
    "value, value_max, qualifier, indicator, actual, verdict",
    [
        (5.5, None, "approx", "生产总值", 5.6, "met"),
        (5.5, None, "approx", "生产总值", 5.4, "met (within 左右)"),
        (5.5, None, "approx", "生产总值", 5.0, "missed"),
        (5.0, 5.5, "none", "生产总值", 5.1, "met"),
        (5.0, 5.5, "none", "生产总值", 4.9, "missed"),
        (3.0, None, "approx", "居民消费价格", 0.3, "met"),
        (3.0, None, "approx", "居民消费价格", 3.1, "met (within 左右)"),
        (5.0, None, "at_most", "城镇调查失业率", 4.6, "met"),
        (5.0, None, "at_most", "城镇调查失业率", 5.2, "missed"),
        (3.0, None, "at_least", "固定资产投资", 2.9, "missed"),
        (3.0, None, "more_than", "固定资产投资", 3.0, "missed"),
        (3.0, None, "approx", "固定资产投资", None, "not reported"),
        (None, None, "none", "城乡居民收入", 5.0, "not comparable"),
    ],
)
def test_judge(value, value_max, qualifier, indicator, actual, verdict):
    assert judge(value, value_max, qualifier, indicator, actual) == verdict


def test_reports_are_ordered_by_year(seed, synthetic):
    assert [r.meta.year for r in order_reports([synthetic, seed])] == [2024, 2025]


def test_track_2024_targets_against_synthetic_2025(seed, synthetic):
    t = track_targets(seed, synthetic).set_index("indicator")
    gdp = t.loc[[i for i in t.index if "生产总值" in i][0]]
    assert (gdp.target_value, gdp.actual_value, gdp.verdict) == (5.5, 5.4, "met (within 左右)")
    invest = t.loc[[i for i in t.index if "固定资产投资" in i][0]]
    assert (invest.actual_value, invest.verdict) == (3.1, "missed")
    jobless = t.loc[[i for i in t.index if "失业率" in i][0]]
    assert (jobless.actual_value, jobless.verdict) == (4.5, "met")
    cpi = t.loc[[i for i in t.index if "价格" in i][0]]
    assert (cpi.actual_value, cpi.verdict) == (0.4, "met")
    rd = t.loc[[i for i in t.index if "研发" in i][0]]
    assert (rd.actual_value, rd.verdict) == (3.3, "met")
    retail = t.loc[[i for i in t.index if "社会消费品零售总额" in i][0]]
    assert (retail.actual_value, retail.verdict) == (5.6, "met")
    words = t[t.target_value.isna()]  # 与经济增长同步: the synthetic report gives no revenue or income growth
    assert len(words) >= 1 and set(words.verdict) == {"not reported"}


def test_target_not_in_next_report_is_not_reported(seed):
    from zjtext.report import report_from_text

    silent = report_from_text("""——2025年1月14日在浙江省第十四届人民代表大会第三次会议上
各位代表：
一、2024年工作回顾
过去一年，我们攻坚克难，各项事业取得新进展。
二、2025年目标任务
各位代表！让我们团结奋斗！
""", "silent-2025.txt")
    t = track_targets(seed, silent)
    assert set(t.loc[t.target_value.notna(), "verdict"]) == {"not reported"}


def test_targets_are_only_tracked_within_one_region_and_forward_in_time(seed, fixtures_dir, synthetic):
    other = load_report(fixtures_dir / "scraped-2026.txt")  # 示例省
    with pytest.raises(NotComparableError, match="not of 浙江省"):
        track_targets(seed, other)
    with pytest.raises(NotComparableError, match="not after"):
        track_targets(synthetic, seed)


def test_comparable_series_groups_by_region_and_year(seed, synthetic, fixtures_dir):
    other = load_report(fixtures_dir / "scraped-2026.txt")
    series = comparable_series([other, synthetic, seed, seed])
    assert [[r.report_id for r in s] for s in series] == [["zhejiang-2024", "synthetic-zhejiang-2025"]]
    assert label(seed) == "2024年浙江省"


def test_ratio_of_gdp_is_not_gdp():
    assert join_key("研发经费投入相当于生产总值的比例") != join_key("地区生产总值")
    assert join_key("经济增长") == join_key("地区生产总值") == "gdp"


def test_slogan_changes(seed, synthetic):
    s = slogan_changes(seed, synthetic).set_index("term")
    assert s.loc["人工智能+", "status"] == "new"
    assert s.loc["八八战略", "status"] == "kept"
    assert s.loc["415X", "status"] == "dropped"


def test_keyness_finds_rising_ai_terms(seed, synthetic):
    k = keyness_between(*order_reports([synthetic, seed])[:2])  # the older first, whatever the order given
    rising = k[k.direction.isin(["rose", "appeared"])].head(15)
    assert rising.term.str.contains("人工智能").any()


OLD_TEXT = """2030年测试省政府工作报告
——2030年1月10日在测试省第十五届人民代表大会第一次会议上
各位代表：
一、2029年工作回顾
全省生产总值增长5%。
二、2030年目标任务
建议主要预期目标为：生产总值增长5%左右，单位生产总值能耗下降3%，一般公共预算收入与经济增长同步。
各位代表！让我们团结奋斗！
"""


def _next_year(gdp: str, energy: str, revenue: str):
    from zjtext.report import report_from_text

    return report_from_text(f"""2031年测试省政府工作报告
——2031年1月10日在测试省第十五届人民代表大会第二次会议上
各位代表：
一、2030年工作回顾
过去一年，全省生产总值{gdp}，单位生产总值能耗{energy}，一般公共预算收入{revenue}。
二、2031年目标任务
建议主要预期目标为：生产总值增长5%左右。
各位代表！让我们团结奋斗！
""", "next.txt")


@pytest.mark.parametrize(
    "energy, verdict",
    [("下降3.5%", "met"), ("下降3%", "met"), ("下降2%", "missed"), ("上升1%", "missed")],
)
def test_a_cut_target_is_met_by_a_deep_enough_cut(energy, verdict):
    from zjtext.report import report_from_text

    old = report_from_text(OLD_TEXT, "old.txt")
    t = track_targets(old, _next_year("增长5.2%", energy, "增长6%")).set_index("indicator")
    row = t.loc[[i for i in t.index if "能耗" in i][0]]
    assert row.verdict == verdict
    # the cut reads as a cut, signed like its result, so tables and charts put both on one side of zero
    assert row.target == "下降3%" and row.target_value == -3 and row.change == "decrease"


# a target in step with the economy has no 左右: a pass within the tolerance is 基本达成, never 基本达成（左右）
@pytest.mark.parametrize("revenue, verdict", [("增长6%", "met"), ("增长5%", "met (approx)"), ("增长2%", "missed")])
def test_in_step_with_the_economy_is_judged_against_gdp_growth(revenue, verdict):
    from zjtext.report import report_from_text

    old = report_from_text(OLD_TEXT, "old.txt")
    t = track_targets(old, _next_year("增长5.2%", "下降3%", revenue)).set_index("indicator")
    assert t.loc["一般公共预算收入", "verdict"] == verdict


FLAT_OLD = OLD_TEXT.replace("单位生产总值能耗下降3%，一般公共预算收入与经济增长同步",
                            "居民消费价格涨幅3%左右，进出口总额增长4%，城镇调查失业率5.5%左右，单位生产总值能耗下降3%")


def test_a_change_said_in_words_to_be_nil_is_judged_as_zero():
    """持平 in a clause of its own, naming one indicator, is a change of 0%; it never stands for a level
    (a flat unemployment rate says nothing of its figure); 支持平台 is no 持平."""
    from zjtext.report import report_from_text

    new = report_from_text("""2031年测试省政府工作报告
——2031年1月10日在测试省第十五届人民代表大会第二次会议上
各位代表：
一、2030年工作回顾
过去一年，全省生产总值增长5.1%，居民消费价格与上年持平，进出口总额同比基本持平，城镇调查失业率与上年持平，能耗强度与上年持平；我们支持平台企业发展。
二、2031年目标任务
建议主要预期目标为：生产总值增长5%左右。
各位代表！让我们团结奋斗！
""", "next.txt")
    t = track_targets(report_from_text(FLAT_OLD, "old.txt"), new).set_index("indicator_key")
    got = {k: (t.loc[k, "actual"], t.loc[k, "actual_value"], t.loc[k, "verdict"]) for k in t.index}
    assert got["cpi"] == ("持平", 0.0, "met")          # a ceiling of 3%左右: nil growth is within it
    assert got["trade"] == ("持平", 0.0, "missed")     # a floor of 4%
    assert got["unemployment_surveyed"][2] == "not reported"  # a level: 持平 gives no figure
    assert got["energy_intensity"] == ("持平", 0.0, "missed")  # a cut of 3%: no cut at all falls short
    assert "居民消费价格与上年持平" in t.loc["cpi", "actual_sentence"]
    assert t.loc["gdp", "actual"] == "5.1%"


def test_flat_is_not_read_where_the_clause_has_a_figure_or_another_year():
    from zjtext.report import report_from_text

    new = report_from_text("""2031年测试省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，全省生产总值增长5.1%，居民消费价格涨幅比2028年持平。
二、2031年目标任务
建议主要预期目标为：生产总值增长5%左右。
""", "next.txt")
    t = track_targets(report_from_text(FLAT_OLD, "old.txt"), new).set_index("indicator_key")
    assert t.loc["cpi", "verdict"] == "not reported" and t.loc["cpi", "actual"] == ""


# ---------------------------------------------------------------- the indicator key, the right figure, the year rule

@pytest.fixture(scope="module")
def nation_pair(fixtures_dir):
    return (load_report(fixtures_dir / "nation-style-2031.txt"), load_report(fixtures_dir / "nation-style-2032.txt"))


def test_nation_style_pair_verdicts(nation_pair):
    """A heading-alone target list with a full-width range, 控制在…左右, both unemployment rates, a word
    target in step with GDP, and a next report that reviews five years before the past year."""
    t = track_targets(*nation_pair).set_index("indicator_key")
    got = {k: (t.loc[k, "actual"], t.loc[k, "verdict"]) for k in t.index}
    assert got == {
        "gdp": ("6.1%", "met"),                    # inside 6％－6.5％, not the five-year 年均 5.2%
        "cpi": ("", "not reported"),               # only a five-year average is given
        "jobs": ("1250万人", "met"),               # not the five-year 累计 6000万人
        "unemployment_surveyed": ("5.1%", "met"),
        "unemployment_registered": ("", "not reported"),  # the surveyed rate is another indicator
        "trade": ("", "missed"),                   # no figure, but the review says the target was not met
        "income": ("6.3%", "met"),                 # 同步: against GDP growth 6.1%
        "rd_intensity": ("", "not reported"),      # 从2.1%提高到2.8% is a base value and a five-year level
        "energy_intensity": ("下降3.2%", "met"),   # a cut at least as deep, written as a fall
    }
    assert "未能实现" in t.loc["trade", "reason"] and "6.1%" in t.loc["income", "reason"]
    assert t.loc["cpi", "reason_code"] == "no_result"


def test_targets_judged_only_by_the_next_years_report(nation_pair, fixtures_dir, capsys):
    from zjtext.cli import main
    from zjtext.report import report_from_text

    old = nation_pair[0]
    later = report_from_text((fixtures_dir / "nation-style-2032.txt").read_text(encoding="utf-8")
                             .replace("2032", "2033").replace("2031", "2032"), "nation-style-2033.txt")
    assert (old.meta.year, later.meta.year) == (2031, 2033)
    t = track_targets(old, later)
    assert len(t) == 9 and set(t.verdict) == {""} and set(t.actual) == {""}
    assert set(t.reason_code) == {"years_apart"}
    assert set(t.reason) == {"2033年的报告回顾的是2032年，不是2031年：目标只用下一年的报告检验"}
    assert main(["compare", str(fixtures_dir / "nation-style-2031.txt"), str(fixtures_dir / "nation-style-2032.txt")]) == 0
    assert capsys.readouterr().err == ""  # consecutive years: no note


def test_cli_notes_why_a_pair_of_non_consecutive_years_has_no_verdicts(tmp_path, fixtures_dir, capsys):
    from zjtext.cli import main

    later = tmp_path / "nation-style-2033.txt"
    later.write_text((fixtures_dir / "nation-style-2032.txt").read_text(encoding="utf-8")
                     .replace("2032", "2033").replace("2031", "2032"), encoding="utf-8")
    status = main(["compare", str(fixtures_dir / "nation-style-2031.txt"), str(later), "--format", "csv"])
    out, err = capsys.readouterr()
    assert status == 0 and err.count("\n") == 1
    assert err.startswith("note: no verdicts: the 2033 report reviews 2032, not 2031")
    assert "reason" in out.splitlines()[0]


@pytest.mark.parametrize("actual, verdict", [(7.4, "met (within 左右)"), (7.3, "met (within 左右)"), (7.2, "missed"),
                                             (7.6, "met")])
def test_about_allows_two_tenths_of_a_point_on_a_percent_target(actual, verdict):
    assert judge(7.5, None, "approx", "gdp", actual) == verdict


def test_about_on_other_units_allows_five_percent_and_bare_targets_none():
    assert judge(1000, None, "approx", "jobs", 960, "人") == "met (within 左右)"
    assert judge(1000, None, "approx", "jobs", 940, "人") == "missed"
    assert judge(7.5, None, "none", "gdp", 7.4) == "missed"


@pytest.mark.parametrize("value, value_max, qualifier, key, actual, verdict", [
    (3.0, None, "approx", "cpi", 3.1, "met (within 左右)"),   # lower is better: a ceiling
    (3.0, None, "at_most", "cpi", 3.1, "missed"),             # 控制在3%以内
    (4.6, None, "at_most", "unemployment_registered", 4.1, "met"),  # 低于4.6%
    (6.5, 7.0, "none", "gdp", 6.5, "met"),                    # a range is met at its near end
    (2.0, 3.0, "none", "cpi", 3.0, "met"),                    # … the upper end for a ceiling
    (2.0, 3.0, "none", "cpi", 3.1, "missed"),
])
def test_direction_comes_from_the_hedge_and_the_vocabulary(value, value_max, qualifier, key, actual, verdict):
    assert judge(value, value_max, qualifier, key, actual) == verdict


def test_a_target_without_a_vocabulary_key_meets_only_a_result_of_the_same_name():
    from zjtext.report import report_from_text

    old = report_from_text(OLD_TEXT.replace("单位生产总值能耗下降3%", "海洋牧场产值增长9%"), "old.txt")
    new = _next_year("增长5.2%", "下降3%", "增长6%")
    t = track_targets(old, new).set_index("indicator")
    assert (t.loc["海洋牧场产值", "indicator_key"], t.loc["海洋牧场产值", "verdict"]) == ("", "not reported")
    assert t.loc["海洋牧场产值", "reason_code"] == "no_result_unkeyed"


@pytest.mark.parametrize("sentence", ["2028年生产总值增长6.2%。", "样板市生产总值增长7%。"])
def test_a_result_for_another_place_or_year_answers_no_target(sentence):
    from zjtext.report import report_from_text

    old = report_from_text(OLD_TEXT, "old.txt")
    text = f"""2031年测试省政府工作报告
——2031年1月10日在测试省第十五届人民代表大会第二次会议上
各位代表：
一、2030年工作回顾
过去一年，各项事业取得新进展。{sentence}
二、2031年目标任务
建议主要预期目标为：生产总值增长5%左右。
"""
    t = track_targets(old, report_from_text(text, "next.txt")).set_index("indicator_key")
    assert (t.loc["gdp", "actual"], t.loc["gdp", "verdict"]) == ("", "not reported")
    same = report_from_text(text.replace(sentence, "全省生产总值增长6.2%。"), "next.txt")
    assert track_targets(old, same).set_index("indicator_key").loc["gdp", "verdict"] == "met"


FIVE_FIRST_OLD = """2040年样例省政府工作报告
——2040年1月12日在样例省第十七届人民代表大会第三次会议上
各位代表：
一、2039年工作回顾
过去一年，全省生产总值增长5.9%。
二、2040年工作安排
今年主要预期目标是：生产总值增长5.5%左右，一般公共预算收入增长4%，粮食产量稳定在2800万吨以上。
"""

FIVE_FIRST_NEW = """2041年样例省政府工作报告
——2041年1月18日在样例省第十七届人民代表大会第四次会议上
各位代表：
一、“十七五”时期和2040年工作回顾
“十七五”时期，全省生产总值年均增长5.8%，2040年达到9.1万亿元、增长5.2%，一般公共预算收入年均增长6%，粮食产量连续五年稳定在2800万吨以上。
刚刚过去的2040年，全省一般公共预算收入增长3.1%，粮食产量2830万吨。
二、2041年工作安排
今年主要预期目标是：生产总值增长5%左右。
"""


def test_five_year_review_first_gives_the_past_years_own_figures():
    from zjtext.report import report_from_text

    t = track_targets(report_from_text(FIVE_FIRST_OLD, "a.txt"), report_from_text(FIVE_FIRST_NEW, "b.txt"))
    got = {k: (a, v) for k, a, v in zip(t.indicator_key, t.actual, t.verdict)}
    assert got == {"gdp": ("5.2%", "missed"),               # 2040年…增长5.2%, not the 年均 5.8%
                   "fiscal_revenue": ("3.1%", "missed"),   # not the 年均 6%
                   "grain": ("2830万吨", "met")}            # the exact figure, not 连续五年稳定在2800万吨以上


@pytest.mark.parametrize("target, verdict", [("2700万吨以上", "met"), ("2850万吨以上", "not comparable")])
def test_a_result_written_as_a_lower_bound_settles_a_floor_only_when_it_reaches_it(target, verdict):
    from zjtext.report import report_from_text

    old = report_from_text(FIVE_FIRST_OLD.replace("2800万吨以上", target), "a.txt")
    new = report_from_text(FIVE_FIRST_NEW.replace("，粮食产量2830万吨", ""), "b.txt")
    row = track_targets(old, new).set_index("indicator_key").loc["grain"]
    assert (row.actual, row.verdict) == ("2800万吨以上", verdict)
    assert (row.reason != "") == (verdict == "not comparable")


def test_every_reason_has_the_pages_words(nation_pair, seed, synthetic, fixtures_dir):
    """Each reason a tracking table gives is a code, worded in Chinese in the table (and in English
    from the same one table, zjtext.match.REASONS)."""
    import json
    import re

    from zjtext.match import wording
    from zjtext.report import report_from_text

    later = report_from_text((fixtures_dir / "nation-style-2032.txt").read_text(encoding="utf-8")
                             .replace("2032", "2033").replace("2031", "2032"), "nation-style-2033.txt")
    old = report_from_text(OLD_TEXT.replace("单位生产总值能耗下降3%", "海洋牧场产值增长9%"), "old.txt")
    tables = [track_targets(*nation_pair), track_targets(nation_pair[0], later), track_targets(seed, synthetic),
              track_targets(old, _next_year("增长5.2%", "下降3%", "增长6%"))]
    rows = [r for t in tables for r in t.to_dict("records") if r["reason_code"]]
    assert len({r["reason_code"] for r in rows}) >= 5
    for r in rows:
        params = json.loads(r["reason_params"]) if r["reason_params"] else {}
        assert r["reason"] == wording(r["reason_code"], params, "zh")
        assert not re.search(r"[A-Za-z]{2,}", r["reason"].replace(params.get("sentence", ""), "")), r["reason"]
        assert re.search(r"[A-Za-z]{4,}", wording(r["reason_code"], params, "en"))


def test_a_stretch_aim_is_judged_beside_the_target_it_raises():
    from zjtext.report import report_from_text

    old = report_from_text("2030年测试省政府工作报告\n各位代表：\n一、2029年工作回顾\n全省生产总值增长5.1%。\n"
                           "二、2030年主要目标\n今年主要预期目标是：全省生产总值增长5.5%，力争6%。\n", "t-2030.txt")
    new = report_from_text("2031年测试省政府工作报告\n各位代表：\n一、2030年工作回顾\n全省生产总值增长5.8%。\n"
                           "二、2031年主要目标\n今年主要预期目标是：全省生产总值增长5%左右。\n", "t-2031.txt")
    t = track_targets(old, new)
    assert t[["target", "actual", "verdict"]].values.tolist() == [["5.5%", "5.8%", "met"], ["力争6%", "5.8%", "missed"]]


def test_one_figure_for_two_indicators_is_judged_for_each():
    from zjtext.report import report_from_text

    old = report_from_text("2030年测试省政府工作报告\n各位代表：\n一、2029年工作回顾\n全省生产总值增长5.1%。\n"
                           "二、2030年主要目标\n今年主要预期目标是：全省生产总值增长5%左右，"
                           "城镇居民人均可支配收入和农民人均纯收入均增长8%。\n", "t-2030.txt")
    new = report_from_text("2031年测试省政府工作报告\n各位代表：\n一、2030年工作回顾\n全省生产总值增长5.3%，"
                           "城镇居民人均可支配收入和农民人均纯收入分别增长8.4%和7.6%。\n"
                           "二、2031年主要目标\n今年主要预期目标是：全省生产总值增长5%左右。\n", "t-2031.txt")
    t = track_targets(old, new)
    assert t[["indicator_key", "target", "actual", "verdict"]].values.tolist() == [
        ["gdp", "5%左右", "5.3%", "met"], ["income_urban", "8%", "8.4%", "met"],
        ["income_rural_net", "8%", "7.6%", "missed"]]


@pytest.mark.parametrize("hedge, verdict, words", [("左右", "met (within 左右)", "基本达成（左右）"),
                                                   ("约", "met (approx)", "基本达成"), ("上下", "met (approx)", "基本达成")])
def test_a_pass_within_the_tolerance_names_左右_only_for_a_左右_target(hedge, verdict, words):
    from zjtext.site.labels import VERDICT

    assert judge(5.5, None, "approx", "gdp", 5.4, hedge=hedge) == verdict
    assert VERDICT[verdict] == words
