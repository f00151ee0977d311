"""Small helpers that keep the notebooks thin, safe and reproducible.

Paths given to notebooks are relative to the project root (whatever the working directory), and
paths shown in outputs are relative too, so executed notebooks carry no machine paths.

>>> project_path("data/raw/zhejiang-2024.html").is_file()
True
>>> shown(project_path("data/raw"))
'data/raw'
"""
from __future__ import annotations

from pathlib import Path

from .paths import PROJECT_ROOT, REPORTS_DIR, processed_dir


def project_path(path: str | Path) -> Path:
    """Resolve a notebook parameter: relative paths are relative to the project root."""
    path = Path(path)
    return path if path.is_absolute() else PROJECT_ROOT / path


def shown(path: str | Path) -> str:
    """A path for display: relative to the project root when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.name


def output_dir(out_dir: str | Path | None, report_id: str) -> Path:
    """Where a notebook writes figures for readers: ``out_dir`` or ``reports/<report_id>``."""
    return project_path(out_dir) if out_dir else REPORTS_DIR / report_id


def data_dir(report_id: str) -> Path:
    """The report's processed-data folder, created if missing."""
    folder = processed_dir(report_id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def table(df, rows: int | None = 20):
    """A DataFrame prepared for display: first ``rows`` rows, fresh index, long text shortened.

    pandas escapes text in its HTML repr, so report text is shown as text, never as markup.
    """
    df = df.head(rows) if rows else df
    df = df.reset_index(drop=True)
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype).startswith("str"):
            df[col] = df[col].map(lambda v: v[:79] + "…" if isinstance(v, str) and len(v) > 80 else v)
    return df
