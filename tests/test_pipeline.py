"""The main job end to end: notebooks run on reports, HTML exported, safe to share, checked in a browser."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from lxml import html as lxml_html

from zjtext.site import run as site_run
from zjtext.paths import DEFAULT_REPORT

HOSTILE_SNIPPETS = ('<script>alert("xss")</script>', '<img src=x onerror="alert(1)">', "<b onmouseover=alert(2)>",
                    '<a href="javascript:alert(3)">')


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, fixtures_dir):
    """One run over the seed, a synthetic next-year report of the same province (so the comparison
    runs) and the hostile report (another province: never compared)."""
    out = tmp_path_factory.mktemp("reports")
    reports = [DEFAULT_REPORT, fixtures_dir / "synthetic-zhejiang-2025.txt", fixtures_dir / "hostile-2024.txt"]
    results = site_run.run(reports, out=out, progress=False)
    errors = [r.error for r in results if r.error]
    assert not errors, errors
    return out


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def test_every_report_gets_index_and_one_page_per_notebook(run_dir):
    names = [name for name, _ in site_run.report_notebooks()]
    assert len(names) == 4
    for rid in ("zhejiang-2024", "hostile-2024"):
        folder = run_dir / rid
        assert sorted(p.name for p in _pages(folder)) == sorted(["index.html"] + [f"{n}.html" for n in names])
        assert sorted(p.stem for p in (folder / "notebooks").glob("*.ipynb")) == sorted(names)
        assert any((folder / "figures").glob("*.png")) and any((folder / "figures").glob("*.svg"))
    assert (run_dir / "compare" / "05-compare-reports.html").exists()
    assert sorted(p.name for p in run_dir.iterdir()) == sorted(
        ["index.html", "compare", "zhejiang-2024", "synthetic-zhejiang-2025", "hostile-2024"])


def test_overview_links_every_report(run_dir):
    doc = lxml_html.fromstring((run_dir / "index.html").read_bytes())
    links = {a.get("href") for a in doc.xpath("//a")}
    assert {"zhejiang-2024/index.html", "hostile-2024/index.html", "compare/05-compare-reports.html"} <= links


def test_only_same_region_reports_are_compared(run_dir, fixtures_dir):
    plan = site_run.compare_plan([DEFAULT_REPORT, fixtures_dir / "hostile-2024.txt"], run_dir)
    assert plan == []


def test_executed_notebooks_have_no_error_output(run_dir):
    for nb_path in run_dir.rglob("notebooks/*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert out.get("output_type") != "error", f"{nb_path.name}: {out.get('ename')}: {out.get('evalue')}"


def test_pages_are_self_contained_and_chinese(run_dir):
    for page in run_dir.rglob("*.html"):
        doc = lxml_html.fromstring(page.read_bytes())
        assert doc.get("lang") == "zh-CN", page
        assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']"), page
        for el in doc.xpath("//script[@src] | //link[@href] | //img | //iframe"):
            ref = el.get("src") or el.get("href") or ""
            assert not ref.startswith(("http:", "https:", "//")), f"{page.name}: {ref[:80]}"
        for img in doc.xpath("//img"):
            assert (img.get("src") or "").startswith("data:image/"), page
            assert img.get("alt", "").startswith("图表"), page


def test_code_is_hidden_by_default(run_dir):
    page = (run_dir / "zhejiang-2024" / "03-metric-extraction.html").read_text(encoding="utf-8")
    assert "from zjtext" not in page and "import " not in lxml_html.fromstring(page).text_content()


def test_hostile_text_is_shown_as_text_never_as_markup(run_dir):
    for page in _pages(run_dir / "hostile-2024") + _pages(run_dir / "compare"):
        doc = lxml_html.fromstring(page.read_bytes())
        assert not doc.xpath("//script"), f"{page.name}: a <script> element"
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                assert not attr.lower().startswith("on"), f"{page.name}: event handler {attr}={value}"
                assert "javascript:" not in value.lower(), f"{page.name}: {attr}={value}"
            if el.tag == "img":
                assert el.get("src", "").startswith("data:image/"), f"{page.name}: injected <img>"
    text = "".join(lxml_html.fromstring(p.read_bytes()).text_content() for p in _pages(run_dir / "hostile-2024"))
    shown = [snippet for snippet in HOSTILE_SNIPPETS if snippet in text]
    assert shown, "the markup-like text should be visible as text"


def test_index_shows_headline_table(run_dir):
    doc = lxml_html.fromstring((run_dir / "zhejiang-2024" / "index.html").read_bytes())
    table = doc.xpath("//table[contains(@class, 'headline')]")
    assert table, "headline table missing"
    text = table[0].text_content()
    assert "5.5%" in text and "目标" in text and "实绩" in text
    links = {a.get("href") for a in doc.xpath("//a")}
    assert {f"{n}.html" for n, _ in site_run.report_notebooks()} <= links


def _one_notebook(folder: Path, name: str, code: str, monkeypatch) -> None:
    """Make `folder` the notebooks folder, holding one notebook with a parameters cell and `code`."""
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("report_path = ''\nout_dir = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / f"{name}.ipynb")
    monkeypatch.setattr(site_run, "NOTEBOOKS_DIR", folder)


def test_failing_notebook_stops_that_report_with_one_line(tmp_path, monkeypatch, capsys):
    _one_notebook(tmp_path / "notebooks", "01-fail", "raise ValueError('boom')", monkeypatch)
    status = site_run.run_command([str(DEFAULT_REPORT)], out=tmp_path / "out")
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err[-1] == f"error: {DEFAULT_REPORT}: 01-fail: ValueError: boom"
    assert (tmp_path / "out" / "zhejiang-2024" / "notebooks" / "01-fail.ipynb").exists()


def test_bad_report_is_reported_and_others_still_run(tmp_path, monkeypatch, capsys):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    status = site_run.run_command([str(empty), str(DEFAULT_REPORT)], out=tmp_path / "out")
    err = capsys.readouterr().err
    assert status == 1 and f"error: {empty}: the file is empty" in err
    assert (tmp_path / "out" / "zhejiang-2024" / "01-ok.html").exists()


def test_jobs_give_the_same_results_and_pages_as_one_job(tmp_path, monkeypatch, fixtures_dir):
    """``zjtext run --jobs 2`` runs reports in worker processes: same results, same files, and the pages
    (what analysts share) the same bytes: nothing in them depends on the run."""
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    reports = [DEFAULT_REPORT, fixtures_dir / "hostile-2024.txt", empty]
    outcome, files = {}, {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        outcome[jobs] = [(r.report_id, r.error) for r in site_run.run(reports, out=out, jobs=jobs, progress=False)]
        files[jobs] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert outcome[1] == outcome[2]
    errors = [e for _, e in outcome[2]]
    assert errors[:2] == ["", ""] and errors[2].startswith(f"{empty}: the file is empty")
    assert files[1].keys() == files[2].keys() and Path("hostile-2024/01-ok.html") in files[2]
    shared = {p for p in files[1] if p.suffix != ".ipynb"}  # the executed notebooks keep papermill's timings
    assert shared and {p for p in shared if files[1][p] != files[2][p]} == set()


# ---------------------------------------------------------------- in a real browser

def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (CI installs it with apt-get in .ci/run)")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed (it is in the dev extras)")
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


def _open(browser, page_path: Path):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(page_path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return page, errors


@pytest.mark.parametrize("rid", ["zhejiang-2024", "hostile-2024"])
def test_pages_in_browser(browser, run_dir, rid):
    for path in _pages(run_dir / rid):
        expected_title = lxml_html.fromstring(path.read_bytes()).findtext(".//title")
        page, errors = _open(browser, path)
        images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
        assert all(done and width > 0 for done, width in images), f"{path.name}: broken image {images}"
        assert page.title() == expected_title
        assert errors == [], f"{path.name}: {errors}"
        page.close()
    charts = run_dir / rid / "04-charts.html"
    page, _ = _open(browser, charts)
    assert page.evaluate("document.images.length") >= 4
    page.close()
