"""The pages a reader gets: tables that read well, a way back and on from every page, report text
always shown as text, readable amounts, and a terminal table that fits the terminal."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from lxml import html as lxml_html

from zjtext import load_report
from zjtext.site import run as pipeline
from zjtext.cli import display_width, main, text_table
from zjtext.paths import DEFAULT_REPORT
from zjtext.site import labels
from zjtext.site.html import finish_page, render
from zjtext.site.index import overview_page
from zjtext.site.pages import FrontTables, compare_nav, index_page, report_nav

PAGES = [(f"{name}.html", f"{name[:2]} {labels.PAGE_TITLES.get(name, name)}") for name, _ in pipeline.report_notebooks()]


def front_tables(report, previous=None) -> FrontTables:
    """The tables the producer makes of ``report`` (and ``previous``), as a front page reads them."""
    from zjtext.compare import report_results, track_targets
    from zjtext.metrics import extract_metrics, headline
    from zjtext.tables import paragraphs_table

    metrics = extract_metrics(report)
    head = headline(report, metrics)
    tracked = track_targets(previous, report) if previous is not None else None
    return FrontTables(head, report_results(report, metrics, head), paragraphs_table(report), tracked)


def front_page(report, previous=None, compare=()):
    """A front page from the tables the producer makes of ``report`` (and ``previous``)."""
    return index_page(report, PAGES, front_tables(report, previous), previous, compare)


def _cells(doc, table_index: int, column: int) -> list:
    """The body cells of one column (0 = first cell of a row, pandas' index included)."""
    table = doc.xpath("//table")[table_index]
    return [row.xpath("./td|./th")[column] for row in table.xpath(".//tbody/tr")]


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


# ---------------------------------------------------------------- tables

@pytest.fixture(scope="module")
def notebook_page(tmp_path_factory) -> str:
    """A notebook page exported by zjtext's nbconvert template, holding one pandas table."""
    df = pd.DataFrame({
        "指标": ["生产总值", "新增专精特新“小巨人”企业", "城镇调查失业率"],
        "数值": [5.5, 300.0, 5.0],
        "章节": ["二、今年目标任务 > （一）稳定增长", "二、今年目标任务 > （二）发展产业 > 1.培育企业", "二、今年目标任务"],
        "限定": ["左右", "以上", "以内"],
        "原句": ["这是一句很长的、用于检查长文本列有足够宽度而且不会被压成一字一行的原句示例文字" * 2] * 3,
    }, index=[1, 2, 3])
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 示例页面"), nbformat.v4.new_code_cell("df", outputs=[
        nbformat.v4.new_output("execute_result", {"text/html": df.to_html(), "text/plain": df.to_string()}, execution_count=1)])]
    path = tmp_path_factory.mktemp("nb") / "page.ipynb"
    nbformat.write(nb, str(path))
    nav = report_nav(PAGES, PAGES[1][0], [("../compare/05-compare-reports.html", "年度对比")])
    return finish_page(pipeline.export_html(path, pipeline.make_exporter(), "示例 · 页面", nav))


def test_numbers_right_text_left_short_columns_unwrapped(notebook_page):
    doc = lxml_html.fromstring(notebook_page)
    assert all("num" in _classes(td) for td in _cells(doc, 0, 2)), "数值 should be right-aligned"
    assert not any(_classes(td) & {"num"} for td in _cells(doc, 0, 1)), "指标 is text: left-aligned"
    assert all("short" in _classes(td) for td in _cells(doc, 0, 4)), "限定 is short: no wrapping"
    assert all("long" in _classes(td) for td in _cells(doc, 0, 5)), "原句 gets room"
    assert all("mid" in _classes(td) for td in _cells(doc, 0, 1)), "指标 (up to 13 characters): never one a line"
    header = doc.xpath("//table//thead//th")
    assert "num" in _classes(header[2]), "a number column's header sits over its numbers"


def test_section_paths_are_compact_with_the_full_path_kept(notebook_page):
    doc = lxml_html.fromstring(notebook_page)
    cells = _cells(doc, 0, 3)
    assert [c.text_content() for c in cells] == ["（一）稳定增长", "1.培育企业", "二、今年目标任务"]
    assert cells[1].get("title") == "二、今年目标任务 > （二）发展产业 > 1.培育企业"


def test_zjtext_table_style_wins_over_the_lab_style(notebook_page):
    """JupyterLab's style right-aligns every cell and fixes the table layout (one character per
    line in narrow columns); zjtext's rules must come later with at least the same specificity."""
    styles = "\n".join(s.text or "" for s in lxml_html.fromstring(notebook_page).xpath("//style"))
    lab = styles.index(":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td")
    ours = styles.index(".jp-Notebook .jp-RenderedHTMLCommon td {")
    assert ours > lab
    rule = styles[ours:styles.index("}", ours)]
    assert "text-align: left" in rule
    assert re.search(r"\.jp-Notebook \.jp-RenderedHTMLCommon \.num \{[^}]*text-align: right", styles)
    assert re.search(r"\.jp-Notebook \.jp-RenderedHTMLCommon table \{[^}]*table-layout: auto", styles)


def test_every_page_has_one_csp_and_one_font_stack(notebook_page, seed):
    front = finish_page(front_page(seed))
    for page in (notebook_page, front):
        assert page.count('http-equiv="Content-Security-Policy"') == 1
        assert page.count("--zjtext-font:") == 1


# ---------------------------------------------------------------- the front page

@pytest.fixture(scope="module")
def front_2025(fixtures_dir) -> str:
    report = load_report(fixtures_dir / "synthetic-zhejiang-2025.txt")
    return finish_page(front_page(report, load_report(DEFAULT_REPORT), [("../compare/05-compare-reports.html", "年度对比")]))


def test_front_page_leads_with_targets_results_and_verdicts(front_2025):
    doc = lxml_html.fromstring(front_2025)
    table = doc.xpath("//table")[0]
    assert "headline" in _classes(table), "the headline table comes first"
    headers = [th.text_content() for th in table.xpath(".//thead//th")]
    assert headers == ["指标", "2024年目标", "2024年实绩", "是否完成", "2025年目标"]
    rows = {tr.xpath("./td")[0].text_content(): [td.text_content() for td in tr.xpath("./td")] for tr in table.xpath(".//tbody/tr")}
    assert rows["固定资产投资"][1:] == ["6%左右", "3.1%", "未达成", "3%以上"]
    assert rows["生产总值"][3] == labels.VERDICT["met (within 左右)"]
    assert set(r[3] for r in rows.values()) <= set(labels.VERDICT.values())


def test_front_page_without_last_years_report_says_so(seed):
    doc = lxml_html.fromstring(front_page(seed))
    headers = [th.text_content() for th in doc.xpath("//table[contains(@class, 'headline')]//thead//th")]
    assert headers == ["指标", "2023年实绩", "2024年目标"]
    assert "没有2023年的报告" in doc.text_content()
    assert doc.xpath("//h1")[0].text_content() == "2024年浙江省政府工作报告"


def test_targets_in_words_are_listed_apart_once(seed):
    """A target stated only in words is no figure: it is listed under 文字表述的目标 (once, though one
    clause may set it for two indicators) and never put in the table's figure column."""
    doc = lxml_html.fromstring(front_page(seed))
    words = [li.text_content() for li in doc.xpath("//ul[@class='words']/li")]
    assert words and len(words) == len(set(words))
    targets = [tr.xpath("./td")[-1] for tr in doc.xpath("//table[contains(@class, 'headline')]//tbody/tr")]
    assert all("num" in _classes(td) or td.text_content() in ("", "文字表述，见下") for td in targets)


# ---------------------------------------------------------------- navigation

def test_report_pages_link_back_on_and_to_the_comparison(notebook_page):
    doc = lxml_html.fromstring(notebook_page)
    hrefs = [a.get("href") for a in doc.xpath("//nav//a")]
    assert {"../index.html", "index.html", "../compare/05-compare-reports.html"} <= set(hrefs)
    assert {h for h, _ in PAGES} - {PAGES[1][0]} <= set(hrefs)
    pager = {a.text_content().strip(): a.get("href") for a in doc.xpath("//nav[@class='zjtext-pager']//a")}
    assert pager == {f"← {PAGES[0][1]}": PAGES[0][0], f"{PAGES[2][1]} →": PAGES[2][0]}
    last = report_nav(PAGES, PAGES[-1][0], [("../compare/05-compare-reports.html", "年度对比")])
    assert last.next.href == "../compare/05-compare-reports.html", "the last page leads on to the comparison"


def test_a_whole_run_has_no_dead_link_and_no_page_without_a_way_back(tmp_path, seed, fixtures_dir):
    """Pages of a two-report run (notebook pages stood in by the front page's template) with their
    comparison: every link resolves, and every page reaches the run index in one click."""
    new = load_report(fixtures_dir / "synthetic-zhejiang-2025.txt")
    compare_dir = tmp_path / "compare"
    compare = pipeline.RunResult("x", "compare", [compare_dir / "05-compare-reports.html"], title="年度对比：浙江省 2024—2025年")
    pages, results = {}, []
    for report, previous in ((seed, None), (new, seed)):
        folder = tmp_path / report.report_id
        links = [(pipeline.relative_href(compare.pages[0], folder), "年度对比")]
        pages[folder / "index.html"] = front_page(report, previous, links)
        for href, label in PAGES:
            nav = report_nav(PAGES, href, links)
            pages[folder / href] = render("base.html.j2", title=label, nav=nav)
        results.append(pipeline.RunResult("x", report.report_id, [folder / "index.html"], title=labels.report_name(report.meta)))
    nav = compare_nav(compare_dir, tmp_path, [(r.report_id, labels.short_name(r.meta)) for r in (seed, new)])
    pages[compare.pages[0]] = render("base.html.j2", title="对比", nav=nav)
    pages[tmp_path / "index.html"] = overview_page(results + [compare], tmp_path)
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    run_index = (tmp_path / "index.html").resolve()
    for path in pages:
        doc = lxml_html.fromstring(path.read_bytes())
        targets = [(path.parent / a.get("href")).resolve() for a in doc.xpath("//a[@href]")]
        assert targets, path
        assert all(t.exists() for t in targets), (path, [t for t in targets if not t.exists()])
        if path.resolve() != run_index:
            assert run_index in targets, f"{path}: no way back to the run index"
    index = lxml_html.fromstring((tmp_path / "index.html").read_bytes())
    texts = [a.text_content() for a in index.xpath("//a")]
    assert texts == ["2024年浙江省政府工作报告", "2025年浙江省政府工作报告", "年度对比：浙江省 2024—2025年"]
    assert not any("/" in t for t in texts), "names, not paths"


# ---------------------------------------------------------------- report text stays text

def test_report_text_with_markup_stays_text(fixtures_dir):
    report = load_report(fixtures_dir / "hostile-2024.txt")
    meta = dataclasses.replace(report.meta, title='<script>alert(1)</script>政府工作报告', speaker="<b onmouseover=x>赵六</b>")
    page = finish_page(front_page(dataclasses.replace(report, meta=meta)))
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//script | //b | //*[@onmouseover] | //a[starts-with(@href, 'javascript')]")
    assert "<script>alert(1)</script>政府工作报告" in doc.text_content() and "<b onmouseover=x>赵六</b>" in doc.text_content()
    hostile = render("run_index.html.j2", title="<b>t</b>", reports=[{"href": "a.html", "text": "<script>x</script>", "target": "<i>5%</i>", "actual": ""}],
                     comparisons=[], failed=[("<i>n</i>", "error <img src=x>")], nav=None)
    doc = lxml_html.fromstring(hostile)
    assert not doc.xpath("//script | //b | //i | //img")
    assert "<script>x</script>" in doc.text_content() and "<img src=x>" in doc.text_content()


# ---------------------------------------------------------------- amounts and names

@pytest.mark.parametrize("value, unit, expected", [
    (5300000000000, "元", "5.3万亿元"), (3300e8, "元", "3300亿元"), (1023.6e8, "元", "1023.6亿元"), (5.5, "%", "5.5%"),
    (112e4, "人", "112万人"), (9999, "人", "9999人"), (-2.4e8, "元", "-2.4亿元"), (1.5, "个百分点", "1.5个百分点"),
    (None, "元", ""), (float("nan"), "元", ""), (12345678, "", "1234.6万"),
])
def test_amounts_read_as_a_reader_writes_them(value, unit, expected):
    assert labels.amount(value, unit) == expected


def test_report_names_in_one_style():
    assert labels.report_name({"region": "安徽省", "year": 2026, "title": "安徽省2026年政府工作报告"}) == \
        labels.report_name({"region": "安徽省", "year": 2026, "title": "2026年政府工作报告"}) == "2026年安徽省政府工作报告"
    assert labels.region_name({"region": "", "title": "2019年国务院政府工作报告"}) == "全国"


@pytest.mark.parametrize("region,year,title", [
    ("浙江省", 2024, "2024年政府工作报告"), ("安徽省", 2026, "安徽省2026年政府工作报告"),
    ("全国", 2019, "2019年中华人民共和国国务院政府工作报告"), ("全国", 2015, "政府工作报告"),
    ("新疆维吾尔自治区", 2026, "2026年新疆维吾尔自治区人民政府工作报告"),
])
def test_links_and_headings_name_a_report_alike(region, year, title):
    """The name in links and indexes (labels) is the title on the report's own pages (ReportMeta)."""
    from zjtext.report import ReportMeta

    meta = ReportMeta("x", title=title, year=year, region=region)
    assert labels.report_name(meta) == meta.display_title


# ---------------------------------------------------------------- the terminal

def test_terminal_table_fits_100_columns_and_aligns_chinese(capsys):
    assert main(["metrics", str(DEFAULT_REPORT), "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in lines) <= 100
    gaps = [m.start() for m in re.finditer(r"  ", lines[1])]  # the two spaces between columns, from the rule line
    for line in lines[2:]:
        at = {}  # terminal column -> character
        col = 0
        for ch in line:
            at[col] = ch
            col += display_width(ch)
        for g in gaps:  # a wide character never straddles a gap: every column starts where its header does
            assert at.get(g, " ") == " " and at.get(g + 1, " ") == " ", line


def test_terminal_wide_shows_every_column_and_verdicts_in_the_pages_words(capsys, fixtures_dir):
    assert main(["metrics", str(DEFAULT_REPORT), "--format", "table", "--wide"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert "value_max" in header and "multi_year" in header
    assert main(["compare", str(DEFAULT_REPORT), str(fixtures_dir / "synthetic-zhejiang-2025.txt")]) == 0
    out = capsys.readouterr().out
    assert labels.VERDICT["missed"] in out and "missed" not in out


def test_text_table_counts_wide_characters():
    table = text_table(pd.DataFrame({"indicator": ["生产总值", "GDP"], "count": [1, 22]}))
    rows = table.splitlines()
    assert [display_width(r) for r in rows] == [display_width(rows[0])] * len(rows)


# ---------------------------------------------------------------- the embedded font

def _embedded_font(page: str):
    import base64
    import io

    from fontTools.ttLib import TTFont

    [data] = re.findall(r"url\(data:font/otf;base64,([A-Za-z0-9+/=]+)\)", page)
    return TTFont(io.BytesIO(base64.b64decode(data)))


def _cmap(font: bytes) -> dict:
    import io

    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(font)).getBestCmap()


def test_each_page_embeds_the_glyphs_of_its_own_characters(seed):
    from zjtext.site.html import finish_page, page_text, with_font

    def alone(text: str) -> str:
        return with_font({0: finish_page(text)})[0]

    front = alone(front_page(seed))
    other = alone(render("run_index.html.j2", title="目录", reports=[], comparisons=[], failed=[], nav=None))
    for page in (front, other):
        chars = {ord(c) for c in page_text(page) if ord(c) > 0x7F and not c.isspace()}
        covered = set(_embedded_font(page).getBestCmap())
        assert chars - covered <= {0xB6}, "a character of the page has no glyph"  # ¶: not in the font
        assert covered <= chars | {0xB6}, "glyphs of characters the page does not use"
    assert len(other) < len(front) / 2


def test_a_reports_pages_share_one_font_cut_once_for_all_their_characters(seed, monkeypatch):
    """with_font cuts one subset for a set of pages (a report's): every page gets the same font, which
    covers the characters of all of them and no others, and it is cut once, not once per page."""
    from zjtext.site import html

    pages = {"index.html": html.finish_page(front_page(seed)),
             "other.html": html.finish_page(render("run_index.html.j2", title="目录", reports=[], comparisons=[], failed=[], nav=None))}
    cuts = []
    real = html.font_subset
    monkeypatch.setattr(html, "font_subset", lambda chars: cuts.append(1) or real(chars))
    shared = html.with_font(pages)
    assert len(cuts) == 1
    fonts = [re.findall(r"url\(data:font/otf;base64,([A-Za-z0-9+/=]+)\)", text) for text in shared.values()]
    assert fonts[0] == fonts[1] and len(fonts[0]) == 1
    chars = {ord(c) for text in pages.values() for c in html.page_text(text) if ord(c) > 0x7F and not c.isspace()}
    covered = set(_embedded_font(shared["other.html"]).getBestCmap())
    assert chars - covered <= {0xB6} and covered <= chars | {0xB6}
    assert [html.embed_cjk_font(pages[p], html.subset_font_css([html.page_text(t) for t in pages.values()]))
            for p in pages] == list(shared.values())  # the page is as it was, with the font added


def test_font_subsets_cut_from_the_cached_base_are_the_bytes_cut_from_the_whole_font(tmp_path, monkeypatch):
    """The base font (a cut of the bundled font kept in the cache folder) only saves time: built, read
    back from the cache, or bypassed for a character it lacks, the page gets the same font bytes."""
    from zjtext.charts import cjk_font_file
    from zjtext.site import html

    monkeypatch.setenv("ZJTEXT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(html, "_base_chars", lambda: frozenset("报告生产总值增长目标实绩左右以内，。（）—·%→"))  # small: quick to build
    html._base_font.cache_clear()
    try:
        built = html.font_subset("增长目标，。%")
        [cached] = (tmp_path / "fonts").glob("*.otf")
        html._base_font.cache_clear()  # as in a new process: the base is read from the cache
        again = html.font_subset("增长目标，。%")
        assert built == again == html._subset(cjk_font_file(), "".join(sorted(set("增长目标，。%"))))
        assert len(cached.read_bytes()) < len(cjk_font_file().read_bytes()) / 10
        beyond = html.font_subset("增长堃")  # 堃 is not in the base: cut from the whole font
        assert ord("堃") in _cmap(beyond) and beyond == html._subset(cjk_font_file(), "增长堃")
    finally:
        html._base_font.cache_clear()


def test_the_real_base_font_gives_the_bytes_of_the_whole_font_on_report_text(seed):
    from zjtext.charts import cjk_font_file
    from zjtext.site import html

    chars = "".join(sorted({c for c in seed.text if ord(c) > 0x7F and not c.isspace()}))[::7]  # a spread of ~250
    assert html._base_font() is not None and set(chars) <= html._base_chars()
    assert html.font_subset(chars) == html._subset(cjk_font_file(), chars)


def test_a_page_cut_from_the_hint_free_base_skips_the_hint_removal_pass(monkeypatch):
    """The base font was cut without hints, so a page cut from it does not run fontTools' hint removal
    (it executes every kept glyph again); the whole font, which has hints, still goes through it. The
    bytes are the same either way (the two tests above)."""
    from fontTools.cffLib import CFFFontSet

    from zjtext.charts import cjk_font_file
    from zjtext.site import html

    calls = []
    real = CFFFontSet.remove_hints
    monkeypatch.setattr(CFFFontSet, "remove_hints", lambda self: calls.append(1) or real(self))
    assert html._base_font() is not None
    html.font_subset("增长目标")
    assert calls == []
    html._subset(cjk_font_file(), "增长目标")
    assert calls == [1]


def test_a_page_written_as_it_would_be_again_is_kept_and_its_font_not_cut_again(tmp_path, monkeypatch):
    """The run's index when nothing changed: write_pages keeps the file (same bytes, not rewritten)
    and cuts no font; a page whose text changed is written again with its new font."""
    from zjtext.site import export, html

    page = tmp_path / "index.html"
    first = render("run_index.html.j2", title="目录", reports=[], comparisons=[], failed=[], nav=None)
    assert export.write_pages({page: first}) == [page]
    before = page.read_bytes()
    assert html.without_font(before.decode()) != before.decode()  # it has its font
    cuts = []
    real = html.font_subset
    monkeypatch.setattr(html, "font_subset", lambda chars: cuts.append(1) or real(chars))
    page.touch()
    stamp = page.stat().st_mtime_ns
    assert export.write_pages({page: first}) == [page]
    assert cuts == [] and page.read_bytes() == before and page.stat().st_mtime_ns == stamp
    changed = render("run_index.html.j2", title="新目录", reports=[], comparisons=[], failed=[], nav=None)
    export.write_pages({page: changed})
    assert cuts == [1] and "新目录" in page.read_text(encoding="utf-8")
    assert page.read_text(encoding="utf-8") == html.with_font({0: html.finish_page(changed)})[0]
