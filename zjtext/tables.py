"""The report as tidy tables, and the one writer of each processed table (CSV, UTF-8 with BOM).

The notebooks build a report's tables as DataFrames (:func:`report_tables`, or stage by stage) and
save them with :func:`write_table`; ``zjtext process`` builds the same tables as plain rows
(:func:`report_rows`, no pandas) and writes them with :func:`write_table` too, so a table's file is
the same bytes whichever wrote it.

>>> from zjtext import load_report, DEFAULT_REPORT
>>> df = paragraphs_table(load_report(DEFAULT_REPORT))
>>> list(df.columns)
['report_id', 'paragraph', 'kind', 'section', 'text']
>>> df.loc[df.paragraph == 3, "section"].item()
'一、2023年工作回顾'
"""
from __future__ import annotations

from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from . import clean
from .report import SECTION_SEP, Report, join_section  # noqa: F401  (SECTION_SEP: read by others from here)

if TYPE_CHECKING:
    import pandas as pd


#: The tables of a report's processed folder (``<name>.csv``), in the order they are written.
TABLES = ("paragraphs", "tokens", "vocabulary", "keywords", "slogans", "metrics", "targets", "results")


PARAGRAPH_COLUMNS = ("report_id", "paragraph", "kind", "section", "text")


def paragraph_rows(report: Report) -> list[tuple]:
    """:func:`paragraphs_table` as plain tuples (no pandas)."""
    return [(report.report_id, p.index, p.kind, join_section(p.section), p.text) for p in report.paragraphs]


def paragraphs_table(report: Report) -> "pd.DataFrame":
    """One row per paragraph: ``report_id, paragraph, kind, section, text`` (notes included)."""
    import pandas as pd

    return pd.DataFrame(paragraph_rows(report), columns=list(PARAGRAPH_COLUMNS))


def sentences_table(report: Report) -> "pd.DataFrame":
    """One row per sentence: ``report_id, paragraph, sentence, kind, section, lead, text``."""
    import pandas as pd

    rows = [
        (report.report_id, p.index, i, p.kind, join_section(p.section), p.lead, s)
        for p in report.paragraphs for i, s in enumerate(p.sentences, 1)
    ]
    return pd.DataFrame(rows, columns=["report_id", "paragraph", "sentence", "kind", "section", "lead", "text"])


def meta_table(report: Report) -> "pd.DataFrame":
    """The report's metadata as a one-row table."""
    import dataclasses

    import pandas as pd

    return pd.DataFrame([dataclasses.asdict(report.meta)])


def outline(report: Report) -> "pd.DataFrame":
    """The report's table of contents: one row per top-level and second-level section.

    Columns ``level, section, paragraphs, characters`` (paragraphs and Chinese characters under it).

    >>> from zjtext import load_report, DEFAULT_REPORT
    >>> outline(load_report(DEFAULT_REPORT)).query("level == 1")["section"].tolist()
    ['一、2023年工作回顾', '二、2024年目标任务和重点工作']
    """
    import pandas as pd

    rows: dict[tuple[int, str], list[int]] = {}
    for p in report.body:
        for level in (1, 2):
            if len(p.section) > level - 1 and (level == 1 or clean.SUB_HEADING.match(p.section[1]) or clean.TOP_HEADING.match(p.section[1])):
                key = (level, p.section[level - 1]) if level == 1 else (2, p.section[0] + SECTION_SEP + p.section[1])
                stats = rows.setdefault(key, [0, 0])
                stats[0] += 1
                stats[1] += sum(1 for ch in p.text if "\u4e00" <= ch <= "\u9fff")
    data = [(level, name.split(SECTION_SEP)[-1], n, chars) for (level, name), (n, chars) in rows.items()]
    return pd.DataFrame(data, columns=["level", "section", "paragraphs", "characters"])


# ---------------------------------------------------------------- the processed tables


def report_tables(report: Report) -> dict:
    """Every processed table of one report, as DataFrames keyed by table name (the notebooks' view)."""
    import pandas as pd

    from .keywords import keyword_table, slogans, vocabulary_table
    from .match import RESULT_COLUMNS, result_rows
    from .metrics import extract_metrics, headline
    from .segment import tokens

    toks = tokens(report)
    metrics = extract_metrics(report)
    head = headline(report, metrics)
    results = result_rows(report, metrics.to_dict("records"), head.to_dict("records"))
    return {
        "paragraphs": paragraphs_table(report),
        "tokens": toks,
        "vocabulary": vocabulary_table(toks),
        "keywords": keyword_table(toks),
        "slogans": slogans(toks),
        "metrics": metrics,
        "targets": head,
        "results": pd.DataFrame(results, columns=RESULT_COLUMNS),
    }


class _TokenPass:
    """The rows of ``tokens.csv``, cut piece by piece (:func:`zjtext.segment.token_chunks`) and
    counted for the keyword and slogan tables as they go by, so no table holds every token."""

    def __init__(self, report: Report):
        from .keywords import TokenCounts
        from .segment import token_chunks

        self._chunks = token_chunks(report)
        self.counts = TokenCounts()

    def rows(self) -> Iterator[tuple]:
        """Rows of :data:`zjtext.segment.TOKEN_FILE_COLUMNS`, piece by piece: each piece is counted
        when its rows are reached, and its rows are read straight from its columns."""
        return chain.from_iterable(map(self._piece_rows, self._chunks))

    def _piece_rows(self, chunk) -> Iterator[tuple]:
        from .segment import TOKEN_FILE_COLUMNS

        self.counts.add(chunk)
        return zip(*(chunk[c] for c in TOKEN_FILE_COLUMNS))

    def counted(self) -> "_TokenPass":
        """Self, with every token counted (the rows not yet read are cut and counted now)."""
        for _ in self.rows():
            pass
        return self


class _Later:
    """Rows computed when first iterated (after the tokens have been written and counted)."""

    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return iter(self.make())


def report_rows(report: Report) -> dict[str, tuple[Sequence[str], Iterable[Sequence]]]:
    """The tables of :func:`report_tables` as ``(columns, rows)`` of plain values, without pandas.

    What ``process`` writes. The tokens' rows are a generator (cut and counted as they are
    written); the keyword and slogan rows are computed when read, from the tokens' counts (cutting
    whatever was not read yet). Metrics are extracted once; the headline table comes from them.

    >>> from zjtext.report import report_from_text
    >>> tables = report_rows(report_from_text("各位代表：\\n推进“星河织梦”工程。"))
    >>> list(tables) == list(TABLES), list(tables["slogans"][1])
    (True, [('星河织梦', 1, 2, False)])
    """
    from .keywords import KEYWORD_COLUMNS, SLOGAN_COLUMNS, VOCABULARY_COLUMNS
    from .match import RESULT_COLUMNS, result_rows
    from .metrics import (COLUMNS, EXTRA_COLUMNS, HEADLINE_COLUMNS, HEADLINE_EXTRA, headline_rows, metric_rows,
                          paragraph_periods)
    from .segment import TOKEN_FILE_COLUMNS

    tokens = _TokenPass(report)
    m_cols, h_cols = COLUMNS + EXTRA_COLUMNS, HEADLINE_COLUMNS + HEADLINE_EXTRA

    @lru_cache(maxsize=1)
    def periods() -> dict[int, str]:  # each paragraph's period (result or target), read once for the three tables
        return paragraph_periods(report)

    @lru_cache(maxsize=1)
    def metrics() -> list[dict]:  # extracted once, for the three tables
        return metric_rows(report, periods=periods())

    @lru_cache(maxsize=1)
    def head() -> list[dict]:
        return headline_rows(report, metrics(), periods())

    return {
        "paragraphs": (PARAGRAPH_COLUMNS, paragraph_rows(report)),
        "tokens": (TOKEN_FILE_COLUMNS, tokens.rows()),
        "vocabulary": (VOCABULARY_COLUMNS, _Later(lambda: tokens.counted().counts.vocabulary_rows())),
        "keywords": (KEYWORD_COLUMNS, _Later(lambda: tokens.counted().counts.keyword_rows())),
        "slogans": (SLOGAN_COLUMNS, _Later(lambda: tokens.counted().counts.slogan_rows())),
        "metrics": (m_cols, _Later(lambda: ([r[c] for c in m_cols] for r in metrics()))),
        "targets": (h_cols, _Later(lambda: ([r[c] for c in h_cols] for r in head()))),
        "results": (RESULT_COLUMNS, _Later(lambda: ([r[c] for c in RESULT_COLUMNS]
                                                    for r in result_rows(report, metrics(), head(), periods=periods())))),
    }


def write_table(name: str, table, path: Path | str) -> Path:
    """Write a processed table to *path*: the one writer of every table, for notebooks and ``process``.

    *table* is a DataFrame or ``(columns, rows)`` (:func:`report_rows`). ``tokens`` keeps the
    columns of :data:`zjtext.segment.TOKEN_FILE_COLUMNS` (``zjtext.process.read_tokens`` joins the
    paragraph columns and the ``vocabulary`` table's flags back); every other table is written whole. UTF-8 with BOM, atomic
    (:func:`zjtext.store.write_rows`).

    >>> import tempfile
    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n推进“星河织梦”工程。")
    >>> d = Path(tempfile.mkdtemp())
    >>> a = write_table("slogans", report_rows(r)["slogans"], d / "a.csv").read_bytes()
    >>> a == write_table("slogans", report_tables(r)["slogans"], d / "b.csv").read_bytes()
    True
    """
    from .store import frame_rows, write_rows

    if isinstance(table, tuple):
        columns, rows = table
    else:
        from .segment import TOKEN_FILE_COLUMNS

        if name == "tokens" and set(TOKEN_FILE_COLUMNS) <= set(table.columns):
            table = table[list(TOKEN_FILE_COLUMNS)]
        columns, rows = [str(c) for c in table.columns], frame_rows(table)
    return write_rows(columns, rows, path)
