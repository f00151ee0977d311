"""The ``zjtext`` command: thin subcommands over the library.

Every error reaches the user as one line, ``error: <file>: <reason>`` on stderr, exit status 1
(2 for a usage error); a traceback is shown only with ``ZJTEXT_DEBUG=1``.

>>> main(["--version"])  # doctest: +ELLIPSIS
zjtext ...
0
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .paths import PROCESSED_DIR
from .report import ReportError, load_report

FORMATS = ("csv", "json", "table")


class UsageError(Exception):
    """A command line that cannot be acted on (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, instead of argparse's usage dump
        raise UsageError(message)


# ---------------------------------------------------------------- output

def emit(df, fmt: str, out=None, wide: bool = False) -> None:
    """Print a DataFrame as CSV (UTF-8 with BOM, for Excel), JSON records, or an aligned table
    (:func:`text_table`: the key columns in 100 terminal columns, or every column with ``wide``)."""
    out = out or sys.stdout
    if fmt == "csv":
        text = "\ufeff" + df.to_csv(index=False, lineterminator="\n")
    elif fmt == "json":
        text = json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=1) + "\n"
    else:
        text = text_table(df, wide=wide)
    out.write(text)
    out.flush()


TABLE_WIDTH = 100
# the columns a reader needs first, in the order shown; other columns only with --wide
KEY_COLUMNS = ("region", "year", "paragraph", "rank", "indicator", "keyword", "term", "surface", "target", "actual", "verdict", "period",
               "qualifier_text", "change", "count", "per_10k", "count_a", "count_b", "g2", "log_ratio", "status",
               "direction", "kind", "section", "text", "sentence")
_SHRINKABLE = ("sentence", "text", "section", "target_sentence", "actual_sentence", "target", "indicator", "actual_indicator",
               "surface", "term", "keyword")
_MIN_WIDTH = 8
_CELL_WIDTH = 40  # a cell longer than this is cut (the CSV and JSON formats keep everything)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters two, combining marks none.

    >>> display_width("GDP增长5%"), display_width("")
    (9, 0)
    """
    import unicodedata

    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, '…' marking the cut."""
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def text_table(df, wide: bool = False, width: int = TABLE_WIDTH) -> str:
    """A table for the terminal: codes in the pages' words (verdicts, periods …), section paths cut to
    their last level, numbers right-aligned, Chinese counted as two columns; without ``wide`` only the
    key columns, shortened to fit ``width``.

    >>> import pandas as pd
    >>> print(text_table(pd.DataFrame({"paragraph": [29], "indicator": ["生产总值"], "verdict": ["missed"]})), end="")
    paragraph  indicator  verdict
    ---------  ---------  -------
           29  生产总值   未达成
    """
    from .site import labels

    if not len(df.columns) or not len(df):
        return "(no rows)\n"
    columns = list(df.columns)
    if not wide:
        keys = [c for c in KEY_COLUMNS if c in columns] + [c for c in columns if c.startswith("count_") and c not in KEY_COLUMNS]
        columns = keys if len(keys) >= 2 else columns
    words = {"verdict": labels.VERDICT, "period": labels.PERIOD, "change": labels.CHANGE, "direction": labels.DIRECTION,
             "status": labels.STATUS, "kind": labels.KIND}
    numeric = {c: df[c].dtype.kind in "iuf" for c in columns}
    cells = {}
    for c in columns:
        mapping = words.get(c, {})
        values = [labels.number(v) if numeric[c] else ("" if v is None or v != v else str(v)) for v in df[c]]
        values = [mapping.get(v, v) for v in values]
        if c == "section":
            values = [v.split(" > ")[-1] for v in values]
        cells[c] = [_cut(" ".join(v.split()), _CELL_WIDTH) for v in values]
    widths = {c: max([display_width(c)] + [display_width(v) for v in cells[c]]) for c in columns}
    if not wide:
        floor = {c: max(_MIN_WIDTH, display_width(c)) for c in columns}
        while sum(widths.values()) + 2 * (len(widths) - 1) > width:  # narrow the widest text column, one at a time
            shrinkable = [c for c in columns if c in _SHRINKABLE and widths[c] > floor[c]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda c: widths[c])] -= 1
        while len(widths) > 1 and sum(widths.values()) + 2 * (len(widths) - 1) > width:
            widths.pop(list(widths)[-1])  # the least important column goes
        columns = list(widths)
    lines = ["  ".join(_pad(c, widths[c], numeric[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    for i in range(len(df)):
        lines.append("  ".join(_pad(_cut(cells[c][i], widths[c]), widths[c], numeric[c]) for c in columns).rstrip())
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- commands

def cmd_clean(args) -> int:
    from .tables import paragraphs_table

    emit(paragraphs_table(load_report(args.path)), args.format, wide=getattr(args, "wide", False))
    return 0


def cmd_segment(args) -> int:
    from .segment import tokens

    emit(tokens(load_report(args.path)), args.format, wide=getattr(args, "wide", False))
    return 0


def cmd_keywords(args) -> int:
    from .keywords import keyword_table
    from .segment import tokens

    table = keyword_table(tokens(load_report(args.path)), top=args.top, include_policy_verbs=args.include_policy_verbs)
    emit(table, args.format, wide=getattr(args, "wide", False))
    return 0


def cmd_metrics(args) -> int:
    from .metrics import extract_metrics

    emit(extract_metrics(load_report(args.path)), args.format, wide=getattr(args, "wide", False))
    return 0


def _processed(paths: Sequence[str], folder: Path) -> tuple[list, str]:
    """The processed reports of the report files ``paths``, in their order, and '' — or no reports and
    the first file's one-line error. Each file is processed by the one producer into ``folder``
    (reused when current there, as for ``panel``); the commands then read its tables."""
    from .report import ReportNotFoundError, report_id_for
    from .views import processed_reports

    for p in paths:  # one report file each (a folder would be processed as many)
        if Path(p).is_dir():
            raise ReportNotFoundError(Path(p), "not a file")
    reports, errors = processed_reports(paths, folder, jobs=min(len(set(paths)), os.cpu_count() or 1))
    if errors:
        return [], errors[0]
    by_id = {r.report_id: r for r in reports}
    return [by_id[report_id_for(Path(p))] for p in paths], ""


def cmd_targets(args) -> int:
    from .notebook import headline_view

    reports, error = _processed([args.path], args.processed)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    head = reports[0].table("targets")
    if args.format != "table" or getattr(args, "wide", False):
        emit(head, args.format, wide=getattr(args, "wide", False))
        return 0
    # for reading: Chinese headers, whole names, and the targets stated in words listed on their own
    sys.stdout.write(text_table(headline_view(head), wide=True))
    words = headline_view(head, words=True)
    if len(words):
        sys.stdout.write("\n文字表述的目标：\n" + "".join(f"  {line}\n" for line in words.iloc[:, 0]))
    return 0


def cmd_compare(args) -> int:
    from .compare import compare_tables, order_reports, why_not_judged

    reports, error = _processed([args.old, args.new], args.processed)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    table = compare_tables(reports, args.what)
    if args.what == "targets":
        note = why_not_judged(*order_reports(reports)[:2], lang="en")
        if note:  # the table lists the targets with empty verdicts; say why once
            print(f"note: no verdicts: {note}", file=sys.stderr)
    emit(table, args.format, wide=getattr(args, "wide", False))
    return 0


def cmd_panel(args) -> int:
    from .views import panel, processed_reports

    reports, errors = processed_reports(args.paths, args.processed, jobs=args.jobs, progress=True)
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    if reports:  # nothing at all on stdout when no report could be read
        emit(panel(reports, progress=True), args.format, wide=args.wide)
    return 1 if errors or not reports else 0


def cmd_series(args) -> int:
    from .views import processed_reports, series, series_notes

    reports, errors = processed_reports(args.paths, args.processed, jobs=args.jobs, progress=True)
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    for note in series_notes(reports):
        print(f"note: {note}", file=sys.stderr)
    if reports:  # nothing at all on stdout when no report could be read
        emit(series(reports, progress=True), args.format, wide=args.wide)
    return 1 if errors or not reports else 0


def cmd_process(args) -> int:
    from .process import process_command

    return process_command(args.paths, out=args.out, jobs=args.jobs, force=args.force)


def cmd_run(args) -> int:
    from .site.run import run_command

    return run_command(args.paths, out=args.out, with_code=args.with_code, jobs=args.jobs, force=args.force,
                       prune=args.prune)


# ---------------------------------------------------------------- parser

def _add(sub, name: str, func: Callable, help_: str, formats: Sequence[str] | None = FORMATS, default: str = "csv"):
    p = sub.add_parser(name, help=help_, description=help_)
    p.set_defaults(func=func)
    if formats:
        p.add_argument("--format", choices=formats, default=default, help=f"output format (default {default})")
        if "table" in formats:
            p.add_argument("--wide", action="store_true", help="table format: every column, not only the key ones in 100 columns")
    return p


def _processed_option(p) -> None:
    """``--processed DIR``: where the one producer keeps each report's tables, which the views read."""
    p.add_argument("--processed", type=Path, default=PROCESSED_DIR, metavar="DIR",
                   help="where the processed tables are kept and reused (default data/processed/)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zjtext", description="Analyse Chinese government work reports: structure, keywords, metrics, charts.")
    parser.add_argument("--version", action="version", version=f"zjtext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = _add(sub, "clean", cmd_clean, "print the report's paragraphs with kind and section path")
    p.add_argument("path", help="report file (.html or .txt, UTF-8 or GBK/GB18030)")
    p = _add(sub, "segment", cmd_segment, "print the tokens table (policy slogans kept whole)", ("csv", "json"))
    p.add_argument("path")
    p = _add(sub, "keywords", cmd_keywords, "print keyword frequencies (stopwords, numbers and policy verbs left out)")
    p.add_argument("path")
    p.add_argument("--top", type=int, default=None, metavar="N", help="only the N most frequent keywords")
    p.add_argument("--include-policy-verbs", action="store_true", help="keep generic policy verbs (推进, 加快 …)")
    p = _add(sub, "metrics", cmd_metrics, "print every figure with indicator, unit, hedge, change and period")
    p.add_argument("path")
    p = _add(sub, "targets", cmd_targets, "print the headline table: main targets and last year's headline results")
    p.add_argument("path")
    _processed_option(p)
    p = _add(sub, "compare", cmd_compare, "compare two reports: keyness, slogans, headline, target tracking", default="table")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--what", choices=("keyness", "slogans", "targets", "headline"), default="targets")
    _processed_option(p)
    for name, func, help_ in (
        ("panel", cmd_panel, "all regions side by side: each report's targets and last year's results, per indicator"),
        ("series", cmd_series, "one region over years: the targets of year N against the results report N+1 gives"),
    ):
        p = _add(sub, name, func, help_)
        p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
        _processed_option(p)
        p.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: number of cores)")
    p = _add(sub, "process", cmd_process, "process many reports into data/processed/ (CSV tables, corpus tables)", None)
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default data/processed/)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: number of cores)")
    p.add_argument("--force", action="store_true", help="process again even if inputs are unchanged")
    p = _add(sub, "run", cmd_run, "run the notebooks on reports and export shareable HTML into one folder "
             "(nothing is written elsewhere but the cache folder, ~/.cache/zjtext or $ZJTEXT_CACHE_DIR)", None)
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files or folders (default: every report in data/raw/)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default reports/)")
    p.add_argument("--force", action="store_true", help="run again even if a report's inputs, zjtext and notebooks are unchanged")
    p.add_argument("--with-code", action="store_true", help="keep code cells in the HTML pages")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="reports run in parallel, each worker keeping its kernels (default: number of cores)")
    p.add_argument("--prune", action="store_true",
                   help="remove the folders of earlier runs whose input is not in this run (else the index lists them as stale)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``zjtext`` console script; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        print(f"error: {err} (see 'zjtext --help')", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ReportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `zjtext metrics x.html | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # never a traceback for the user
        if os.environ.get("ZJTEXT_DEBUG"):
            raise
        where = getattr(args, "path", None) or getattr(args, "new", None) or "zjtext"
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        print(f"error: {where}: {reason} (set ZJTEXT_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
