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

from .report import Report

if TYPE_CHECKING:
    import pandas as pd

SECTION_SEP = " > "


def join_section(section: tuple[str, ...]) -> str:
    """A section path as one string, top level first, joined with ' > '."""
    return SECTION_SEP.join(section)


def paragraphs_table(report: Report) -> "pd.DataFrame":
    """One row per paragraph: ``report_id, paragraph, kind, section, text`` (notes included)."""
    import pandas as pd

    rows = [(report.report_id, p.index, p.kind, join_section(p.section), p.text) for p in report.paragraphs]
    return pd.DataFrame(rows, columns=["report_id", "paragraph", "kind", "section", "text"])


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
