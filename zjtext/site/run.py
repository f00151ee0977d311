"""The main job: run the notebooks on reports and export shareable, self-contained HTML.

``zjtext run REPORT… --out OUT`` writes nothing outside ``OUT`` (and the cache folder,
:func:`zjtext.paths.cache_dir`). For each report, notebooks 01–04 are executed by papermill
(:mod:`zjtext.site.execute`) with every path as a parameter, working directory ``OUT/<report_id>/``:
their tables go to ``OUT/<report_id>/data/``, figures to ``OUT/<report_id>/figures/``, executed
notebooks to ``OUT/<report_id>/notebooks/`` (the report's path recorded relative to that folder: the
input's bytes are not copied, an HTML report would be live markup next to the pages); each is exported to ``OUT/<report_id>/<name>.html``
and an ``index.html`` links the pages. With two or more reports of one region notebook 05 compares
them into ``OUT/compare/``; ``OUT/index.html`` lists everything.

Promises, checked before any work:

* nothing is ever written under a raw-data folder (``data/raw/``): an ``OUT`` that is one, or a report
  id that would make one (``--out data`` with ``raw.txt``), refuses the run (:class:`RunRefused`);
* two inputs with one report id: the later one is refused, as ``zjtext process`` does;
* an input larger than :data:`MAX_INPUT_BYTES` is refused (the notebooks hold a report's tables in memory).

A report is built in a hidden folder next to its place and moved there when complete, so ``OUT`` only
ever holds complete reports. A report whose input bytes, zjtext version and code and notebooks are
unchanged since it was built is reused (``force=True`` redoes it); so is a comparison.

>>> [name for name, _ in report_notebooks()][:2]
['01-load-and-segment', '02-keyword-frequency']
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .. import __version__
from ..paths import RAW_DIR, REPORTS_DIR, is_raw_path
from ..process import check_out_folder, code_digest, expand
from ..report import Report, ReportError, load_report, report_id_for
from ..store import remove_stale_temps, write_text
from . import execute as ex
from .html import NBCONVERT_TEMPLATE, TEMPLATES, finish_page_with_font, finish_pages
from .labels import PAGE_TITLES, region_name, report_name, short_name
from .pages import compare_nav, index_page, overview_page, relative_href, report_nav

COMPARE_NOTEBOOK = "05-compare-reports"
COMPARE_DIR = "compare"
PARTIAL_SUFFIX = ".partial"  # a report's folder while it is built: .<id>.<pid>.<random>.partial
CORPUS_NOTEBOOK = "06-panel-and-series"
CORPUS_DIR = "corpus"
#: Largest input file ``zjtext run`` takes (bytes). The notebooks hold every table of a report in
#: memory, about a hundred times the text; the longest government work reports are ≈ 100 kB of text.
MAX_INPUT_BYTES = 10 * 2**20
STAMP = "run.json"


class RunRefused(Exception):
    """The whole run cannot start (e.g. it would write under data/raw/); nothing was written."""


@dataclass
class RunResult:
    """What one report's run produced (or reused), or the one-line error that stopped it."""

    source: str
    report_id: str = ""
    pages: list[Path] = field(default_factory=list)
    error: str = ""
    reused: bool = False
    title: str = ""  # the name readers see (region, year, 政府工作报告)


def report_notebooks() -> list[tuple[str, str]]:
    """The per-report notebooks (those with one ``report_path`` parameter: 01–04) in order, as
    ``(name, page title)``; notebooks over several reports (05, 06) take ``report_paths``."""
    import re

    single = re.compile(r"^report_path\s*=", re.M)
    return [(n, PAGE_TITLES.get(n, n)) for n in ex.notebook_names() if single.search(ex.notebook_text(n))]


def _reason(err: BaseException) -> str:
    name = getattr(err, "ename", None)
    value = getattr(err, "evalue", None)
    text = f"{name}: {value}" if name else (str(err) or type(err).__name__)
    return text.strip().splitlines()[0] if text.strip() else type(err).__name__


# ---------------------------------------------------------------- checks before any work

def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders expanded to their report files (sorted); default: ``data/raw/``."""
    given = [Path(x) for x in paths]
    if not given and not RAW_DIR.is_dir():
        raise RunRefused(f"no report given and no {RAW_DIR}/ folder here: name report files or folders")
    return expand(given or [RAW_DIR])


def check_out(out: Path, files: Sequence[Path]) -> None:
    """Refuse a run that would write under a raw-data folder, before anything is written."""
    targets = [out, out / COMPARE_DIR, out / CORPUS_DIR] + [out / report_id_for(f) for f in files]
    for target in targets:
        if is_raw_path(target):
            raise RunRefused(f"{target}: refusing to write under data/raw/ (raw data is immutable); choose another --out")


def input_errors(files: Sequence[Path]) -> dict[int, str]:
    """Inputs refused before any work: a report id taken by an earlier input (as ``zjtext process``
    says), the id of the comparison folder, or a file too large to run."""
    errors: dict[int, str] = {}
    seen: dict[str, Path] = {}
    for i, f in enumerate(files):
        rid = report_id_for(f)
        if rid in (COMPARE_DIR, CORPUS_DIR):
            errors[i] = f"{f}: report id '{rid}' is the name of the comparison folder; rename the file"
        elif rid in seen:
            errors[i] = f"{f}: same report id '{rid}' as {seen[rid]}"
        elif f.is_file() and f.stat().st_size > MAX_INPUT_BYTES:
            errors[i] = (f"{f}: {_size(f.stat().st_size)} is more than zjtext run takes ({_size(MAX_INPUT_BYTES)}); "
                         "zjtext process takes big inputs")
        else:
            seen[rid] = f
    return errors


def _size(n: int) -> str:
    """
    >>> _size(10 * 2**20), _size(1500)
    ('10.0 MB', '1500 bytes')
    """
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


# ---------------------------------------------------------------- complete outputs only, reused when unchanged

def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stamp(inputs: Sequence[Path], with_code: bool) -> dict:
    """What decides whether outputs can be reused: input bytes, zjtext version, code and notebooks."""
    return {"inputs": [_sha256(p) for p in inputs], "zjtext": __version__, "code": code_digest(),
            "notebooks": ex.notebooks_digest(), "with_code": with_code}


def _reusable(folder: Path, stamp: dict) -> list[Path] | None:
    """The pages of ``folder`` when its stamp matches and they all exist, else None."""
    try:
        saved = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = [folder / p for p in saved.get("pages", [])]
    if {k: saved.get(k) for k in stamp} != stamp or not pages or not all(p.is_file() for p in pages):
        return None
    return pages


def _stage(final: Path) -> Path:
    """A hidden folder next to ``final`` to build it in."""
    final.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{final.name}.{os.getpid()}.", suffix=PARTIAL_SUFFIX, dir=final.parent))
    ex.PARTIAL.add(stage)
    return stage


def _finish(stage: Path, final: Path, stamp: dict, pages: Sequence[Path]) -> list[Path]:
    """Stamp the built folder and move it into place (the old one goes only once the new one is there)."""
    names = sorted((p.relative_to(stage).as_posix() for p in pages), key=lambda n: (n != "index.html", n))
    stamp = {**stamp, "pages": names}
    write_text(json.dumps(stamp, ensure_ascii=False, indent=1) + "\n", stage / STAMP)
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.{os.getpid()}.old")
        os.replace(final, old)
    os.replace(stage, final)
    ex.PARTIAL.discard(stage)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return [final / p for p in stamp["pages"]]


def _abandon(stage: Path) -> None:
    shutil.rmtree(stage, ignore_errors=True)
    ex.PARTIAL.discard(stage)


def _keep_failed(stage: Path, final: Path, name: str) -> Path | None:
    """Keep a failed notebook for inspection: ``final/notebooks/<name>.ipynb``."""
    failed = stage / "notebooks" / f"{name}.ipynb"
    if not failed.exists():
        return None
    kept = final / "notebooks" / f"{name}.ipynb"
    kept.parent.mkdir(parents=True, exist_ok=True)
    (final / STAMP).unlink(missing_ok=True)  # what is there is no longer this input's complete output
    os.replace(failed, kept)
    return kept


def _relative(path: Path, start: Path) -> str:
    """``path`` as seen from ``start`` (executed notebooks record no machine paths)."""
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


# ---------------------------------------------------------------- one report

def run_report(path: Path, out: Path, with_code: bool = False, exporter=None, bar=None,
               force: bool = False, previous: Path | None = None, compare: Sequence[tuple[str, str]] = ()) -> RunResult:
    """Run notebooks 01–04 on one report into ``out/<report_id>/``; errors are caught into the result.

    ``previous`` is last year's report of the same region (its targets head the front page);
    ``compare`` the (href, label) of the comparison pages this report is part of."""
    result = RunResult(source=str(path), report_id=report_id_for(path))
    try:
        report = load_report(path)
    except ReportError as err:
        result.error = str(err)
        return result
    rid = result.report_id = report.report_id
    result.title = report_name(report.meta)
    final = out / rid
    notebooks = report_notebooks()
    stamp = {**_stamp([path, *([previous] if previous is not None else [])], with_code), "compare": [list(c) for c in compare]}  # as JSON reads it back
    if not force and (pages := _reusable(final, stamp)):
        result.pages, result.reused = pages, True
        if bar is not None:
            bar.update(len(notebooks))
        return result
    stage = _stage(final)
    params = {"report_path": _relative(path, final), "processed_dir": "data", "out_dir": "."}
    links = [(f"{name}.html", f"{name[:2]} {title}") for name, title in notebooks]
    pager = _Pager(exporter, with_code)
    try:
        last_year = load_report(previous) if previous is not None else None
        pager.add(stage / "index.html", lambda: finish_page_with_font(index_page(report, links, last_year, compare)))
        with ex.ReportKernels(stage, [name for name, _ in notebooks]) as kernels:
            for (name, _), (href, label) in zip(notebooks, links):
                if bar is not None:
                    bar.set_description(f"{rid}: {name}")
                if kernels.draws_charts(name):
                    pager.start()  # the first kernel is done: a processor is free while the charts are drawn
                executed = stage / "notebooks" / f"{name}.ipynb"
                try:
                    ex.execute(name, executed, params, cwd=stage, kernel=kernels[name])
                except Exception as err:  # the failed notebook is kept for inspection
                    _keep_failed(stage, final, name)
                    result.error = f"{path}: {name}: {_reason(err)}"
                    return result
                pager.add(stage / href, functools.partial(_notebook_page, executed, pager.exporter,
                                                          f"{result.title} · {label}", report_nav(links, href, compare)))
                if bar is not None:
                    bar.update(1)
            pager.start()  # the last pages are made while the kernels shut down
        written = [write_text(text, page) for page, text in pager.pages().items()]
        result.pages = _finish(stage, final, stamp, written)
        return result
    finally:
        pager.close()
        _abandon(stage)


class _Pager:
    """Makes a report's pages in a thread of their own while the kernels work (the process mostly
    waits on its kernels). Pages added before :meth:`start` wait: until then the kernels use every
    processor; from then on (the charts kernel runs alone) a processor is free."""

    def __init__(self, exporter=None, with_code: bool = False):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zjtext-pages")
        self._exporter, self._with_code = exporter, with_code
        self._held: list[tuple[Path, Callable[[], str]]] = []
        self._jobs: dict[Path, Future] = {}
        self._started = False

    def exporter(self):
        """The run's HTML exporter (made on first use, in the pager's one thread)."""
        if self._exporter is None:
            self._exporter = make_exporter(self._with_code)
        return self._exporter

    def add(self, page: Path, make: Callable[[], str]) -> None:
        """Make the text of ``page`` with ``make()`` (now, or at :meth:`start`)."""
        if self._started:
            self._jobs[page] = self._pool.submit(make)
        else:
            self._held.append((page, make))

    def start(self) -> None:
        self._started = True
        for page, make in self._held:
            self._jobs[page] = self._pool.submit(make)
        self._held = []

    def pages(self) -> dict[Path, str]:
        """Every page's text, once all are made (a page's error is raised here)."""
        self.start()
        return {page: job.result() for page, job in self._jobs.items()}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _notebook_page(executed: Path, exporter: Callable, title: str, nav) -> str:
    """An executed notebook's finished page (exported, sanitised, with its font); ``exporter()`` gives the exporter."""
    return finish_page_with_font(export_html(executed, exporter(), title, nav))


def _run_one(args: tuple) -> RunResult:
    path, out, with_code, force, previous, compare = args
    return run_report(path, out, with_code, force=force, previous=previous, compare=compare)


def compare_title(reports) -> str:
    """'年度对比：浙江省 2024—2025年'."""
    first, last = reports[0].meta, reports[-1].meta
    return f"{PAGE_TITLES[COMPARE_NOTEBOOK]}：{region_name(first)} {first.year}—{last.year}年"


def run_compare(paths: Sequence[Path], target_dir: Path, out: Path, with_code: bool = False, exporter=None,
                force: bool = False) -> RunResult:
    """Run notebook 05 over two or more reports of one region into ``target_dir`` (inside the run's ``out``)."""
    reports = [load_report(p) for p in paths]
    result = RunResult(source=", ".join(str(p) for p in paths), report_id="compare", title=compare_title(reports))
    nav = compare_nav(target_dir, out, [(r.report_id, short_name(r.meta)) for r in reports])
    return _run_over(COMPARE_NOTEBOOK, paths, target_dir, result, nav, {}, with_code, exporter, force)


def _run_over(name: str, paths: Sequence[Path], target_dir: Path, result: RunResult, nav, params: dict,
              with_code: bool, exporter, force: bool) -> RunResult:
    """Run a notebook over several reports (05, 06) into ``target_dir``: reused when nothing changed,
    built in a hidden folder and moved into place when complete, its failure kept for inspection."""
    stamp = _stamp(paths, with_code)
    if not force and (pages := _reusable(target_dir, stamp)):
        result.pages, result.reused = pages, True
        return result
    stage = _stage(target_dir)
    try:
        executed = stage / "notebooks" / f"{name}.ipynb"
        params = {"report_paths": [_relative(p, target_dir) for p in paths], **params, "out_dir": "."}
        try:
            ex.execute(name, executed, params, cwd=stage)
        except Exception as err:
            _keep_failed(stage, target_dir, name)
            result.error = f"{result.report_id}: {name}: {_reason(err)}"
            return result
        page = export_html(executed, exporter or make_exporter(with_code), result.title, nav)
        result.pages = _finish(stage, target_dir, stamp, write_pages({stage / f"{name}.html": page}))
        return result
    finally:
        _abandon(stage)


def corpus_worthy(reports: Sequence) -> bool:
    """Whether notebook 06 has a story to tell: reports of two regions or more (the panel), or of two
    years or more of one region (the series)."""
    regions = {r.meta.region for r in reports if r.meta.region}
    years: dict[str, set] = {}
    for r in reports:
        if r.meta.region and r.meta.year:
            years.setdefault(r.meta.region, set()).add(r.meta.year)
    return len(regions) >= 2 or any(len(y) >= 2 for y in years.values())


def run_corpus(paths: Sequence[Path], out: Path, with_code: bool = False, exporter=None,
               force: bool = False) -> RunResult:
    """Run notebook 06 (all regions side by side, one region over the years) into ``out/corpus/``."""
    target_dir = out / CORPUS_DIR
    result = RunResult(source=", ".join(str(p) for p in paths), report_id=CORPUS_DIR, title=PAGE_TITLES[CORPUS_NOTEBOOK])
    return _run_over(CORPUS_NOTEBOOK, paths, target_dir, result, compare_nav(target_dir, out, []),
                     {"processed_dir": "data"}, with_code, exporter, force)


# ---------------------------------------------------------------- many reports

_POOL: ProcessPoolExecutor | None = None


def run(paths: Iterable[Path | str] = (), out: Path | str | None = None, with_code: bool = False,
        jobs: int = 1, progress: bool = False, force: bool = False) -> list[RunResult]:
    """Run every report; return one result per input (plus one per comparison).

    Raises :class:`RunRefused` (before writing anything) when the run would write under data/raw/."""
    global _POOL
    files = expand_paths(paths)
    out = Path(out or REPORTS_DIR)
    check_out(out, files)
    check_out_folder(out)
    # papermill runs a notebook in its folder by changing this process's working directory, while a
    # thread makes the pages: every path under ``out`` must not depend on the working directory
    out = out.absolute()
    refused = input_errors(files)
    todo = [f for i, f in enumerate(files) if i not in refused]
    ex.skip_slow_imports()
    out.mkdir(parents=True, exist_ok=True)
    for folder in (out, out / COMPARE_DIR):  # what a killed run was building (its process is gone)
        remove_stale_temps(folder, PARTIAL_SUFFIX)
    ws = ex.Workspace()
    ex.set_workspace(ws)
    own_ipython_dir = "IPYTHONDIR" not in os.environ
    if own_ipython_dir:  # else IPython, imported by nbconvert, makes ~/.ipython
        os.environ["IPYTHONDIR"] = str(ws.root / "ipython")
    by_file: dict[Path, RunResult] = {}
    load = _loader()
    plan = compare_plan([f for f in todo if load(f) is not None], out, load)
    year = {p: load(p).meta.year for s, _ in plan for p in s}
    # last year's report heads the front page only when it is last year's (N+1 reviews N)
    previous = {p: s[i - 1] for s, _ in plan for i, p in enumerate(s) if i and year[p] == (year[s[i - 1]] or 0) + 1}
    links = {p: [(relative_href(target / f"{COMPARE_NOTEBOOK}.html", out / report_id_for(p)), PAGE_TITLES[COMPARE_NOTEBOOK])]
             for s, target in plan for p in s}
    try:
        bar = _progress(len(todo) * len(report_notebooks()), progress)
        if jobs > 1 and len(todo) > 1:
            _POOL = ProcessPoolExecutor(max_workers=jobs, initializer=ex.init_worker, initargs=(os.getpid(), str(ws.root)))
            with _POOL as pool:
                jobs_args = [(f, out, with_code, force, previous.get(f), links.get(f, ())) for f in todo]
                for f, res in zip(todo, pool.map(_run_one, jobs_args)):
                    bar.set_description(res.report_id or res.source)
                    bar.update(len(report_notebooks()))
                    by_file[f] = res
            _POOL = None
        else:
            exporter = None
            for f in todo:
                by_file[f] = run_report(f, out, with_code, exporter, bar, force, previous.get(f), links.get(f, ()))
        results = [RunResult(str(f), report_id_for(f), error=refused[i]) if i in refused else by_file[f]
                   for i, f in enumerate(files)]
        for inputs, target_dir in compare_plan([Path(r.source) for r in results if not r.error], out, load):
            bar.set_description(f"compare: {target_dir.name}")
            results.append(run_compare(inputs, target_dir, out, with_code, force=force))
        done = [Path(r.source) for r in results if not r.error and r.report_id not in (COMPARE_DIR, CORPUS_DIR)]
        if corpus_worthy([load(p) for p in done if load(p) is not None]):
            bar.set_description(f"{CORPUS_DIR}: {CORPUS_NOTEBOOK}")
            results.append(run_corpus(done, out, with_code, force=force))
        bar.close()
    finally:
        ex.set_workspace(None)
        ws.close()
        if own_ipython_dir:
            os.environ.pop("IPYTHONDIR", None)
    write_pages({out / "index.html": overview_page(results, out)})
    return results


def _loader() -> Callable[[Path], "Report | None"]:
    """``load(path)``: the report, loaded once per run; None for a file that does not load (it fails
    later, with its error, in its own run)."""
    loaded: dict[Path, Report | None] = {}

    def load(path: Path) -> "Report | None":
        if path not in loaded:
            try:
                loaded[path] = load_report(path)
            except ReportError:
                loaded[path] = None
        return loaded[path]
    return load


class _NoBar:
    def update(self, n=1): pass
    def set_description(self, text): pass
    def close(self): pass


def _progress(total: int, enabled: bool):
    """A progress bar on stderr when it is a terminal (and asked for), else nothing."""
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="notebook", file=sys.stderr, dynamic_ncols=True)


def compare_plan(paths: Sequence[Path], out: Path, load: Callable = load_report) -> list[tuple[list[Path], Path]]:
    """Which comparisons to run: one per region with reports of two or more years, oldest first
    (``load`` reads a report: :func:`run` passes its loader, which reads each file once).

    A single series goes to ``OUT/compare/``; several go to ``OUT/compare/<newest report id>/``.
    Reports of different regions, or of the same year, are never compared with each other.
    """
    from ..compare import comparable_series

    by_report = {}
    for p in paths:
        by_report[load(p)] = p
    series = comparable_series(list(by_report))
    single = len(series) == 1
    return [([by_report[r] for r in s], out / COMPARE_DIR if single else out / COMPARE_DIR / s[-1].report_id)
            for s in series]


# ---------------------------------------------------------------- the command

def _stop_everything(out: Path) -> None:
    """Stop the workers (each kills its kernels and removes its partial folders), then this process's
    kernels, and remove what was being built."""
    pool = _POOL
    procs = list(getattr(pool, "_processes", {}).values()) if pool is not None else []
    for proc in procs:
        try:
            proc.terminate()
        except Exception:
            pass
    for proc in procs:
        proc.join(1.0)
        if proc.is_alive():
            proc.kill()
    ws = ex._WORKSPACE
    if ws is not None:
        ws.kill_kernels()
        ws.close()
    ex.remove_partial()
    for partial in list(out.glob(f".*{PARTIAL_SUFFIX}")) + list(out.glob(f"{COMPARE_DIR}/.*{PARTIAL_SUFFIX}")):
        shutil.rmtree(partial, ignore_errors=True)


def _interrupted(out: Path, *_args) -> None:
    """Ctrl-C: stop workers and kernels, remove partial outputs, one line, exit status 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # whatever happens while cleaning up, the user gets one line and status 130
        _stop_everything(out)
    except BaseException:
        pass
    sys.stderr.write(f"\nerror: interrupted; {out} holds only the reports that were complete\n"
                     if sys.stderr.isatty() else f"error: interrupted; {out} holds only the reports that were complete\n")
    sys.stderr.flush()
    os._exit(130)


def run_command(paths: Sequence[str], out: Path | None = None, with_code: bool = False, jobs: int = 1,
                force: bool = False) -> int:
    """``zjtext run``: one line per report (written or reused), one ``error:`` line per failure."""
    out = Path(out or REPORTS_DIR)
    previous = signal.signal(signal.SIGINT, lambda *a: _interrupted(out))
    try:
        results = run(paths, out, with_code, jobs, progress=sys.stderr.isatty(), force=force)
    except RunRefused as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, previous)
    status = 0
    for r in results:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
            status = 1
        elif r.pages:
            state = "unchanged, kept" if r.reused else f"{len(r.pages)} pages"
            print(f"{r.report_id}: {_shown(r.pages[0])} ({state})")
    return status


def _shown(path: Path) -> Path:
    """A page as the user would name it: relative to the working directory when inside it."""
    try:
        return Path(path).relative_to(Path.cwd())
    except ValueError:
        return Path(path)


# ---------------------------------------------------------------- pages (HTML export)

def make_exporter(with_code: bool = False):
    """One HTML exporter for a whole run: zjtext template, embedded images, sanitised outputs."""
    import logging

    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=NBCONVERT_TEMPLATE, extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)],
        exclude_input=not with_code, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    exporter.language_code = "zh-CN"
    exporter.log.setLevel(logging.ERROR)  # images get their alt text from their headings (htmlpage)
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
