"""Project folders, computed from this file so that code works from any working directory.

>>> (PROJECT_ROOT / "zjtext").is_dir()
True
>>> RAW_DIR.relative_to(PROJECT_ROOT).as_posix()
'data/raw'
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Where the tokenizer keeps its dictionary cache; override with ZJTEXT_CACHE_DIR.
CACHE_DIR = Path(os.environ.get("ZJTEXT_CACHE_DIR", PROJECT_ROOT / ".cache" / "zjtext"))
DEFAULT_REPORT = RAW_DIR / "zhejiang-2024.html"

#: File endings that `load_report` accepts in a folder listing.
REPORT_SUFFIXES = (".html", ".htm", ".txt")


def processed_dir(report_id: str, root: Path | None = None) -> Path:
    """The folder that holds one report's processed CSVs.

    >>> processed_dir("zhejiang-2024").relative_to(PROJECT_ROOT).as_posix()
    'data/processed/zhejiang-2024'
    """
    return (root or PROCESSED_DIR) / report_id


def report_files(folder: Path) -> list[Path]:
    """The report files in a folder, sorted by name (hidden files skipped)."""
    return sorted(
        p for p in Path(folder).iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
    )
