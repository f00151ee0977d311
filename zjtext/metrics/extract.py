"""Every figure of a report as a tidy row (figures → subjects → period), as dicts or a DataFrame."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..indicators import indicator_key
from ..lexicon import alternation
from ..report import Paragraph, Report, join_section
from ..words import STRETCH_WORDS
from .figures import Figure, _clause_end, _clause_start, _figure_re, parse_figures
from .period import _figure_period, _is_multi_year, _multi_year_context, earlier_frames, infer_year, paragraph_periods
from .naming import name_group
from .subjects import GROWTH_NAME, WHOLES, _change, _groups, excluding, level_mark_end

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "EXTRA_COLUMNS", "extract_metrics", "metric_rows"]

COLUMNS = ["report_id", "paragraph", "section", "sentence", "indicator", "surface", "number", "unit",
           "multiplier", "base_unit", "value", "value_max", "category", "qualifier", "change", "period"]
EXTRA_COLUMNS = ["indicator_key", "multi_year", "qualifier_text", "start", "end"]

# ---------------------------------------------------------------- public API

def _sentence_spans(p: Paragraph) -> list[tuple[int, int, str]]:
    spans, pos = [], 0
    for s in p.sentences or (p.text,):
        k = p.text.find(s, pos)
        if k < 0:
            k = pos
        spans.append((k, k + len(s), s))
        pos = k + len(s)
    return spans


def _rows_for_paragraph(report: Report, p: Paragraph, context: str, year: int | None,
                        multi_context: bool = False, trace: list | None = None,
                        figs: "list[Figure] | None" = None) -> list[dict]:
    text = p.text
    figs = parse_figures(text) if figs is None else figs
    if not figs:
        return []

    report_id, section = report.meta.report_id, join_section(p.section)
    spans = _sentence_spans(p)

    def sent_of(i: int) -> tuple[int, int, str]:
        for a, b, s in spans:
            if a <= i < b:
                return a, b, s
        return 0, len(text), text

    frame_at = earlier_frames(text) if context == "target" else None  # a plan's sentences after a past one
    rows = []
    prev_names: list[str] | None = None
    prev_lead, prev_unit, prev_change = "", "", "none"
    prev_sent = None
    floor_pos = 0
    for group in _groups(text, figs):
        a, b, sent = sent_of(group[0].start)
        if prev_sent != a:
            prev_names, prev_lead, floor_pos = None, "", a
        floor = max(floor_pos, a)
        naming = name_group(text, group, floor, floor > a, prev_names, prev_lead, prev_unit)
        names, lead, used_end = naming.names, naming.lead, naming.end
        used_end = max(used_end, level_mark_end(text, group[-1].post_end))
        lo = _clause_start(text, group[0].start, floor)
        names = excluding(text[a:lo], names)
        change = _change(text[lo:group[0].start], group[0])
        stretch = prev_names is not None and _STRETCH.fullmatch(text[lo:group[0].start].strip("，, "))
        if stretch and change == "none":  # 增长5.5%，力争6%: a higher aim for the same change
            change = prev_change
        elif change == "none" and group[0].base_unit == "%" and GROWTH_NAME.search(names[0] if names else ""):
            change = "increase"  # 经济增长速度8%: the name says it is a growth rate
        pre = group[0].pre
        c_lo = lo if floor == a else _clause_start(text, group[0].start, a)
        period = _figure_period(text[a:c_lo], text[c_lo:_clause_end(text, group[-1].end, b)], context, year,
                                frame_at(a) if frame_at else None)
        multi = _is_multi_year(multi_context, text[a:group[0].start], text[c_lo:group[0].start], year)
        for f, name in zip(group, names):
            if not f.pre and pre and f is not group[0]:
                f.pre = pre  # 超13.2亿吨、3530万标箱: a hedge written once governs the list
            if f.category == "rank":
                name = _rank_name(name, text[lo:f.start], prev_names[-1] if prev_names else "")
            rows.append({
                "report_id": report_id, "paragraph": p.index, "section": section,
                "sentence": sent, "indicator": _tidy(name), "surface": f.surface, "number": f.number,
                "unit": f.unit, "multiplier": f.multiplier, "base_unit": f.base_unit, "value": f.value,
                "value_max": f.value_max, "category": f.category, "qualifier": f.qualifier, "change": change,
                "period": period, "multi_year": multi,
                "qualifier_text": stretch.group(1) if stretch and f.qualifier_text in ("", stretch.group(2))
                else f.qualifier_text, "start": f.start,
                "end": f.end,
            })
            if trace is not None:
                trace.append((f.surface, rows[-1]["indicator"], naming.rule))
        prev_names, prev_lead, prev_sent, prev_unit, prev_change = names, lead, a, group[-1].base_unit, change
        floor_pos = max(group[-1].post_end, used_end)
    return rows


# the words before a figure that only raise the aim of the one before it (增长5.5%，力争6%)
_STRETCH = re.compile(rf"({alternation(STRETCH_WORDS)})(达到|实现|)")  # hedges.tsv, place "aim"


# the ranking a rank is in: 居全国第4位, 提升到全球第9位, 位居中部第2位
_RANK_SCOPE = re.compile(rf"({WHOLES})"
                         r"(?:地区|省份|城市|省区市)?第$")


_ASPECTS = re.compile(r"(?:总量|增速|增幅|规模|总额|增量)(?:[和、及](?:总量|增速|增幅|规模|总额|增量))*")
_RANK_TAIL = re.compile(r"[均都]?(?:稳居|位居|跃居|跃升至|升至|进至|居|位列|排名|保持|提升到|提升至|上升到|上升至)?$")


def _rank_name(name: str, before: str, previous: str = "") -> str:
    """A rank's indicator names its ranking: 区域创新能力 (居全国第4位) → 区域创新能力全国排名; a rank
    of aspects only (总量和增速) is of the *previous* subject's.

    >>> _rank_name("区域创新能力", "区域创新能力居全国第"), _rank_name("航运中心发展指数排名", "指数排名提升到全球第")
    ('区域创新能力全国排名', '航运中心发展指数全球排名')
    >>> _rank_name("综合实力", "综合实力位列第"), _rank_name("总量和", "，总量和增速均居全国第", "地区生产总值")
    ('综合实力', '地区生产总值总量和增速全国排名')
    >>> _rank_name("地区生产总值", "增长5.8%，增速居全国第"), _rank_name("经济增长", "，增速居全国第")
    ('地区生产总值增速全国排名', '经济增速全国排名')
    """
    scope = _RANK_SCOPE.search(before)
    if not scope:
        return name
    base = re.sub(r"(?:排名|排位|位次)$", "", name)
    if not base or base[-1] in "和及与、":  # 总量和增速均居全国第5位: both things ranked, 增速 included
        base = _RANK_TAIL.sub("", before[:scope.start()]).split("，")[-1].strip("，,、；; ") or base
    if previous and _ASPECTS.fullmatch(base):
        base = previous + base
    # the aspect the clause ranks (…增长5.8%，增速居全国第2位): the growth rate's rank, not the level's
    aspect = _ASPECTS.match(re.split(r"[，,、；;]", before[:scope.start()])[-1].strip())
    if aspect and aspect.group() not in base:
        base = re.sub(r"(?:增长|增速|增幅)$", "", base) + aspect.group()
    return base + scope.group(1) + "排名"


def _tidy(name: str) -> str:
    name = name.strip(" 、，,：:。；;的—")
    if name.count("“") > name.count("”"):
        name = name.replace("“", "", 1) if name.startswith("“") else name
    return name


def metric_rows(report: Report, *, trace: list | None = None, periods: dict[int, str] | None = None) -> list[dict]:
    """:func:`extract_metrics` as a list of row dicts of plain Python values (no pandas).

    When ``trace`` is a list, each figure's (surface, indicator, naming rule) is appended to it: which
    rule of :data:`~zjtext.metrics.naming.NAMING_RULES` named it (for tests and debugging). ``periods``
    are the paragraphs' periods when already read (``zjtext.metrics.paragraph_periods``).

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n一、2025年工作回顾\\n全省生产总值增长6.1%。")
    >>> [(m["indicator"], m["value"], m["period"]) for m in metric_rows(r)]
    [('全省生产总值', 6.1, 'actual')]
    """
    year = infer_year(report)
    periods = paragraph_periods(report) if periods is None else periods
    figures = {p.index: parse_figures(p.text) for p in report.body}  # each paragraph read once
    multi = _multi_year_context(report, year, figures)
    rows: list[dict] = []
    body = report.body
    skip = None
    for i, p in enumerate(body):
        if p.index == skip:
            continue
        nxt = body[i + 1] if i + 1 < len(body) else None
        joined = nxt is not None and _number_broken(p.text, nxt.text)
        q = _joined(p, nxt) if joined else p
        found = _rows_for_paragraph(report, q, periods.get(p.index, "actual"), year, multi.get(p.index, False),
                                    trace, None if joined else figures[p.index])
        if joined:
            _split_rows(found, p, nxt)
            skip = nxt.index
        rows.extend(found)
    for r in rows:  # the types the DataFrame gives these columns, so both paths write the same CSV
        for key in ("number", "multiplier", "value", "value_max"):
            r[key] = _as_float(r[key])
        r["multi_year"] = bool(r["multi_year"])
        r["indicator_key"] = row_key(r["indicator"])
    return rows


def row_key(indicator: str) -> str:
    """The vocabulary key of a row's indicator; a part named in brackets (进出口总额（出口）, from
    其中出口增长…) is keyed as itself when the vocabulary knows it.

    >>> row_key("外贸进出口总额（出口）"), row_key("全省生产总值"), row_key("新建学校（农村）")
    ('exports', 'gdp', '')
    """
    key = indicator_key(indicator)
    part = _PART.search(str(indicator or ""))
    return key if key or not part else indicator_key(part.group(1))


_PART = re.compile(r"（([^（）]+)）$")


def _number_broken(text: str, next_text: str) -> bool:
    """Does a paragraph end inside a figure that the next one finishes (…达到74.4 / 万亿元，增长6.7%)?

    Scraped pages sometimes break a line between a number and its unit.

    >>> _number_broken("生产总值达到12.5", "万亿元，增长5%。"), _number_broken("目标任务", "一是稳增长。")
    (True, False)
    """
    if not text or not text[-1].isdigit() or not next_text:
        return False
    m = _figure_re().match("1" + next_text)
    return bool(m) and m.end() > 1 and m.group("n2") is None


def _joined(p: Paragraph, nxt: Paragraph) -> Paragraph:
    """One paragraph of ``p`` and its continuation ``nxt`` (the sentence cut between them made whole)."""
    a, b = p.sentences or (p.text,), nxt.sentences or (nxt.text,)
    return replace(p, text=p.text + nxt.text, sentences=(*a[:-1], a[-1] + b[0], *b[1:]))


def _split_rows(rows: list[dict], p: Paragraph, nxt: Paragraph) -> None:
    """Give the rows found in a joined paragraph back to the paragraph each figure starts in."""

    cut = len(p.text)
    for r in rows:
        if r["start"] >= cut:
            r.update(paragraph=nxt.index, section=join_section(nxt.section), start=r["start"] - cut,
                     end=r["end"] - cut)


def _as_float(x) -> float | None:
    """A number as a plain float; None (and NaN) as None."""
    return None if x is None or x != x else float(x)


def extract_metrics(report: Report) -> "pd.DataFrame":
    """One row per figure in the report body, columns :data:`COLUMNS` then ``qualifier_text, start, end``.

    ``start``/``end`` are character offsets of the surface in the paragraph text.
    """
    import pandas as pd

    df = pd.DataFrame(metric_rows(report), columns=COLUMNS + EXTRA_COLUMNS)
    df["value_max"] = df["value_max"].astype(float)
    df["multi_year"] = df["multi_year"].astype(bool)
    return df
