"""The report as tidy tables (pandas), for CSV files, notebooks and the CLI.

>>> from zjtext import load_report, DEFAULT_REPORT
>>> df = paragraphs_table(load_report(DEFAULT_REPORT))
>>> list(df.columns)
['report_id', 'paragraph', 'kind', 'section', 'text']
>>> df.loc[df.paragraph == 3, "section"].item()
'一、2023年工作回顾'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import clean
from .report import Report

if TYPE_CHECKING:
    import pandas as pd

SECTION_SEP = " > "


def join_section(section: tuple[str, ...]) -> str:
    """A section path as one string, top level first, joined with ' > '."""
    return SECTION_SEP.join(section)


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
