"""The pages zjtext writes itself (a report's front page, a run's index) and the navigation every
page carries; all rendered from the Jinja templates in ``templates/`` with autoescape on.

A report's front page leads with the table a reader wants: each main indicator with last year's
target (from last year's report, when the run has it), last year's result, the verdict, and this
year's target, years stated in the headers.

>>> nav = report_nav([("01-a.html", "01 载入"), ("02-b.html", "02 词频")], "01-a.html")
>>> [link.text for link in nav.up], nav.next.href, nav.prev.text
(['运行目录', '本报告首页'], '02-b.html', '本报告首页')
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Sequence

from . import labels
from .html import render
from .labels import PAGE_TITLES

if TYPE_CHECKING:
    import pandas as pd

    from ..report import Report

__all__ = ["PAGE_TITLES", "FrontTables", "Link", "Nav", "report_nav", "compare_nav", "index_page", "front_rows"]


class Link(NamedTuple):
    href: str
    text: str


@dataclass
class Nav:
    """Where a page sits: links up (run index, front page), the report's pages (``current`` marked),
    the comparisons its report is part of, and the previous/next page."""

    up: list[Link] = field(default_factory=list)
    pages: list[Link] = field(default_factory=list)
    current: str = ""
    compare: list[Link] = field(default_factory=list)
    prev: Link | None = None
    next: Link | None = None


RUN_INDEX = Link("../index.html", "运行目录")
FRONT_PAGE = Link("index.html", "本报告首页")


def report_nav(pages: Sequence[tuple[str, str]], current: str, compare: Sequence[tuple[str, str]] = ()) -> Nav:
    """Navigation of one of a report's pages (``current`` is its href; ``index.html`` = front page)."""
    links = [Link(*p) for p in pages]
    hrefs = [link.href for link in links]
    i = hrefs.index(current) if current in hrefs else -1
    prev = (links[i - 1] if i > 0 else FRONT_PAGE) if i >= 0 else None
    comparisons = [Link(*c) for c in compare]
    if current == FRONT_PAGE.href:
        nxt = links[0] if links else None
    elif 0 <= i < len(links) - 1:
        nxt = links[i + 1]
    else:  # the last page leads on to the comparison, if the report is part of one
        nxt = comparisons[0] if comparisons and i >= 0 else None
    return Nav(up=[RUN_INDEX, FRONT_PAGE], pages=links, current=current, compare=comparisons, prev=prev, next=nxt)


def compare_nav(page_dir: Path, out: Path, reports: Sequence[tuple[str, str]]) -> Nav:
    """Navigation of a comparison page in ``page_dir``: back to the run index and to the front page
    of each report compared (``reports`` = (report_id, name) pairs)."""
    def rel(target: Path) -> str:
        return Path(os.path.relpath(target, page_dir)).as_posix()

    up = [Link(rel(out / "index.html"), "运行目录")]
    return Nav(up=up, pages=[Link(rel(out / rid / "index.html"), f"{name}首页") for rid, name in reports], prev=up[0])


def relative_href(target: Path, from_dir: Path) -> str:
    """A link from pages in ``from_dir`` to ``target``.

    >>> relative_href(Path("/o/compare/05.html"), Path("/o/zj-2024"))
    '../compare/05.html'
    """
    return Path(os.path.relpath(target, from_dir)).as_posix()


# ---------------------------------------------------------------- the front page's table

@dataclass
class FrontTables:
    """The tables a front page reads (the ones the producer, ``zjtext process``, wrote): the headline
    table (``targets``), the results (``results``), the paragraphs (for each figure's clause) and,
    when last year's report is in the run, last year's targets judged by this report (``tracking``)."""

    targets: "pd.DataFrame"
    results: "pd.DataFrame"
    paragraphs: "pd.DataFrame"
    tracking: "pd.DataFrame | None" = None

    @classmethod
    def read(cls, folder: Path) -> "FrontTables":
        """The tables of a processed folder (``tracking.csv`` only when it is there)."""
        from ..store import read_csv

        tracking = folder / "tracking.csv"
        return cls(*(read_csv(folder / f"{n}.csv") for n in ("targets", "results", "paragraphs")),
                   read_csv(tracking) if tracking.is_file() else None)


def _cell(text: Any, cls: str = "", title: str = "") -> dict:
    return {"text": "" if text is None else str(text), "cls": cls.strip(), "title": title}


def _figure(text: str) -> dict:
    """A quoted figure's cell: right-aligned when it reads as a number, a short word before it
    included (5.5%左右, 下降3%, 突破90万亿元), or as a nil change (持平); a target stated in words
    (与经济增长同步) as text.

    >>> _figure("下降3%左右")["cls"], _figure("持平")["cls"], _figure("居民收入与经济增长同步")["cls"]
    ('num', 'num', 'text')
    """
    from ..match import FLAT
    from .html import is_number

    figure = text == FLAT or is_number(re.sub(r"^[^\d\s]{1,3}(?=\d)", "", text))
    return _cell(text, "num" if figure else "text")


def _verdict_class(code: str) -> str:
    if str(code).startswith("met"):
        return "verdict-met"
    return "verdict-missed" if code == "missed" else ("verdict-none" if code else "")


def front_rows(tables: FrontTables) -> list[dict]:
    """The front page's rows, one per indicator (:func:`zjtext.match.indicator_rows`, the panel's
    rows): the indicator, last year's target and its verdict (when last year's report is in the
    run), last year's result, this year's target — each figure as the report writes it.
    ``words`` marks a row whose target this year is stated only in words (no figure)."""
    from ..match import Results, indicator_rows

    rows = indicator_rows(tables.targets, Results(tables.results), tables.tracking)
    return [{"key": r["indicator_key"], "indicator": r["indicator"], "last_target": r["last_target"],
             "last_actual": r["actual"], "verdict": r["verdict"], "target": r["target"],
             "words": bool(r["target"]) and r["target_value"] is None} for r in rows]


def _quoted_figure(row: dict) -> str:
    """A headline figure as a reader quotes it: hedge and direction included (下降3.3%, 5.5%左右)."""
    from ..match import written

    return written(row)


def _clause(texts: dict, row: dict) -> str:
    """The clause (between ，；：。) of the report that holds a headline figure, found by its
    paragraph and character offset; the whole sentence when the offset is unknown."""
    sentence = str(row.get("sentence", ""))
    try:
        text = texts[int(row["paragraph"])]
        start = int(row["start"])
    except (KeyError, ValueError, TypeError):
        return sentence
    left = max((m.end() for m in re.finditer(r"[，；：。！？]", text[:start])), default=0)
    right = re.search(r"[，；：。！？]", text[start:])
    return text[left: start + right.start() if right else len(text)].strip()


def _headline_table(year: int | None, tables: FrontTables) -> dict:
    """The front page's main table, ready for the template."""
    from ..notebook import said_in_words, short_name

    last = f"{year - 1}年" if year else "上年"
    this = f"{year}年" if year else "今年"
    with_targets = tables.tracking is not None
    columns = [_cell("指标")] + ([_cell(f"{last}目标", "num")] if with_targets else []) + [_cell(f"{last}实绩", "num")]
    columns += ([_cell("是否完成", "short")] if with_targets else []) + [_cell(f"{this}目标", "num")]
    body, words = [], []
    for r in front_rows(tables):
        if r["words"]:  # a target in words is listed on its own; its row stays only for last year's figures
            words.append(said_in_words({"indicator": r["indicator"], "surface": r["target"]}))
            if not (r["last_target"] or r["last_actual"]):
                continue
        name = short_name(r["indicator"])
        row = [_cell(name, "short", r["indicator"] if name != r["indicator"] else "")]
        row += ([_figure(r["last_target"])] if with_targets else []) + [_figure(r["last_actual"])]
        if with_targets:
            row.append(_cell(labels.verdict(r["verdict"]), "short " + _verdict_class(r["verdict"])))
        body.append(row + [_cell("文字表述，见下", "text") if r["words"] else _figure(r["target"])])
    texts = {int(p): str(t) for p, t in zip(tables.paragraphs["paragraph"], tables.paragraphs["text"])}
    clauses = [[_cell(short_name(r["indicator"])), _cell(labels.PERIOD_LONG.get(r["period"], r["period"])),
                _cell(_quoted_figure(r)), _cell(_clause(texts, r))]
               for r in tables.targets.to_dict("records")]
    return {"columns": columns, "rows": body, "words": list(dict.fromkeys(words)), "tracked": with_targets, "last": last, "this": this,
            "source_columns": [_cell("指标"), _cell("时期"), _cell("原文数值"), _cell("原文")], "source_rows": clauses}


def index_page(meta: Any, pages: Sequence[tuple[str, str]], tables: FrontTables, previous: Any = None,
               compare: Sequence[tuple[str, str]] = ()) -> str:
    """The report's front page (``meta``: the report's metadata): the headline table (with last
    year's targets and verdicts when ``tables`` has them; ``previous`` is last year's report's
    metadata), the pages, and what the report says about itself. It reads ``tables`` only."""
    m = getattr(meta, "meta", meta)
    name = labels.report_name(m)
    facts = [("地区", labels.region_name(m)), ("年份", m.year), ("报告原题", m.title), ("报告日期", m.date),
             ("报告人", m.speaker), ("会议", m.meeting), ("来源文件", m.source)]
    previous = getattr(previous, "meta", previous)
    return render(
        "front.html.j2", title=f"{name} · 首页", name=name, meta=[(k, str(v)) for k, v in facts if v not in (None, "")],
        nav=report_nav(pages, FRONT_PAGE.href, compare), pages=[Link(*p) for p in pages],
        table=_headline_table(m.year, tables),
        previous=labels.report_name(previous) if previous is not None and tables.tracking is not None else "",
    )
