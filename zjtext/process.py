"""Corpus scale: process many reports into tidy CSV tables, using every core, doing work once.

This is the one producer: every table any view reads is written here, once per report. For each
report: load, segment, count keywords, extract metrics, find last year's results, and write
``DIR/<report_id>/{paragraphs,tokens,vocabulary,keywords,slogans,metrics,targets,results}.csv`` plus
``meta.json``; then the corpus tables ``DIR/corpus_metrics.csv`` and ``DIR/corpus_keywords.csv``
(long format, with report_id, region and year), and ``DIR/<report_id>/tracking.csv`` where last
year's report of the region is among the inputs (:func:`write_tracking`). A report whose input
bytes and zjtext version are unchanged since its last run is skipped unless ``force``; results do
not depend on the number of jobs.

Why the code looks like this (``bench/run_bench.py`` measures it; figures in ``bench/results/``):

* The unchanged check needs only the file's bytes and ``meta.json``: no report is loaded, and
  when every report is unchanged and ``corpus.json`` says the corpus tables were built from the
  same reports, nothing else happens.
* pandas is never imported: the tables are built as plain rows (:func:`zjtext.tables.report_rows`)
  and written by the same writer the notebooks use (:func:`zjtext.tables.write_table`).
  ``tokens.csv`` is cut, counted and written piece by piece, so memory stays a small multiple of
  the input however long the report. Each report is segmented once; slogans come from its tokens and
  the headline table from its metrics.
* Workers are forked after the parent has imported every stage and built the segmenter, with the
  garbage collector off (and what is alive frozen) while they run. Reports go to workers largest
  first, and results are put back in input order.
* Interrupts: Ctrl-C stops the workers at once (they ignore SIGINT; the parent ends them) and
  :func:`process` raises :class:`Interrupted`; every file is written whole or not at all
  (:func:`zjtext.store.atomic_file`), and a report's ``meta.json`` is removed before its tables are
  rewritten and written after them, so a half-rewritten report is processed again next time.
  Workers end when the parent dies (Linux: ``PR_SET_PDEATHSIG``; elsewhere a thread watching the
  parent's pid), and the temporary files a killed run leaves are removed by the next.

>>> stamp_of(b"abc")["sha256"][:12]
'ba7816bf8f01'
"""
from __future__ import annotations

import csv
import errno
import gc
import hashlib
import io
import itertools
import json
import os
import re
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import __version__
from .paths import PROCESSED_DIR, REPORT_SUFFIXES, report_files
from .report import ReportError, check_size, load_report, report_id_for
from .store import CSV_ENCODING, atomic_file, remove_stale_temps, write_text
from .tables import TABLES, report_rows, write_table
from .workers import make_pool, stop_workers, watch_parent

STAMP = "meta.json"
CORPUS_TABLES = {"metrics": "corpus_metrics.csv", "keywords": "corpus_keywords.csv"}
CORPUS_STAMP = "corpus.json"


@dataclass
class ProcessResult:
    """One report's outcome: written, skipped as unchanged, or failed with a one-line error."""

    source: str
    report_id: str = ""
    status: str = ""  # processed | unchanged | failed
    error: str = ""


def digest(texts) -> str:
    """A short SHA-256 of some strings or bytes, in order.

    >>> digest(["a", b"b"]) == digest(["a", "b"])
    True
    """
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8") if isinstance(t, str) else t)
        h.update(b"\0")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """What the installed zjtext code is (modules, templates, word lists): processed tables and a run's
    pages are reused only when this is unchanged, so a changed checkout (a ``git pull``, an edit) never
    keeps stale results under an unchanged version number."""
    root = Path(__file__).resolve().parent
    files = []

    def walk(folder, prefix=""):
        for f in sorted(folder.iterdir(), key=lambda f: f.name):
            if f.is_dir():
                if f.name != "__pycache__":
                    walk(f, f"{prefix}{f.name}/")
            elif not f.name.endswith((".pyc", ".pyo")):
                files.append((f"{prefix}{f.name}", f))

    walk(root)
    return digest(itertools.chain.from_iterable((name, f.read_bytes()) for name, f in files))


def code_stamp() -> dict:
    """The part of every reuse stamp (processed tables, corpus tables, a run's pages) that says which
    zjtext made them: its version and the digest of its code."""
    return {"zjtext": __version__, "code": code_digest()}


def stamp_of(data: bytes) -> dict:
    """What decides whether a report must be processed again: its bytes, the zjtext version and code."""
    return {"sha256": hashlib.sha256(data).hexdigest(), **code_stamp()}


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _is_current(folder: Path, stamp: dict) -> bool:
    if not all((folder / f"{t}.csv").exists() for t in TABLES):
        return False
    saved = _read_json(folder / STAMP)
    return saved is not None and all(saved.get(k) == v for k, v in stamp.items())


def read_tokens(folder: Path | str):
    """A report's tokens table (all of :data:`zjtext.segment.TOKEN_COLUMNS`) from its processed folder.

    ``tokens.csv`` names each token's paragraph; section, top_section and kind come from
    ``paragraphs.csv``, and each token's flags from ``vocabulary.csv``. Columns that tokens.csv has
    already (older layouts wrote them on every token) are taken from it.

    >>> import tempfile
    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> r = report_from_text("各位代表：\\n一、回顾\\n实施“星河织梦”工程。")
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name, table in report_rows(r).items():
    ...     _ = write_table(name, table, folder / f"{name}.csv")
    >>> read_tokens(folder).equals(tokens(r))
    True
    """
    from .segment import FLAG_COLUMNS, TOKEN_COLUMNS
    from .store import read_csv
    from .tables import SECTION_SEP

    folder = Path(folder)
    toks = read_csv(folder / "tokens.csv", dtype={"token": str})
    if not set(FLAG_COLUMNS) <= set(toks.columns):
        vocab = read_csv(folder / "vocabulary.csv", usecols=["token", *FLAG_COLUMNS], dtype={"token": str})
        toks = toks.merge(vocab, on="token", how="left", validate="many_to_one")
    if set(TOKEN_COLUMNS) <= set(toks.columns):
        return toks[list(TOKEN_COLUMNS)]
    paras = read_csv(folder / "paragraphs.csv", usecols=["report_id", "paragraph", "kind", "section"],
                     dtype={"report_id": str, "kind": str, "section": str})
    paras["top_section"] = [s.split(SECTION_SEP, 1)[0] for s in paras["section"].tolist()]
    paras["top_section"] = paras["top_section"].astype(paras["section"].dtype)
    merged = toks.merge(paras, on=["report_id", "paragraph"], how="left", validate="many_to_one")
    for col in ("section", "top_section", "kind"):
        merged[col] = merged[col].fillna("")
    return merged[list(TOKEN_COLUMNS)]


class _Writing:
    """Where a report's writing stands: its folder and the files written so far (for error lines)."""

    def __init__(self, folder: Path):
        self.folder, self.written = folder, []


def _write_report(report, folder: Path, stamp: dict, writing: _Writing) -> None:
    """Write every table of *report* into *folder* (:func:`zjtext.tables.report_rows`), then
    ``meta.json``. The old ``meta.json`` goes first, so a report whose writing stops half-way is
    processed again by the next run; temporary files of a killed earlier run are removed."""
    remove_stale_temps(folder)
    (folder / STAMP).unlink(missing_ok=True)
    for name, table in report_rows(report).items():
        write_table(name, table, folder / f"{name}.csv")
        writing.written.append(f"{name}.csv")
    meta = {**stamp, "report_id": report.report_id, "region": report.meta.region, "year": report.meta.year,
            "title": report.meta.title, "date": report.meta.date, "source": report.meta.source}
    write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", folder / STAMP)


def _error_line(path: Path, err: Exception, writing: _Writing | None = None) -> str:
    """One line: the report, the reason, and (for a write that failed) what was kept."""
    if isinstance(err, ReportError):
        return str(err)
    if isinstance(err, OSError) and err.errno == errno.ENOSPC:
        reason = "no space left on device"
    else:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    if writing is None:
        return f"{path}: {reason}"
    kept = (f"kept {', '.join(writing.written)} (complete)" if writing.written else "kept no new table")
    return (f"{path}: {reason} while writing {writing.folder}; {kept}, no half-written file; "
            "the report will be processed again on the next run")


def process_report(path: Path | str, out: Path | str | None = None, force: bool = False) -> ProcessResult:
    """Process one report file into ``out/<report_id>/``; errors are returned, not raised."""
    path, out = Path(path), Path(out or PROCESSED_DIR)
    result = ProcessResult(source=str(path))
    writing = None
    try:
        check_size(path)  # a file beyond the limit is refused before it is read
        data = path.read_bytes() if path.is_file() else None
        stamp = stamp_of(data or b"")
        if not force and data is not None and _is_current(out / report_id_for(path), stamp):
            result.report_id, result.status = report_id_for(path), "unchanged"
            return result
        report = load_report(path, data)  # None: load_report says why the file cannot be read
        del data
        result.report_id = report.report_id
        writing = _Writing(out / report.report_id)
        _write_report(report, writing.folder, stamp, writing)
        result.status = "processed"
    except Exception as err:  # one bad report must not stop the corpus
        result.status, result.error = "failed", _error_line(path, err, writing)
    return result


def _worker(args: tuple[str, str]) -> ProcessResult:
    return process_report(Path(args[0]), Path(args[1]), force=True)  # the parent checked the stamps


def _load_stages() -> None:
    """Import every stage and build the segmenter: once before workers fork, else in each (no pandas)."""
    from . import keywords, metrics, tables  # noqa: F401
    from .segment import _jieba

    _jieba()


def _worker_init(parent: int, load: bool) -> None:
    """A worker ignores Ctrl-C (the parent stops it) and ends with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(parent)
    if load:
        _load_stages()


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given and the report files inside folders, de-duplicated, in a stable order.

    A folder without a report file raises :class:`~zjtext.report.ReportError`: whoever names a folder
    expects reports in it (a file that is not a report is left for loading to refuse).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as empty:  # doctest: +ELLIPSIS
    ...     expand([empty])
    Traceback (most recent call last):
    ...
    zjtext.source.ReportError: ...: no report file in this folder (.html, .htm or .txt)
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = report_files(p)
            if not files:
                kinds = ", ".join(REPORT_SUFFIXES[:-1]) + " or " + REPORT_SUFFIXES[-1]
                raise ReportError(p, f"no report file in this folder ({kinds})")
            found.extend(files)
        else:
            found.append(p)
    return list(dict.fromkeys(found))


def check_out_folder(out: Path | str) -> None:
    """Raise :class:`~zjtext.report.ReportError` when *out*, or the nearest existing path above it,
    is not a folder (a file in the way): said before anything is written, not as a write failure.

    >>> check_out_folder(__file__)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zjtext.source.ReportError: ...process.py: this is a file, not a folder; choose another output folder
    """
    for p in (Path(out), *Path(out).absolute().parents):
        if p.exists():
            if not p.is_dir():
                raise ReportError(p, "this is a file, not a folder; choose another output folder")
            return


def _triage(files: list[Path], out: Path, force: bool) -> tuple[list[ProcessResult | None], list[int]]:
    """Results known without loading (unchanged, duplicate ids) and the indices left to process."""
    results: list[ProcessResult | None] = [None] * len(files)
    todo: list[int] = []
    seen: dict[str, Path] = {}
    for i, f in enumerate(files):
        rid = report_id_for(f)
        remove_stale_temps(out / rid)  # what a killed run left, processed now or not
        if f.is_file():  # two inputs, one folder: the first one wins, whatever the order of work
            if rid in seen:
                results[i] = ProcessResult(str(f), rid, "failed", f"{f}: same report id '{rid}' as {seen[rid]}")
                continue
            seen[rid] = f
        try:
            current = not force and f.is_file() and _is_current(out / rid, stamp_of(f.read_bytes()))
        except OSError:
            current = False  # the worker reports the reason
        if current:
            results[i] = ProcessResult(str(f), rid, "unchanged")
        else:
            todo.append(i)
    return results, todo


@contextmanager
def _frozen_gc() -> Iterator[None]:
    """No cyclic garbage collection while stages are loaded, reports processed and corpus tables
    written: none of it makes reference cycles worth collecting (modules stay, reports, rows and
    strings are freed by reference counting), so the collector's passes would be spent for nothing.
    What :func:`_load_stages` loaded is then frozen (``gc.freeze``), so forked workers never copy its
    pages by collecting it (the Python docs' advice for forking servers). Both are undone afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _pool(jobs: int):
    """A process pool (:func:`zjtext.workers.make_pool`). On Linux the workers are forked after this
    process has loaded every stage and the segmenter, so they start ready and share those pages;
    elsewhere each loads its own."""
    return make_pool(jobs, _worker_init, (os.getpid(), not sys.platform.startswith("linux")))


def _in_parallel(pool, files: list[Path], todo: list[int], out: Path, bar, done: dict[int, ProcessResult]) -> None:
    """Process ``files[i]`` for i in *todo* in the workers of *pool*, largest file first, into *done*."""
    order = sorted(todo, key=lambda i: -_size(files[i]))  # so the last report to finish is a short one
    futures = {i: pool.submit(_worker, (str(files[i]), str(out))) for i in order}
    for i in order:
        try:
            done[i] = futures[i].result()
        except Exception as err:  # a worker that died (killed, out of memory): that report fails
            done[i] = ProcessResult(str(files[i]), report_id_for(files[i]), "failed",
                                    f"{files[i]}: worker process failed ({type(err).__name__}: {err})")
        bar(done[i].report_id or files[i].name)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped :func:`process`: :attr:`results` are the reports finished before it (the
    others are None); every file written is complete."""

    def __init__(self, results: list[ProcessResult | None]):
        super().__init__("interrupted")
        self.results = results


def process(paths: Iterable[Path | str], out: Path | str | None = None, jobs: int | None = None,
            force: bool = False, progress: bool = True) -> list[ProcessResult]:
    """Process reports (in parallel processes when ``jobs`` > 1) and write the corpus tables.

    ``progress``: a progress bar on stderr when it is a terminal (never when False). On Ctrl-C the
    workers are stopped and :class:`Interrupted` is raised.
    """
    files = expand(paths)
    out = Path(out or PROCESSED_DIR)
    check_out_folder(out)
    remove_stale_temps(out)
    results, todo = _triage(files, out, force)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    bar = _progress(len(files), len(files) - len(todo), progress and sys.stderr.isatty())
    done: dict[int, ProcessResult] = {}
    pool = None
    with _frozen_gc():
        try:
            if todo and (jobs == 1 or sys.platform.startswith("linux")):  # forked workers inherit it
                _load_stages()
                gc.freeze()
            if jobs == 1:
                for i in todo:
                    done[i] = process_report(files[i], out, force=True)
                    bar(done[i].report_id or files[i].name)
            else:
                pool = _pool(jobs)
                _in_parallel(pool, files, todo, out, bar, done)
            for i, res in done.items():
                results[i] = res
            ids = [r.report_id for r in results if r.status != "failed"]
            if any(r.status == "processed" for r in results) or not _corpus_is_current(out, ids):
                write_corpus_tables(out, ids, pool)
            write_tracking(out, ids, changed={r.report_id for r in results if r.status == "processed"})
        except BaseException as err:
            if pool is not None:  # killed, not asked: Ctrl-C or an error ends the run now
                stop_workers(pool)
                pool = None
            if isinstance(err, KeyboardInterrupt):
                for folder in [out] + [out / report_id_for(files[i]) for i in todo]:
                    remove_stale_temps(folder)  # a worker killed while writing leaves a temporary file
                raise Interrupted([done.get(i, r) for i, r in enumerate(results)]) from None
            raise
        finally:
            bar(None)
            if pool is not None:
                pool.shutdown(wait=True)
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _progress(total: int, done: int, enabled: bool):
    """A progress callback: call with a name after each report, with None at the end."""
    if not enabled or total - done == 0:
        return lambda name: None
    from tqdm import tqdm  # the terminal bar (tqdm.auto would import asyncio, for notebooks only)

    bar = tqdm(total=total, initial=done, unit="report", file=sys.stderr, dynamic_ncols=True)

    def step(name: str | None) -> None:
        if name is None:
            bar.close()
        else:
            bar.set_description(name)
            bar.update(1)
    return step


# ---------------------------------------------------------------- corpus tables

TRACKING = "tracking.csv"


def write_tracking(out: Path, report_ids: Sequence[str], changed: Iterable[str] = ()) -> None:
    """``<id>/tracking.csv`` for each report whose previous year's report of the same region is among
    ``report_ids``: that report's headline targets judged by this one (:func:`zjtext.match.track`,
    read from the two folders' tables). Written when missing or when any report was ``changed`` (processed again);
    removed from a report that has no previous year's report among ``report_ids``."""
    from .match import TRACK_COLUMNS
    from .processed import by_region_year, read_processed, tracking_rows

    changed = set(changed)
    reports = read_processed(out, report_ids)
    by = by_region_year(reports)
    with_previous = set()
    for years in by.values():
        for year, rep in years.items():
            prev = years.get(year - 1)
            if prev is None:
                continue
            with_previous.add(rep.report_id)
            path = rep.folder / TRACKING
            if changed or not path.is_file():
                rows = ((*row, prev.report_id) for row in tracking_rows(prev, rep))
                write_table("tracking", ([*TRACK_COLUMNS, "previous_report_id"], rows), path)
    for rep in reports:
        if rep.report_id not in with_previous:
            (rep.folder / TRACKING).unlink(missing_ok=True)


def _header(path: Path) -> list[str]:
    with open(path, encoding=CSV_ENCODING, newline="") as fh:
        return next(csv.reader(fh), [])


def _records(text: str) -> list[str]:
    """The records of CSV text, without their line ends: a line, or several lines when a quoted cell
    holds a line break (its quotes are left open at the line's end); CRLF line ends read as LF, and
    a blank line is no record.

    >>> _records('a,1\\r\\n"b\\n""c"" d",2\\n\\nd,3\\n')
    ['a,1', '"b\\n""c"" d",2', 'd,3']
    """
    lines = text.split("\n")
    if '"' in text:  # a quoted cell may hold line breaks: join the lines it spans
        records: list[str] = []
        for line in lines:
            if records and records[-1].count('"') % 2:
                records[-1] += "\n" + line
            else:
                records.append(line)
        lines = records
    return [r[:-1] if r.endswith("\r") else r for r in lines if r and r != "\r"]


FRONT = ("report_id", "region", "year")  # the corpus tables' first columns, from each report's meta.json
_LEADING_CELL = r'(?:"(?:[^"]|"")*"|[^",]*)(?:,|\Z)'  # a cell as csv.writer writes it (quoted or plain), and its comma


def _write_report_rows(path: Path, front: list[str], tail: list[str], fh, writer) -> None:
    """One report's rows of a table, each behind the *front* cells (:data:`FRONT`). A table with the
    columns of *tail* after any front columns (metrics.csv starts with its report_id) has each record
    copied as it is without those: its text is its cells as :func:`zjtext.store.write_rows` wrote
    them, nothing to parse and quote again. One of another layout (an older one: other columns or
    another order) has its cells put under the columns of *tail*, '' for a column it lacks."""
    with open(path, encoding=CSV_ENCODING, newline="") as src:
        records = _records(src.read())
    header = next(csv.reader(records[:1]), [])
    lead = len(header) - len(tail)
    if lead >= 0 and header[lead:] == tail and set(header[:lead]) <= set(FRONT):
        rows = records[1:]
        if lead:
            leading = re.compile(f"(?:{_LEADING_CELL}){{{lead}}}")
            rows = [r[leading.match(r).end():] for r in rows]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=",").writerow(front)  # the front cells and the comma after them
        prefix = buffer.getvalue()
        fh.write("".join([prefix + row + "\n" for row in rows]))
        return
    pick = [header.index(c) if c in header else None for c in tail]
    writer.writerows(front + [row[i] if i is not None and i < len(row) else "" for i in pick]
                     for row in csv.reader(records[1:]))


def write_corpus_tables(out: Path, report_ids: Sequence[str], pool=None) -> None:
    """``corpus_metrics.csv`` and ``corpus_keywords.csv``: every report's rows with region and year
    (each table by a worker of *pool*, a process pool, when given).

    Built from the per-report CSV files, so a cell is written exactly as the report's own table has
    it, whether the report was processed now or earlier (a table of an older layout, other columns
    or another order, has its cells put under the right headers). ``corpus.json`` records which
    reports (ids, input hashes, zjtext version) the tables were built from.
    """
    ids = sorted(set(report_ids))
    if not ids:
        return
    out = Path(out)
    metas = {rid: _read_json(out / rid / STAMP) or {} for rid in ids}
    work = [(str(out), ids, metas, table) for table in CORPUS_TABLES]
    if pool is None:
        for args in work:
            _write_corpus_table(args)
    else:  # the tables are independent: one worker each
        list(pool.map(_write_corpus_table, work))
    write_text(json.dumps(_corpus_stamp(metas), ensure_ascii=False, indent=1) + "\n", out / CORPUS_STAMP)


def _write_corpus_table(args: tuple[str, list[str], dict[str, dict], str]) -> None:
    """One corpus table (:data:`CORPUS_TABLES`) from every report's table of that name."""
    out, ids, metas, table = Path(args[0]), *args[1:]
    headers = [_header(out / rid / f"{table}.csv") for rid in ids]
    tail = list(dict.fromkeys(c for header in headers for c in header if c not in FRONT))
    with atomic_file(out / CORPUS_TABLES[table], "w", encoding=CSV_ENCODING) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([*FRONT, *tail])
        for rid in ids:  # one report's file at a time
            year = metas[rid].get("year")
            front = [rid, metas[rid].get("region") or "", "" if year is None else str(year)]
            _write_report_rows(out / rid / f"{table}.csv", front, tail, fh, writer)


def _corpus_stamp(metas: dict[str, dict]) -> dict:
    return {**code_stamp(), "reports": {rid: m.get("sha256") for rid, m in sorted(metas.items())}}


def _corpus_is_current(out: Path, report_ids: Sequence[str]) -> bool:
    """True when the corpus tables exist and were built from these very reports (nothing to redo)."""
    if not all((out / n).exists() for n in CORPUS_TABLES.values()):
        return False
    metas = {rid: _read_json(out / rid / STAMP) or {} for rid in set(report_ids)}
    return bool(metas) and _read_json(out / CORPUS_STAMP) == _corpus_stamp(metas)


def process_command(paths: Sequence[str], out: Path | None = None, jobs: int | None = None, force: bool = False) -> int:
    """``zjtext process``: a summary line, then one ``error:`` line per failed report; exit status.

    Ctrl-C: one ``interrupted:`` line, exit status 130.
    """
    target = out or PROCESSED_DIR
    try:
        results = process(paths, out, jobs, force)
    except Interrupted as stop:
        finished = sum(r is not None and r.status == "processed" for r in stop.results)
        print(f"interrupted: stopped by Ctrl-C; {finished} reports written in full to {target}, "
              "no half-written file (run again to finish)", file=sys.stderr)
        return 130
    except OSError as err:  # the corpus tables (a report's own error is in its result)
        reason = "no space left on device" if err.errno == errno.ENOSPC else (err.strerror or str(err))
        print(f"error: {target}: {reason} while writing the corpus tables; the reports' own tables are "
              "complete, the corpus tables keep their earlier version", file=sys.stderr)
        return 1
    counts = {s: sum(r.status == s for r in results) for s in ("processed", "unchanged", "failed")}
    print(f"{counts['processed']} processed, {counts['unchanged']} unchanged, {counts['failed']} failed "
          f"-> {target}")
    for r in results:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
    return 1 if counts["failed"] or not results else 0
