"""The run's index: national order, the GDP pair beside each report read from its saved table, the
label of a comparison across a gap, duplicates built once, and stale folders listed or pruned."""
from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from zjtext.site.index import gap_label, headline_pair, overview_page, prune, stale_folders
from zjtext.site.inputs import duplicates, loader
from zjtext.site.run import RunResult


def _report_folder(out: Path, rid: str, rows: list[str] = ()) -> Path:
    """A built report's folder: its stamp, front page and (optionally) headline table rows."""
    folder = out / rid
    (folder / "data").mkdir(parents=True)
    (folder / "index.html").write_text("<html></html>", encoding="utf-8")
    (folder / "run.json").write_text(json.dumps({"pages": ["index.html"]}), encoding="utf-8")
    if rows:
        header = "indicator,period,value,value_max,base_unit,qualifier,surface,indicator_key,change,qualifier_text"
        (folder / "data" / "targets.csv").write_text("\ufeff" + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def test_reports_in_the_national_order_with_their_gdp_target_and_last_years_growth(tmp_path):
    made = [("xinjiang-2030", "新疆维吾尔自治区", 2030), ("beijing-2030", "北京市", 2030), ("china-2029", "全国", 2029),
            ("sample-2030", "样例市", 2030), ("beijing-2031", "北京市", 2031), ("china-2030", "全国", 2030),
            ("tianjin-2030", "天津市", 2030)]
    results = []
    for rid, region, year in made:
        rows = ["生产总值,target,6.0,,%,approx,6%,gdp,increase,左右", "生产总值,actual,1.2e12,,元,none,1.2万亿元,gdp,none,",
                "生产总值,actual,5.8,,%,none,5.8%,gdp,increase,"] if rid == "tianjin-2030" else []
        folder = _report_folder(tmp_path, rid, rows)
        results.append(RunResult(rid, rid, [folder / "index.html"], title=f"{year}年{region}", region=region, year=year))
    doc = lxml_html.fromstring(overview_page(results, tmp_path))
    rows = [[td.text_content() for td in tr.xpath("./td")] for tr in doc.xpath("//table[@class='index']/tbody/tr")]
    assert [r[0] for r in rows] == ["2030年全国", "2029年全国", "2031年北京市", "2030年北京市", "2030年天津市",
                                    "2030年新疆维吾尔自治区", "2030年样例市"]
    assert rows[4][1:] == ["6%左右", "5.8%"], "the growth, not the level, as the report writes them"
    assert rows[0][1:] == ["", ""], "no table: nothing invented"


def test_gdp_pair_is_read_from_the_saved_table_only(tmp_path):
    folder = _report_folder(tmp_path, "a-2030", ["地区生产总值,target,4.5,5.0,%,none,4.5%—5%,gdp,increase,",
                                                 "地区生产总值,actual,3.9,,%,none,3.9%,gdp,decrease,"])
    assert headline_pair(folder) == ("4.5%—5%", "下降3.9%")
    assert headline_pair(tmp_path / "missing") == ("", "")


def test_a_comparison_across_a_gap_is_labelled_as_such():
    assert gap_label(2014, 2016) == "相隔两年：只列目标，不作判定"
    assert gap_label(2015, 2016) == "" and gap_label(None, 2016) == ""


def test_the_same_report_under_two_names_is_named_once(tmp_path):
    text = "2030年样例省政府工作报告\n各位代表：\n一、过去一年\n全省生产总值增长5%。\n二、今年目标\n生产总值增长5%左右。\n"
    first, copy, edited, other = (tmp_path / n for n in ("yangli-2030.txt", "copy.txt", "yangli-2030-v2.txt", "yangli-2031.txt"))
    first.write_text(text, encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    edited.write_text(text.replace("5%左右", "5.5%左右"), encoding="utf-8")
    other.write_text(text.replace("2030", "2031"), encoding="utf-8")
    found = duplicates([first, copy, edited, other], loader())
    assert found == {copy: (first, "bytes"), edited: (first, "report")}


def test_folders_of_earlier_runs_are_listed_as_stale_and_pruned(tmp_path):
    kept = _report_folder(tmp_path, "kept-2030")
    gone = _report_folder(tmp_path, "gone-2029")
    (tmp_path / "notes").mkdir()  # not made by a run: never touched
    old_compare = tmp_path / "compare" / "gone-2029"
    old_compare.mkdir(parents=True)
    (old_compare / "run.json").write_text("{}", encoding="utf-8")
    stale = stale_folders(tmp_path, [kept])
    assert stale == [gone, old_compare]
    page = lxml_html.fromstring(overview_page([], tmp_path, stale))
    assert "gone-2029" in page.text_content() and "--prune" in page.text_content()
    assert prune(stale) == stale
    assert kept.is_dir() and (tmp_path / "notes").is_dir() and not gone.exists() and not old_compare.exists()


def test_a_comparison_title_names_the_pair_apart():
    from types import SimpleNamespace

    from zjtext.site.run import compare_title

    def rep(year):
        return SimpleNamespace(meta=SimpleNamespace(region="样例省", year=year, title=""))

    assert compare_title([rep(2028), rep(2029)]) == "年度对比：样例省 2028—2029年"
    assert compare_title([rep(2027), rep(2028), rep(2030)]) == "样例省 2028年与2030年（相隔两年：只列目标，不作判定）"
