"""The main job end to end: notebooks run on reports, HTML exported, safe to share, checked in a browser."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
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
        ["index.html", "compare", "corpus", "tables", "zhejiang-2024", "synthetic-zhejiang-2025", "hostile-2024"])
    tables = {p.name for p in (run_dir / "zhejiang-2024" / "data").iterdir()}
    assert {"paragraphs.csv", "tokens.csv", "keywords.csv", "metrics.csv", "targets.csv"} <= tables
    assert not [p for p in run_dir.rglob(".*")], "partial or temporary files left in OUT"


def test_charts_page_shows_the_saved_pngs(run_dir):
    """Notebook 04 under ``zjtext run`` shows each chart as the PNG it saved: the same bytes in the
    executed notebook and on the page, shown 800 pixels wide, and each with a description."""
    import base64

    folder = run_dir / "zhejiang-2024"
    saved = sorted(p.read_bytes() for p in (folder / "figures").glob("*.png"))
    nb = nbformat.read(folder / "notebooks" / "04-charts.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert sorted(base64.b64decode(o.data["image/png"]) for o in outputs) == saved and len(saved) == 5
    assert {o.metadata["image/png"]["width"] for o in outputs} == {800}
    doc = lxml_html.fromstring((folder / "04-charts.html").read_bytes())
    images = doc.xpath("//img")
    assert sorted(base64.b64decode(img.get("src").split(",", 1)[1]) for img in images) == saved
    assert all(img.get("alt", "").startswith("图表：") for img in images)


def test_panel_page_shows_every_chart_it_saved(run_dir):
    """Notebook 06 (two regions here) saves the ranked panel chart and shows each saved chart once."""
    import base64

    folder = run_dir / "corpus"
    saved = sorted(p.read_bytes() for p in (folder / "figures").glob("*.png"))
    assert (folder / "figures" / "panel_gdp.png").is_file()
    nb = nbformat.read(folder / "notebooks" / "06-panel-and-series.ipynb", as_version=4)
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert sorted(base64.b64decode(o.data["image/png"]) for o in shown) == saved


def test_two_runs_give_the_same_bytes(run_dir, tmp_path_factory):
    """Pages, executed notebooks, tables and figures of a report do not depend on the run (two
    kernels, pages made in a thread, fonts cut from a cached base, prints cut by timing)."""
    out = tmp_path_factory.mktemp("reports")  # as deep as run_dir: the same relative report path
    [result] = site_run.run([DEFAULT_REPORT], out=out, progress=False)
    assert not result.error

    def files(folder: Path) -> dict:
        return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "run.json"}

    # the seed of run_dir links to the comparison; its front page and navigation differ, nothing else
    first, again = files(run_dir / "zhejiang-2024"), files(out / "zhejiang-2024")
    assert first.keys() == again.keys()
    differ = {p.as_posix() for p in first if first[p] != again[p]}
    assert differ <= {"index.html", *(f"{n}.html" for n, _ in site_run.report_notebooks())}
    for name in ("notebooks", "figures", "data"):
        assert not [p for p in differ if p.startswith(name)], name


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
    """Make `folder` the notebooks the run executes: one notebook with a parameters cell and `code`."""
    from zjtext.site import execute

    folder.mkdir()
    source = folder / f"{name}.py"
    source.write_text('# %% tags=["parameters"]\nreport_path = ""\nprocessed_dir = None\nout_dir = None\n\n'
                      f"# %%\n{code}\n", encoding="utf-8")
    monkeypatch.setattr(execute, "_notebook_files", lambda: {name: source})


def test_relative_paths_from_the_working_directory(tmp_path, monkeypatch, capsys, fixtures_dir):
    """`zjtext run in.txt --out reports` as typed in a shell: papermill changes the working directory
    while the pages are made in a thread, so nothing may depend on it; lines name paths as given."""
    shutil.copy(fixtures_dir / "scraped-2026.txt", tmp_path / "in.txt")
    monkeypatch.chdir(tmp_path)
    assert site_run.run_command(["in.txt"], Path("reports")) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("in: reports/in/index.html (5 pages)")
    assert (tmp_path / "reports" / "in" / "04-charts.html").is_file()
    assert not list((tmp_path / "reports").glob(".*partial*"))


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
    assert {p for p in files[1] if files[1][p] != files[2][p]} == set()  # no times, no machine paths


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


# ---------------------------------------------------------------- robustness (#16, #17)

def _tree(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


@pytest.mark.parametrize("report, out", [("data/raw/zhejiang-2024.html", "data/raw"), ("elsewhere/raw.txt", "data")])
def test_run_never_writes_under_data_raw(tmp_path, monkeypatch, capsys, report, out):
    """``--out data/raw``, or an input named raw.txt with ``--out data``: refused before any work."""
    (tmp_path / "data" / "raw").mkdir(parents=True)
    shutil.copy(DEFAULT_REPORT, tmp_path / "data" / "raw" / "zhejiang-2024.html")
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(DEFAULT_REPORT, tmp_path / "elsewhere" / "raw.txt")
    monkeypatch.chdir(tmp_path)
    before = _tree(tmp_path)
    assert site_run.run_command([report], out=Path(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "data/raw" in err and err.count("\n") == 1
    assert _tree(tmp_path) == before


def test_two_inputs_with_one_report_id_are_refused_like_process(tmp_path, monkeypatch, capsys, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    for folder, name in (("a", "Zhejiang 2024.txt"), ("b", "zhejiang-2024.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(fixtures_dir / "synthetic-zhejiang-2025.txt", tmp_path / folder / name)
    first, second = tmp_path / "a" / "Zhejiang 2024.txt", tmp_path / "b" / "zhejiang-2024.txt"
    status = site_run.run_command([str(first), str(second)], out=tmp_path / "out")
    out, err = capsys.readouterr()
    assert status == 1
    assert err.strip() == f"error: {second}: same report id 'zhejiang-2024' as {first}"
    assert out.count("zhejiang-2024:") == 1
    stamp = json.loads((tmp_path / "out" / "zhejiang-2024" / "run.json").read_text(encoding="utf-8"))
    assert stamp["inputs"] == [site_run._sha256(first)]


def test_too_large_input_is_refused_before_work(tmp_path, monkeypatch, capsys, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    monkeypatch.setattr(site_run, "MAX_INPUT_BYTES", 500)
    big = fixtures_dir / "hostile-2024.txt"
    assert big.stat().st_size > 500
    assert site_run.run_command([str(big)], out=tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {big}: ") and "500 bytes" in err and err.count("\n") == 1
    assert not (tmp_path / "out" / "hostile-2024").exists()


def test_mplbackend_in_the_environment_does_not_change_pages(tmp_path, monkeypatch, fixtures_dir):
    """With MPLBACKEND=Agg a kernel would show ``<Figure size …>`` instead of the chart."""
    code = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nfig"
    _one_notebook(tmp_path / "notebooks", "01-chart", code, monkeypatch)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    [result] = site_run.run([fixtures_dir / "hostile-2024.txt"], out=tmp_path / "out")
    assert not result.error, result.error
    page = (tmp_path / "out" / "hostile-2024" / "01-chart.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "<Figure size" not in page


def test_executed_notebooks_record_no_machine_paths_or_times(run_dir):
    for nb_path in run_dir.rglob("notebooks/*.ipynb"):
        text = nb_path.read_text(encoding="utf-8")
        absolute = re.compile(r"(?<![.\w])(" + re.escape(str(run_dir)) + "|" + re.escape(os.getcwd()) + ")")
        assert not absolute.search(text), nb_path  # relative paths only
        nb = json.loads(text)
        meta = nb["metadata"]["papermill"]
        for key, value in meta["parameters"].items():
            for path in [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]:
                assert not path.startswith("/"), path
                if key.startswith("report_path"):  # relative to the folder of the executed notebook's pages
                    assert path.startswith("../"), path
        assert not {"start_time", "end_time", "duration"} & set(meta)
        assert not meta["input_path"].startswith("/") and not meta["output_path"].startswith("/")
        for cell in nb["cells"]:
            assert "execution" not in cell["metadata"]
            assert not {"start_time", "end_time", "duration"} & set(cell["metadata"].get("papermill", {}))


def test_a_run_leaves_no_kernel_folder_and_no_progress_bar_off_a_tty(tmp_path, monkeypatch, capsys, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    private = tmp_path / ("a-temporary-folder-too-long-for-a-socket-path-" * 2)  # the kernel falls back to TCP
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    assert site_run.run_command([str(fixtures_dir / "hostile-2024.txt")], out=tmp_path / "out") == 0
    assert list(private.iterdir()) == []
    err = capsys.readouterr().err
    assert err == "", err  # stderr is not a terminal: no progress bar


def test_unchanged_report_is_reused_and_force_redoes_it(tmp_path, monkeypatch, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    report = tmp_path / "r-2024.txt"
    shutil.copy(fixtures_dir / "hostile-2024.txt", report)
    out = tmp_path / "out"
    page = out / "r-2024" / "01-ok.html"
    [first] = site_run.run([report], out=out)
    assert not first.reused and page.exists()
    stamp = page.stat().st_mtime_ns
    [again] = site_run.run([report], out=out)
    assert again.reused and again.pages == first.pages and page.stat().st_mtime_ns == stamp
    [forced] = site_run.run([report], out=out, force=True)
    assert not forced.reused and page.stat().st_mtime_ns != stamp
    report.write_bytes(report.read_bytes() + "\n新增的一段话。\n".encode("utf-8"))
    [changed] = site_run.run([report], out=out)
    assert not changed.reused
    _one_notebook(tmp_path / "notebooks2", "01-ok", "print('changed')", monkeypatch)
    [new_notebook] = site_run.run([report], out=out)
    assert not new_notebook.reused and "changed" in page.read_text(encoding="utf-8")


def test_a_run_removes_what_a_killed_run_was_building_and_nothing_in_progress(tmp_path, monkeypatch, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    out = tmp_path / "out"
    dead = [out / ".r-2024.999999999.abc.partial", out / "compare" / ".r-2023-r-2024.999999999.def.partial"]
    alive = out / f".other-2024.{os.getpid()}.ghi.partial"  # another run, still building
    for folder in dead + [alive]:
        (folder / "figures").mkdir(parents=True)
    report = tmp_path / "r-2024.txt"
    shutil.copy(fixtures_dir / "hostile-2024.txt", report)
    [result] = site_run.run([report], out=out)
    assert result.pages and not any(f.exists() for f in dead) and alive.is_dir()


def test_a_notebook_run_before_the_one_that_saves_its_tables_computes_them(tmp_path, capsys):
    """Notebook 04 run before 02 on a new report: the tables are computed, and a note says which
    notebook saves them (it used to end in FileNotFoundError)."""
    from zjtext.notebook import load_tables
    from zjtext.report import report_from_text

    report = report_from_text("各位代表：\n一、回顾\n生产总值增长5.2%，实施“星河织梦”工程。\n二、今年目标\n生产总值增长5%左右。")
    keywords, targets = load_tables(report, tmp_path / "empty", "keywords", "targets")
    assert len(keywords) and len(targets)
    out = capsys.readouterr().out
    assert "keywords.csv" in out and "02" in out and "targets.csv" in out and "03" in out
    assert not (tmp_path / "empty").exists()


# ---------------------------------------------------------------- interrupts and dead parents (Linux /proc)

def _marked(mark: str) -> list[int]:
    """Processes whose environment carries ``mark`` (the run and everything it started)."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if mark.encode() in (proc / "environ").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def _kernels(pids: list[int]) -> list[int]:
    found = []
    for pid in pids:
        try:
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


def _start_run(tmp_path: Path, fixtures_dir: Path, jobs: int = 2):
    import subprocess
    import time
    import uuid

    mark = f"ZJTEXT_TEST_MARK={uuid.uuid4().hex}"
    private = tmp_path / "tmp"
    private.mkdir()
    env = {**os.environ, "TMPDIR": str(private), mark.split("=")[0]: mark.split("=")[1]}
    reports = [str(DEFAULT_REPORT), str(fixtures_dir / "hostile-2024.txt")][:jobs]
    proc = subprocess.Popen([sys.executable, "-m", "zjtext.cli", "run", *reports, "--jobs", str(jobs), "--out", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(_kernels(_marked(mark))) < 2 * jobs:  # two kernels a report
        time.sleep(0.2)
    assert len(_kernels(_marked(mark))) >= 2 * jobs, "the run did not start its kernels"
    time.sleep(1.0)
    return proc, mark, private


#: How long the processes of a stopped run may take to end. They end within a second on an idle machine;
#: on two cores busy with other work the kernel's own exit (and the watchdog's 0.2 s poll) can take
#: several. A process that outlives its run never ends, so a longer wait keeps the test as strict.
GONE_WITHIN_S = 20


def _gone(mark: str, seconds: float) -> bool:
    import time

    deadline = time.time() + seconds
    while time.time() < deadline:
        if not _marked(mark):
            return True
        time.sleep(0.1)
    return False


needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


@needs_proc
def test_ctrl_c_stops_run_jobs_2_with_one_line_and_complete_outputs_only(tmp_path, fixtures_dir):
    import signal

    proc, mark, private = _start_run(tmp_path, fixtures_dir)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.count("\n") == 1 and err.startswith("error: interrupted") and "Traceback" not in err
    assert _gone(mark, GONE_WITHIN_S), "workers or kernels outlived the run"
    assert not list((tmp_path / "out").rglob(".*")), "partial outputs left"
    for folder in (tmp_path / "out").iterdir():  # whatever is there is complete (the corpus page runs beside the reports)
        if folder.is_dir() and folder.name != site_run.TABLES_DIR:  # tables/: zjtext process's own promise
            # (each file whole; a report without its meta.json is processed again by the next run)
            assert (folder / "run.json").exists()
            assert folder.name in (site_run.COMPARE_DIR, site_run.CORPUS_DIR) or (folder / "index.html").exists()
    assert list(private.iterdir()) == []


@needs_proc
def test_ctrl_c_kills_both_kernels_of_a_report(tmp_path, fixtures_dir):
    """One report, one process: its charts kernel (started at once, loading the chart stack) dies
    with the other on Ctrl-C."""
    import signal

    proc, mark, private = _start_run(tmp_path, fixtures_dir, jobs=1)
    kernels = _kernels(_marked(mark))
    assert len(kernels) == 2
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and err.startswith("error: interrupted") and "Traceback" not in err
    assert _gone(mark, GONE_WITHIN_S), "a kernel outlived the run"
    assert not list((tmp_path / "out").rglob(".*")), "partial outputs left"
    assert list(private.iterdir()) == []


@needs_proc
def test_workers_and_kernels_end_when_the_parent_is_killed(tmp_path, fixtures_dir):
    import signal

    proc, mark, private = _start_run(tmp_path, fixtures_dir)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert _gone(mark, GONE_WITHIN_S), "orphan workers or kernels go on"
    assert not list((tmp_path / "out").rglob(".*.partial")), "partial outputs left"


def _empty_tables(page: Path) -> int:
    """Tables with a header row and no body row (a reader sees column names over nothing)."""
    doc = lxml_html.parse(str(page))
    return sum(1 for t in doc.iter("table") if t.xpath(".//th") and not t.xpath(".//tr[td]"))


def test_no_page_shows_a_table_without_rows(run_dir):
    pages = _pages(run_dir) + [p for d in sorted(run_dir.iterdir()) if d.is_dir() for p in _pages(d)]
    assert len(pages) > 10
    assert {p.relative_to(run_dir).as_posix(): n for p in pages if (n := _empty_tables(p))} == {}


def test_short_reports_compared_say_no_word_rose_or_fell_significantly(tmp_path):
    for year, gdp in ((2030, "5%左右"), (2031, "5.5%左右")):
        (tmp_path / f"湖东省-{year}.txt").write_text(
            f"{year}年湖东省政府工作报告\n各位代表：\n一、{year - 1}年工作回顾\n全省生产总值增长5.2%。\n"
            f"二、{year}年主要目标\n今年主要预期目标是：全省生产总值增长{gdp}。\n", encoding="utf-8")
    results = site_run.run([tmp_path / "湖东省-2030.txt", tmp_path / "湖东省-2031.txt"], out=tmp_path / "out",
                           progress=False)
    assert not [r.error for r in results if r.error]
    page = tmp_path / "out" / "compare" / "05-compare-reports.html"
    assert "两份报告之间没有升降显著（p &lt; 0.05）的词。" in page.read_text(encoding="utf-8")
    assert _empty_tables(page) == 0


def test_run_without_reports_outside_a_project_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert site_run.run_command([], out=tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no report given") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_reports_of_a_comparison_are_reused_when_nothing_changed(tmp_path, monkeypatch, fixtures_dir):
    """A report that is part of a comparison carries the comparison's link and last year's report in
    its stamp; read back from run.json they must still match (they once never did: tuples vs lists)."""
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    old, new = tmp_path / "zhejiang-2024.html", tmp_path / "zhejiang-2025.txt"
    shutil.copy(DEFAULT_REPORT, old)
    shutil.copy(fixtures_dir / "synthetic-zhejiang-2025.txt", new)
    first = site_run.run([old, new], out=tmp_path / "out")
    assert [r.report_id for r in first][:2] == ["zhejiang-2024", "zhejiang-2025"]
    again = site_run.run([old, new], out=tmp_path / "out")
    assert [r.reused for r in again[:2]] == [True, True], [(r.report_id, r.reused, r.error) for r in again]


# ---------------------------------------------------------------- pages a newsroom can publish as they are

def _parameter_names() -> set[str]:
    """The notebooks' parameter names (report_path, out_dir …), read from their parameters cells."""
    from zjtext.site import execute

    names = set()
    for name in execute.notebook_names():
        cell = execute.notebook_text(name).split('# %% tags=["parameters"]', 1)[-1].split("# %%", 1)[0]
        names |= set(re.findall(r"^(\w+)\s*=", cell, re.M))
    return names


def _reading_text(doc) -> str:
    """What a reader reads on a page: its text without code, styles and scripts."""
    doc = lxml_html.fromstring(lxml_html.tostring(doc))  # a copy to strip
    for el in doc.xpath("//style | //script | //code"):  # printed output (<pre>) is read
        el.drop_tree()
    return doc.text_content()


ENGLISH_PROSE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,.;:]+[A-Za-z][A-Za-z'’-]*){3,}")


def page_problems(page: Path, parameters: set[str]) -> list[str]:
    """What keeps a page from being published as it is (empty: nothing)."""
    doc = lxml_html.fromstring(page.read_bytes())
    text = _reading_text(doc)
    problems = [f"English prose: {m.group(0)[:60]!r}" for m in ENGLISH_PROSE.finditer(text)]
    leftovers = re.compile(r"PosixPath|Traceback|(?<![A-Za-z0-9_])(?:None|NaN|nan|True|False|papermill|"  # Chinese is \w
                           + "|".join(sorted(parameters)) + r")(?![A-Za-z0-9_])")
    problems += [f"Python leftover: {m.group(0)!r}" for m in leftovers.finditer(text)]
    for table in doc.xpath("//table"):
        width = max((sum(int(c.get("colspan") or 1) for c in row.xpath("./th|./td")) for row in table.xpath(".//tr")),
                    default=0)
        if width > 10:
            problems.append(f"a table of {width} columns")
    for cell in doc.xpath("//table[contains(@class, 'headline') or contains(@class, 'source')]//tbody/tr/td[1]"):
        if len(cell.text_content()) > 20:
            problems.append(f"headline name over 20 characters: {cell.text_content()!r}")
    return problems


def test_page_problems_are_caught():
    """The check itself: each problem, on a made-up page, is found."""
    import tempfile

    bad = ("<html><head><meta charset='utf-8'></head><body><p>Load the report and segment it.</p><pre>[PosixPath('data/x.csv')]</pre>"
           "<table><tr><th colspan='2'>指标</th>" + "<td>1</td>" * 9 + "</tr></table><p>判定 NaN，report_path 为 None</p>"
           "<table class='headline'><tbody><tr><td>" + "长" * 21 + "</td></tr></tbody></table>"
           "<p><code>zjtext run --prune data raw files</code></p></body></html>")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "p.html"
        page.write_text(bad, encoding="utf-8")
        found = " | ".join(page_problems(page, {"report_path"}))
    for problem in ("English prose: 'Load the report", "PosixPath", "'NaN'", "'report_path'", "'None'",
                    "a table of 11 columns", "over 20 characters"):
        assert problem in found, problem
    assert "zjtext run" not in found, "code is not prose"


def test_every_page_of_a_run_can_be_published_as_it_is(run_dir):
    """No English prose, no Python leftovers, no table wider than 10 columns, no headline name over
    20 characters, on any page of the run: index, front pages, pages 01–04, comparison, corpus."""
    parameters = _parameter_names()
    assert {"report_path", "out_dir"} <= parameters
    problems = {str(p.relative_to(run_dir)): page_problems(p, parameters) for p in sorted(run_dir.rglob("*.html"))}
    assert len(problems) > 10
    assert not {p: found for p, found in problems.items() if found}


def test_the_index_lists_reports_in_the_national_order(run_dir):
    """全国 first, then the provinces by division code, newest year first; unknown regions last."""
    from zjtext.regions import report_key

    doc = lxml_html.fromstring((run_dir / "index.html").read_bytes())
    names = [a.text_content() for a in doc.xpath("//table[contains(@class, 'index')]//a")]
    assert len(names) == 3
    keys = []
    for name in names:
        year, issuer = re.match(r"^(\d{4})年(.*)政府工作报告$", name).groups()
        keys.append(report_key("全国" if issuer == "国务院" else issuer, int(year)))
    assert keys == sorted(keys) and names[:2] == ["2025年浙江省政府工作报告", "2024年浙江省政府工作报告"]
    cells = {tr.xpath("./td")[0].text_content(): [td.text_content() for td in tr.xpath("./td")[1:]]
             for tr in doc.xpath("//table[contains(@class, 'index')]//tbody/tr")}
    assert cells["2024年浙江省政府工作报告"] == ["5.5%左右", "6%"], "GDP target and last year's growth beside the link"


def test_the_same_report_under_two_names_is_built_once_with_a_warning(tmp_path, monkeypatch, capsys, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    first, second = tmp_path / "zj-2025.txt", tmp_path / "zj-2025-copy.txt"
    for path in (first, second):
        shutil.copy(fixtures_dir / "synthetic-zhejiang-2025.txt", path)
    assert site_run.run_command([str(first), str(second)], out=tmp_path / "out") == 0
    out, err = capsys.readouterr()
    assert err == f"warning: {second}: the same content as {first}; built once, from that file\n"
    assert out.count("zj-2025:") == 1 and not (tmp_path / "out" / "zj-2025-copy").exists()
    index = lxml_html.fromstring((tmp_path / "out" / "index.html").read_bytes()).text_content()
    assert "zj-2025-copy.txt：与 zj-2025.txt 内容完全相同" in index


def test_a_folder_whose_input_left_the_run_is_stale_until_pruned(tmp_path, monkeypatch, capsys, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    out = tmp_path / "out"
    assert site_run.run_command([str(fixtures_dir / "synthetic-zhejiang-2025.txt")], out=out) == 0
    assert site_run.run_command([str(fixtures_dir / "hostile-2024.txt")], out=out) == 0
    index = lxml_html.fromstring((out / "index.html").read_bytes()).text_content()
    assert "过期的文件夹" in index and "synthetic-zhejiang-2025" in index
    assert site_run.run_command([str(fixtures_dir / "hostile-2024.txt")], out=out, prune=True) == 0
    assert not (out / "synthetic-zhejiang-2025").exists() and (out / "hostile-2024" / "index.html").exists()
    assert "过期的文件夹" not in lxml_html.fromstring((out / "index.html").read_bytes()).text_content()


def test_a_failed_inputs_folder_is_not_stale(tmp_path, monkeypatch, capsys, fixtures_dir):
    """An input that fails now (here: it no longer reads as a report) is still in the run: the folder an
    earlier run built from it is neither listed as stale nor pruned."""
    _one_notebook(tmp_path / "notebooks", "01-ok", "print('ok')", monkeypatch)
    report, out = tmp_path / "yangli-2030.txt", tmp_path / "out"
    shutil.copy(fixtures_dir / "hostile-2024.txt", report)
    assert site_run.run_command([str(report)], out=out) == 0
    report.write_bytes(b"\x00\x01binary")
    assert site_run.run_command([str(report)], out=out, prune=True) == 1
    assert (out / "yangli-2030" / "run.json").exists()
    assert "过期的文件夹" not in lxml_html.fromstring((out / "index.html").read_bytes()).text_content()
