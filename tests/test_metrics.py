"""Metric extraction: the number grammar piece by piece, periods, 分别 lists, headline, seed accuracy floor."""
from __future__ import annotations

import math

import pytest

from zjtext.evaluate import score
from zjtext.metrics import COLUMNS, extract_metrics, headline, parse_figures, resolve_list
from zjtext.report import report_from_text


def figs(text: str) -> list[tuple]:
    return [(f.surface, f.value, f.base_unit, f.category) for f in parse_figures(text)]


def one(text: str):
    found = parse_figures(text)
    assert len(found) == 1, [f.surface for f in found]
    return found[0]


def rows(body: str, heading: str = "一、2030年工作回顾"):
    r = report_from_text(f"2031年示范省政府工作报告\n各位代表：\n{heading}\n{body}", path="met_x.txt")
    return extract_metrics(r)


# ---------------------------------------------------------------- magnitudes and units

@pytest.mark.parametrize("text, surface, value, base, category", [
    ("安排财政资金1006.8亿元，", "1006.8亿元", 1006.8e8, "元", "money"),
    ("完成投资1万亿元以上。", "1万亿元", 1e12, "元", "money"),
    ("招募志愿者3.76万名。", "3.76万名", 37600, "名", "count"),
    ("新增装机1198万千瓦。", "1198万千瓦", 1198e4, "千瓦", "physical"),
    ("吞吐量3530万标箱。", "3530万标箱", 3530e4, "标箱", "physical"),
    ("收录藏品1.2万件（套）。", "1.2万件（套）", 12000, "件（套）", "count"),
    ("实际使用外资200亿美元以上。", "200亿美元", 200e8, "美元", "money"),
    ("平均浓度25.9微克/立方米。", "25.9微克/立方米", 25.9, "微克/立方米", "physical"),
    ("用能3793万吨标准煤。", "3793万吨标准煤", 3793e4, "吨标准煤", "physical"),
    ("建设高标准农田85.3万亩，", "85.3万亩", 85.3e4, "亩", "physical"),
    ("生产总值6.66万亿元。", "6.66万亿元", 6.66e12, "元", "money"),
    ("培训5000人次。", "5000人次", 5000, "人次", "count"),
    ("粮食产量500亿斤以上。", "500亿斤", 500e8, "斤", "physical"),
])
def test_magnitudes_and_units(text, surface, value, base, category):
    f = one(text)
    assert (f.surface, f.base_unit, f.category) == (surface, base, category)
    assert math.isclose(f.value, value)


def test_percent_points_multiple_rank_are_distinct_categories():
    assert figs("增长6%，高于全国1个百分点，提高0.5百分点，增长1.5倍，居全国第4位。") == [
        ("6%", 6.0, "%", "percent"), ("1个百分点", 1.0, "个百分点", "points"),
        ("0.5百分点", 0.5, "个百分点", "points"), ("1.5倍", 1.5, "倍", "multiple"),
        ("4位", 4.0, "位", "rank")]


def test_rank_without_unit_and_count_of_people_with_wei():
    assert figs("出口规模跃居全国第2、占全国份额达15%。") == [("2", 2.0, "", "rank"), ("15%", 15.0, "%", "percent")]
    assert figs("两院院士增至93位。") == [("93位", 93.0, "位", "count")]


def test_ranges():
    f = one("地区生产总值增长5%—5.5%。")
    assert (f.surface, f.value, f.value_max) == ("5%—5.5%", 5.0, 5.5)
    f = one("年均增速4.5%-5%，")
    assert (f.value, f.value_max) == (4.5, 5.0)
    f = one("建设5至8个示范区。")
    assert (f.surface, f.value, f.value_max, f.base_unit) == ("5至8个", 5.0, 8.0, "个")
    f = one("投资300~500亿元。")
    assert (f.value, f.value_max) == (300e8, 500e8)


def test_more_than_written_as_duo_and_yu():
    f = one("培育企业3000多家，")
    assert (f.value, f.base_unit, f.qualifier, f.qualifier_text) == (3000, "家", "more_than", "多")
    f = one("开展活动50余万人次。")
    assert (f.value, f.base_unit, f.qualifier) == (50e4, "人次", "more_than")


def test_list_neighbour_lends_its_unit():
    assert [(s, b) for s, _, b, _ in figs("旅客发送量分别达1120万、980万人次。")] == [("1120万", "人次"), ("980万人次", "人次")]
    # a unit written once for a list: the first surface as written, its unit column the full unit
    found = parse_figures("分别达到1409万、1305万人次，分别提高3.4个、1个百分点，分别增长5、6个百分点。")
    assert [(f.surface, f.unit, f.base_unit, f.category) for f in found] == [
        ("1409万", "万人次", "人次", "count"), ("1305万人次", "万人次", "人次", "count"),
        ("3.4个", "个百分点", "个百分点", "points"), ("1个百分点", "个百分点", "个百分点", "points"),
        ("5", "个百分点", "个百分点", "points"), ("6个百分点", "个百分点", "个百分点", "points")]


def test_fraction_and_cheng_are_shares():
    # 9成 is nine tenths, kept in its own unit as the annotation guideline does (value 9, base unit 成)
    assert figs("约占全国1/10，占全国9成。") == [("1/10", 10.0, "%", "percent"), ("9成", 9.0, "成", "percent")]


# ---------------------------------------------------------------- exclusions

@pytest.mark.parametrize("text", [
    "2023年大事要事喜事多。",                 # year
    "2024—2025年对全省水站进行改造。",         # year range
    "1月23日召开会议。",                       # date
    "确保新建项目10月底前全部开工。",          # month deadline
    "第十四届人大第2次会议，第21届省运会。",   # ordinals
    "为60岁以上老年人免费接种疫苗。",          # age
    "重点为13-14岁女生接种，0—6岁儿童筛查。",  # age ranges
    "为离校2年内未就业毕业生服务。",           # duration
    "回顾8年筹办历程，连续37年居全国首位。",   # durations
    "构建“8+4”经济政策体系。",               # label in quotes
    "落实“3个70%”要求。",                     # slogan in quotes
    "实施“415X”工程和“1+1+9”体系。",         # labels
    "大力实施双一流196工程，支持山区26县。",   # digits glued to a name
    "设区城市PM2.5浓度，建设5G基站，5A级景区。",  # Latin-glued names
    "编制《2024—2027年行动方案》。",           # book title
    "开通12345热线，跻身世界500强。",          # names
    "新材料、新能源24小时运行。",              # time of day
])
def test_not_metrics(text):
    assert parse_figures(text) == []


def test_list_markers_are_not_metrics():
    assert figs("1、医疗卫生。新增床位500张。") == [("500张", 500.0, "张", "count")]
    assert figs("（2）教育。新增学位2万个。") == [("2万个", 20000.0, "个", "count")]


def test_ages_and_days_that_are_measures():
    assert figs("人均预期寿命提高到81.2岁。") == [("81.2岁", 81.2, "岁", "physical")]
    assert figs("优良天数增加12天。") == [("12天", 12.0, "天", "count")]


# ---------------------------------------------------------------- hedges

@pytest.mark.parametrize("text, qualifier, written", [
    ("生产总值增长5.5%左右。", "approx", "左右"),
    ("收录藏品约1.2万件。", "approx", "约"),
    ("惠及近300万人。", "approx", "近"),
    ("减负3300亿元以上。", "at_least", "以上"),
    ("浓度不高于25微克/立方米。", "at_most", "不高于"),
    ("失业率控制在5%以内。", "at_most", "以内"),
    ("资金不少于10亿元。", "at_least", "不少于"),
    ("外资占比超过29%。", "more_than", "超过"),
    ("藏品突破1.2万件。", "more_than", "突破"),
    ("覆盖率达75%以上。", "at_least", "以上"),
    ("强度预计达3.15%。", "none", "达"),
    ("节约资金5亿元。", "none", ""),   # 约 inside 节约 is not a hedge
    ("国家下达5亿元。", "none", ""),   # 达 inside 下达 is not a hedge
])
def test_hedges(text, qualifier, written):
    f = one(text)
    assert (f.qualifier, f.qualifier_text) == (qualifier, written)


def test_hedge_written_once_governs_the_list_but_not_backwards():
    df = rows("港口货物和集装箱吞吐量超9.8亿吨、2600万标箱，新增A类企业30家、B类企业300家以上。")
    assert df.qualifier.tolist() == ["more_than", "more_than", "none", "at_least"]
    assert df.qualifier_text.tolist() == ["超", "超", "", "以上"]


# ---------------------------------------------------------------- change

@pytest.mark.parametrize("text, change", [
    ("生产总值增长6%。", "increase"),
    ("居民消费价格上涨0.3%。", "increase"),
    ("居民消费价格涨幅3%左右。", "increase"),
    ("研发投入强度提高0.2个百分点。", "increase"),
    ("能耗下降3.3%以上。", "decrease"),
    ("为企业减负2500亿元。", "none"),  # relief of a burden: an amount given, not a fall
    ("死亡人数分别下降11.3%、10.2%。", "decrease"),
    ("城镇调查失业率为4.6%。", "none"),
    ("新增上市公司65家。", "none"),
    ("覆盖率提高到85%。", "none"),
    ("中介事项压缩至50项以内。", "none"),
    ("增速高于全省平均1个百分点。", "none"),
])
def test_change(text, change):
    assert set(rows(text).change) == {change}


# ---------------------------------------------------------------- indicators

@pytest.mark.parametrize("text, indicator", [
    ("为小微企业减负180亿元以上。", "小微企业减负"),
    ("全年减税降费95亿元。", "减税降费"),
    ("向农户让利12亿元。", "农户让利"),
])
def test_relief_of_a_burden_is_an_amount_named_by_its_verb(text, indicator):
    """减负/减税降费/让利 + an amount: the amount given (change none), the verb kept in the name, so a
    page never reads it as the beneficiary falling (小微企业 下降180亿元)."""
    df = rows(text)
    assert df.indicator.tolist() == [indicator] and df.change.tolist() == ["none"]


def test_fenbie_and_pairs_resolve_in_order():
    df = rows("城镇和农村居民人均可支配收入分别增长5.2%、7.3%；"
              "数字经济核心产业制造业、高新技术产业、战略性新兴产业增加值分别增长8.3%、7%、6.3%。")
    assert df.indicator.tolist() == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "数字经济核心产业制造业增加值",
                                     "高新技术产业增加值", "战略性新兴产业增加值"]


@pytest.mark.parametrize("bullet", ["——", "—", "●", "■"])
def test_a_bullet_before_a_list_subject_is_not_part_of_it(bullet):
    # a target list written as bullets (——城乡居民…分别增长6%和8%以上；) resolves as the same line unbulleted
    df = rows(f"{bullet}城乡居民人均可支配收入分别增长6%和8%以上；\n{bullet}粮食产量稳定在110万吨以上。")
    assert df.indicator.tolist() == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "粮食产量"]


def test_guo_before_a_figure_is_a_threshold_passed_unless_it_ends_another_word():
    df = rows("全省生产总值过10万亿元，常住人口过1亿人；经过5年建设，学校达到200所。")
    assert list(zip(df.indicator, df.qualifier)) == [("全省生产总值", "more_than"), ("常住人口", "more_than"),
                                                      ("学校", "none")]


def test_a_threshold_passed_as_the_nth_place_belongs_to_the_subject_before_it():
    df = rows("全省生产总值增长4.8%、达到6.2万亿元，成为中部第二个、全国第九个过6万亿元省份。")
    assert df.indicator.tolist() == ["全省生产总值"] * 3 and df.qualifier.tolist()[-1] == "more_than"


def test_a_figure_converted_to_another_currency_is_the_same_indicator():
    df = rows("实际使用外资达到85.2亿美元、折合607亿元人民币，进出口总额3200亿美元、约合2.3万亿元。")
    assert df.indicator.tolist() == ["实际使用外资", "实际使用外资（折合人民币）", "进出口总额", "进出口总额（折合）"]
    assert df.indicator_key.tolist() == ["fdi", "fdi", "trade", "trade"]


def test_a_share_of_the_whole_growth_belongs_to_the_subject_before_it():
    df = rows("外贸进出口总额2.7万亿元、增长6.2%，贡献了全国11.3%的增量。")
    assert df.indicator.tolist()[-1] == "外贸进出口总额增量占全国比重" and df.change.tolist()[-1] == "none"


def test_a_rank_names_its_ranking():
    df = rows("区域创新能力居全国第4位，航运中心发展指数排名提升到全球第9位，外资规模居中西部第1位，综合实力位列第3位。")
    assert df.indicator.tolist() == ["区域创新能力全国排名", "航运中心发展指数全球排名", "外资规模中西部排名", "综合实力"]
    # one rank shared by two aspects (均) of the subject before names both, and the subject
    assert rows("生产总值增长6.3%，总量和增速均居全国第8位。").indicator.tolist()[-1] == "生产总值总量和增速全国排名"


def test_a_share_of_the_whole_keeps_the_reports_word_for_it():
    df = rows("出口规模跃居全国第2位、占全国份额达15%，粮食产量700亿斤、占全国比重6%，工业机器人产量12万台、占全国3成。")
    assert df.indicator.tolist()[1::2] == ["出口规模占全国份额", "粮食产量占全国比重", "工业机器人产量占全国比重"]


def test_a_gap_between_growth_rates_is_named_as_the_guideline_names_it():
    df = rows("全省生产总值增长5.1%、高于全国0.3个百分点，规上工业增加值增长7.6%，快于全国1.7个百分点，研发投入比上年提高0.2个百分点。")
    assert df.indicator.tolist()[:4] == ["全省生产总值", "全省生产总值增速高于全国幅度", "规上工业增加值",
                                         "规上工业增加值增速快于全国幅度"]
    assert df.indicator.tolist()[4] != "研发投入增速高于全国幅度"  # a change from last year is no gap


def test_resolve_list_shapes():
    assert resolve_list("一产、二产、三产增加值", 3) == ["一产增加值", "二产增加值", "三产增加值"]
    assert resolve_list("港口货物和集装箱吞吐量", 2) == ["港口货物吞吐量", "集装箱吞吐量"]
    assert resolve_list("限上零售额、规上服务业营收", 2) == ["限上零售额", "规上服务业营收"]
    assert resolve_list("甲和乙", 3) == ["甲和乙"] * 3  # counts differ: keep the whole subject


def test_an_item_that_names_its_own_people_borrows_no_scope():
    # 农牧民 (farmers and herders) is a scope of its own, like 农民: 城镇 is not lent to it
    assert resolve_list("城镇居民人均可支配收入和农牧民人均纯收入", 2) == ["城镇居民人均可支配收入", "农牧民人均纯收入"]
    assert resolve_list("城镇新增就业和失业人员再就业", 2) == ["城镇新增就业", "城镇失业人员再就业"]


def test_indicator_noun_phrase_before_the_figure():
    df = rows("全省生产总值增长6%；其中制造业使用外资增长85.8%，市场经营主体达1034万户、增长9.6%，"
              "区域创新能力居全国第4位。")
    assert df.indicator.tolist() == ["全省生产总值", "制造业使用外资", "市场经营主体", "市场经营主体", "区域创新能力全国排名"]


def test_a_basis_of_comparison_is_not_part_of_the_indicator():
    df = rows("一般公共预算收入同口径增长3%，税收收入可比口径增长2%。")
    assert df[["indicator", "change"]].values.tolist() == [["一般公共预算收入", "increase"], ["税收收入", "increase"]]


@pytest.mark.parametrize("verb", ["降到", "降至", "下降到", "增到", "提高到", "升到", "减到"])
def test_a_level_verb_ends_no_indicator(verb):
    df = rows(f"年末城镇调查失业率{verb}5.2%。")
    assert df[["indicator", "change"]].values.tolist() == [["年末城镇调查失业率", "none"]]


@pytest.mark.parametrize("when", ["全年", "年末", "年内", "当年"])
def test_a_time_word_after_the_subject_is_not_part_of_the_indicator(when):
    df = rows(f"城镇调查失业率{when}控制在5.5%以内，粮食产量{when}保持在1.3万亿斤以上。")
    assert df.indicator.tolist() == ["城镇调查失业率", "粮食产量"]


def test_a_measure_before_a_figure_belongs_to_the_thing_named_after_it():
    # verb + measure + figure + 的 + thing: the figure is the thing's measure; a count after it counts the things
    df = rows("设立总规模200亿元的科创母基金，建成年产值超5亿元的特色产业链30条，实施总投资80亿元的重点项目。")
    assert df[["surface", "indicator"]].values.tolist() == [
        ["200亿元", "科创母基金总规模"], ["5亿元", "特色产业链年产值"], ["30条", "特色产业链"],
        ["80亿元", "重点项目总投资"]]


def test_a_stretch_aim_after_a_figure_is_the_same_change_of_the_same_indicator():
    df = rows("今年主要预期目标是：全省生产总值增长5.5%，力争6%；一般公共预算收入增长3%，争取达到4%。")
    assert df[["indicator", "surface", "change", "qualifier_text"]].values.tolist() == [
        ["全省生产总值", "5.5%", "increase", ""], ["全省生产总值", "6%", "increase", "力争"],
        ["一般公共预算收入", "3%", "increase", ""], ["一般公共预算收入", "4%", "increase", "争取"]]


def test_list_items_inherit_the_opening_verb():
    df = rows("新增上市公司65家、专精特新企业384家，新遴选顶尖人才40名以上、省引才计划专家500名以上。")
    assert df.indicator.tolist() == ["新增上市公司", "新增专精特新企业", "新遴选顶尖人才", "新遴选省引才计划专家"]


def test_count_before_its_noun():
    df = rows("推动351个项目纳入保障范围，宁波、温州等5个城市承担协办任务，夺得了51枚金牌和53枚银牌。")
    # the gold names what the projects were counted for (纳入国家用地保障范围项目), not the verb before
    assert df.indicator.tolist() == ["纳入保障范围项目", "城市", "夺得金牌", "银牌"]


def test_a_turn_from_fall_to_rise_keeps_the_subject_and_new_makes_a_verb_a_modifier():
    df = rows("工业企业利润由上年下降1.7%转为增长6.4%。2150个新投产项目增加产值3800多亿元，3个村完成改造。")
    assert df[["indicator", "change"]].values.tolist()[:3] == [
        ["工业企业利润", "decrease"], ["工业企业利润", "increase"], ["新投产项目", "none"]]
    assert df.indicator.tolist()[-1] == "村"


def test_a_unit_that_begins_its_noun_counts_that_noun():
    df = rows("近14亿人口的发展中大国，就业比较充分。13亿多人民勤劳智慧。培训5000人以上，口碑良好。")
    assert df[["indicator", "surface", "value"]].values.tolist() == [
        ["人口", "14亿人", 1.4e9], ["人民", "13亿多人", 1.3e9], ["培训", "5000人", 5000]]


def test_qizhong_parts_take_the_whole_as_context():
    df = rows("新（改）建城市地下管网2200公里以上，其中燃气管网1100公里、供水管网300公里。"
              "新建公共充电桩2万个以上，其中农村1万个以上。实际使用外资增长4.8%，其中制造业使用外资增长85.8%。")
    assert df.indicator.tolist() == ["新（改）建城市地下管网", "新（改）建燃气管网", "新（改）建供水管网", "新建公共充电桩",
                                     "新建公共充电桩（农村）", "实际使用外资", "制造业使用外资"]


def test_later_list_inherits_subjects_of_earlier_list():
    df = rows("港口货物和集装箱吞吐量超9.8亿吨、2600万标箱，增长3.1%和4.2%。")
    assert df.indicator.tolist()[2:] == ["港口货物吞吐量", "集装箱吞吐量"]


# ---------------------------------------------------------------- periods

MINI_PLAN = """2031年示范省政府工作报告
各位代表：
一、2030年工作回顾
全省生产总值增长5.8%，新增上市公司42家。
二、“十五五”时期主要目标
“十四五”时期，全省经济总量年均增长6.1%。
“十五五”时期，力争研发投入强度达到3.5%。
三、2031年重点工作
新增高新技术企业1200家，去年新增科技型企业达到900家。
四、建设人民满意政府
压减一般性支出5%以上。
"""


def test_period_from_headings_and_cue_words():
    df = extract_metrics(report_from_text(MINI_PLAN, path="met_plan.txt"))
    assert list(zip(df.surface, df.period)) == [
        ("5.8%", "actual"), ("42家", "actual"),        # review section
        ("6.1%", "actual"),                            # 十四五 paragraph inside a plan section
        ("3.5%", "target"),                            # 十五五 goal
        ("1200家", "target"), ("900家", "actual"),     # 去年 … 达到: a past result quoted in the plan
        ("5%", "target"),                              # a section with no cue keeps the plan context
    ]


def test_period_without_meta_year_uses_headings():
    text = "各位代表：\n一、过去一年工作回顾\n生产总值增长5%。\n二、今年工作安排\n生产总值增长5%左右。\n"
    r = report_from_text(text, path="met_noyear.txt")
    assert extract_metrics(r).period.tolist() == ["actual", "target"]


def test_columns_are_stable(fixtures_dir):
    from zjtext import load_report

    df = extract_metrics(load_report(fixtures_dir / "met_mini.txt"))
    assert list(df.columns[:len(COLUMNS)]) == COLUMNS
    assert {"qualifier_text", "start"} <= set(df.columns)
    assert df.value_max.isna().all()


def test_empty_report_gives_empty_tables():
    r = report_from_text("各位代表：\n我们要继续努力。\n", path="met_empty.txt")
    assert extract_metrics(r).empty
    assert headline(r).empty


# ---------------------------------------------------------------- headline

def test_headline_on_made_up_report(fixtures_dir):
    from zjtext import load_report

    hl = headline(load_report(fixtures_dir / "met_mini.txt"))
    t = hl[hl.period == "target"]
    assert list(zip(t.indicator, t.surface, t.qualifier)) == [
        ("生产总值", "5%", "approx"), ("一般公共预算收入", "3%", "none"), ("城镇调查失业率", "5.5%", "at_most"),
        ("居民消费价格", "2%", "approx"), ("居民收入", "居民收入增长与经济增长同步", "none")]
    assert t.value.iloc[-1] != t.value.iloc[-1]  # words only: empty value
    a = hl[hl.period == "actual"]
    assert a.surface.tolist() == ["5.8%", "6.2%", "4.9%", "6.6%", "0.4%", "4.8%"]


@pytest.mark.parametrize("cue", ["主要预期目标是：", "主要预期目标建议为：", "主要预期目标确定为：", "主要预期目标安排如下：",
                                 "主要预期目标如下：", "主要目标是：", "主要预期目标："])
def test_the_target_list_cue_takes_the_verbs_reports_use(cue):
    text = f"各位代表：\n一、2030年工作回顾\n生产总值增长5.3%。\n二、2031年工作安排\n今年经济社会发展的{cue}" \
           "地区生产总值增长5%左右，城镇新增就业60万人以上。\n"
    t = headline(report_from_text(text, path="cue.txt")).query("period == 'target'")
    assert t.surface.tolist() == ["5%", "60万人"]


def test_headline_cue_split_over_lines():
    text = ("各位代表：\n一、2030年工作回顾\n生产总值增长5%。\n二、2031年工作安排\n今年经济社会发展的\n主要预期目标\n"
            "是：地区生产总值增长4%—4.5%；一般公共预算收入增长3%左右。这样的目标是积极稳妥的。\n")
    hl = headline(report_from_text(text, path="met_split.txt"))
    t = hl[hl.period == "target"]
    assert t.surface.tolist() == ["4%—4.5%", "3%"]
    assert t.value_max.tolist()[0] == 4.5


def test_a_target_list_written_one_bullet_a_line_names_its_word_targets_without_the_bullet():
    text = ("各位代表：\n一、2030年工作回顾\n生产总值增长5%。\n二、2031年工作安排\n今年经济社会发展的主要预期目标是：\n"
            "——地区生产总值增长5%左右；\n——单位地区生产总值能耗降低完成国家下达目标；\n"
            "——城乡居民收入增长与经济增长同步。\n")
    hl = headline(report_from_text(text, path="bullets.txt"))
    t = hl[hl.period == "target"]
    assert t.indicator.tolist() == ["地区生产总值", "单位地区生产总值能耗", "城乡居民收入"]
    assert t.surface.tolist()[1:] == ["单位地区生产总值能耗降低完成国家下达目标", "城乡居民收入增长与经济增长同步"]
    assert t.indicator_key.tolist() == ["gdp", "energy_intensity", "income"]


@pytest.mark.parametrize("items", [["1.地区生产总值增长5%左右。", "2.一般公共预算收入增长3%。", "3.城镇新增就业60万人以上。"],
                                   ["（一）地区生产总值增长5%左右；", "（二）一般公共预算收入增长3%；", "（三）城镇新增就业60万人以上。"]])
def test_a_numbered_target_list_runs_to_its_last_item_and_stops_at_the_next_section(items):
    text = ("各位代表：\n一、2030年工作回顾\n生产总值增长5.3%。\n二、2031年工作安排\n（二）主要预期目标\n" + "\n".join(items)
            + "\n（三）重点工作\n建设重大项目200个。\n")
    t = headline(report_from_text(text, path="numbered.txt")).query("period == 'target'")
    assert t.surface.tolist() == ["5%", "3%", "60万人"]


SEED_TARGETS = [("生产总值", 5.5, "approx"), ("规上工业增加值", 6.0, "approx"), ("固定资产投资", 6.0, "approx"),
                ("社会消费品零售总额", 5.5, "approx"), ("研发投入强度", 3.2, "none"), ("居民消费价格", 3.0, "approx"),
                ("城镇调查失业率", 5.0, "at_most")]


def test_seed_headline_targets_exactly(seed):
    hl = headline(seed)
    t = hl[(hl.period == "target") & hl.value.notna()]
    assert list(zip(t.indicator, t.value, t.qualifier)) == SEED_TARGETS
    words = hl[(hl.period == "target") & hl.value.isna()]
    assert words.indicator.tolist() == ["一般公共预算收入", "城乡居民收入"]


def test_seed_headline_matches_gold(seed, fixtures_dir):
    import pandas as pd

    from zjtext.evaluate import locate_gold

    gold = locate_gold(pd.read_csv(fixtures_dir / "zhejiang-2024.quantities.csv", dtype=str, keep_default_na=False),
                       seed)
    want = {(int(r.paragraph), int(r.start)) for r in gold.itertuples() if r.headline == "yes"}
    hl = headline(seed)
    got = {(int(r.paragraph), int(r.start)) for r in hl[hl.value.notna()].itertuples()}
    assert len(want) == 19 and got == want


# ---------------------------------------------------------------- accuracy floor on the seed

def test_seed_accuracy_floor(seed, fixtures_dir):
    scores, misses = score(extract_metrics(seed), fixtures_dir / "zhejiang-2024.quantities.csv", seed)
    assert scores["gold_unlocated"] == 0
    assert scores["recall"] >= 0.98, misses[misses.kind == "missed"]
    assert scores["precision"] >= 0.97, misses[misses.kind == "false_positive"]
    assert scores["period"] >= 0.97
    assert scores["indicator"] >= 0.90
    assert scores["qualifier"] >= 0.97
    assert scores["change"] >= 0.95
    assert scores["value"] >= 0.98


# ---------------------------------------------------------------- multi-year figures

@pytest.mark.parametrize("text, expected", [
    ("全省生产总值年均增长6.1%。", [True]),
    ("累计建成充电桩12万个。", [True]),
    ("高新技术企业5年增加2400多家。", [True]),
    ("营收、利润五年分别增长61.2%、20.5%。", [True, True]),
    ("事故死亡人数比2025年下降31%。", [True]),               # base year far back
    ("事故死亡人数比2029年下降3%。", [False]),               # the year before: a one-year change
    ("细颗粒物浓度较“十四五”末下降12%。", [True]),
    ("到2035年，研发投入强度达到4%。", [True]),              # a horizon beyond the report year
    ("细颗粒物年均浓度28微克/立方米。", [False]),            # an annual mean is one year's figure
    ("粮食产量连续8年稳定在900亿斤以上。", [False]),          # repeated level: kept as one year's
    ("新增上市公司42家，全年累计投资增长5%。", [False, False]),
])
def test_multi_year_cues_in_the_clause(text, expected):
    assert rows(text).multi_year.tolist() == expected


def test_duration_is_never_an_indicator():
    df = rows("财政总收入累计完成2.1万亿元，5年增长12.5%。城镇化率达到70.2%、5年提高3.1个百分点。")
    assert df.indicator.tolist() == ["财政总收入", "财政总收入", "城镇化率", "城镇化率"]
    assert df.multi_year.tolist() == [True, True, False, True]


MINI_FIVE_YEARS = """2031年示范省政府工作报告
各位代表：
一、“十五五”时期和2030年工作回顾
2030年是“十五五”的最后一年。五年来，我们接续奋斗。全省生产总值从8万亿元提高到10万亿元。
——创新能力实现新跃升。高新技术企业达到4.1万家，每万人口发明专利拥有量从40件提高到62件。
刚刚过去的2030年，全省生产总值增长5.3%，新增上市公司30家，技改投资从500亿元提高到560亿元。
二、“十六五”时期主要目标
“十六五”时期，居民人均可支配收入年均增长5.5%左右，全员劳动生产率达到40万元/人。
三、2031年重点工作
主要预期目标是：生产总值增长5%左右，城镇调查失业率5.5%左右。
力争到2035年建成充电桩50万个，今年新建充电桩5万个。
"""


def test_multi_year_context_from_headings_and_opening_words():
    df = extract_metrics(report_from_text(MINI_FIVE_YEARS, path="met_five.txt"))
    assert list(zip(df.surface, df.multi_year)) == [
        ("8万亿元", True), ("10万亿元", True),                      # 五年来 opens the paragraph
        ("4.1万家", True), ("40件", True), ("62件", True),          # a list item keeps the frame
        ("5.3%", False), ("30家", False), ("500亿元", False), ("560亿元", False),  # the past year
        ("5.5%", True), ("40万元/人", True),                        # a plan-period section
        ("5%", False), ("5.5%", False),
        ("50万个", True), ("5万个", False),
    ]
    hl = headline(report_from_text(MINI_FIVE_YEARS, path="met_five.txt"))
    assert not hl.multi_year.any()
    assert hl[hl.period == "actual"].surface.tolist() == ["5.3%", "30家", "500亿元", "560亿元"]


# ---------------------------------------------------------------- headline: change, indicators only

HEADLINE_BLOCK = """2031年示范省政府工作报告
各位代表：
一、2030年工作回顾
过去一年，全省生产总值4.6万亿元、增长5.1%、高于全国0.3个百分点，总量和增速均居全国第6位，\
成为中部第一个过4万亿元省份；固定资产投资下降2.7%，货物进出口总额增长3.6%、贡献了全国8.2%的增量，城镇调查失业率4.9%。
二、2031年工作安排
主要预期目标是：生产总值增长5%左右，固定资产投资增长1%，城镇调查失业率5.5%左右。
重点抓好以下9个方面的工作：
"""


def test_headline_has_change_and_keeps_value_unsigned():
    hl = headline(report_from_text(HEADLINE_BLOCK, path="met_hl.txt"))
    assert list(hl.columns[:10]) == ["indicator", "period", "value", "value_max", "base_unit", "qualifier", "surface",
                                     "sentence", "indicator_key", "change"]
    a = hl[hl.period == "actual"]
    # the whole summary paragraph, as the headline gold has it: the gap to the nation, the rank, the
    # milestone and the share of the nation are rows too, but with no indicator key (never tracked)
    assert list(zip(a.surface, a.value, a.change, a.indicator_key)) == [
        ("4.6万亿元", 4.6e12, "none", "gdp"), ("5.1%", 5.1, "increase", "gdp"), ("0.3个百分点", 0.3, "none", ""),
        ("6位", 6.0, "none", ""), ("4万亿元", 4e12, "none", ""), ("2.7%", 2.7, "decrease", "fixed_investment"),
        ("3.6%", 3.6, "increase", "trade"), ("8.2%", 8.2, "none", ""), ("4.9%", 4.9, "none", "unemployment_surveyed")]
    t = hl[hl.period == "target"]
    assert t.surface.tolist() == ["5%", "1%", "5.5%"] and t.change.tolist() == ["increase", "increase", "none"]


def test_list_introducing_count_is_named_and_never_a_headline_target():
    r = report_from_text(HEADLINE_BLOCK, path="met_hl.txt")
    df = extract_metrics(r)
    row = df[df.surface == "9个"].iloc[0]
    assert (row.indicator, row.period) == ("重点工作方面", "target")  # as the gold names 重点抓好10方面工作
    assert "9个" not in headline(r, df).surface.tolist()
    assert rows("我们要重点把握好4个方面：").indicator.tolist() == ["重点工作方面"]
    assert rows("示范区建设形成5个方面12条经验。").indicator.tolist()[0] != "重点工作方面"  # not a list opener


def test_count_before_a_measured_subject_names_the_counted_things():
    assert rows("18个县（市）生产总值近5年年均增速高于全省平均。").indicator.tolist() == ["县（市）"]


# ---------------------------------------------------------------- 分别 lists share a head or a scope

@pytest.mark.parametrize("text, names", [
    ("盗抢、涉诈、涉黄警情分别下降12.1%、9.4%、30%。", ["盗抢警情", "涉诈警情", "涉黄警情"]),
    ("城镇新增就业和失业人员再就业分别为62万人、14万人。", ["城镇新增就业", "城镇失业人员再就业"]),
    ("城镇新增就业和失业人员再就业人数分别为62万人、14万人。", ["城镇新增就业人数", "失业人员再就业人数"]),
    ("适龄幼儿入园率和普惠率分别达95%和91%。", ["适龄幼儿入园率", "适龄幼儿普惠率"]),
    ("城镇新增就业和农村劳动力转移就业分别为62万人、30万人。", ["城镇新增就业", "农村劳动力转移就业"]),
    ("营业总收入、利润总额分别增长8.2%、5.1%。", ["营业总收入", "利润总额"]),
    ("智能音箱、智能门锁限上零售额分别增长12%、20%。", ["智能音箱限上零售额", "智能门锁限上零售额"]),
    ("城镇居民人均可支配收入和农民人均纯收入分别增长8.5%和6.5%。", ["城镇居民人均可支配收入", "农民人均纯收入"]),
])
def test_fenbie_lists_distribute_head_or_scope(text, names):
    assert rows(text).indicator.tolist() == names


# ---------------------------------------------------------------- ratios give no row

@pytest.mark.parametrize("text, kept", [
    ("三次产业结构调整为5.1∶40.2∶54.7，服务业增加值增长6%。", ["6%"]),
    ("城乡居民收入比由2.41:1缩小到2.19:1，18个县脱贫。", ["18个"]),
    ("城乡收入比下降到2.05、城镇化率达到66%。", ["66%"]),
    ("城乡居民收入比2.3，农村居民收入增长7%。", ["7%"]),
])
def test_ratios_are_skipped_cleanly(text, kept):
    assert [f.surface for f in parse_figures(text)] == kept


def test_headline_block_is_the_whole_summary_paragraph_with_its_run_in_parts():
    text = ("各位代表：\n一、2030年工作回顾\n过去一年，全省生产总值增长5.2%。主要指标稳中有升。规上工业增加值增长6.3%，"
            "高于全国0.8个百分点。项目建设有力。新开工项目900个。\n")
    hl = headline(report_from_text(text, path="met_block.txt"))
    assert hl.surface.tolist() == ["5.2%", "6.3%", "0.8个百分点", "900个"]  # a gap is a row of its own


def test_headline_from_metrics_read_back_as_text(seed):
    df = extract_metrics(seed)
    again = headline(seed, df.astype({"multi_year": str}))
    assert again.surface.tolist() == headline(seed, df).surface.tolist()
    assert headline(seed, df.drop(columns=["multi_year"])).surface.tolist() == again.surface.tolist()


# ---------------------------------------------------------------- 2026 sample: counts of kinds, back-references, 减X

def test_counts_of_kinds_are_figures_but_class_labels_are_not():
    assert [f.surface for f in parse_figures("今年办好8类30件惠民实事。")] == ["8类", "30件"]
    assert [f.surface for f in parse_figures("实施9大类40项惠民工程。")] == ["9大类", "40项"]
    assert [f.surface for f in parse_figures("获批2类创新药5个。")] == ["5个"]  # 2类创新药 is a drug class


def test_noun_after_count_keeps_its_size_floor():
    df = rows("加快推进滨江大桥、北港新区等8600个千万元以上在建项目建设。")
    assert df.indicator.tolist() == ["千万元以上在建项目"]


@pytest.mark.parametrize("text, names", [
    ("高校毕业生留本地就业超21万人、稳定在全国1/15以上。", ["高校毕业生留本地就业", "高校毕业生留本地就业占全国比重"]),
    ("新增专利示范企业420家、总数突破3000家。", ["新增专利示范企业", "专利示范企业总数"]),
    ("智能农机年产量增至6万台、占比达到31%。", ["智能农机年产量", "智能农机年产量占比"]),
])
def test_bare_share_or_total_refers_to_the_previous_subject(text, names):
    assert rows(text).indicator.tolist() == names


def test_predicate_after_a_count_names_what_was_counted():
    df = rows("推动26家企业入选国家制造业单项冠军企业，引导83个项目纳入省级重点工程库。")
    assert df.indicator.tolist() == ["入选国家制造业单项冠军企业", "纳入省级重点工程库项目"]


def test_cutting_an_object_by_a_percent_is_a_decrease():
    df = rows("涉企事项办理平均减时间61%、减材料47%，审减率达12.5%。")
    assert df.change.tolist() == ["decrease", "decrease", "none"]


def test_count_of_kinds_names_the_things_counted_next():
    df = rows("全年办好8类30件惠民实事。")
    assert df.indicator.tolist()[0] == "惠民实事（类）"
    df = rows("全年9大类52项惠民实事项目如期完成。")
    assert df.indicator.tolist() == ["惠民实事（类）", "惠民实事项目"]


def test_set_phrases_stay_inside_the_counted_noun():
    df = rows("建成860多个宜居宜业和美乡村，新增3个国家生态文明建设示范区。")
    assert df.indicator.tolist() == ["建成宜居宜业和美乡村", "新增国家生态文明建设示范区"]


# ---------------------------------------------------------------- fast paths agree with the plain rules

def _plain_clause_start(text: str, i: int, floor: int) -> int:
    """Walk back from i to the last clause boundary outside brackets and quotes (the rule, char by char)."""
    depth = 0
    for j in range(i - 1, floor - 1, -1):
        closing, opening = text[j] in "”）)》", text[j] in "“（(《"
        if depth == 0 and not (closing or opening) and text[j] in "，,；;。：:！!？?":
            return j + 1
        depth = depth + 1 if closing else max(0, depth - 1) if opening else depth
    return min(i, floor)


@pytest.mark.parametrize("text", [
    "示范区居民收入（含“工资，奖金”），比上年增长6.2%；",
    "全年新增就业12万人，其中（农村，山区）3万人。",
    "）前文，（未闭合的括号，比上年下降2%",
    "《条例，细则》实施后，投诉下降“三成，以上”：",
])
def test_clause_start_agrees_with_the_plain_walk(text):
    from zjtext.metrics.figures import _clause_end, _clause_start

    for i in range(len(text) + 1):
        for floor in range(0, len(text) + 1, 3):
            assert _clause_start(text, i, floor) == _plain_clause_start(text, i, floor), (i, floor)
            plain_end = next((j for j in range(i, floor) if text[j] in "，,；;。：:！!？?"), max(i, floor))
            assert _clause_end(text, i, floor) == plain_end, (i, floor)


def _last_chars(items) -> tuple[set[str], bool]:
    """The characters a match of a parsed regex can end with, and whether the match can be empty."""
    from re import _constants as C

    acc: set[str] = set()
    for op, av in reversed(list(items)):
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        if op is C.LITERAL:
            return acc | {chr(av)}, False
        if op is C.IN:
            for kind, arg in av:
                assert kind in (C.LITERAL, C.RANGE), kind  # a class or negation: not handled here
                acc.update(chr(arg) if kind is C.LITERAL else map(chr, range(arg[0], arg[1] + 1)))
            return acc, False
        if op is C.SUBPATTERN:
            chars, empty = _last_chars(av[3])
        elif op is C.BRANCH:
            parts = [_last_chars(alt) for alt in av[1]]
            chars, empty = set().union(*(c for c, _ in parts)), any(e for _, e in parts)
        else:
            assert op in (C.MAX_REPEAT, C.MIN_REPEAT), op
            chars, empty = _last_chars(av[2])
            empty = empty or av[0] == 0
        acc |= chars
        if not empty:
            return acc, False
    return acc, True


def test_trail_strip_bounds_hold_for_its_pattern():
    """_strip_phrase searches _TRAIL_STRIP only when the phrase ends in one of _TRAIL_LAST_CHARS, and only
    in its last _TRAIL_STRIP_WIDTH characters."""
    import re

    from zjtext.metrics import subjects as metrics

    parsed = re._parser.parse(metrics._TRAIL_STRIP.pattern, metrics._TRAIL_STRIP.flags)
    assert parsed.getwidth()[1] <= metrics._TRAIL_STRIP_WIDTH
    chars, empty = _last_chars(parsed)
    assert not empty and chars <= metrics._TRAIL_LAST_CHARS, chars - metrics._TRAIL_LAST_CHARS


@pytest.mark.parametrize("raw", [
    "全省规模以上工业增加值比上年增长", "其中，山区海岛县居民收入名义增长", "连续5年稳居全国同类城市第",
    "示范区研发投入强度继续保持在", "2030年末全市常住人口城镇化率提高到", "近3年来累计完成", "年均",
    "营商环境满意度提升至长三角城市第", "示范区研发投入\n提升至长三角城市第\n", "示范区\n增长\n第",
])
def test_strip_phrase_agrees_with_plain_substitution(raw):
    from zjtext.metrics.subjects import _LEAD_STRIP, _TRAIL_STRIP, _strip_phrase

    s = raw.strip()
    for rx, rounds in ((_LEAD_STRIP, 6), (_TRAIL_STRIP, 8)):
        for _ in range(rounds):
            s, before = rx.sub("", s), s
            if s == before:
                break
    assert _strip_phrase(raw) == s.strip(" 、，,：:")


# ---------------------------------------------------------------- report families: national lists, bullets, broken lines

@pytest.mark.parametrize("text, names", [
    ("第一、二、三产业增加值分别增长3.1%、5.2%、6.3%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
    ("一产、二产、三产增加值分别增长3%、4.5%、5.5%。", ["一产增加值", "二产增加值", "三产增加值"]),
])
def test_numbered_industries_share_the_last_items_noun(text, names):
    df = rows(text)
    assert df.indicator.tolist() == names
    assert df.indicator_key.tolist() == ["gdp_primary", "gdp_secondary", "gdp_tertiary"]


@pytest.mark.parametrize("text, name, key", [
    ("规模以上工业企业达到3.1万家、增加值增长6.2%。", "规模以上工业增加值", "industry_above_scale"),
    ("社会消费品零售总额实现1.2万亿元。", "社会消费品零售总额", "retail_sales"),
    ("常住人口由上年655万人增加到661万人。", "常住人口", "population"),
    ("外贸进出口总额增长4%，其中出口增长9.5%。", "外贸进出口总额（出口）", "exports"),
])
def test_subjects_that_the_vocabulary_can_key(text, name, key):
    last = rows(text).iloc[-1]
    assert (last.indicator, last.indicator_key) == (name, key)


def test_below_before_a_figure_is_a_ceiling():
    r = rows("城镇登记失业率低于4.3%。", heading="二、2031年工作安排").iloc[0]
    assert (r.indicator, r.qualifier, r.qualifier_text, r.indicator_key) == (
        "城镇登记失业率", "at_most", "低于", "unemployment_registered")


def test_a_paragraph_cut_between_number_and_unit_is_read_whole():
    r = report_from_text("2031年示范省政府工作报告\n各位代表：\n一、2030年工作回顾\n——经济运行稳中向好。全省生产总值达到8.6\n"
                         "万亿元，增长5.3%，居民消费价格上涨0.6%。\n", path="met_cut.txt")
    df = extract_metrics(r)
    assert list(zip(df.paragraph, df.surface, df.indicator_key)) == [
        (3, "8.6万亿元", "gdp"), (4, "5.3%", "gdp"), (4, "0.6%", "cpi")]
    body = {p.index: p.text for p in r.body}
    # each figure sits where it starts (a figure that spans the cut reads on into the next paragraph)
    assert all((body[p] + body.get(p + 1, ""))[s:].startswith(x) for p, s, x in zip(df.paragraph, df.start, df.surface))
    assert headline(r, df).surface.tolist() == ["8.6万亿元", "5.3%", "0.6%"]


BULLETS = """2031年示范国政府工作报告
各位代表：
一、2030年工作回顾
过去一年，我们迎难而上，主要目标任务较好完成。
——经济保持平稳增长。国内生产总值增长5.6%，居民消费价格上涨1.9%。
——改革开放持续深化。新设自由贸易试验区3个。
——就业和收入稳步增加。城镇新增就业1210万人，居民人均可支配收入增长5.8%。
我们的主要工作是：
二、2031年工作安排
"""


def test_bullet_summary_keeps_growth_and_livelihood_bullets():
    hl = headline(report_from_text(BULLETS, path="met_bullets.txt"))
    assert hl.surface.tolist() == ["5.6%", "1.9%", "1210万人", "5.8%"]  # not the reform bullet's 3个


def test_past_year_inside_a_five_year_paragraph_starts_at_its_own_sentence():
    text = ("2031年示范省政府工作报告\n各位代表：\n一、过去五年和2030年工作回顾\n"
            "五年来，全省经济总量连上台阶，发展质量稳步提升。\n"
            "在财政工作上，赤字率从五年前的3%降到去年的2.4%。\n"
            "在金融工作上，坏账率由5.2%下降到1.1%，新设村镇银行30家。"
            "2030年，面对多重压力，全省生产总值增长5.1%，城镇新增就业82万人，居民消费价格上涨1.2%。\n"
            "二、2031年工作安排\n")
    r = report_from_text(text, path="met_mixed.txt")
    assert headline(r).surface.tolist() == ["5.1%", "82万人", "1.2%"]


@pytest.mark.parametrize("marker", ["——", "（{n}）", "{n}."])
def test_target_list_written_one_item_a_line(marker):
    items = ["地区生产总值增长5%左右；", "一般公共预算收入增长3%；", "城镇调查失业率5.5%以内；", "居民消费价格涨幅2%左右。"]
    lines = "\n".join(marker.format(n=n) + it for n, it in enumerate(items, start=1))
    text = (f"2031年示范省政府工作报告\n各位代表：\n一、2030年工作回顾\n过去一年，全省生产总值增长5.2%。\n二、2031年工作安排\n"
            f"今年经济社会发展的主要预期目标是：\n{lines}\n这些目标，体现了稳中求进，新增就业岗位10万个。\n")
    t = headline(report_from_text(text, path="met_lines.txt")).query("period == 'target'")
    assert list(zip(t.indicator_key, t.surface, t.qualifier)) == [
        ("gdp", "5%", "approx"), ("fiscal_revenue", "3%", "none"), ("unemployment_surveyed", "5.5%", "at_most"),
        ("cpi", "2%", "approx")]


def test_topical_review_units_opening_on_this_year_give_the_economy_unit():
    text = ("2031年示范省政府工作报告\n各位代表：\n一、过去五年和2030年工作回顾\n"
            "五年来，全省综合实力跃上新台阶。\n"
            "这一年，我们办成了一批大事。一是科技创新实现突破，新增国家重点实验室4家。\n"
            "这一年，经济运行稳中向好，新开工项目900个。全省生产总值增长5.4%，一般公共预算收入增长2.9%，"
            "高于全国0.6个百分点。\n"
            "这一年，民生福祉持续增进。城镇新增就业71万人。\n二、2031年工作安排\n")
    hl = headline(report_from_text(text, path="met_units.txt"))
    assert hl.surface.tolist() == ["900个", "5.4%", "2.9%", "0.6个百分点"]  # the economy unit, whole


@pytest.mark.parametrize("lead", ["今年是“十五五”开局之年，全省经济社会发展的主要预期目标是：",
                                  "今年是“十五五”开局之年。全省经济社会发展的主要预期目标是："])
def test_target_list_in_the_first_year_of_a_plan(lead):
    text = ("2031年示范省政府工作报告\n各位代表：\n一、2030年工作回顾\n过去一年，全省生产总值增长5.2%。\n"
            "二、“十六五”时期主要目标\n到2035年，全省生产总值年均增长5%左右。\n三、2031年工作安排\n"
            f"{lead}全省生产总值增长5%左右，城镇调查失业率5.5%以内。\n")
    t = headline(report_from_text(text, path="met_first.txt")).query("period == 'target'")
    assert t.surface.tolist() == ["5%", "5.5%"] and t.paragraph.nunique() == 1
    assert "今年" in t.sentence.iloc[0] or "主要预期目标" in t.sentence.iloc[0]


@pytest.mark.parametrize("year, period", [(2031, "target"), (2036, "actual")])
def test_a_plan_period_is_past_or_coming_by_the_report_year(year, period):
    text = (f"{year}年示范省政府工作报告\n各位代表：\n“十六五”时期，全省生产总值年均增长5.8%。\n")
    r = extract_metrics(report_from_text(text, path="met_plan.txt")).iloc[0]
    assert (r.period, r.multi_year) == (period, True)  # 十六五 = 2031-2035


@pytest.mark.parametrize("title, name", [("2030年湖东省政府工作报告", "地区生产总值"),
                                         ("2030年国务院政府工作报告", "国内生产总值")])
def test_the_headline_table_names_gdp_where_a_report_writes_economic_growth(title, name):
    from zjtext.report import report_from_text

    r = report_from_text(f"{title}\n各位代表：\n一、2029年工作回顾\n经济增长5.2%。\n二、2030年主要目标\n"
                         "今年主要预期目标是：经济增长5%左右，居民消费价格涨幅2%左右。\n", "t-2030.txt")
    got = headline(r)[["period", "indicator", "indicator_key", "surface"]].values.tolist()
    assert got == [["target", name, "gdp", "5%"], ["target", "居民消费价格", "cpi", "2%"], ["actual", name, "gdp", "5.2%"]]
    # the metrics table keeps the words as written
    assert extract_metrics(r)["indicator"].tolist()[:1] == ["经济增长"]


def test_a_running_total_after_what_was_added_is_a_level_of_its_own():
    df = rows("新增口袋公园50座、累计达到600座，新建绿道80公里、累计达900公里。过去五年累计新增就业300万人。")
    assert df[["surface", "indicator", "multi_year"]].values.tolist()[:4] == [
        ["50座", "新增口袋公园", False], ["600座", "口袋公园总数", False],
        ["80公里", "新建绿道", False], ["900公里", "绿道总量", False]]
    assert df["multi_year"].tolist()[4:] == [True]  # a sum over five years stays a multi-year figure
