"""The main job: run the notebooks on reports and export shareable, self-contained HTML.

``zjtext run REPORT… --out OUT`` writes nothing outside ``OUT`` (and the cache folder,
:func:`zjtext.paths.cache_dir`). First every report's tables are made once (:mod:`zjtext.site.produce`:
``zjtext process`` into ``OUT/tables/``). For each report, notebooks 01–04 are executed by papermill
(:mod:`zjtext.site.execute`) with every path as a parameter, working directory ``OUT/<report_id>/``:
they read its tables from ``OUT/<report_id>/data/``, figures go to ``OUT/<report_id>/figures/``, executed
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

import contextlib
import functools
import json
import os
import shutil
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..paths import RAW_DIR, REPORTS_DIR, is_raw_path
from ..process import check_out_folder, expand
from ..report import Report, ReportError, load_report, report_id_for
from ..store import remove_stale_temps, write_text
from ..workers import limit_malloc_arenas, make_pool, run_tasks, stop_workers
from . import execute as ex
from .folders import PARTIAL_SUFFIX, STAMP  # noqa: F401
from .folders import abandon as _abandon, finish as _finish
from .folders import keep_failed as _keep_failed
from .folders import relative as _relative
from .folders import reusable as _reusable
from .folders import sha256 as _sha256  # noqa: F401
from .folders import stage as _stage
from .folders import stamp as _stamp
from .export import Pager, export_html, make_exporter, notebook_page, write_pages  # noqa: F401  (tests use them from here)
from .html import finish_page, with_font
from .labels import PAGE_TITLES, region_name, report_name, short_name
from .index import gap_label, overview_page, prune as _prune, stale_folders
from .inputs import WHY, corpus_worthy, duplicates, loader
from .pages import compare_nav, index_page, relative_href, report_nav
from .produce import TABLES_DIR, produce, report_tables, tables_params

COMPARE_NOTEBOOK = "05-compare-reports"
COMPARE_DIR = "compare"
CORPUS_NOTEBOOK = "06-panel-and-series"
CORPUS_DIR = "corpus"
#: Largest input file ``zjtext run`` takes (bytes). The notebooks hold every table of a report in
#: memory, about a hundred times the text; the longest government work reports are ≈ 100 kB of text.
MAX_INPUT_BYTES = 10 * 2**20


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
    region: str = ""  # as readers name it (全国, 浙江省); the index orders reports by it
    year: int | None = None
    duplicate_of: str = ""  # the earlier input this one repeats (built once, from that one)
    duplicate_why: str = ""


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
        if rid in (COMPARE_DIR, CORPUS_DIR, TABLES_DIR):
            errors[i] = f"{f}: report id '{rid}' is the name of a folder of the run; rename the file"
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


# ---------------------------------------------------------------- one report

def _report_stamp(path: Path, with_code: bool, previous: Path | None, compare: Sequence[tuple[str, str]]) -> dict:
    """What a report's folder is made from: its input, last year's report, zjtext, the notebooks, the links."""
    return {**_stamp([path, *([previous] if previous is not None else [])], with_code),
            "compare": [list(c) for c in compare]}  # as JSON reads it back


def reused_report(path: Path, out: Path, report: Report, with_code: bool = False, previous: Path | None = None,
                  compare: Sequence[tuple[str, str]] = ()) -> RunResult | None:
    """The result of ``report`` (loaded from ``path``) when its folder in ``out`` is current, else None."""
    pages = _reusable(out / report.report_id, _report_stamp(path, with_code, previous, compare))
    if not pages:
        return None
    return RunResult(source=str(path), report_id=report.report_id, pages=pages, reused=True, title=report_name(report.meta),
                     region=region_name(report.meta), year=report.meta.year)


def run_report(path: Path, out: Path, with_code: bool = False, exporter=None, force: bool = False,
               previous: Path | None = None, compare: Sequence[tuple[str, str]] = ()) -> RunResult:
    """Run notebooks 01–04 on one report into ``out/<report_id>/``; errors are caught into the result.

    ``previous`` is last year's report of the same region (its targets head the front page);
    ``compare`` the (href, label) of the comparison pages this report is part of. The kernels are this
    process's (:func:`zjtext.site.execute.kept_kernels`): kept for the next report it runs."""
    result = RunResult(source=str(path), report_id=report_id_for(path))
    try:
        report = load_report(path)
    except ReportError as err:
        result.error = str(err)
        return result
    if not force and (reused := reused_report(path, out, report, with_code, previous, compare)):
        return reused
    rid = result.report_id = report.report_id
    result.title, result.region, result.year = report_name(report.meta), region_name(report.meta), report.meta.year
    final = out / rid
    notebooks = report_notebooks()
    stamp = _report_stamp(path, with_code, previous, compare)
    stage = _stage(final)
    params = {"report_path": _relative(path, final), "processed_dir": "data", "out_dir": "."}
    links = [(f"{name}.html", f"{name[:2]} {title}") for name, title in notebooks]
    pager = Pager(exporter, with_code)
    try:
        front, last_year = report_tables(path, previous, rid, stage, out / TABLES_DIR)
        pager.add(stage / "index.html", lambda: finish_page(index_page(report, links, front, last_year, compare)))
        kernels = ex.kept_kernels(stage, [name for name, _ in notebooks])  # this process's, kept for its next report
        for (name, _), (href, label) in zip(notebooks, links):
            if kernels.draws_charts(name):
                pager.start()  # the first kernel is done: a processor is free while the charts are drawn
            executed = stage / "notebooks" / f"{name}.ipynb"
            try:
                ex.execute(name, executed, params, cwd=stage, kernel=kernels[name])
            except Exception as err:  # the failed notebook is kept for inspection
                ex.close_kept_kernels()  # a kernel in an unknown state is not reused
                _keep_failed(stage, final, name)
                result.error = f"{path}: {name}: {_reason(err)}"
                return result
            pager.add(stage / href, functools.partial(notebook_page, executed, pager.exporter,
                                                      f"{result.title} · {label}", report_nav(links, href, compare)))
        pager.start()
        written = [write_text(text, page) for page, text in with_font(pager.pages()).items()]  # one font cut per report
        result.pages = _finish(stage, final, stamp, written)
        return result
    except ReportError as err:  # the report's tables could not be made
        result.error = str(err)
        return result
    finally:
        pager.close()
        _abandon(stage)


def compare_title(reports) -> str:
    """'年度对比：浙江省 2024—2025年'; when the two newest, the pair the page judges, are not consecutive
    years, the title names them and says so: '全国 2014年与2016年（相隔两年：只列目标，不作判定）'."""
    first, last = reports[0].meta, reports[-1].meta
    apart = gap_label(reports[-2].meta.year, last.year) if len(reports) >= 2 else ""
    if apart:
        return f"{region_name(last)} {reports[-2].meta.year}年与{last.year}年（{apart}）"
    return f"{PAGE_TITLES[COMPARE_NOTEBOOK]}：{region_name(first)} {first.year}—{last.year}年"


def run_compare(paths: Sequence[Path], target_dir: Path, out: Path, with_code: bool = False, exporter=None,
                force: bool = False) -> RunResult:
    """Run notebook 05 over two or more reports of one region into ``target_dir`` (inside the run's ``out``)."""
    reports = [load_report(p) for p in paths]
    result = RunResult(source=", ".join(str(p) for p in paths), report_id="compare", title=compare_title(reports))
    nav = compare_nav(target_dir, out, [(r.report_id, short_name(r.meta)) for r in reports])
    return _run_over(COMPARE_NOTEBOOK, paths, target_dir, result, nav, tables_params(out, target_dir), with_code, exporter,
                     force)


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


def run_corpus(paths: Sequence[Path], out: Path, with_code: bool = False, exporter=None,
               force: bool = False) -> RunResult:
    """Run notebook 06 (all regions side by side, one region over the years) into ``out/corpus/``."""
    target_dir = out / CORPUS_DIR
    result = RunResult(source=", ".join(str(p) for p in paths), report_id=CORPUS_DIR, title=PAGE_TITLES[CORPUS_NOTEBOOK])
    return _run_over(CORPUS_NOTEBOOK, paths, target_dir, result, compare_nav(target_dir, out, []),
                     tables_params(out, target_dir), with_code, exporter, force)


# ---------------------------------------------------------------- many reports

_POOL: ProcessPoolExecutor | None = None

#: Called with each result as it is known, the count of results known and the total (``zjtext run``'s lines).
OnResult = Callable[[RunResult, int, int], None]


def run(paths: Iterable[Path | str] = (), out: Path | str | None = None, with_code: bool = False,
        jobs: int = 1, progress: bool = False, force: bool = False, on_result: OnResult | None = None,
        prune: bool = False) -> list[RunResult]:
    """Run every report; return one result per input (plus one per comparison and the corpus page).
    The same report given twice is built once (its result names the first); ``prune`` removes the
    folders of earlier runs whose input is not in this one (else the index lists them as stale).

    ``jobs`` > 1: reports, comparisons and the corpus page run in that many worker processes, each
    keeping its kernels for the next report it runs. ``on_result`` hears of each result as soon as it
    is known (reused ones first); ``progress`` shows a bar on stderr (count and time left).

    Raises :class:`RunRefused` (before writing anything) when the run would write under data/raw/."""
    files = expand_paths(paths)
    out = Path(out or REPORTS_DIR)
    check_out(out, files)
    check_out_folder(out)
    # papermill runs a notebook in its folder by changing this process's working directory, while a
    # thread makes the pages: every path under ``out`` must not depend on the working directory
    out = out.absolute()
    refused = input_errors(files)
    ex.skip_slow_imports()
    limit_malloc_arenas()  # before any thread: memory stays flat however many reports a worker runs
    out.mkdir(parents=True, exist_ok=True)
    for folder in (out, out / COMPARE_DIR):  # what a killed run was building (its process is gone)
        remove_stale_temps(folder, PARTIAL_SUFFIX)
    ws = ex.Workspace()
    ex.set_workspace(ws)
    own_ipython_dir = "IPYTHONDIR" not in os.environ
    if own_ipython_dir:  # else IPython, imported by nbconvert, makes ~/.ipython
        os.environ["IPYTHONDIR"] = str(ws.root / "ipython")
    try:
        session = _Session(files, refused, out, with_code, force, jobs, progress, on_result)
        produce(session.todo, out / TABLES_DIR, jobs)  # the one producer; a repeated report is made once
        results = session.run()
    finally:
        ex.close_kept_kernels()
        ex.set_workspace(None)
        ws.close()
        if own_ipython_dir:
            os.environ.pop("IPYTHONDIR", None)
    # a failed input's folder is not stale: its input is in this run (it may be fixed and rerun)
    stale = stale_folders(out, [r.pages[0].parent for r in results if r.pages] +
                          [out / r.report_id for r in results if r.error and r.report_id])
    if prune:
        _prune(stale)
    write_pages({out / "index.html": overview_page(results, out, [] if prune else stale)})
    return results


def _do(task: tuple) -> RunResult:
    """One task of a run, in a worker or here: ``("report" | "compare" | "corpus", args)``."""
    kind, args = task
    return {"report": run_report, "compare": run_compare, "corpus": run_corpus}[kind](*args)


class _Session:
    """One run's plan and schedule. Reports whose folder is current are reused here, without a worker;
    the others, and the comparisons and the corpus page that are not current, go to the workers at
    once (the comparisons and the corpus page read the report files, not the reports' pages, so they
    run beside them). Should a report fail, what was built over it is built again without it."""

    def __init__(self, files, refused, out, with_code, force, jobs, progress, on_result):
        self.files, self.refused, self.out, self.with_code, self.force = files, refused, out, with_code, force
        self.load = loader()
        self.todo = [f for i, f in enumerate(files) if i not in refused]
        self.repeats = duplicates(self.todo, self.load)  # the same report under another name: built once
        self.todo = [f for f in self.todo if f not in self.repeats]
        self.jobs, self.on_result = jobs, on_result
        plan = compare_plan([f for f in self.todo if self.load(f) is not None], out, self.load)
        year = {p: self.load(p).meta.year for s, _ in plan for p in s}
        # last year's report heads the front page only when it is last year's (N+1 reviews N)
        self.previous = {p: s[i - 1] for s, _ in plan for i, p in enumerate(s) if i and year[p] == (year[s[i - 1]] or 0) + 1}
        self.links = {p: [(relative_href(target / f"{COMPARE_NOTEBOOK}.html", out / report_id_for(p)), PAGE_TITLES[COMPARE_NOTEBOOK])]
                      for s, target in plan for p in s}
        self.total, self.count = len(files) + len(plan) + int(self._corpus_inputs(self.todo) is not None), 0
        self.bar = _progress(self.total, progress)

    def _corpus_inputs(self, paths: Sequence[Path]) -> list[Path] | None:
        loaded = [p for p in paths if self.load(p) is not None]
        return loaded if corpus_worthy([self.load(p) for p in loaded]) else None

    def _tell(self, result: RunResult) -> None:
        self.count += 1
        self.bar.update(1)
        if self.on_result is not None:
            self.on_result(result, self.count, self.total)

    def _report_task(self, f: Path) -> tuple:
        return ("report", (f, self.out, self.with_code, None, self.force, self.previous.get(f), tuple(self.links.get(f, ()))))

    def _over_tasks(self, paths: Sequence[Path]) -> list[tuple]:
        """The comparisons and the corpus page over ``paths`` (the reports that load, or that ran)."""
        tasks = [("compare", (inputs, target, self.out, self.with_code, None, self.force))
                 for inputs, target in compare_plan(paths, self.out, self.load)]
        corpus = self._corpus_inputs(paths)
        return tasks + ([("corpus", (corpus, self.out, self.with_code, None, self.force))] if corpus is not None else [])

    def _reused(self, task: tuple) -> RunResult | None:
        """The task's result when what it would build is current (found without loading a kernel)."""
        if self.force:
            return None
        kind, args = task
        if kind == "report":
            report = self.load(args[0])
            return reused_report(args[0], self.out, report, self.with_code, args[5], args[6]) if report is not None else None
        target = _target(task, self.out)
        return _do(task) if _reusable(target, _stamp(args[0], self.with_code)) else None

    def run(self) -> list[RunResult]:
        global _POOL
        for i in self.refused:
            self._tell(RunResult(str(self.files[i]), report_id_for(self.files[i]), error=self.refused[i]))
        repeated = {f: RunResult(str(f), report_id_for(f), duplicate_of=str(first), duplicate_why=why)
                    for f, (first, why) in self.repeats.items()}
        for r in repeated.values():
            self._tell(r)
        tasks = [self._report_task(f) for f in self.todo]
        over = self._over_tasks([f for f in self.todo if self.load(f) is not None])
        parallel = self.jobs > 1
        done: dict[tuple, RunResult] = {}
        for task in tasks + (over if parallel else []):
            if (reused := self._reused(task)) is not None:
                done[_key(task)] = reused
                self._tell(reused)
        work = [t for t in tasks + (over if parallel else []) if _key(t) not in done]
        work = over_first(work)
        try:
            if parallel and len(work) > 1:
                _prepare_workers(self.with_code)
                _POOL = make_pool(min(self.jobs, len(work)), ex.init_worker, (os.getpid(), str(ex.workspace().root)))
            with _POOL or contextlib.nullcontext():
                for task, res in zip(work, run_tasks(_do, work, _POOL, lambda i, r: self._tell(r), self._died(work))):
                    done[_key(task)] = res
        finally:
            _POOL = None
        by_file = {f: done[_key(t)] for f, t in zip(self.todo, tasks)}
        results = [RunResult(str(f), report_id_for(f), error=self.refused[i]) if i in self.refused else
                   repeated[f] if f in repeated else by_file[f] for i, f in enumerate(self.files)]
        ran = [Path(r.source) for r in results if not r.error and not r.duplicate_of]
        final = self._over_tasks(ran)
        self._drop_unused(over if parallel else [], final, done)
        for task in final:  # what ran beside the reports, unless a report failed
            if _key(task) not in done:
                done[_key(task)] = _do(task)
                self._tell(done[_key(task)])
            results.append(done[_key(task)])
        self.bar.close()
        return results

    def _drop_unused(self, ran_beside: list[tuple], final: list[tuple], done: dict) -> None:
        """A comparison built beside the reports over a report that then failed, in a folder the final
        plan does not use (``compare/<newest id>/``), is removed: no page links to it."""
        keep = {_target(t, self.out) for t in final}
        for task in ran_beside:
            res = done.get(_key(task))
            if res is not None and not res.reused and _key(task) not in {_key(t) for t in final} \
                    and _target(task, self.out) not in keep:
                shutil.rmtree(_target(task, self.out), ignore_errors=True)

    def _died(self, work: list[tuple]) -> Callable[[int, BaseException], RunResult]:
        def failed(i: int, err: BaseException) -> RunResult:
            kind, args = work[i]
            source = str(args[0]) if kind == "report" else ", ".join(map(str, args[0]))
            return RunResult(source, report_id_for(args[0]) if kind == "report" else kind,
                             error=f"{source}: worker process failed ({type(err).__name__}: {err})")
        return failed


def _key(task: tuple) -> tuple:
    """A task's identity: its kind and inputs (and target folder)."""
    kind, args = task
    return (kind, str(args[0]) if kind == "report" else tuple(map(str, args[0])), str(args[1]))


def _target(task: tuple, out: Path) -> Path:
    """The folder a comparison or corpus task builds."""
    return Path(task[1][1]) if task[0] == "compare" else out / CORPUS_DIR


def over_first(tasks: list[tuple]) -> list[tuple]:
    """Tasks in the order they go to the workers: those over several reports first (they take longest),
    then the reports, longest input first, so the run does not end waiting on one long task."""
    def size(task: tuple) -> int:
        try:
            return Path(task[1][0]).stat().st_size
        except (OSError, TypeError):
            return 0
    return [t for t in tasks if t[0] != "report"] + sorted((t for t in tasks if t[0] == "report"), key=size, reverse=True)


def _prepare_workers(with_code: bool) -> None:
    """Made once, before the workers are forked, so that every worker starts with them: the HTML
    exporter and its templates, the page templates, and the cut of the Chinese font pages are cut from."""
    from .html import _base_font, _environment

    make_exporter(with_code)
    _environment()
    _base_font()


class _NoBar:
    def update(self, n=1): pass
    def close(self): pass


def _progress(total: int, enabled: bool):
    """A progress bar on stderr when it is a terminal (and asked for): reports, comparisons and the
    corpus page done out of all, and the time left; else nothing."""
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="page set", file=sys.stderr, dynamic_ncols=True, bar_format=BAR_FORMAT)


#: The bar: '12/31 [######     ] 0:42 left'.
BAR_FORMAT = "{n_fmt}/{total_fmt} |{bar}| {elapsed} elapsed, {remaining} left"


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
    stop_workers(_POOL, grace=1.0)
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


def run_command(paths: Sequence[str], out: Path | None = None, with_code: bool = False, jobs: int | None = None,
                force: bool = False, prune: bool = False) -> int:
    """``zjtext run``: one line per report (written or reused), one ``error:`` line per failure, each
    as soon as it is known, one ``warning:`` line per input that repeats another (built once). On a terminal a bar below them counts what is done and the time left; in a
    log (stderr not a terminal) the lines are plain, each with its count (``[12/31]``).
    ``jobs`` None: one worker per core."""
    out = Path(out or REPORTS_DIR)
    tty = sys.stderr.isatty()
    failed = []

    def tell(r: RunResult, count: int, total: int) -> None:
        if r.error:
            failed.append(r)
        line = f"error: {r.error}" if r.error else _line(r) + ("" if tty else f"  [{count}/{total}]")
        if r.duplicate_of:
            line = f"warning: {r.source}: {WHY[r.duplicate_why][0]} as {r.duplicate_of}; built once, from that file"
        stream = sys.stderr if r.error or r.duplicate_of else sys.stdout
        if tty:
            from tqdm import tqdm

            tqdm.write(line, file=stream)
        else:
            print(line, file=stream, flush=True)

    previous = signal.signal(signal.SIGINT, lambda *a: _interrupted(out))
    try:
        run(paths, out, with_code, jobs or os.cpu_count() or 1, progress=tty, force=force, on_result=tell, prune=prune)
    except RunRefused as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, previous)
    return 1 if failed else 0


def _line(r: RunResult) -> str:
    """'zhejiang-2024: reports/zhejiang-2024/index.html (5 pages)' or '… (unchanged, kept)'."""
    if not r.pages:
        return f"{r.report_id}: nothing made"
    state = "unchanged, kept" if r.reused else f"{len(r.pages)} pages"
    return f"{r.report_id}: {_shown(r.pages[0])} ({state})"


def _shown(path: Path) -> Path:
    """A page as the user would name it: relative to the working directory when inside it."""
    try:
        return Path(path).relative_to(Path.cwd())
    except ValueError:
        return Path(path)
