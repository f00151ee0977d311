"""Corpus views: the panel across regions and the series over years, from processed tables."""
from pathlib import Path

import pytest

from zjtext import cli
from zjtext.views import (
    PANEL_COLUMNS, SERIES_COLUMNS, keyword_trends, panel, panel_wide, processed_reports, read_processed, series,
    series_notes, slogan_debuts, term_changes,
)

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
SEED = ROOT / "data" / "raw" / "zhejiang-2024.html"
NEXT = FIX / "synthetic-zhejiang-2025.txt"
OTHERS = [FIX / "other-site-2025.html", FIX / "scraped-2026.txt"]


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    reports, errors = processed_reports([SEED, NEXT, *OTHERS], out, jobs=1)
    assert errors == []
    return out, reports


def test_read_processed_sorts_by_region_then_year(processed):
    _, reports = processed
    keys = [(r.region, r.year) for r in reports]
    assert keys == sorted(keys)
    assert {r.report_id for r in reports} == {"zhejiang-2024", "synthetic-zhejiang-2025", "other-site-2025", "scraped-2026"}


def test_panel_is_tidy_and_keeps_targets_as_written(processed):
    _, reports = processed
    df = panel(reports)
    assert list(df.columns) == PANEL_COLUMNS
    assert not df.duplicated(["report_id", "indicator_key"]).any()
    gdp = df[df["indicator_key"] == "gdp"].set_index("report_id")
    assert gdp.loc["zhejiang-2024", "target"] == "5.5%左右"
    assert gdp.loc["zhejiang-2024", "qualifier"] == "approx"
    assert gdp.loc["zhejiang-2024", "actual_year"] == 2023
    assert gdp.loc["synthetic-zhejiang-2025", "actual"] == "5.4%"  # the growth rate, not the GDP level
    assert gdp.loc["synthetic-zhejiang-2025", "actual_value"] == pytest.approx(5.4)
    # the 2025 report's GDP result judges the 2024 target (both reports are in the panel); none for 2024
    assert gdp.loc["synthetic-zhejiang-2025", "verdict"] == "met (within 左右)"
    assert gdp.loc["zhejiang-2024", "verdict"] == ""


def test_panel_wide_has_one_row_per_report_and_two_columns_per_indicator(processed):
    _, reports = processed
    wide = panel_wide(panel(reports), keys=["gdp", "cpi"])
    assert list(wide.columns) == ["地区", "年份", "地区生产总值 目标", "地区生产总值 上年实绩", "居民消费价格 目标", "居民消费价格 上年实绩"]
    assert len(wide) == len(reports)
    assert list(zip(wide["地区"], wide["年份"])) == sorted(zip(wide["地区"], wide["年份"]))


def test_series_judges_consecutive_years_only(processed):
    _, reports = processed
    zj = [r for r in reports if r.region == "浙江省"]
    df = series(zj)
    assert list(df.columns) == SERIES_COLUMNS
    by = df.set_index(["year", "indicator_key"])
    assert by.loc[(2024, "gdp"), "verdict"] == "met (within 左右)"  # 5.4% against 5.5%左右
    assert by.loc[(2024, "fixed_investment"), "verdict"] == "missed"  # 3.1% against 6%左右
    assert by.loc[(2024, "unemployment_surveyed"), "verdict"] == "met"  # a ceiling: 4.5% within 5%以内
    assert by.loc[(2024, "gdp"), "result_report_id"] == "synthetic-zhejiang-2025"
    latest = df[df["year"] == 2025]
    assert len(latest) and (latest["verdict"] == "").all()
    assert (latest["reason_code"] == "no_next_report").all() and latest["reason"].str.contains("没有2026年").all()


def test_series_without_the_next_year_gives_no_verdict_and_says_why(processed):
    _, reports = processed
    seed_only = [r for r in reports if r.report_id == "zhejiang-2024"]
    assert (series(seed_only)["verdict"] == "").all()
    notes = series_notes(seed_only)
    assert len(notes) == 1 and "consecutive" in notes[0] and "2024" in notes[0]
    assert series_notes([r for r in reports if r.region == "浙江省"]) == []


def test_keyword_trends_count_terms_per_10k_characters(processed):
    _, reports = processed
    df = keyword_trends(reports, ["八八战略", "不存在的提法"])
    seed = df[(df["report_id"] == "zhejiang-2024")].set_index("term")
    assert seed.loc["八八战略", "count"] >= 1 and seed.loc["八八战略", "per_10k"] > 0
    assert seed.loc["不存在的提法", "count"] == 0


def test_term_changes_and_slogan_debuts(processed):
    _, reports = processed
    zj = [r for r in reports if r.region == "浙江省"]
    changes = term_changes(zj, top=5, min_count=2)
    assert set(changes["direction"]) <= {"rose", "fell"}
    assert (changes[changes["direction"] == "rose"]["change"] > 0).all()
    debuts = slogan_debuts(zj)
    assert debuts.set_index("term").loc["八八战略", "first_year"] == 2024


def test_cli_panel_and_series_write_bom_csv(processed, capsys, tmp_path):
    out, _ = processed
    assert cli.main(["panel", str(SEED), str(NEXT), "--processed", str(out), "--jobs", "1"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("\ufeffreport_id,region,year,indicator_key")
    assert cli.main(["series", str(SEED), "--processed", str(out), "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "note: 浙江省: reports of 2024 only" in captured.err


def test_read_processed_of_a_missing_folder_is_empty(tmp_path):
    assert read_processed(tmp_path / "none") == []


def test_corpus_charts_draw_the_views(processed):
    from zjtext.charts import keyword_trend_lines, panel_dots, series_lines

    _, reports = processed
    fig = panel_dots(panel(reports), "gdp")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "浙江省 2024" in labels and len(labels) == len(set(labels))
    zj = [r for r in reports if r.region == "浙江省"]
    fig = series_lines(series(zj), "gdp")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2024", "2025"]
    assert "浙江省生产总值" in fig._suptitle.get_text()
    fig = keyword_trend_lines(keyword_trends(zj, ["八八战略"]))
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["八八战略"]


def test_a_joint_target_in_words_gives_each_indicator_its_own_row_and_figure(tmp_path):
    # one clause sets two targets in words; the next report gives a figure for each: each row shows
    # its own figure, written as a fall, and neither is judged (the words set no figure)
    (tmp_path / "湖东省-2030.txt").write_text(
        "2030年湖东省政府工作报告\n各位代表：\n一、2029年工作回顾\n全省生产总值增长5.2%。\n"
        "二、2030年主要目标\n今年主要预期目标是：全省生产总值增长5%左右；"
        "单位地区生产总值能耗和二氧化碳排放完成国家下达任务。\n", encoding="utf-8")
    (tmp_path / "湖东省-2031.txt").write_text(
        "2031年湖东省政府工作报告\n各位代表：\n一、2030年工作回顾\n全省生产总值增长5.1%，"
        "单位地区生产总值能耗下降3.2%，单位地区生产总值二氧化碳排放下降4.1%。\n"
        "二、2031年主要目标\n今年主要预期目标是：全省生产总值增长5%左右。\n", encoding="utf-8")
    reports, errors = processed_reports([tmp_path], tmp_path / "processed", jobs=1)
    assert errors == []
    df = series(reports).set_index(["year", "indicator_key"])
    assert df.loc[(2030, "gdp"), "verdict"] == "met"
    for key, actual in (("energy_intensity", "下降3.2%"), ("co2_intensity", "下降4.1%")):
        row = df.loc[(2030, key)]
        assert (row["target"], row["actual"], row["verdict"]) == (
            "单位地区生产总值能耗和二氧化碳排放完成国家下达任务", actual, "not comparable")
        assert row["reason_code"] == "no_target_figure_beside"


def test_the_series_chart_breaks_its_lines_at_a_year_without_a_target():
    import math

    import pandas as pd

    from zjtext.charts import series_lines

    rows = [("全国", y, "gdp", "国内生产总值", t, t, None, "approx", "%", "growth", f"c-{y}", f"c-{y + 1}", "", a, "met", "", "")
            for y, t, a in ((2019, 6.0, 6.1), (2021, 6.0, 8.1), (2022, 5.5, 3.0))]  # no target for 2020
    fig = series_lines(pd.DataFrame(rows, columns=SERIES_COLUMNS), "gdp")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020", "2021", "2022"]
    target_line = ax.get_lines()[0]
    assert list(target_line.get_xdata()) == [2019, 2020, 2021, 2022]
    assert math.isnan(target_line.get_ydata()[1])  # not bridged from 2019 to 2021


def test_the_series_chart_never_blows_a_tenth_of_a_point_up_to_its_full_height():
    import pandas as pd

    from zjtext.charts import series_lines

    rows = [("全国", y, "gdp", "国内生产总值", 5.0, 5.0, None, "approx", "%", "growth", f"c-{y}", f"c-{y + 1}", "", a,
             "met", "", "") for y, a in ((2024, 5.0), (2025, 5.1))]
    lo, hi = series_lines(pd.DataFrame(rows, columns=SERIES_COLUMNS), "gdp").axes[0].get_ylim()
    assert hi - lo >= 2.0 and lo < 5.0 and hi > 5.1


def test_the_keyword_trend_axis_starts_at_zero():
    import pandas as pd

    from zjtext.charts import keyword_trend_lines

    df = pd.DataFrame({"term": ["创新", "创新"], "year": [2025, 2026], "per_10k": [0.0, 0.0]})
    lo, hi = keyword_trend_lines(df).axes[0].get_ylim()
    assert (lo, hi) == (0.0, 1.0)  # no term found: no negative counts on the axis
    df["per_10k"] = [3.0, 4.5]
    assert keyword_trend_lines(df).axes[0].get_ylim()[0] == 0.0


def test_two_reports_of_one_region_and_year_are_noted_with_the_one_the_series_reads(tmp_path):
    from zjtext.views import ProcessedReport

    reps = [ProcessedReport(rid, "湖东省", year, "", tmp_path) for rid, year in
            (("hudong-2030", 2030), ("hudong-2031", 2031), ("hudong-2031-copy", 2031))]
    assert series_notes(reps) == ["湖东省 2031: 2 reports (hudong-2031, hudong-2031-copy); the series uses hudong-2031"]
    assert series_notes(reps, "zh")[0] == "湖东省2031年有2份报告（hudong-2031, hudong-2031-copy），序列采用 hudong-2031"


def test_the_table_types_cover_every_text_and_measure_column_the_producer_writes():
    from zjtext.processed import column_types
    from zjtext.report import report_from_text
    from zjtext.tables import report_tables

    report = report_from_text("2031年河湾省政府工作报告\n各位代表：\n一、2030年工作回顾\n全省生产总值增长4.2%，“河湾慧谷”建成。\n"
                              "二、2031年主要目标\n今年主要预期目标是：全省生产总值增长4.5%左右；居民收入与经济增长同步。\n",
                              path="hewan-2031.txt")
    for name, df in report_tables(report).items():
        if name in ("tokens", "vocabulary"):  # read by zjtext.process.read_tokens, with its own types
            continue
        types = column_types(name)
        for col, dtype in df.dtypes.items():
            if dtype.kind == "f":
                assert types.get(col) is float, (name, col)
            elif dtype.kind not in "biu":
                assert types.get(col) is str, (name, col)


@pytest.mark.filterwarnings("error")
def test_a_table_whose_text_columns_are_all_empty_reads_as_text_without_a_warning(tmp_path):
    """A tiny report's table may have a text column empty in every row (no hedge, no unit, no key):
    it is read as text (""), not as an all-NaN number column that pandas then warns about filling."""
    from zjtext.processed import headline_rows, read_processed, read_table

    folder = tmp_path / "p" / "hewan-2031"
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text('{"report_id": "hewan-2031", "region": "河湾省", "year": 2031}', encoding="utf-8")
    (folder / "targets.csv").write_text(
        "\ufeffindicator,period,value,value_max,base_unit,qualifier,surface,sentence,indicator_key,change,multi_year,"
        "qualifier_text,paragraph,start\n"
        "某项指数,target,,,,,同步,,,,False,,3,0\n", encoding="utf-8")
    rep = read_processed(tmp_path / "p")[0]
    table = rep.table("targets")
    for col in ("base_unit", "qualifier", "sentence", "indicator_key", "change", "qualifier_text"):
        assert table[col].tolist() == [""], col
    assert table["value"].dtype.kind == "f" and table["value"].isna().all()
    assert read_table(rep, "targets")["change"].tolist() == [""]
    assert headline_rows(rep)["change"].tolist() == ["none"]
