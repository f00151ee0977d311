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
# the display words live in zjtext.site.labels (one place for pages, notebooks, charts and the terminal)
from .site.labels import CATEGORY as CATEGORY_ZH
from .site.labels import CHANGE as CHANGE_ZH
from .site.labels import DIRECTION as DIRECTION_ZH
from .site.labels import PERIOD as PERIOD_ZH
from .site.labels import QUALIFIER as QUALIFIER_ZH
from .site.labels import STATUS as STATUS_ZH
from .site.labels import VERDICT as VERDICT_ZH
from .site.labels import number  # noqa: F401  (notebooks import it from here)


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
    df.index = range(1, len(df) + 1)  # row numbers as a reader counts them
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype).startswith("str"):
            df[col] = df[col].map(lambda v: v[:79] + "…" if isinstance(v, str) and len(v) > 80 else v)
    return df


# ---------------------------------------------------------------- display in Chinese



def setup() -> None:
    """Display options for the notebooks: whole tables (up to 500 rows), plain numbers."""
    import pandas as pd

    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 100)  # table() already shortens text to 80 characters
    pd.set_option("display.float_format", lambda x: f"{x:.6g}")


def quoted_figure(surface: str, qualifier_text: str = "", change: str = "none") -> str:
    """A figure as a reader quotes it: '5.5%左右', '下降3.3%', '超过3300亿元'.

    >>> quoted_figure("3.3%", "", "decrease"), quoted_figure("5.5%", "左右")
    ('下降3.3%', '5.5%左右')
    """
    from .compare import hedged

    text = hedged(surface, qualifier_text)
    return f"下降{text}" if change == "decrease" and "下降" not in text else text


def headline_view(head):
    """The headline table for reading: indicator, 目标/实绩, the figure as quoted, value, unit."""
    import pandas as pd

    rows = head.to_dict("records")
    return pd.DataFrame({
        "指标": [r["indicator"] for r in rows],
        "时期": [PERIOD_ZH.get(r["period"], r["period"]) for r in rows],
        "原文数值": [quoted_figure(r["surface"], r.get("qualifier_text", ""), r.get("change", "none")) for r in rows],
        "数值": [number(r["value"]) + ("—" + number(r["value_max"]) if number(r["value_max"]) else "") for r in rows],
        "单位": [r["base_unit"] for r in rows],
    }, index=range(1, len(rows) + 1))


def metrics_view(metrics, columns=("paragraph", "indicator", "surface", "change", "period", "section")):
    """Extracted figures for reading, with Chinese column names and codes."""
    from .site.labels import COLUMNS as names

    df = table(metrics[list(columns)], None)
    for col, mapping in (("change", CHANGE_ZH), ("period", PERIOD_ZH), ("qualifier", QUALIFIER_ZH), ("category", CATEGORY_ZH)):
        if col in df.columns:
            df[col] = df[col].map(lambda v, m=mapping: m.get(v, v))
    if "value" in df.columns:
        df["value"] = df["value"].map(number)
    df.index = range(1, len(df) + 1)
    return df.rename(columns=names)


def by_reading_order(labels, order) -> list:
    """``labels`` sorted by where they first appear in ``order`` (e.g. sections in report order)."""
    first = {label: i for i, label in reversed(list(enumerate(order)))}
    return sorted(set(labels), key=lambda x: first.get(x, len(first)))


def save_tables(report_id: str, tables: dict) -> None:
    """Write each DataFrame to ``data/processed/<report_id>/<name>.csv`` (atomic, UTF-8 with BOM)
    and print the path and row count of each."""
    from .tables import write_table

    folder = data_dir(report_id)
    for name, df in tables.items():
        print(shown(write_table(name, df, folder / f"{name}.csv")), f"{len(df)} 行")
