"""zjtext: turn a Chinese government work report into evidence an analyst can check and share.

The public API is re-exported here; heavy libraries (jieba, pandas, matplotlib) load only when a
function that needs them is first called, so ``import zjtext`` stays fast.

>>> import zjtext
>>> zjtext.load_report(zjtext.DEFAULT_REPORT).meta.region
'浙江省'
"""
from __future__ import annotations

__version__ = "0.1.0"

from .paths import DEFAULT_REPORT, PROCESSED_DIR, RAW_DIR, REPORTS_DIR
from .report import (
    BinaryFileError, EmptyReportError, NoReportBodyError, Paragraph, PdfFileError, Report,
    ReportError, ReportMeta, ReportNotFoundError, UnknownEncodingError, load_report,
)

_LAZY = {
    "tokens": "segment", "quoted_terms": "segment", "segment_text": "segment",
    "keyword_table": "keywords", "section_shares": "keywords", "slogans": "keywords", "kwic": "keywords",
    "collocations": "keywords", "keyness": "keywords", "vocabulary_table": "keywords",
    "extract_metrics": "metrics", "headline": "metrics",
    "track_targets": "compare", "slogan_changes": "compare", "keyness_between": "compare",
    "use_cjk_font": "charts",
}
__all__ = [
    "load_report", "Report", "ReportMeta", "Paragraph", "ReportError", "DEFAULT_REPORT", *_LAZY,
]


def __getattr__(name: str):
    """Import stage modules on first use (PEP 562), keeping `import zjtext` light."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'zjtext' has no attribute {name!r}")
