"""Where things are: default folders relative to the current working directory, never to the package.

zjtext runs from a checkout or from an installed wheel alike, so no path comes from where its code
is installed: inputs and outputs are the paths a user gives (``--out``, notebook parameters), with
defaults relative to the working directory (``data/raw/``, ``data/processed/``, ``reports/``, the
layout of a zjtext project folder). The one folder outside them is the cache (:func:`cache_dir`).

>>> RAW_DIR.as_posix(), PROCESSED_DIR.as_posix(), REPORTS_DIR.as_posix()
('data/raw', 'data/processed', 'reports')
>>> is_raw_path("somewhere/data/raw/x/notebooks"), is_raw_path("somewhere/data/processed")
(True, False)
"""
from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path("data")
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = Path("reports")
#: The seed report of a zjtext checkout (relative to the working directory, like every default).
DEFAULT_REPORT = RAW_DIR / "zhejiang-2024.html"

#: File endings that `load_report` accepts in a folder listing.
REPORT_SUFFIXES = (".html", ".htm", ".txt")


def cache_dir() -> Path:
    """The cache folder: ``$ZJTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zjtext``, else ``~/.cache/zjtext``.

    >>> os.environ["ZJTEXT_CACHE_DIR"] = "/tmp/zc"; cache_dir().as_posix()
    '/tmp/zc'
    >>> del os.environ["ZJTEXT_CACHE_DIR"]
    """
    if os.environ.get("ZJTEXT_CACHE_DIR"):
        return Path(os.environ["ZJTEXT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "zjtext"



def is_raw_path(path: Path | str) -> bool:
    """Whether ``path`` lies in a raw-data folder: ``data/raw/`` of the working directory, or any
    folder ``raw`` inside a folder ``data`` (symbolic links resolved). Raw data is never written."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(RAW_DIR.resolve()):
        return True
    parts = resolved.parts
    return any(a == "data" and b == "raw" for a, b in zip(parts, parts[1:]))


def processed_dir(report_id: str, root: Path | None = None) -> Path:
    """The folder that holds one report's processed CSVs.

    >>> processed_dir("zhejiang-2024").as_posix()
    'data/processed/zhejiang-2024'
    """
    return (root or PROCESSED_DIR) / report_id


def report_files(folder: Path) -> list[Path]:
    """The report files in a folder, sorted by name (hidden files skipped)."""
    return sorted(
        p for p in Path(folder).iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
    )
