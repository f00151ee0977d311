"""Corpus scale: process many reports into tidy CSV tables, using every core, doing work once.

For each report: load, segment, count keywords, extract metrics, and write
``DIR/<report_id>/{paragraphs,tokens,keywords,slogans,metrics,targets}.csv`` plus ``meta.json``;
then the corpus tables ``DIR/corpus_metrics.csv`` and ``DIR/corpus_keywords.csv`` (long format,
with report_id, region and year). A report whose input bytes and zjtext version are unchanged since
its last run is skipped unless ``force``; results do not depend on the number of jobs.

Where the time goes, and why the code looks like this (see ``bench/run_bench.py``):

* The unchanged check needs only the file's bytes and ``meta.json``: no report is loaded, and
  when every report is unchanged and ``corpus.json`` says the corpus tables were built from the
  same reports, nothing else happens (no jieba).
* pandas is never imported: every table is built as plain rows by the same functions the
  DataFrame API wraps (:func:`report_rows`), and written with the ``csv`` module, byte for byte
  what pandas writes (tests/test_process.py checks every table). ``tokens.csv``, most of the
  output, leaves out the per-paragraph columns (:func:`read_tokens` joins them back) and is
  formatted per distinct token and per sentence (:class:`TokenRows`).
* Each report is segmented once; slogans come from its tokens and the headline table from its
  metrics.
* jieba's dictionary is cached split by first two characters in a memory-mapped file, each part
  decoded when first needed, and a run with a warm cache never imports jieba
  (:mod:`zjtext.segment`); workers are forked after the parent has imported every stage and read
  the cache's index, with the garbage collector off (and what is alive frozen) while they run.
  Reports go to workers largest first, and results are put back in input order.
* The corpus tables are built from the per-report CSV *text*, the same way for reports processed
  now and reports skipped as unchanged, so their bytes never depend on which reports were cached
  or on the number of jobs; lines are copied as they are unless a table has another layout.

Measured on the ten 2026 reports (209k characters, 2 cores; ``make bench``): ``--jobs 1`` end to
end ≈ 0.75 s, against ≈ 1.05 s for a plain jieba script that cuts the same texts (0.7×); with
everything loaded beforehand on both sides, ≈ 0.59 s against ≈ 0.42 s for ``jieba.lcut`` alone
(1.4×: segmentation 0.62×, writing the CSVs 0.29×, metrics 0.16×, keywords 0.12×, loading 0.07×).
``--jobs 2`` takes ≈ 0.6× the time of ``--jobs 1`` for ten reports (start-up, imports and the
dictionary are paid by both) and ≈ 0.53× for a hundred. A run over unchanged reports takes ≈ 0.06 s.

>>> stamp_of(b"abc")["sha256"][:12]
'ba7816bf8f01'
"""
from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import operator
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import __version__
from .paths import PROCESSED_DIR, report_files
from .report import ReportError, check_size, load_report, report_id_for
from .store import CSV_ENCODING, write_rows, write_text

TABLES = ("paragraphs", "tokens", "keywords", "slogans", "metrics", "targets")
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


def stamp_of(data: bytes) -> dict:
    """What decides whether a report must be processed again: its bytes and the zjtext version."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "zjtext": __version__}


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


def report_tables(report) -> dict:
    """Every processed table of one report, as DataFrames keyed by table name (the notebooks' view)."""
    from .keywords import keyword_table, slogans
    from .metrics import extract_metrics, headline
    from .segment import tokens
    from .tables import paragraphs_table

    toks = tokens(report)
    metrics = extract_metrics(report)
    return {
        "paragraphs": paragraphs_table(report),
        "tokens": toks,
        "keywords": keyword_table(toks),
        "slogans": slogans(toks),
        "metrics": metrics,
        "targets": headline(report, metrics),
    }


def file_table(name: str, df):
    """The part of table *name* that its CSV file holds: ``tokens`` keeps :data:`TOKEN_FILE_COLUMNS`
    (see :func:`read_tokens`), every other table is written whole."""
    from .segment import TOKEN_FILE_COLUMNS

    if name == "tokens" and set(TOKEN_FILE_COLUMNS) <= set(df.columns):
        return df[list(TOKEN_FILE_COLUMNS)]
    return df


def read_tokens(folder: Path | str):
    """A report's tokens table (all of :data:`zjtext.segment.TOKEN_COLUMNS`) from its processed folder.

    ``tokens.csv`` names each token's paragraph; section, top_section and kind come from
    ``paragraphs.csv``. A tokens.csv that has them already (an older layout) is returned as it is.

    >>> import tempfile
    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> r = report_from_text("各位代表：\\n一、回顾\\n实施“星河织梦”工程。")
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name, (columns, rows) in report_rows(r).items():
    ...     _ = write_rows(columns, rows, folder / f"{name}.csv")
    >>> read_tokens(folder).equals(tokens(r))
    True
    """
    from .segment import TOKEN_COLUMNS
    from .store import read_csv
    from .tables import SECTION_SEP

    folder = Path(folder)
    toks = read_csv(folder / "tokens.csv", dtype={"token": str})
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


class TokenRows:
    """The rows of ``tokens.csv`` (an iterable of tuples, for :func:`zjtext.store.write_rows`) that
    can also format themselves as CSV text at a third of the cost (:meth:`csv_text`), since the
    tokens table is most of what ``process`` writes."""

    def __init__(self, columns: dict[str, list]):
        self.columns = columns

    def __iter__(self):
        from .segment import TOKEN_FILE_COLUMNS

        return zip(*(self.columns[c] for c in TOKEN_FILE_COLUMNS))

    def csv_text(self) -> str:
        """Header and rows, byte for byte what the ``csv`` module writes for them.

        A token's cell and its flags are the same wherever the token occurs in a report, so each
        distinct token's tail of the line (``token,flag,…``) is formatted once; a line is then
        ``report_id,paragraph,sentence,`` (formatted once per sentence), the position and that
        tail, joined without a Python loop per line. A cell the ``csv`` module would quote (a
        comma, a quote mark, a line break) is formatted by it.
        """
        from .segment import FLAG_COLUMNS, TOKEN_FILE_COLUMNS

        cols = self.columns
        lead = TOKEN_FILE_COLUMNS.index("token")
        assert TOKEN_FILE_COLUMNS[:lead] == ("report_id", "paragraph", "sentence", "position")
        assert TOKEN_FILE_COLUMNS[lead + 1:] == FLAG_COLUMNS
        words = cols["token"]
        per_word = getattr(cols, "flags", None)  # token_columns knows each distinct token's flags
        if per_word is None:
            first = dict(zip(words, range(len(words))))  # each distinct token at one of its occurrences
            flags = zip(*(map(cols[c].__getitem__, first.values()) for c in FLAG_COLUMNS))
            per_word = dict(zip(first, flags))
        suffix: dict[tuple, str] = {}
        tails = {}
        for word, row in per_word.items():
            end = suffix.get(row)
            if end is None:
                end = suffix[row] = _csv_line(("", *row))[:-1] + "\n"
            tails[word] = "," + _cell(word) + end
        rid = _cell(cols["report_id"][0]) if cols["report_id"] else ""
        keys = list(zip(cols["paragraph"], cols["sentence"]))
        prefixes = {k: f"{rid},{_cell(k[0])},{_cell(k[1])}," for k in dict.fromkeys(keys)}
        positions = [str(i) for i in range(max(cols["position"], default=0) + 1)]
        lines = map(operator.add, map(operator.add, map(prefixes.__getitem__, keys),
                                      map(positions.__getitem__, cols["position"])),
                    map(tails.__getitem__, words))  # one report: one report_id
        return _csv_line(TOKEN_FILE_COLUMNS) + "".join(lines)


def report_rows(report) -> dict[str, tuple[Sequence[str], Iterable[Sequence]]]:
    """The tables of :func:`report_tables` as ``(columns, rows)`` of plain values, without pandas.

    What ``process`` writes (with :func:`zjtext.store.write_rows`): the same bytes as writing the
    DataFrames, at a fraction of the cost, and pandas is never imported. Each report is segmented
    once; slogans come from its tokens and the headline table from its metrics.
    """
    from .keywords import KEYWORD_COLUMNS, SLOGAN_COLUMNS, keyword_rows, slogan_rows
    from .metrics import COLUMNS, EXTRA_COLUMNS, HEADLINE_COLUMNS, HEADLINE_EXTRA, headline_rows, metric_rows
    from .segment import TOKEN_FILE_COLUMNS, token_columns
    from .tables import PARAGRAPH_COLUMNS, paragraph_rows

    toks = token_columns(report)
    metrics = metric_rows(report)
    m_cols, h_cols = COLUMNS + EXTRA_COLUMNS, HEADLINE_COLUMNS + HEADLINE_EXTRA
    return {
        "paragraphs": (PARAGRAPH_COLUMNS, paragraph_rows(report)),
        "tokens": (TOKEN_FILE_COLUMNS, TokenRows(toks)),
        "keywords": (KEYWORD_COLUMNS, keyword_rows(toks)),
        "slogans": (SLOGAN_COLUMNS, slogan_rows(toks)),
        "metrics": (m_cols, [[r[c] for c in m_cols] for r in metrics]),
        "targets": (h_cols, [[r[c] for c in h_cols] for r in headline_rows(report, metrics)]),
    }


def write_report_tables(tables: dict, folder: Path) -> None:
    """Write the tables of :func:`report_rows` as ``folder/<name>.csv`` (atomic, UTF-8 with BOM)."""
    for name, (columns, rows) in tables.items():
        if isinstance(rows, TokenRows):
            write_text(rows.csv_text(), folder / f"{name}.csv", encoding=CSV_ENCODING)
        else:
            write_rows(columns, rows, folder / f"{name}.csv")


def _error_line(path: Path, err: Exception) -> str:
    if isinstance(err, ReportError):
        return str(err)
    reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    return f"{path}: {reason}"


def process_report(path: Path | str, out: Path | str | None = None, force: bool = False) -> ProcessResult:
    """Process one report file into ``out/<report_id>/``; errors are returned, not raised."""
    path, out = Path(path), Path(out or PROCESSED_DIR)
    result = ProcessResult(source=str(path))
    try:
        check_size(path)  # a file beyond the limit is refused before it is read
        data = path.read_bytes() if path.is_file() else None
        stamp = stamp_of(data or b"")
        if not force and data is not None and _is_current(out / report_id_for(path), stamp):
            result.report_id, result.status = report_id_for(path), "unchanged"
            return result
        report = load_report(path, data)  # None: load_report says why the file cannot be read
        result.report_id = report.report_id
        folder = out / report.report_id
        write_report_tables(report_rows(report), folder)
        meta = {**stamp, "report_id": report.report_id, "region": report.meta.region, "year": report.meta.year,
                "title": report.meta.title, "date": report.meta.date, "source": report.meta.source}
        write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", folder / STAMP)
        result.status = "processed"
    except Exception as err:  # one bad report must not stop the corpus
        result.status, result.error = "failed", _error_line(path, err)
    return result


def _worker(args: tuple[str, str]) -> ProcessResult:
    return process_report(Path(args[0]), Path(args[1]), force=True)  # the parent checked the stamps


def _load_stages() -> None:
    """Import every stage and load the tokenizer: once before workers fork, else in each (no pandas)."""
    from . import keywords, metrics, tables  # noqa: F401
    from .segment import _fast_cut

    _fast_cut()  # the dictionary's index; its parts are decoded as texts need them


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given and the report files inside folders, de-duplicated, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(report_files(p) if p.is_dir() else [p])
    return list(dict.fromkeys(found))


def _triage(files: list[Path], out: Path, force: bool) -> tuple[list[ProcessResult | None], list[int]]:
    """Results known without loading (unchanged, duplicate ids) and the indices left to process."""
    results: list[ProcessResult | None] = [None] * len(files)
    todo: list[int] = []
    seen: dict[str, Path] = {}
    for i, f in enumerate(files):
        rid = report_id_for(f)
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
    """No cyclic garbage collection while reports are processed.

    What is alive now (stage modules, the dictionary) is frozen (``gc.freeze``), so forked workers
    never copy its pages by collecting it (the Python docs' advice for forking servers), and the
    collector is off: processing makes no reference cycles worth collecting (reports, rows and
    strings are freed by reference counting), and its passes over the young objects cost ≈ 5%.
    Both are undone afterwards.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _pool(jobs: int):
    """A process pool. On Linux the workers are forked after this process has loaded every stage
    and the dictionary, so they start ready and share those pages; elsewhere each loads its own."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform.startswith("linux"):
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=jobs, initializer=_load_stages)


def _in_parallel(files: list[Path], todo: list[int], out: Path, jobs: int, bar) -> dict[int, ProcessResult]:
    """Process ``files[i]`` for i in *todo* in worker processes, largest file first."""
    order = sorted(todo, key=lambda i: -_size(files[i]))  # so the last report to finish is a short one
    done: dict[int, ProcessResult] = {}
    with _pool(jobs) as pool:
        futures = {i: pool.submit(_worker, (str(files[i]), str(out))) for i in order}
        for i in order:
            try:
                done[i] = futures[i].result()
            except Exception as err:  # a worker that died (killed, out of memory): that report fails
                done[i] = ProcessResult(str(files[i]), report_id_for(files[i]), "failed",
                                        f"{files[i]}: worker process failed ({type(err).__name__}: {err})")
            bar(done[i].report_id or files[i].name)
    return done


def process(paths: Iterable[Path | str], out: Path | str | None = None, jobs: int | None = None,
            force: bool = False, progress: bool = True) -> list[ProcessResult]:
    """Process reports (in parallel processes when ``jobs`` > 1) and write the corpus tables."""
    files = expand(paths)
    out = Path(out or PROCESSED_DIR)
    results, todo = _triage(files, out, force)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    bar = _progress(len(files), len(files) - len(todo), progress)
    if todo and (jobs == 1 or sys.platform.startswith("linux")):  # forked workers inherit it
        _load_stages()
    with _frozen_gc():
        if jobs == 1:
            for i in todo:
                results[i] = process_report(files[i], out, force=True)
                bar(results[i].report_id or files[i].name)
        else:
            for i, res in _in_parallel(files, todo, out, jobs, bar).items():
                results[i] = res
    bar(None)
    ids = [r.report_id for r in results if r.status != "failed"]
    if any(r.status == "processed" for r in results) or not _corpus_is_current(out, ids):
        write_corpus_tables(out, ids)
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
    from tqdm import tqdm  # the terminal bar (tqdm.auto would import asyncio for notebooks: 20 ms more)

    bar = tqdm(total=total, initial=done, unit="report", file=sys.stderr, dynamic_ncols=True)

    def step(name: str | None) -> None:
        if name is None:
            bar.close()
        else:
            bar.set_description(name)
            bar.update(1)
    return step


def _read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    return (rows[0], rows[1:]) if rows else ([], [])


def _columns(header: list[str], body: list[list[str]], wanted: list[str]) -> Iterable[list[str]]:
    """Each row's cells in the *wanted* column order ('' for a column this table lacks)."""
    pick = [header.index(c) if c in header else None for c in wanted]
    if pick == list(range(len(header) - len(wanted), len(header))):  # the usual case: a plain slice
        start = len(header) - len(wanted)
        return (r[start:] for r in body)
    return ([r[i] if i is not None else "" for i in pick] for r in body)


def _csv_line(cells: Sequence) -> str:
    return _csv_text([cells])


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _cell(value) -> str:
    """One cell as the ``csv`` module writes it in a row of several cells (a plain ``str``,
    ``int`` or ``bool``)."""
    text = str(value)
    return _csv_line((text, ""))[:-2] if _NEEDS_QUOTES.search(text) else text


def _csv_text(rows: Iterable[Sequence]) -> str:
    """Rows as the ``csv`` module writes them (``\\n`` line ends), as one string."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _tail_block(path: Path, tail: list[str], rid: str, lead: str) -> str | None:
    """The table's records as their own CSV lines, each behind *lead* instead of its ``rid,`` cell,
    when that needs no parsing: the header is ``[report_id,] *tail``, no record spans lines (no
    line has an odd number of quote marks) and every record starts with ``rid,`` where it has a
    ``report_id`` column. None otherwise (the caller parses the file). Whole-text operations, no
    loop per line.
    """
    text = path.read_text(encoding=CSV_ENCODING)
    if "\r" in text or not text:
        return None
    if not text.endswith("\n"):
        text += "\n"
    first, _, body = text.partition("\n")
    header = next(csv.reader([first]))
    if header not in (tail, ["report_id", *tail]):
        return None
    if '"' in body and any(line.count('"') % 2 for line in body.split("\n")):
        return None
    records = body.count("\n")
    if not records:
        return ""
    body = "\n" + body[:-1]  # each record now starts after a line break
    if header == tail:
        return body.replace("\n", "\n" + lead)[1:] + "\n"
    own = "\n" + rid + ","
    if body.count(own) != records:
        return None
    return body.replace(own, "\n" + lead)[1:] + "\n"


def write_corpus_tables(out: Path, report_ids: Sequence[str]) -> None:
    """``corpus_metrics.csv`` and ``corpus_keywords.csv``: every report's rows with region and year.

    Built from the per-report CSV files as text, so a cell is written exactly as the report's own
    table has it, whether the report was processed now or earlier. ``corpus.json`` records which
    reports (ids, input hashes, zjtext version) the tables were built from. A table in the current
    layout is copied line by line behind its report's ``report_id,region,year`` cells; one in
    another layout (older columns) is parsed and its cells put under the right headers.
    """
    ids = sorted(set(report_ids))
    if not ids:
        return
    out = Path(out)
    metas = {rid: _read_json(out / rid / STAMP) or {} for rid in ids}
    for table, name in CORPUS_TABLES.items():
        headers = {rid: _header(out / rid / f"{table}.csv") for rid in ids}
        tail = list(dict.fromkeys(c for header in headers.values() for c in header
                                  if c not in ("report_id", "region", "year")))
        parts = [_csv_line(["report_id", "region", "year", *tail])]
        for rid in ids:
            year = metas[rid].get("year")
            front = [rid, metas[rid].get("region") or "", "" if year is None else str(year)]
            path = out / rid / f"{table}.csv"
            block = _tail_block(path, tail, rid, _csv_line(front)[:-1] + ",")
            if block is not None:
                parts.append(block)
            else:
                header, body = _read_table(path)
                parts.extend(_csv_line(front + cells) for cells in _columns(header, body, tail))
        write_text("".join(parts), out / name, encoding=CSV_ENCODING)
    write_text(json.dumps(_corpus_stamp(metas), ensure_ascii=False, indent=1) + "\n", out / CORPUS_STAMP)


def _header(path: Path) -> list[str]:
    with open(path, encoding=CSV_ENCODING, newline="") as fh:
        return next(csv.reader(fh), [])


def _corpus_stamp(metas: dict[str, dict]) -> dict:
    return {"zjtext": __version__, "reports": {rid: m.get("sha256") for rid, m in sorted(metas.items())}}


def _corpus_is_current(out: Path, report_ids: Sequence[str]) -> bool:
    """True when the corpus tables exist and were built from these very reports (nothing to redo)."""
    if not all((out / n).exists() for n in CORPUS_TABLES.values()):
        return False
    metas = {rid: _read_json(out / rid / STAMP) or {} for rid in set(report_ids)}
    return bool(metas) and _read_json(out / CORPUS_STAMP) == _corpus_stamp(metas)


def process_command(paths: Sequence[str], out: Path | None = None, jobs: int | None = None, force: bool = False) -> int:
    """``zjtext process``: a summary line, then one ``error:`` line per failed report; exit status."""
    results = process(paths, out, jobs, force, progress=sys.stderr.isatty())
    counts = {s: sum(r.status == s for r in results) for s in ("processed", "unchanged", "failed")}
    print(f"{counts['processed']} processed, {counts['unchanged']} unchanged, {counts['failed']} failed "
          f"-> {out or PROCESSED_DIR}")
    for r in results:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
    return 1 if counts["failed"] or not results else 0
