"""Report families the rules must read right wherever they occur (issue 26): made-up sentences in the
reports' style, with other places and figures than any shared report."""
from __future__ import annotations

import pytest

from zjtext.compare import track_targets
from zjtext.metrics import headline
from zjtext.report import report_from_text

# a national-style report that opens with a five-year review and gives last year's results in a
# 过去一年 sentence of the paragraph just before this year's target list
TERM_OLD = """2040年政府工作报告
各位代表：
一、2039年工作回顾
过去一年，国内生产总值增长6.4%。
二、2040年工作安排
今年经济社会发展的主要预期目标是：
国内生产总值增长7%左右；居民消费价格涨幅4%左右；城镇新增就业1000万人以上，城镇登记失业率控制在4.5%以内。
"""
TERM_NEW = """2041年政府工作报告
各位代表：
一、“十九五”时期的回顾
五年来，国内生产总值年均增长8.2%，城镇新增就业累计5200万人，居民消费价格年均上涨2.9%。
二、“二十五”时期的主要目标
未来五年，国内生产总值年均增长6%左右。
三、2041年的工作
2041年是“二十五”开局之年，做好今年的工作意义重大。过去一年，我们的各项工作取得新的成绩。国内生产总值增长7.6%，居民消费价格涨幅控制在 4.4%，城镇新增就业1090万人。
今年经济社会发展的主要预期目标是：
国内生产总值增长6.5%左右；居民消费价格涨幅3.5%左右。总的考虑是，为加快调整结构创造良好环境，引导各方面把着力点放在提高质量上。
实现上述目标，要保持政策连续性。
"""


def test_last_years_results_after_a_five_year_review_in_a_past_year_sentence():
    """The figures after 过去一年 in a paragraph that opens on this year are last year's results, not
    targets, and never the five-year figures of the review before them."""
    t = track_targets(report_from_text(TERM_OLD, "t-2040.txt"), report_from_text(TERM_NEW, "t-2041.txt"))
    got = {k: (a, v) for k, a, v in zip(t.indicator_key, t.actual, t.verdict)}
    assert got["gdp"] == ("7.6%", "met")
    assert got["jobs"] == ("1090万人", "met")
    assert got["cpi"] == ("控制在4.4%", "missed")  # 4%左右 on a price: a ceiling, 0.4 points over; held at
    # 4.4% (控制在, no 以内) is the value reached, not a bound
    assert got["unemployment_registered"] == ("", "not reported")


def test_the_reasoning_after_a_target_list_is_no_target():
    """总的考虑是, 为…创造良好环境 and what follows them explain the targets: no headline rows."""
    hl = headline(report_from_text(TERM_NEW, "t-2041.txt"))
    targets = hl[hl.period == "target"]
    assert list(targets.indicator_key) == ["gdp", "cpi"]
    assert not targets.indicator.str.contains("考虑|环境|着力点").any()


def test_the_headline_results_are_the_past_year_sentences_not_the_five_year_review():
    hl = headline(report_from_text(TERM_NEW, "t-2041.txt"))
    actual = hl[hl.period == "actual"]
    assert list(actual.surface) == ["7.6%", "4.4%", "1090万人"]


RUN_IN = """2031年测试省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，全省上下团结奋斗，圆满完成全年目标任务。经济运行稳中向好。全省生产总值增长6.3%，一般公共预算收入增长4.1%。投资消费持续回暖。固定资产投资增长3.6%，社会消费品零售总额增长5.2%。科技创新成果丰硕。新认定高新技术企业812家，技术合同成交额增长21%。民生保障扎实有力。城镇新增就业38.5万人，为2.4万名困难学生发放助学金1.1亿元。
二、2031年目标任务
主要预期目标是：全省生产总值增长5.5%左右。
"""


def test_the_summary_stops_where_its_topical_run_in_parts_begin():
    """A summary paragraph split by run-in headings (经济运行稳中向好。…): the parts on the economy as a
    whole are the headline; innovation, livelihood and other topical parts after them are not."""
    hl = headline(report_from_text(RUN_IN, "t-2031.txt"))
    assert list(hl[hl.period == "actual"].surface) == ["6.3%", "4.1%", "3.6%", "5.2%"]


def test_inline_numbered_items_of_a_summary_are_taken_whole():
    text = RUN_IN.replace("经济运行稳中向好。", "一是经济运行稳中向好。").replace(
        "投资消费持续回暖。", "二是投资消费持续回暖。").replace("科技创新成果丰硕。", "三是科技创新成果丰硕。").replace(
        "民生保障扎实有力。", "四是民生保障扎实有力。")
    hl = headline(report_from_text(text, "t-2031.txt"))
    assert len(hl[hl.period == "actual"]) == 9


SECTORS = """2031年测试省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，全省生产总值增长5.9%。
二、2031年目标任务
主要预期目标是：全省生产总值增长5%左右，实际工作中争取更好结果，其中{sectors}分别增长4%左右、6.5%左右、5.5%左右；城镇调查失业率5.5%左右。
"""


@pytest.mark.parametrize("sectors", ["一二三产增加值", "第一、二、三产业增加值", "一、二、三产业增加值", "第一二三产业增加值"])
def test_a_respectively_list_over_the_three_sectors_is_three_targets(sectors):
    hl = headline(report_from_text(SECTORS.format(sectors=sectors), "t-2031.txt"))
    targets = hl[hl.period == "target"]
    assert list(targets.indicator_key) == ["gdp", "gdp_primary", "gdp_secondary", "gdp_tertiary",
                                           "unemployment_surveyed"]
    assert list(targets.value) == [5, 4, 6.5, 5.5, 5.5]


GAPS = """2031年测试省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，全年GDP增长5.3%，快于2029年0.9个百分点，出口、投资增速分别快于全国2.6个、0.7个百分点；规上工业增加值增长7.1%，高出全国平均水平1.2个百分点。
二、2031年目标任务
主要目标是：地区生产总值增长5%左右，外贸进出口争取实现正增长，居民消费价格总水平上涨幅度控制在2%左右。
"""


def test_gaps_to_the_nation_and_to_an_earlier_year_are_named_as_the_guideline_names_them():
    hl = headline(report_from_text(GAPS, "t-2031.txt"))
    actual = hl[hl.period == "actual"]
    assert list(zip(actual.indicator, actual.base_unit)) == [
        ("地区生产总值", "%"),                               # GDP written out
        ("地区生产总值增速快于2029年幅度", "个百分点"),
        ("出口增速快于全国幅度", "个百分点"),                 # one gap per listed subject, unit lent
        ("投资增速快于全国幅度", "个百分点"),
        ("规上工业增加值", "%"),
        ("规上工业增加值增速高于全国幅度", "个百分点"),  # 高出全国平均水平
    ]
    assert list(actual.change)[1:4] == ["none"] * 3  # a gap is not a change


def test_other_names_of_targets_get_their_keys():
    hl = headline(report_from_text(GAPS, "t-2031.txt"))
    targets = hl[hl.period == "target"]
    assert list(targets.indicator_key) == ["gdp", "trade", "cpi"]
    assert targets.change.iloc[2] == "increase"  # 上涨幅度控制在2%: a rise, not a level


def test_a_figure_with_a_part_taken_out_is_another_measure():
    text = GAPS.replace("规上工业增加值增长7.1%，高出全国平均水平1.2个百分点。",
                        "剔除价格因素后，固定资产投资增长3.8%。")
    hl = headline(report_from_text(text, "t-2031.txt"))
    row = hl[hl.surface == "3.8%"].iloc[0]
    assert row.indicator == "固定资产投资（扣除价格）" and row.indicator_key == ""


# ---------------------------------------------------------------- tracking: results written other ways

VERBS_OLD = """2030年测试省政府工作报告
各位代表：
一、2029年工作回顾
过去一年，全省生产总值增长6%。
二、2030年目标任务
主要预期目标是：全省生产总值增长6.5%左右，城镇新增就业80万人以上，居民消费价格涨幅3%左右，单位生产总值能耗下降3%以上，城镇调查失业率控制在5.5%以内。
"""


def _verbs_new(review: str) -> str:
    return f"""2031年测试省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，{review}
二、2031年目标任务
主要预期目标是：全省生产总值增长6%左右。
"""


def _tracked(review: str) -> dict:
    t = track_targets(report_from_text(VERBS_OLD, "v-2030.txt"), report_from_text(_verbs_new(review), "v-2031.txt"))
    return {k: (a, v, r) for k, a, v, r in zip(t.indicator_key, t.actual, t.verdict, t.reason)}


@pytest.mark.parametrize("jobs", ["新增就业人口86万人", "城镇新增就业人员86万人"])
def test_results_written_with_other_verbs_and_names(jobs):
    got = _tracked("全省生产总值增长6.6%，经济总量跃上9万亿元新台阶；居民消费价格涨幅回落到2.4%；"
                   f"单位生产总值能耗降幅超过3.5%；{jobs}；城镇调查失业率平均为5.2%。")
    assert got["gdp"][:2] == ("6.6%", "met")
    assert got["cpi"][:2] == ("2.4%", "met")              # 回落到: the rise is 2.4%, not a level
    assert got["energy_intensity"][:2] == ("下降超过3.5%", "met")  # a cut of more than 3.5%
    assert got["jobs"][:2] == ("86万人", "met")            # 新增就业人口 is 城镇新增就业
    assert got["unemployment_surveyed"][:2] == ("5.2%", "met")


def test_a_level_reached_is_a_result_row():
    hl = headline(report_from_text(_verbs_new("全省生产总值增长6.6%，经济总量跃上9万亿元新台阶。"), "v-2031.txt"))
    row = hl[hl.surface == "9万亿元"].iloc[0]
    assert row.indicator_key == "gdp" and row.value == 9e12 and row.change == "none"


@pytest.mark.parametrize("review", [
    "全省生产总值增长6.6%，但没有实现年初确定的单位生产总值能耗下降3%以上的目标。",
    "全省生产总值增长6.6%。单位生产总值能耗降低目标、物价调控目标没有完成。",
])
def test_a_target_the_review_says_was_missed_is_missed_with_the_sentence(review):
    got = _tracked(review)
    assert got["energy_intensity"][1] == "missed"
    assert "没有" in got["energy_intensity"][2]
    assert got["gdp"][1] == "met"


def test_the_missed_list_names_only_its_own_targets():
    got = _tracked("全省生产总值增长6.6%。单位生产总值能耗降低目标、物价调控目标没有完成。")
    assert got["cpi"][1] == "missed" and got["jobs"][1] == "not reported"


def test_a_whole_year_ceiling_is_not_met_by_a_year_end_figure_when_the_rate_rose():
    got = _tracked("全省生产总值增长6.6%，城镇调查失业率一度升至6.1%，年末回落到5.1%。")
    assert got["unemployment_surveyed"][1] == "not comparable"
    assert "一度升至6.1%" in got["unemployment_surveyed"][2]
    assert got["unemployment_surveyed"][2].startswith("全年上限不能只凭年末数字判定")  # the reason in Chinese
    plain = _tracked("全省生产总值增长6.6%，年末城镇调查失业率为5.1%。")
    assert plain["unemployment_surveyed"][:2] == ("5.1%", "met")


# ---------------------------------------------------------------- target lists with odd spacing or ordering

LIST = """2031年测试省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，全省生产总值增长6.1%。
二、2031年目标任务
{targets}
"""


@pytest.mark.parametrize("targets", [
    "综合各方面因素，建议今年全省生产总值增长预期目标为5%左右。其他主要预期目标是：城镇新增就业50万人以上，居民消费价格涨幅在 3%以内。",
    "今年全省生产总值增长目标定为5%左右。主要预期目标是：城镇新增就业50万人以上，居民消费价格涨幅在3%以内。",
    "主要预期目标是：全省生产总值增长５％左右，城镇新增就业５０万人以上，居民消费价格涨幅在 ３％以内。",
])
def test_a_target_list_with_odd_spacing_or_a_target_set_before_its_heading(targets):
    hl = headline(report_from_text(LIST.format(targets=targets), "t-2031.txt"))
    t = hl[hl.period == "target"]
    assert list(zip(t.indicator_key, t.value, t.qualifier, t.change)) == [
        ("gdp", 5, "approx", "increase"), ("jobs", 500000, "at_least", "none"), ("cpi", 3, "at_most", "increase")]


@pytest.mark.parametrize("before", ["我们将坚持稳中求进，力争全省生产总值增长更快一些、达到6%。",
                                    "今年全省经济总量将突破6万亿元。"])
def test_no_target_is_taken_from_a_sentence_before_the_list_that_sets_none(before):
    targets = before + "主要预期目标是：城镇新增就业50万人以上。"
    hl = headline(report_from_text(LIST.format(targets=targets), "t-2031.txt"))
    assert list(hl[hl.period == "target"].indicator_key) == ["jobs"]


def test_a_gdp_result_sharing_its_clause_with_a_rank():
    text = _verbs_new("全省经济总量迈上9万亿元台阶、居全国第7位，生产总值增长6.6%，增速居全国第3位；"
                      "一般公共预算收入增长4%，增速比全国高1.2个百分点。")
    a = headline(report_from_text(text, "v-2031.txt"))
    a = a[a.period == "actual"]
    assert list(zip(a.indicator_key, a.surface)) == [
        ("gdp", "9万亿元"), ("", "7位"), ("gdp", "6.6%"), ("", "3位"), ("fiscal_revenue", "4%"), ("", "1.2个百分点")]
    assert list(a.indicator)[1] == "全省经济总量全国排名"      # the level's rank, not one of 台阶
    assert list(a.indicator)[3] == "生产总值增速全国排名"  # the growth rate's rank
    assert list(a.indicator)[5] == "一般公共预算收入增速高于全国幅度"


def test_words_that_a_target_was_missed_speak_of_the_targets_their_clause_names():
    got = _tracked("全省生产总值增长6.6%，城镇新增就业有所减少，但单位生产总值能耗降低目标没有完成。")
    assert got["energy_intensity"][1] == "missed" and got["jobs"][1] == "not reported"


def test_a_target_named_again_in_the_missed_words_is_no_result():
    old = VERBS_OLD.replace("单位生产总值能耗下降3%以上", "单位生产总值能耗下降3%左右，主要污染物排放总量减少2%")
    new = _verbs_new("全省生产总值增长6.6%，但没有实现年初确定的单位生产总值能耗降低3%左右、主要污染物排放总量减少2%的目标。")
    t = track_targets(report_from_text(old, "v-2030.txt"), report_from_text(new, "v-2031.txt")).set_index("indicator_key")
    for key in ("energy_intensity", "major_pollutants"):
        assert (t.loc[key, "actual"], t.loc[key, "verdict"]) == ("", "missed")
        assert "没有实现年初确定的" in t.loc[key, "reason"]


@pytest.mark.parametrize("review, ranks", [
    ("全省地区生产总值稳居全国前十、增长6.1%，一般公共预算收入增长3%。", []),
    ("全省地区生产总值增长6.1%，增速居全国前列、中部第1位，一般公共预算收入增长3%。", ["全省地区生产总值增速中部排名"]),
])
def test_a_rank_in_words_beside_a_gdp_result_leaves_the_figure_to_gdp(review, ranks):
    hl = headline(report_from_text(_verbs_new(review), "v-2031.txt"))
    a = hl[hl.period == "actual"]
    assert list(a[a.base_unit == "%"].indicator_key) == ["gdp", "fiscal_revenue"]
    assert list(a[a.base_unit == "位"].indicator) == ranks


def test_a_result_set_against_its_plan_is_named_so():
    hl = headline(report_from_text(_verbs_new("全省生产总值增长6.6%，重点项目完成投资3100亿元、超年度计划12%。"), "v-2031.txt"))
    assert hl[hl.surface == "12%"].indicator.iloc[0] == "重点项目完成投资超年度计划幅度"


def test_a_rate_that_rose_may_be_named_by_its_last_word_but_not_abroad():
    rose = _tracked("全省生产总值增长6.6%。受疫情冲击，失业率一度明显上升。年末城镇调查失业率降到5.2%。")
    assert rose["unemployment_surveyed"][1] == "not comparable"
    abroad = _tracked("全省生产总值增长6.6%。一些国家失业率攀升至9%。年末城镇调查失业率降到5.2%。")
    assert abroad["unemployment_surveyed"][:2] == ("5.2%", "met")


def test_a_share_raised_to_a_level_is_no_rate_that_rose():
    """提升至 raises a share or intensity (a floor): no sentence saying a capped rate rose."""
    from zjtext.stated import rose_keys

    assert rose_keys("研发投入强度提升至3.2%，城镇调查失业率为5.1%")[0] == set()
    assert rose_keys("城镇调查失业率一度上升至6.1%")[0] == {"unemployment_surveyed"}
