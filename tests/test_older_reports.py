"""Reports written the way older national reports are: targets set in a plan sentence rather than a
list, GNP (国民生产总值) as the headline, results in Chinese numerals.  Every sentence is made up."""
from __future__ import annotations

import pytest

from zjtext.compare import STAND_IN_REASON, track_targets
from zjtext.metrics import headline
from zjtext.report import report_from_text


def _report(year: int, body: str):
    text = f"{year}年国务院政府工作报告\n各位代表：\n{body}"
    return report_from_text(text, f"land-{year}.txt")


def _targets(report):
    head = headline(report)
    return [(r.indicator_key, r.value, r.value_max if r.value_max == r.value_max else None, r.change)
            for r in head[head.period == "target"].itertuples()]


@pytest.mark.parametrize("sentence, expected", [
    ("今年计划要求，国民生产总值增长百分之五，全社会固定资产投资增长百分之七。",
     [("gnp", 5.0, None, "increase"), ("fixed_investment", 7.0, None, "increase")]),
    ("今年国民生产总值计划增长百分之六，是稳妥的。", [("gnp", 6.0, None, "increase")]),
    ("今年计划国内生产总值增长百分之七。", [("gdp", 7.0, None, "increase")]),
    ("今年经济增长速度的宏观调控目标，定为百分之六至七。", [("gdp", 6.0, 7.0, "increase")]),
    ("今年经济增长速度的调控目标定为6%。", [("gdp", 6.0, None, "increase")]),
    ("今年的经济增长预期为5%左右。", [("gdp", 5.0, None, "increase")]),
])
def test_this_years_growth_target_set_in_a_plan_sentence(sentence, expected):
    report = _report(2041, f"一、2040年工作回顾\n过去一年，国内生产总值比上年增长4%。\n二、2041年的工作\n{sentence}\n")
    assert _targets(report) == expected


def test_main_targets_cue_with_a_growth_speed_name():
    report = _report(2041, "二、2041年的工作\n宏观调控的主要目标是：经济增长速度6%，零售物价涨幅控制在8%以内。\n")
    assert _targets(report)[0] == ("gdp", 6.0, None, "increase")


def test_a_multi_year_plan_figure_is_not_this_years_target():
    report = _report(2041, "二、2041年的工作\n按照五年计划，经济增长速度平均每年百分之七。今年计划国内生产总值增长百分之六。\n")
    assert _targets(report) == [("gdp", 6.0, None, "increase")]


OLD = "一、2040年工作回顾\n过去一年，国民生产总值增长百分之六。\n二、2041年的工作\n今年国民生产总值计划增长百分之七。\n"


def test_gnp_target_judged_against_the_next_reports_gnp():
    new = _report(2042, "一、2041年工作回顾\n过去一年，国民经济稳定增长，国民生产总值比上年增长百分之八点一。\n")
    row = track_targets(_report(2041, OLD), new).iloc[0]
    assert (row.indicator_key, row.verdict, row.actual_value, row.reason) == ("gnp", "met", 8.1, "")


def test_gnp_target_judged_against_gdp_when_the_next_report_gives_only_gdp():
    new = _report(2042, "一、2041年工作回顾\n过去一年，国内生产总值达到9000亿元，比上年增长百分之六点五。\n")
    row = track_targets(_report(2041, OLD), new).iloc[0]
    assert (row.indicator_key, row.verdict, row.actual_value) == ("gnp", "missed", 6.5)
    assert row.reason == STAND_IN_REASON and row.actual_indicator.startswith("国内生产总值")


def test_gdp_target_never_judged_against_gnp():
    old = _report(2041, "二、2041年的工作\n今年计划国内生产总值增长百分之七。\n")
    new = _report(2042, "一、2041年工作回顾\n过去一年，国民生产总值比上年增长百分之八。\n")
    row = track_targets(old, new).iloc[0]
    assert row.verdict == "not reported"


def test_an_abridged_report_title_gives_year_and_region():
    para = ("过去一年，全国各族人民团结奋斗，克服了种种困难，国内生产总值比上年增长百分之六，"
            "农业、工业和交通运输各项建设事业都有新的进步，人民生活继续改善。\n")
    text = "2041年国务院政府工作报告（摘要）\n" + para * 4
    meta = report_from_text(text, "land-abridged.txt").meta
    assert (meta.year, meta.region) == (2041, "全国")


def _series_rows(rows):
    import pandas as pd

    from zjtext.views import SERIES_COLUMNS

    return pd.DataFrame([("全国", y, key, name, f"{t}%", t, None, "none", "%", "growth", f"c-{y}", nxt, "", a, v, "", "")
                         for y, key, name, t, a, v, nxt in rows], columns=SERIES_COLUMNS)


def test_the_growth_series_draws_gnp_years_and_marks_the_years_it_cannot_judge():
    import math

    from zjtext.charts import series_lines

    df = _series_rows([(2031, "gnp", "国民生产总值", 6.0, 7.5, "met", "c-2032"),
                       (2032, "gdp", "国内生产总值", 7.0, 6.0, "missed", "c-2033"),
                       (2033, "gdp", "国内生产总值", 7.0, None, "", ""),   # no report of 2034
                       (2036, "gdp", "国内生产总值", 6.5, 6.6, "met", "c-2037")])  # no report of 2034, 2035
    ax = series_lines(df, "gdp").axes[0]
    target = ax.get_lines()[0]
    assert list(target.get_xdata()) == list(range(2031, 2037))
    assert [v for v in target.get_ydata() if not math.isnan(v)] == [6.0, 7.0, 7.0, 6.5]  # GNP year included
    labels = ax.get_legend_handles_labels()[1]
    assert "目标：国民生产总值" in labels and "缺下一年报告，不作判断" in labels
    assert "无目标（无该年报告或报告未设）" in labels
    shaded = sorted(round(p.get_x() + p.get_width() / 2) for p in ax.patches if p.get_width() == 1.0)
    assert shaded == [2034, 2035]


def test_a_years_own_gdp_target_wins_over_gnp():
    from zjtext.charts import series_lines

    df = _series_rows([(2031, "gnp", "国民生产总值", 6.0, 7.5, "met", "c-2032"),
                       (2031, "gdp", "国内生产总值", 5.0, 7.0, "met", "c-2032")])
    target = series_lines(df, "gdp").axes[0].get_lines()[0]
    assert list(target.get_ydata()) == [5.0]


def test_a_result_said_in_words_to_meet_the_target_is_met_and_quoted():
    new = _report(2042, "一、2041年工作回顾\n过去一年，经济运行平稳，国民生产总值增长率达到预期目标。\n")
    row = track_targets(_report(2041, OLD), new).iloc[0]
    assert row.verdict == "met" and "国民生产总值增长率达到预期目标" in row.reason


def test_words_that_a_target_was_met_need_the_indicator_named():
    new = _report(2042, "一、2041年工作回顾\n过去一年，农业生产达到预期目标，城乡市场繁荣。\n")
    assert track_targets(_report(2041, OLD), new).iloc[0].verdict == "not reported"


PRICE_TARGET = "二、2041年的工作\n今年计划要求，国民生产总值增长百分之七，零售物价上涨幅度控制在百分之六以内。\n"


@pytest.mark.parametrize("review, verdict", [
    ("过去一年，国民生产总值增长百分之七点二，商品零售价格总水平比上年下降。", "met"),      # a fall in words
    ("过去一年，国民生产总值增长百分之七点二，商品零售价格总水平比上年下降百分之一。", "met"),  # a figure
    ("过去一年，国民生产总值增长百分之七点二，商品零售价格总水平没有比上年下降。", "not reported"),
    ("过去一年，国民生产总值增长百分之七点二，零售物价上涨幅度比上年回落。", "not reported"),  # the rise slowed
    ("过去一年，国民生产总值增长百分之七点二，市场繁荣。", "not reported"),
])
def test_a_fall_in_words_meets_a_ceiling_on_the_rise(review, verdict):
    new = _report(2042, f"一、2041年工作回顾\n{review}\n")
    tracked = track_targets(_report(2041, PRICE_TARGET), new)
    row = tracked[tracked.indicator_key == "retail_price"].iloc[0]
    assert row.verdict == verdict
    if verdict == "met" and row.actual == "":
        assert "商品零售价格总水平比上年下降" in row.reason


@pytest.mark.parametrize("review, actual", [
    ("五年来，国民经济持续发展，国民生产总值平均每年增长百分之十一，去年国民生产总值增长百分之八点八，人民生活明显改善。", 8.8),
    ("五年来，国民生产总值平均每年增长百分之十一。去年国民生产总值增长百分之六点八。", 6.8),
    ("过去五年，国民生产总值年均增长百分之十一，粮食产量增加一千亿斤。", None),
])
def test_a_five_year_review_gives_the_years_figure_never_the_average(review, actual):
    new = _report(2042, f"一、过去五年的回顾\n{review}\n")
    row = track_targets(_report(2041, OLD), new).iloc[0]
    assert (None if row.actual_value != row.actual_value else row.actual_value) == actual
    assert row.verdict == ("not reported" if actual is None else "met" if actual >= 7 else "missed")


def test_the_national_reports_own_全国_indicator_is_a_target_and_is_tracked():
    old = _report(2041, "二、2041年的主要任务\n今年经济增长的预期目标为7%左右，全国商品零售价格总水平涨幅控制在3%以内。\n")
    assert _targets(old) == [("gdp", 7.0, None, "increase"), ("retail_price", 3.0, None, "increase")]
    new = _report(2042, "一、2041年工作回顾\n过去一年，国内生产总值增长7.3%，全国商品零售价格总水平上涨0.8%。\n")
    tracked = track_targets(old, new).set_index("indicator_key")
    assert list(tracked.verdict) == ["met", "met"] and list(tracked.actual_value) == [7.3, 0.8]


def test_series_and_compare_agree_on_gnp_then_gdp_years(tmp_path, capsys):
    """Three made-up national reports: a GNP target judged against GNP, then one judged against GDP,
    then a GDP target with no next report — through `zjtext series` and `zjtext compare`."""
    import csv
    import io

    from zjtext import cli

    bodies = {
        2040: "二、2040年的工作\n今年国民生产总值计划增长百分之六。\n",
        2041: "一、2040年工作回顾\n过去一年，国民生产总值比上年增长百分之七点一。\n"
              "二、2041年的工作\n今年国民生产总值计划增长百分之八。\n",
        2042: "一、2041年工作回顾\n过去一年，国内生产总值比上年增长百分之七点五。\n"
              "二、2042年的工作\n今年计划国内生产总值增长百分之七。\n",
    }
    files = []
    for year, body in bodies.items():
        path = tmp_path / f"land-{year}.txt"
        path.write_text(f"{year}年国务院政府工作报告\n各位代表：\n{body}", encoding="utf-8")
        files.append(str(path))
    assert cli.main(["series", *files, "--processed", str(tmp_path / "p"), "--jobs", "1", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    got = [(r["year"], r["indicator_key"], r["actual_value"], r["verdict"]) for r in rows]
    assert got == [("2040", "gnp", "7.1", "met"), ("2041", "gnp", "7.5", "missed"), ("2042", "gdp", "", "")]
    assert rows[1]["reason"] == STAND_IN_REASON and "2043" in rows[2]["reason"]
    assert cli.main(["compare", files[1], files[2], "--what", "targets", "--format", "csv"]) == 0
    compared = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [(r["indicator_key"], r["verdict"], r["reason"]) for r in compared] == [("gnp", "missed", STAND_IN_REASON)]


def test_a_target_list_with_full_width_figures_and_a_space_before_a_figure():
    report = report_from_text("2041年某省政府工作报告\n各位代表：\n二、2041年的工作\n"
                              "今年全省经济社会发展的主要预期目标是：地区生产总值增长６．５％左右，"
                              "居民消费价格涨幅在 ３％左右，城镇调查失业率控制在 5.5%以内。\n", "hill-2041.txt")
    head = headline(report)
    got = [(r.indicator_key, r.value, r.qualifier, r.surface) for r in head[head.period == "target"].itertuples()]
    assert got == [("gdp", 6.5, "approx", "6.5%"), ("cpi", 3.0, "approx", "3%"),
                   ("unemployment_surveyed", 5.5, "at_most", "5.5%")]
    assert all(r.surface in r.sentence for r in head.itertuples())
