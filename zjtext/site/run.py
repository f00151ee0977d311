"""The main job: run the notebooks on reports and export shareable, self-contained HTML.

For each report: notebooks 01–04 are executed by papermill into ``DIR/<report_id>/notebooks/``,
each executed notebook is exported (one reused nbconvert exporter) to ``DIR/<report_id>/<name>.html``
with images embedded, code hidden unless asked for, no network resources and a Content-Security-Policy
that lets no script run; an ``index.html`` links the pages and shows the headline table. With two
or more reports notebook 05 compares them into ``DIR/compare/``.

>>> [name for name, _ in report_notebooks()][:2]
['01-load-and-segment', '02-keyword-frequency']
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..paths import NOTEBOOKS_DIR, PROJECT_ROOT, RAW_DIR, REPORTS_DIR, report_files
from ..report import ReportError, load_report
from ..store import write_text
from .html import NBCONVERT_TEMPLATE, TEMPLATES, finish_pages
from .labels import region_name, report_name, short_name
from .pages import PAGE_TITLES, compare_nav, index_page, overview_page, relative_href, report_nav

COMPARE_NOTEBOOK = "05-compare-reports"



@dataclass
class RunResult:
    """What one report's run produced, or the one-line error that stopped it."""

    source: str
    report_id: str = ""
    pages: list[Path] = field(default_factory=list)
    error: str = ""
    title: str = ""  # the name readers see (region, year, 政府工作报告)


def report_notebooks() -> list[tuple[str, Path]]:
    """The per-report notebooks (01–04) in order, as ``(name, path)``."""
    found = sorted(p for p in NOTEBOOKS_DIR.glob("0[1-4]-*.ipynb"))
    return [(p.stem, p) for p in found]


def display_path(path: Path | str) -> str:
    """A path as notebooks should see it: relative to the project when inside it (no machine paths)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- execution and export

def _ipc_kernel_manager():
    """A kernel manager that talks to the kernel over local IPC sockets in a private temporary
    folder instead of TCP ports: nothing is exposed on the network (and ipykernel has nothing to
    warn about)."""
    import tempfile

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("ip")
        def _ip_default(self):
            return str(Path(tempfile.mkdtemp(prefix="zjtext-kernel-")) / "kernel")

    return IPCKernelManager


def execute_notebook(source: Path, target: Path, parameters: dict) -> None:
    """Execute one notebook with papermill, working directory the project root."""
    import logging

    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        str(source), str(target), parameters=parameters, cwd=str(PROJECT_ROOT),
        progress_bar=False, log_output=False, kernel_name="python3",
        kernel_manager_class=_ipc_kernel_manager(),
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # no shutdown chatter on the user's terminal
    )


def make_exporter(with_code: bool = False):
    """One HTML exporter for a whole run: zjtext template, embedded images, sanitised outputs."""
    import logging

    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=NBCONVERT_TEMPLATE, extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)],
        exclude_input=not with_code, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    exporter.language_code = "zh-CN"
    exporter.log.setLevel(logging.ERROR)  # images get their alt text from their headings (site.html)
    return exporter


def export_html(notebook: Path, exporter, title: str, nav) -> str:
    """Export an executed notebook to the text of one self-contained HTML page."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    nb.metadata["title"] = title
    for cell in nb.cells:  # papermill's bookkeeping is not for readers
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags or "parameters" in tags:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id: the page would differ run to run
    body, _ = exporter.from_notebook_node(nb, resources={"zjtext_nav": nav, "metadata": {"name": title}})
    return body


def write_pages(pages: dict[Path, str]) -> list[Path]:
    """Sanitise every page, polish its tables, embed the CJK font subset they need, and write them atomically."""
    return [write_text(text, path) for path, text in finish_pages(pages).items()]


def _reason(err: BaseException) -> str:
    name = getattr(err, "ename", None)
    value = getattr(err, "evalue", None)
    text = f"{name}: {value}" if name else (str(err) or type(err).__name__)
    return text.strip().splitlines()[0] if text.strip() else type(err).__name__


# ---------------------------------------------------------------- one report

def run_report(path: Path, out: Path, with_code: bool = False, exporter=None, bar=None,
               previous: Path | None = None, compare: Sequence[tuple[str, str]] = ()) -> RunResult:
    """Run notebooks 01–04 on one report and export them; errors are caught into the result.

    ``previous`` is last year's report of the same region (its targets head the front page);
    ``compare`` the (href, label) of the comparison pages this report is part of."""
    result = RunResult(source=str(path))
    try:
        report = load_report(path)
    except ReportError as err:
        result.error = str(err)
        return result
    rid = result.report_id = report.report_id
    result.title = report_name(report.meta)
    report_dir = out / rid
    exporter = exporter or make_exporter(with_code)
    notebooks = report_notebooks()
    pages = [(f"{name}.html", f"{name[:2]} {PAGE_TITLES.get(name, name)}") for name, _ in notebooks]
    params = {"report_path": display_path(path), "out_dir": display_path(report_dir)}
    title_base = report_name(report.meta)
    html_pages: dict[Path, str] = {}
    for (name, source), (href, label) in zip(notebooks, pages):
        if bar is not None:
            bar.set_description(f"{rid}: {name}")
        executed = report_dir / "notebooks" / f"{name}.ipynb"
        try:
            execute_notebook(source, executed, params)
        except Exception as err:  # papermill keeps the executed notebook for inspection
            result.error = f"{path}: {name}: {_reason(err)}"
            return result
        html_pages[report_dir / href] = export_html(executed, exporter, f"{title_base} · {label}", report_nav(pages, href, compare))
        if bar is not None:
            bar.update(1)
    last_year = load_report(previous) if previous is not None else None
    index = {report_dir / "index.html": index_page(report, pages, last_year, compare)}
    result.pages = write_pages({**index, **html_pages})
    return result


# ---------------------------------------------------------------- many reports

def _run_one(args: tuple) -> RunResult:
    path, out, with_code, previous, compare = args
    return run_report(path, out, with_code, previous=previous, compare=compare)


def compare_title(reports) -> str:
    """'年度对比：浙江省 2024—2025年'."""
    first, last = reports[0].meta, reports[-1].meta
    return f"{PAGE_TITLES[COMPARE_NOTEBOOK]}：{region_name(first)} {first.year}—{last.year}年"


def run_compare(paths: Sequence[Path], target_dir: Path, with_code: bool = False, exporter=None,
                out: Path | None = None) -> RunResult:
    """Run notebook 05 over two or more reports of one region into ``target_dir``."""
    result = RunResult(source=", ".join(str(p) for p in paths), report_id="compare")
    source = NOTEBOOKS_DIR / f"{COMPARE_NOTEBOOK}.ipynb"
    if not source.exists():
        result.error = f"compare: {COMPARE_NOTEBOOK}: notebook missing"
        return result
    executed = target_dir / "notebooks" / f"{COMPARE_NOTEBOOK}.ipynb"
    try:
        execute_notebook(source, executed, {"report_paths": [display_path(p) for p in paths], "out_dir": display_path(target_dir)})
    except Exception as err:
        result.error = f"compare: {COMPARE_NOTEBOOK}: {_reason(err)}"
        return result
    href = f"{COMPARE_NOTEBOOK}.html"
    reports = [load_report(p) for p in paths]
    result.title = compare_title(reports)
    nav = compare_nav(target_dir, out or target_dir.parent, [(r.report_id, short_name(r.meta)) for r in reports])
    page = export_html(executed, exporter or make_exporter(with_code), result.title, nav)
    result.pages = write_pages({target_dir / href: page})
    return result


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders expanded to their report files (sorted); default: data/raw/."""
    out: list[Path] = []
    for p in [Path(x) for x in paths] or [RAW_DIR]:
        out.extend(report_files(p) if p.is_dir() else [p])
    return out


def run(paths: Iterable[Path | str] = (), out: Path | str | None = None, with_code: bool = False,
        jobs: int = 1, progress: bool = True) -> list[RunResult]:
    """Run every report; return one result per report (plus one for the comparison, if any)."""
    from tqdm.auto import tqdm

    files = expand_paths(paths)
    out = Path(out or REPORTS_DIR).resolve()
    steps = len(files) * len(report_notebooks())
    results: list[RunResult] = []
    plan = compare_plan(_loadable(files), out)
    previous = {p: s[i - 1] for s, _ in plan for i, p in enumerate(s) if i}
    compare_links = {p: [(relative_href(target / f"{COMPARE_NOTEBOOK}.html", out / load_report(p).report_id),
                          PAGE_TITLES[COMPARE_NOTEBOOK])] for s, target in plan for p in s}
    with tqdm(total=steps, disable=not progress, unit="notebook", file=sys.stderr, dynamic_ncols=True) as bar:
        if jobs > 1 and len(files) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for res in pool.map(_run_one, [(f, out, with_code, previous.get(f), compare_links.get(f, ())) for f in files]):
                    bar.set_description(res.report_id or res.source)
                    bar.update(len(report_notebooks()) if not res.error else 0)
                    results.append(res)
        else:
            exporter = make_exporter(with_code)
            for f in files:
                results.append(run_report(f, out, with_code, exporter, bar, previous.get(f), compare_links.get(f, ())))
        for paths, target_dir in compare_plan([Path(r.source) for r in results if not r.error], out):
            bar.set_description(f"compare: {target_dir.name}")
            results.append(run_compare(paths, target_dir, with_code, out=out))
    write_pages({out / "index.html": overview_page(results, out)})
    return results


def _loadable(paths: Sequence[Path]) -> list[Path]:
    """The files that load as reports (the others fail later, with their error, in their own run)."""
    ok = []
    for p in paths:
        try:
            load_report(p)
        except ReportError:
            continue
        ok.append(p)
    return ok


def compare_plan(paths: Sequence[Path], out: Path) -> list[tuple[list[Path], Path]]:
    """Which comparisons to run: one per region with reports of two or more years, oldest first.

    A single series goes to ``DIR/compare/``; several go to ``DIR/compare/<newest report id>/``.
    Reports of different regions, or of the same year, are never compared with each other.
    """
    from ..compare import comparable_series

    by_report = {}
    for p in paths:
        by_report[load_report(p)] = p
    series = comparable_series(list(by_report))
    single = len(series) == 1
    return [([by_report[r] for r in s], out / "compare" if single else out / "compare" / s[-1].report_id) for s in series]


def run_command(paths: Sequence[str], out: Path | None = None, with_code: bool = False, jobs: int = 1) -> int:
    """``zjtext run``: print one line per page written, one ``error:`` line per failure; exit status."""
    results = run(paths, out, with_code, jobs, progress=sys.stderr.isatty() or bool(os.environ.get("ZJTEXT_PROGRESS", "1") == "1"))
    status = 0
    for r in results:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
            status = 1
        elif r.pages:
            print(f"{r.report_id}: {display_path(r.pages[0])} ({len(r.pages)} pages)")
    return status
