"""Period: is a figure last year's result (actual) or a goal (target), and is it a multi-year figure?

Decided from the report's own headings and cue words (回顾/目标, 去年/今年, 力争, 到2030年) and,
for multi-year figures, from 年均/累计/五年来/“十四五”时期/比2020年.

>>> _time_frame("五年来，全省", 2026), _time_frame("过去一年，全省", 2026)
('multi', 'one')
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, Mapping

from ..report import YEAR_IN, Report
from ..lexicon import alternation, word_list, word_table
from ..words import DECREASE as _DECREASE, INCREASE as _INCREASE, RELIEF, cues

__all__ = ["earlier_frames", "infer_year", "paragraph_periods"]

# the time cues (time_cues.tsv), by the place they are read in: a top heading, a paragraph's opening …
_OPENING = r"^(?:各位代表[，！!,]\s*)?"  # the salutation a paragraph may open with


def _cue_re(period: str, place: str, prefix: str = "", suffix: str = "") -> re.Pattern:
    """The time cues of *period* read at *place*, as one alternation between *prefix* and *suffix*."""
    return re.compile(f"{prefix}(?:{alternation(cues(period, place))}){suffix}")


_REVIEW_WORDS = _cue_re("actual", "heading")
_PLAN_WORDS = _cue_re("target", "heading")
_PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年")
_CN_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_YEAR_IN = YEAR_IN  # a year in a heading (zjtext.report)

_ACTUAL_LEAD = _cue_re("actual", "lead", _OPENING)
_TARGET_LEAD = _cue_re("target", "lead", _OPENING)
_BY_A_YEAR = r"|到20\d\d年"  # a horizon year (到2030年) speaks of a goal
_ACTUAL_WEAK = _cue_re("actual", "weak")
_TARGET_WEAK = _cue_re("target", "weak", suffix=_BY_A_YEAR)
_SENT_PAST = _cue_re("actual", "sentence")
# a plan named at the start of a paragraph (“十四五”时期，…) or anywhere: past or coming, by the report year
_PLAN_AT_START = re.compile(r"^(?:各位代表[，！!,]\s*)?“?十([一二三四五六七八九])五")
_PLAN_ANY = re.compile(r"“?十([一二三四五六七八九])五”?(时期|期间)?")
_SENT_PAST_VERB = re.compile(alternation(word_list("result_verbs")))  # result_verbs.txt: 达到, 建成, 增长 …
_SINCE = r"(?!以来)"  # 今年以来 (since the start of this year) looks back
_SENT_FUTURE = _cue_re("target", "sentence", suffix=_SINCE + _BY_A_YEAR)
_SENT_FUTURE_STRONG = _cue_re("target", "strong", suffix=_SINCE)

# multi-year figures: a plan period, a span of years, an average or running total over years
_PLAN_NAME = r"(?:“十[一二三四五六七八九]五”|十[一二三四五六七八九]五)"  # “十四五”, 十三五: a five-year plan
_YEAR_SPAN = r"""
    (?:19|20)\d\d \s*            # the first year: 2021
    [—–\-－~～至到] \s*           # a dash, 至 or 到
    (?:(?:19|20)?\d\d)年          # the last year, its century optional: 2025年, 25年
"""
_NOT_SPAN_END = r"(?<![\d—–\-－~～])(?<!\d至)(?<!\d到)"  # a year that does not end a span (2021—2025年)
_YEAR = r"((?:19|20)\d\d)"  # a year of the 20th or 21st century, captured
_FRAMES = word_table("time_frames")  # time_frames.tsv: 五年来 → multi, 过去一年 → one …
# cues that set the time frame of what follows (last one wins): multi-year …
_MULTI_CTX = re.compile(rf"""
      {alternation(w for w, f in _FRAMES.items() if f == "multi")}   # 五年来, 过去五年, 今后五年 …
    | {_PLAN_NAME}(?:规划)?(?:时期|期间|以来)     # a plan period: “十四五”时期, 十三五以来
    | {_YEAR_SPAN}                                # a span of years: 2021—2025年
    | {_NOT_SPAN_END}{_YEAR}年以来                # the years since one: 2020年以来 (group 1: the year)
    """, re.VERBOSE)
# … or one year (a year written out counts as one year, unless it lies beyond the report year: 到2030年)
_ONE_YEAR_CTX = re.compile(rf"""
      {alternation(w for w, f in _FRAMES.items() if f == "one")}     # 过去一年, 今年, 全年 …
    | {_NOT_SPAN_END}{_YEAR}年(?!以来|代)         # a year written out (not 2020年以来, not 90年代)
    """, re.VERBOSE)
# a top heading about a plan period (not “十五五”开好局: that is the first year)
_PLAN_HEADING = re.compile(rf"{_PLAN_NAME}(?:规划|时期|期间|发展|以来)|五年规划|第十[一二三四五六七八九]个五年")
# cues in the clause before a figure: 年均, 累计, 5年增长, 比2020年, 较“十三五”末
_MULTI_FIGURE = re.compile(rf"""
      (?<!全年)累计(?!达)                      # a running total (not 全年累计, not 累计达 a level)
    | 年均(?!浓度) | 年平均(?!浓度)            # a yearly average (not 年均浓度, a pollution measure)
    | (?<![连续第\d])                          # a number of years (not 连续5年, 第3年) …
      (?:\d{{1,2}}|[两三四五六七八九十])年     # … 5年, 三年
      (?:来|间|内|里)?(?:分别|共|累计|合计)?    # … 5年来, 三年间共
      (?:{_INCREASE}|{_DECREASE}|{RELIEF}       # … and a verb of change (change_words.tsv) …
         |投入|完成|实现|建成|新增|达到|达)     # … or of doing or reaching: 5年增长, 三年累计投入
    | (?:比|较|由|从|与){_PLAN_NAME}            # against a plan period: 比“十三五”末
    | {_PLAN_NAME}(?:时期|期间|以来|末|期末)    # in or since a plan period: “十四五”时期
    """, re.VERBOSE)
_BASE_YEAR = re.compile(rf"(?:比|较|由|从|与|相比){_YEAR}年")  # a base year: 比2020年
_FUTURE_YEAR = re.compile(rf"{_NOT_SPAN_END}{_YEAR}年")  # a year written out, not the end of a span

_ENUM_MARK = re.compile(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|——)")
_YEAR_LEAD = re.compile(rf"{_OPENING}(?:刚刚过去的)?{_YEAR}年")  # a paragraph opening on a year
_BY_YEAR = re.compile(rf"到{_YEAR}年")  # a horizon: 到2030年

# ---------------------------------------------------------------- period

def _plan_years(n: int) -> tuple[int, int]:
    start = 2006 + 5 * (n - 11)
    return start, start + 4


def _plan_tense(m: "re.Match | None", year: int | None) -> str | None:
    """'actual' for a five-year plan named by ``m`` that ended before the report year, 'target' for the
    current or a coming one (None without a match). Without a year: the 11th to 14th plans are past.

    >>> _plan_tense(_PLAN_ANY.search("“十四五”时期"), 2026), _plan_tense(_PLAN_ANY.search("十五五"), 2026)
    ('actual', 'target')
    >>> _plan_tense(_PLAN_ANY.search("“十二五”时期"), 2011), _plan_tense(_PLAN_ANY.search("十五五"), 2031)
    ('target', 'actual')
    """
    if m is None:
        return None
    n = 10 + _CN_DIGIT[m.group(1)]
    if not year:
        return "actual" if n <= 14 else "target"
    return "actual" if _plan_years(n)[1] < year else "target"


def _heading_period(heading: str, year: int | None) -> str | None:
    a = t = 0
    if year:
        for y in map(int, _YEAR_IN.findall(heading)):
            if y < year:
                a += 1
            else:
                t += 1
        for m in _PLAN_PERIOD.finditer(heading):
            digit = m.group(1) or m.group(2)
            lo, hi = _plan_years(10 + _CN_DIGIT[digit])
            if hi < year:
                a += 1
            else:
                t += 1
    if _REVIEW_WORDS.search(heading):
        a += 1
    if _PLAN_WORDS.search(heading):
        t += 1
    if a and not t:
        return "actual"
    if t and not a:
        return "target"
    return None


def infer_year(report: Report) -> int | None:
    """The report year, as the report's metadata gives it: :mod:`zjtext.report` infers it once, from
    the title or date line, else from the headings (the year planned, one more than the year reviewed)."""
    return report.meta.year


def paragraph_periods(report: Report) -> dict[int, str]:
    """actual/target context of each body paragraph (by its index), from headings and leading cue words.

    >>> from zjtext.report import report_from_text
    >>> paragraph_periods(report_from_text("各位代表：\\n一、2040年工作回顾\\n全省增长5%。\\n二、2041年工作安排\\n增长6%。"))
    {1: 'actual', 2: 'actual', 3: 'actual', 4: 'target', 5: 'target'}
    """
    year = infer_year(report)
    out: dict[int, str] = {}
    state = "actual"
    sec_kind: str | None = None
    current_top = None
    for p in report.body:
        top = p.top_section
        if top != current_top:
            current_top = top
            sec_kind = _heading_period(top, year) if top else None
            if sec_kind:
                state = sec_kind
            elif not top:
                state = "actual" if not report.sections() else state
        if len(p.section) > 1 and p.kind == "heading":
            sub = _heading_period(p.section[-1], year)
            if sub and sec_kind is None:
                state = sub
        first = p.sentences[0] if p.sentences else p.text
        first_strip = _ENUM_MARK.sub("", first)
        year_lead = _YEAR_LEAD.match(first_strip)
        plan = _plan_tense(_PLAN_AT_START.match(first_strip), year)
        if _ACTUAL_LEAD.search(first_strip) or plan == "actual" or (year and year_lead and int(year_lead.group(1)) < year):
            state = "actual"
        elif _TARGET_LEAD.search(first_strip) or plan == "target" or (
                year and year_lead and int(year_lead.group(1)) >= year):
            state = "target"
        elif sec_kind is None and p.kind != "heading":
            coming = any(_plan_tense(m, year) == "target" for m in _PLAN_ANY.finditer(first))
            a, t = bool(_ACTUAL_WEAK.search(first)), bool(_TARGET_WEAK.search(first)) or coming
            if a != t:
                state = "actual" if a else "target"
        out[p.index] = state
    return out


# a sentence that opens on the past year, or on this one: it sets the frame of the sentences after it
_SENT_LEAD_PAST = _cue_re("actual", "sentence_lead", _OPENING)
_SENT_LEAD_NOW = _cue_re("target", "sentence_lead", _OPENING)


def _opening_frame(sentence: str) -> str | None:
    """'past' or 'now' when ``sentence`` opens on the past year or on this one, else None."""
    if _SENT_LEAD_PAST.match(sentence):
        return "past"
    return "now" if _SENT_LEAD_NOW.match(sentence) else None


_SENTENCE_END = re.compile(r"(?<=[。！？])")


def earlier_frames(text: str) -> Callable[[int], str | None]:
    """For any offset ``a`` of ``text`` (a paragraph), 'past' or 'now': the time the last sentence
    before ``a`` that opens on a time speaks of (a sentence cut by ``a`` counts up to ``a``); None
    when none does. The paragraph's sentences are read once, whatever offsets are asked.

    >>> frame = earlier_frames("2041年是开局之年。过去一年，成绩很大。全省增长6%。")
    >>> frame(0), frame(10), frame(len("2041年是开局之年。过去一年，成绩很大。"))
    (None, None, 'past')
    >>> t = "过去一年，成绩很大。今年，我们要再接再厉。"
    >>> earlier_frames(t)(len(t)), earlier_frames("意义重大。")(5)
    ('now', None)
    """
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]  # just after each 。！？
    frames: list[str | None] = []  # the frame of text[:ends[i]]
    start, frame = 0, None
    for end in ends:
        frame = _opening_frame(text[start:end]) or frame
        frames.append(frame)
        start = end

    def at(a: int) -> str | None:
        i = bisect_right(ends, a) - 1
        cut = ends[i] if i >= 0 else 0
        return _opening_frame(text[cut:a]) or (frames[i] if i >= 0 else None)
    return at


def _figure_period(before: str, clause: str, context: str, year: int | None, earlier: str | None = None) -> str:
    """actual/target of one figure: the paragraph context, unless its own words say otherwise.

    ``clause`` is the clause holding the figure, ``before`` the sentence up to that clause, ``earlier``
    the frame the paragraph before that sentence sets (:func:`earlier_frames`). In a plan, a clause
    about last year with a verb of result (去年…达到900家) is a result, and so is a sentence after one
    that opens on the past year (…开局之年。过去一年，…。国内生产总值增长8%); in a review, a clause
    after a future cue (今年, 力争, 到2035年) is a goal.
    """
    if context == "target":
        if earlier == "past" and not _SENT_FUTURE.search(clause) \
                and not _SENT_FUTURE.search(before):
            return "actual"
        def past(t: str) -> bool:
            return bool(_SENT_PAST.search(t) or (year and f"{year - 1}年" in t)
                        or any(m.group(2) and _plan_tense(m, year) == "actual" for m in _PLAN_ANY.finditer(t)))
        if (past(clause) or past(before)) and _SENT_PAST_VERB.search(clause) \
                and not _SENT_FUTURE.search(clause) and not _SENT_FUTURE.search(before):
            return "actual"
        return "target"
    text = before + clause
    future_year = any(int(y) >= year for y in _BY_YEAR.findall(text)) if year else False
    if _SENT_FUTURE_STRONG.search(text) or future_year:
        return "target"
    return "actual"


def _may_name_years(text: str) -> bool:
    """False when no time cue can match in ``text``: every match of _MULTI_CTX, _ONE_YEAR_CTX,
    _MULTI_FIGURE, _BASE_YEAR and _FUTURE_YEAR holds 年, 五 (五年来, 十四五), 累计 or 刚刚过去的."""
    return "年" in text or "五" in text or "累计" in text or "刚刚过去的" in text


def _time_frame(text: str, year: int | None) -> str | None:
    """'multi' or 'one': the time frame set by the last cue in ``text`` (None if there is none).

    >>> _time_frame("2030年是“十五五”的最后一年。五年来，全省", 2031), _time_frame("过去五年…过去一年", 2031)
    ('multi', 'one')
    """
    if not _may_name_years(text):
        return None
    best: tuple[int, str] | None = None
    for rx, kind in ((_MULTI_CTX, "multi"), (_ONE_YEAR_CTX, "one")):
        for m in rx.finditer(text):
            k = kind
            y = int(m.group(1)) if m.group(1) else None
            if y and year:
                if kind == "multi" and y >= year - 1:
                    k = "one"    # 2025年以来 in a 2026 report: the past year
                elif kind == "one" and y > year:
                    k = "multi"  # 到2030年: a horizon beyond this year
                elif kind == "one" and y < year - 1:
                    continue     # 较2020年, 由2020年的: a base year, not the frame
            if best is None or m.end() > best[0]:
                best = (m.end(), k)
    return best[1] if best else None


def _multi_year_context(report: Report, year: int | None, figures: Mapping[int, list]) -> dict[int, bool]:
    """Per body paragraph: does it speak of a span of years (五年来, “十四五”时期, a plan-period section)?

    A top heading about a plan period (“十五五”时期主要目标) opens a multi-year section; a heading that
    also names a recent year (2025年和“十四五”时期工作回顾) leaves the choice to its paragraphs, whose
    opening words before any figure (五年来 / 过去一年 / 刚刚过去的2025年) set the frame until the next
    such cue. ``figures`` are the body paragraphs' figures (:func:`~zjtext.metrics.figures.parse_figures`), by paragraph index.
    """
    out: dict[int, bool] = {}
    state, current_top = False, None
    for p in report.body:
        top = p.top_section
        if top != current_top:
            current_top = top
            recent = year is not None and any(int(y) >= year - 1 for y in _YEAR_IN.findall(top or ""))
            state = bool(top) and bool(_PLAN_HEADING.search(top)) and not recent
        if p.text != top:
            figs = figures[p.index]
            kind = _time_frame(p.text[:min(figs[0].start, 40) if figs else 40], year)  # the words before any figure
            state = state if kind is None else kind == "multi"
        out[p.index] = state
    return out


def _is_multi_year(context: bool, sentence_before: str, clause_before: str, year: int | None) -> bool:
    """A figure that is not a one-year result or target: its clause says 年均/累计/5年/比2020年/到2030年,
    or its sentence (else its paragraph) speaks of a span of years."""
    if _may_name_years(clause_before):
        if _MULTI_FIGURE.search(clause_before):
            return True
        if year and any(int(y) < year - 2 for y in _BASE_YEAR.findall(clause_before)):
            return True
        if year and any(int(y) > year for y in _FUTURE_YEAR.findall(clause_before)):
            return True
    kind = _time_frame(sentence_before, year)
    return context if kind is None else kind == "multi"
