"""Small helpers that keep the notebooks thin, safe and reproducible.

A notebook gets every path it reads or writes as a parameter: ``report_path``, ``processed_dir``
(its tables) and ``out_dir`` (its figures); relative paths are relative to the working directory
(the notebook's folder in Jupyter, the report's output folder under ``zjtext run``). With
``processed_dir`` or ``out_dir`` left at ``None`` a notebook writes nothing: tables an earlier
notebook would have saved are computed from the report, and figures are only shown.

>>> shown(Path.cwd() / "figures" / "a.png")
'figures/a.png'
>>> save_figure(None, None, "a")
[]
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

# the display words live in zjtext.site.labels (one place for pages, notebooks, charts and the terminal)
from .site.labels import CATEGORY as CATEGORY_ZH
from .site.labels import CHANGE as CHANGE_ZH
from .site.labels import DIRECTION as DIRECTION_ZH
from .site.labels import PERIOD as PERIOD_ZH
from .site.labels import QUALIFIER as QUALIFIER_ZH
from .site.labels import STATUS as STATUS_ZH
from .site.labels import VERDICT as VERDICT_ZH
from .site.labels import number  # noqa: F401  (notebooks import it from here)


INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # charts drawn into the notebook

#: Which notebook saves each table a later notebook reads (for the note shown when it is missing).
SAVED_BY = {"paragraphs": "01", "tokens": "01", "vocabulary": "01", "keywords": "02", "slogans": "02", "section_shares": "02",
            "metrics": "03", "targets": "03", "results": "03"}
#: Tables read from a folder (by :func:`load_tables`): :func:`save_tables` leaves those files as they are.
_READ: set[Path] = set()


def shown(path: str | Path) -> str:
    """A path for display: relative to the working directory when inside it, else its name (outputs
    carry no machine paths)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def _compute(name: str, report, get):
    """Table *name* computed from the report (``get`` gives the tables it is built from)."""
    if name == "paragraphs":
        from .tables import paragraphs_table
        return paragraphs_table(report)
    if name == "tokens":
        from .segment import tokens
        return tokens(report)
    if name in ("vocabulary", "keywords", "slogans", "section_shares"):
        from .keywords import keyword_table, section_shares, slogans, vocabulary_table
        make = {"vocabulary": vocabulary_table, "keywords": keyword_table, "slogans": slogans,
                "section_shares": lambda t: section_shares(t, top=12)}
        return make[name](get("tokens"))
    if name == "metrics":
        from .metrics import extract_metrics
        return extract_metrics(report)
    if name == "targets":
        from .metrics import headline
        return headline(report, get("metrics"))
    if name == "results":
        from .compare import report_results
        return report_results(report, get("metrics"), get("targets"))
    raise KeyError(f"unknown table {name!r}; known: {', '.join(SAVED_BY)}")


def load_tables(report, processed_dir: str | Path | None, *names: str) -> list:
    """The tables ``names`` of ``report``: read from ``processed_dir`` where an earlier notebook saved
    them, otherwise computed here from the report (with a one-line note saying which notebook saves
    the table, when ``processed_dir`` was given but does not hold it).

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n一、回顾\\n实施“星河织梦”工程，生产总值增长5%。")
    >>> [len(t) > 0 for t in load_tables(r, None, "keywords", "metrics")]
    [True, True]
    """
    from .store import read_csv

    folder = Path(processed_dir) if processed_dir is not None else None
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            path = folder / f"{name}.csv" if folder is not None else None
            if name == "tokens" and path is not None and not (folder / "vocabulary.csv").is_file():
                path = folder / "vocabulary.csv"  # the tokens' flags are there: without it, compute
            if path is not None and path.is_file():
                if name == "tokens":
                    from .process import read_tokens
                    cache[name] = read_tokens(folder)
                else:
                    cache[name] = read_csv(path)
                _READ.add((folder / f"{name}.csv").resolve())
            else:
                if path is not None and name in names:
                    print(f"注意：{shown(path)} 尚不存在（笔记本 {SAVED_BY.get(name, '?')} 会保存它），这里直接由报告计算。")
                cache[name] = _compute(name, report, get)
        return cache[name]

    return [get(n) for n in names]


def save_tables(processed_dir: str | Path | None, tables: dict) -> None:
    """Write each DataFrame to ``processed_dir/<name>.csv`` (atomic, UTF-8 with BOM); with
    ``processed_dir`` None nothing is written. A table this kernel read from that very file
    (:func:`load_tables`: the producer's) is left as it is. Silent: the page's text says what is
    saved, and a list of paths is no reading for the page."""
    from .tables import write_table

    if processed_dir is None:
        return
    for name, df in tables.items():
        path = Path(processed_dir) / f"{name}.csv"
        if path.resolve() not in _READ:
            write_table(name, df, path)


def save_figure(fig, out_dir: str | Path | None, name: str) -> list[Path]:
    """Save a figure as ``out_dir/figures/<name>.png`` and ``.svg``; nothing when ``out_dir`` is None."""
    if out_dir is None:
        return []
    from .charts import save_figure as save

    return save(fig, Path(out_dir) / "figures", name)


def save_and_show(fig, out_dir: str | Path | None, name: str, saved: list | None = None):
    """Save ``fig`` as :func:`save_figure` does (the paths are added to ``saved``) and return what the
    cell shows: the PNG just saved, at the size the figure would be drawn inline (drawing it a third
    time would cost as much as saving it), or, when nothing was saved, the figure itself."""
    paths = save_figure(fig, out_dir, name)
    if saved is not None:
        saved.extend(paths)
    png = next((p for p in paths if p.suffix == ".png"), None)
    return fig if png is None else saved_png(png, fig.dpi)


def saved_png(path: str | Path, dpi: float):
    """A saved chart (PNG at :data:`zjtext.charts.DPI`) for display at ``dpi``, e.g. a figure's own 100:
    the same size on screen as the figure drawn inline, sharper on high-density screens.

    >>> import io, matplotlib.figure, tempfile
    >>> from zjtext.charts import save_figure
    >>> png = save_figure(matplotlib.figure.Figure(figsize=(4, 2)), tempfile.mkdtemp(), "a")[0]
    >>> saved_png(png, 100).width
    400
    """
    from IPython.display import Image

    from .charts import DPI

    data = Path(path).read_bytes()
    width = int.from_bytes(data[16:20], "big")  # the PNG header's width field
    return Image(data=data, format="png", width=round(width * dpi / DPI))


def preload_charts() -> None:
    """Load what drawing and saving a first chart loads (pyplot, the CJK font, the PNG and SVG
    writers, the word-cloud package) by drawing an empty chart: a kernel can do this while it waits
    for its notebook (:class:`zjtext.site.execute.ReportKernels`)."""
    import io

    import matplotlib
    import matplotlib.pyplot  # noqa: F401
    import pandas as pd

    from . import charts

    fig = charts.headline_targets(pd.DataFrame(), source="图表")
    for fmt in ("png", "svg"):
        with matplotlib.rc_context({"svg.fonttype": "path"}):
            fig.savefig(io.BytesIO(), format=fmt)
    try:
        import wordcloud  # noqa: F401
    except ImportError:
        pass


def table(df, rows: int | None = 20, empty: str | None = None):
    """A DataFrame prepared for display: first ``rows`` rows, fresh index, long text shortened.

    pandas escapes text in its HTML repr, so report text is shown as text, never as markup. With
    *empty* given, an empty table is not shown (column names over nothing): *empty* is printed
    instead and None returned.

    >>> import pandas as pd
    >>> table(pd.DataFrame({"词": []}), empty="没有符合条件的词。")
    没有符合条件的词。
    """
    if empty is not None and df.empty:
        print(empty)
        return None
    df = df.head(rows) if rows else df
    df = df.reset_index(drop=True)
    df.index = range(1, len(df) + 1)  # row numbers as a reader counts them
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype).startswith("str"):
            df[col] = df[col].map(lambda v: v[:79] + "…" if isinstance(v, str) and len(v) > 80 else v)
    return df


# ---------------------------------------------------------------- display in Chinese



def demo_note(paths, text: str):
    """``text`` as a note, shown only when one of ``paths`` is an invented test fixture (a file under
    ``tests/fixtures/``): the notebooks' default demo says its numbers are made up, a run on real
    reports does not.

    >>> demo_note(["data/raw/x.html"], "演示") is None, demo_note(["../tests/fixtures/a.txt"], "演示").data
    (True, '演示')
    """
    from IPython.display import Markdown

    parts = [Path(p).as_posix() for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    return Markdown(text) if any("tests/fixtures/" in p for p in parts) else None


def setup() -> None:
    """Display options for the notebooks: whole tables (up to 500 rows), plain numbers, and charts drawn
    inline as images whatever ``MPLBACKEND`` says (with ``MPLBACKEND=Agg`` a notebook would show only
    ``<Figure size …>``)."""
    import pandas as pd

    try:
        from IPython import get_ipython
    except ImportError:  # not in IPython: nothing to draw inline
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is not None and getattr(shell, "kernel", None) is not None:
        if "matplotlib" in sys.modules:
            shell.run_line_magic("matplotlib", "inline")
        else:  # inline from matplotlib's first import on (importing pyplot now costs notebooks without charts half a second)
            os.environ["MPLBACKEND"] = INLINE_BACKEND

    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 100)  # table() already shortens text to 80 characters
    pd.set_option("display.float_format", lambda x: f"{x:.6g}")


def quoted_figure(surface: str, qualifier_text: str = "", change: str = "none") -> str:
    """A figure as a reader quotes it: '5.5%左右', '下降3.3%', '超过3300亿元'.

    >>> quoted_figure("3.3%", "", "decrease"), quoted_figure("5.5%", "左右")
    ('下降3.3%', '5.5%左右')
    """
    from .match import hedged

    text = hedged(surface, qualifier_text)
    return f"下降{text}" if change == "decrease" and "下降" not in text else text


NAME_WIDTH = 20  # characters: a longer headline name is a clause, not a name


def short_name(name: str, width: int = NAME_WIDTH) -> str:
    """A headline name of at most ``width`` characters; a longer one (a clause) is cut, '…' marking it.

    >>> short_name("生产总值"), short_name("一二三四五六七八九十" * 3)
    ('生产总值', '一二三四五六七八九十一二三四五六七八九…')
    """
    name = str(name or "")
    return name if len(name) <= width else name[:width - 1] + "…"


def words_only(row) -> bool:
    """Whether a headline row is a target stated only in words (与经济增长同步): it has no figure.

    >>> words_only({"value": float("nan"), "period": "target"}), words_only({"value": 5.5, "period": "target"})
    (True, False)
    """
    value = row.get("value")
    return row.get("period") == "target" and (value is None or value == "" or value != value)


def said_in_words(row) -> str:
    """A target stated in words as one line: its clause, the name in front only when the clause does
    not say it (a clause taken for a name is never shown twice).

    >>> said_in_words({"indicator": "居民收入", "surface": "居民收入增长与经济增长同步"})
    '居民收入增长与经济增长同步'
    >>> said_in_words({"indicator": "农民收入", "surface": "增速快于城镇居民"})
    '农民收入：增速快于城镇居民'
    """
    name, clause = str(row.get("indicator") or ""), str(row.get("surface") or "")
    return clause if not name or name in clause else f"{short_name(name)}：{clause}"


def headline_view(head, words: bool = False):
    """The headline table for reading: indicator, 目标/实绩, the figure as quoted, value, unit; the
    targets stated only in words are left out (``words=True``: only they, one line each by
    :func:`said_in_words` — a clause is never put in a table's figure column)."""
    import pandas as pd

    rows = [r for r in head.to_dict("records") if words_only(r) == words]
    if words:
        lines = list(dict.fromkeys(said_in_words(r) for r in rows))  # one clause may set targets for two indicators
        return pd.DataFrame({"文字表述的目标": lines}, index=range(1, len(lines) + 1))
    return pd.DataFrame({
        "指标": [short_name(r["indicator"]) for r in rows],
        "时期": [PERIOD_ZH.get(r["period"], r["period"]) for r in rows],
        "原文数值": [quoted_figure(r["surface"], r.get("qualifier_text", ""), r.get("change", "none")) for r in rows],
        "数值": [number(r["value"]) + ("—" + number(r["value_max"]) if number(r["value_max"]) else "") for r in rows],
        "单位": [r["base_unit"] for r in rows],
    }, index=range(1, len(rows) + 1))


def indicator_view(head, results):
    """One row per indicator (:func:`zjtext.match.indicator_rows`: the rows of the front page and the
    panel): 指标, 今年目标, 上年实绩, each as the report writes it; a name over 20 characters is cut
    (:func:`short_name`), and a target stated only in words is not put in the figure column (the
    words-only table above lists it)."""
    import pandas as pd

    from .match import Results, indicator_rows

    rows = indicator_rows(head, Results(results))
    words = [bool(r["target"]) and r["target_value"] is None for r in rows]
    return pd.DataFrame({"指标": [short_name(r["indicator"]) for r in rows],
                         "今年目标": ["文字表述，见上" if w else r["target"] for r, w in zip(rows, words)],
                         "上年实绩": [r["actual"] for r in rows]}, index=range(1, len(rows) + 1))


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
