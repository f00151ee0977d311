"""The indicator vocabulary: one key per indicator, whole-name matches only, the data file well formed."""
import pytest

from zjtext import indicators
from zjtext.indicators import display_name, indicator_key, lookup, vocabulary


@pytest.mark.parametrize("names, key", [
    (["生产总值", "全省生产总值", "地区生产总值", "国内生产总值", "GDP", "ＧＤＰ", "经济增长", "全市生产总值增长",
      "完成地区生产总值", "湖东省生产总值", "全区生产总值", "自治区生产总值", "全自治区地区生产总值"], "gdp"),
    (["居民消费价格", "居民消费价格指数", "居民消费价格涨幅", "CPI", "物价", "价格总水平"], "cpi"),
    (["进出口总额", "外贸进出口", "进出口", "货物进出口总额", "货物贸易进出口"], "trade"),
    (["单位GDP二氧化碳排放", "单位地区生产总值二氧化碳排放", "单位国内生产总值二氧化碳排放量"], "co2_intensity"),
    (["单位国内生产总值能耗", "能耗强度", "国内生产总值能耗", "万元GDP能耗", "万元国内生产总值能耗"], "energy_intensity"),
    (["农村居民收入", "农村居民人均可支配收入"], "income_rural"),
    (["规上工业增加值", "规模以上工业增加值"], "industry_above_scale"),
    (["研发投入强度", "R&D经费投入强度", "全社会研发经费支出占生产总值比例", "研究与试验发展经费支出占地区生产总值比重"], "rd_intensity"),
    (["研发经费投入", "全社会研发经费投入", "全社会研发投入", "R&D经费投入"], "rd_spending"),
    (["细颗粒物（PM2.5）年均浓度", "PM2.5年均浓度"], "pm25"),
    (["广义货币M2", "M2", "广义货币（M2）"], "m2"),
    (["农牧民人均纯收入", "农民人均纯收入", "农村居民人均纯收入"], "income_rural_net"),
    (["农牧民人均可支配收入", "农村牧区常住居民人均可支配收入"], "income_rural"),
    (["财政总收入", "地方财政总收入"], "fiscal_total_revenue"),
    (["人口自然增长率", "全区人口自然增长率"], "population_growth"),
    (["单位GDP用水量", "万元地区生产总值用水量", "单位生产总值用水量"], "water_intensity"),
    (["森林覆盖率", "全省森林覆盖率"], "forest_coverage"),
    (["城镇调查失业率", "全国城镇调查失业率平均值", "城镇调查失业率平均水平"], "unemployment_surveyed"),
])
def test_aliases_share_one_key(names, key):
    assert {n: indicator_key(n) for n in names} == {n: key for n in names}


def test_surveyed_and_registered_unemployment_are_different_indicators():
    assert indicator_key("城镇调查失业率") == "unemployment_surveyed"
    assert indicator_key("城镇登记失业率") == "unemployment_registered"


@pytest.mark.parametrize("name", [
    "无人机产量占全国比重",            # a share of a product, not the product
    "生产总值增速高于全国幅度",        # a gap, not growth
    "数字经济",                       # an economy sector, not the economy
    "生产总值能耗下降率的统计口径说明",  # longer text that merely contains a name
    "新增公园", "", "   ",
])
def test_names_that_are_not_a_vocabulary_indicator_get_no_key(name):
    assert indicator_key(name) == ""


def test_vocabulary_file_is_well_formed():
    vocab = vocabulary()
    assert len(vocab) >= 40
    for ind in vocab.values():
        assert ind.key.isascii() and ind.key == ind.key.lower()
        assert ind.kind in indicators.KINDS
        assert ind.aliases and indicators.normalise(ind.name) in ind.aliases
        assert indicator_key(ind.name) == ind.key  # the display name maps back to its own key
    assert lookup("unemployment_surveyed").lower_is_better and not lookup("gdp").lower_is_better


def test_display_name_and_unknown_keys():
    assert display_name("gdp") == "地区生产总值"
    assert display_name("no_such_key", "原名") == "原名"
    assert lookup("") is None
