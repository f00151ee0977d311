"""Figures: the number + unit grammar of one paragraph (magnitudes, units, ranges, hedges, ranks).

A *figure* is a number written in Arabic digits that measures something (a percent, an amount of
money, a count, a physical quantity, a multiple, a rank).  Years, dates, session numbers, list
markers, ages, durations and numbers inside names or slogans (“8+4”, 双一流196工程, PM2.5) are not
figures; ratios (3.6∶40.2∶56.2, 2.50:1, 城乡收入比1.83) have no category of their own.  Both give no
figure.

>>> [(f.surface, f.value_max, f.qualifier) for f in parse_figures("增长6.5%－7%，涨幅3%左右")]
[('6.5%－7%', 7.0, 'none'), ('3%', None, 'approx')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import alternation, columns, word_table
from ..words import HEDGE_GUARD, INSIDE_HEDGES, MAGNITUDES, POST_HEDGES, PRE_HEDGES
from .numerals import arabic_shadow

__all__ = ["Figure", "parse_figures"]

# N类 before these is a class's name (1类创新药), not a count of kinds (12类45件民生实事)
_CLASS_LABEL = re.compile(r"(?:创新|新|仿制|中)?(?:药|疫苗|医疗器械|器械|耗材)")

# ---------------------------------------------------------------- lexicon (zjtext/resources/)

_CJK = r"\u4e00-\u9fff"  # the CJK Unified Ideographs, written as other modules write them (one compiled class)
_MAGNITUDES = MAGNITUDES  # magnitudes.tsv: 万亿 → 1e12 …
_MAG_RE = alternation(_MAGNITUDES)
_RANGE_SEPS = r"—–－~～至到\-"
# units.tsv, category no_figure: ages, durations, dates, sessions (18岁, 3年, 第3届): the number is no figure
_NOT_METRIC_UNITS = re.compile(f"({alternation(u for u, row in word_table('units').items() if columns(row)[0] == 'no_figure')})")

# ratios are not figures (no category for them): 3.6∶40.2∶56.2, 2.50:1, 城乡收入比1.83
_RATIO = re.compile(r"""
    \d+(?:\.\d+)?                       # the first term: 3.6
    (?: \s*[∶:：]\s* \d+(?:\.\d+)? )+   # one or more further terms after a ratio colon: ∶40.2∶56.2
    """, re.VERBOSE)
_RATIO_VALUE = re.compile(r"比(?:值)?(?:为|是|达|达到|降至|降到|缩小至|缩小到|缩小为|下降至|下降到|调整为|优化为|保持在)?$")
# hedges.tsv: the words before (不低于, 约 …) and after (左右, 以上 …, 多/余 inside) a figure, with their
# meaning, and the characters that make a hedge word part of another word (节约, 下达, 最近, 赶超 …)
_PRE_HEDGE_RE = re.compile(f"(?:{alternation(PRE_HEDGES)})$")


def without_pre_hedge(words: str) -> str:
    """*words* less the hedge word that ends them, unless that word is part of another (节约, 通过).

    >>> without_pre_hedge("生产总值突破"), without_pre_hedge("全省跨过"), without_pre_hedge("人口过")
    ('生产总值', '全省跨过', '人口')
    """
    m = _PRE_HEDGE_RE.search(words)
    if m and not (m.start() > 0 and words[m.start() - 1] in HEDGE_GUARD.get(m.group(), "")):
        return words[:m.start()]
    return words

_POST_HEDGE_RE = re.compile(alternation(POST_HEDGES))
_INSIDE = alternation(INSIDE_HEDGES)  # 多 / 余

_CLAUSE_BOUNDARY = "，,；;。：:！!？?"

# small patterns used per figure, compiled once
_QUOTED = re.compile(r"“[^“”]{1,20}”|‘[^‘’]{1,20}’|「[^「」]{1,20}」|《[^《》]{1,80}》")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_DIGIT = re.compile(r"\d")
# after a four-digit number: what makes it a year (2025年, （2025）, 2021—2025年 …)
_YEAR_AFTER = re.compile(r"""
    [—–－\-~～至到]? \s*      # the dash or 至 of a span, if any
    (?:年|）|\)|”)             # then 年, a closing bracket or a closing quote
    """, re.VERBOSE)
# the rank grammar: 第N after a verb of ranking is a rank (居全国第4, 排名第3), 第N位 / 第N名 always
_RANK_CUE = re.compile(r"""
    (?:居|位居|跃居|稳居|位列|列|排名|排|进至|升至|提升到|提升至|保持)   # a verb of ranking …
    [^，。；、]{0,8}$                                                   # … and a few words (全国) before 第
    """, re.VERBOSE)
_ORDINAL_UNIT = re.compile(r"[个届次批代季期轮号条项家名大类]")  # 第N届, 第N批 …: an ordinal, not a rank
_PAREN_END = re.compile(r"（[^）]*）$")
_UNIT_LENDER_GAP = re.compile(r"(?:、|和|及|与|以及|至)")


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str, float]]:
    """unit → (category, base_unit, multiplier) from resources/units.tsv."""
    out = {}
    for unit, row in word_table("units").items():
        cat, base, mult = (columns(row) + ("", ""))[:3]  # base, multiplier optional
        if cat != "no_figure":
            out[unit] = (cat, base or unit, float(mult) if mult else 1.0)
    return out


# the tail of a number: an inside hedge, a magnitude and a unit, each optional (one copy per number
# of a range: P is the group prefix, a_ for the first number, b_ for the second)
_TAIL = r"""
    (?P<{p}mid>{inside})?           # 3000多 / 500余: more than the round number written
    (?P<{p}mag>{mag})?              # a magnitude (magnitudes.tsv): 5.3万亿
    (?P<{p}mid2>{inside})?          # 1万多 / 2亿余: the hedge after the magnitude
    (?P<{p}unit>                    # a unit (units.tsv), longest first …
        (?:{units})
        (?:（[{cjk}]）)?            # … with a one-character note in brackets: 吨（标）
    )?
"""
# a figure: a number (or a fraction) with its tail, and optionally a range to a second number
_FIGURE = r"""
    (?P<n1>\d+(?:\.\d+)?)          # the number, digits with an optional decimal part: 6.5
    (?:/(?P<den>\d+))?              # a fraction's denominator: 1/10
    {tail_a}
    (?:                             # a range: 6.5%－7%, 4.5—5万亿元, 3至5个百分点
        (?P<sep>[{seps}])           # the range separator (dashes, 至, 到)
        (?P<n2>\d+(?:\.\d+)?)      # the upper number
        {tail_b}
    )?
"""


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern:
    """The number grammar of a figure (:data:`_FIGURE`), built from the units and magnitudes lists."""
    words = {"inside": _INSIDE, "mag": _MAG_RE, "units": alternation(_units()), "cjk": _CJK}
    tails = {f"tail_{p}": _TAIL.format(p=f"{p}_", **words) for p in "ab"}
    return re.compile(_FIGURE.format(seps=_RANGE_SEPS, **tails), re.VERBOSE)


# ---------------------------------------------------------------- figures

@dataclass
class Figure:
    """One quantity found in a paragraph (offsets are relative to the paragraph text)."""

    start: int
    end: int                 # end of the surface (number + unit)
    post_end: int            # end including a trailing hedge (以上, 左右 …)
    surface: str
    number: float
    unit: str
    multiplier: float
    base_unit: str
    category: str
    value_max: float | None = None
    pre: str = ""            # hedge written before the number
    post: str = ""           # hedge written after it (or 多/余 inside)
    rank: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def value(self) -> float:
        return self.number * self.multiplier

    @property
    def qualifier_text(self) -> str:
        return self.post or self.pre

    @property
    def qualifier(self) -> str:
        if self.post:
            return POST_HEDGES[self.post]
        return PRE_HEDGES.get(self.pre, "none") if self.pre else "none"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Short quoted spans (“8+4”, “3个70%”) and book titles 《…》: numbers inside are names."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    return spans


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a < i < b for a, b in spans)


def _is_ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def parse_figures(text: str) -> list[Figure]:
    """The figures of one paragraph, in reading order (non-metrics dropped).

    >>> [(f.surface, f.value, f.base_unit, f.category, f.qualifier) for f in parse_figures(
    ...     "2024年新增装机1198万千瓦，PM2.5浓度下降3%以上，吸引3000多家企业，居全国第4位。")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('1198万千瓦', 11980000.0, '千瓦', 'physical', 'none'), ('3%', 3.0, '%', 'percent', 'at_least'),
     ('3000多家', 3000.0, '家', 'count', 'more_than'), ('4位', 4.0, '位', 'rank', 'none')]
    """
    shadow = arabic_shadow(text)  # Chinese numerals where figures stand (百分之七) read as digits
    if not _DIGIT.search(shadow.text):
        return []  # figures are written in digits
    figs = _parse(shadow.text)
    for f in figs if shadow.text != text else ():
        f.extra["numeral"] = shadow.touches(f.start, f.end)
        f.start, f.end, f.post_end = shadow.start(f.start), shadow.end(f.end), shadow.end(f.post_end)
        f.surface = text[f.start:f.end]  # as the report writes it
    return figs


def _parse(text: str) -> list[Figure]:
    units = _units()
    rx = _figure_re()
    quotes = _quote_spans(text)
    figs: list[Figure] = []
    pos = 0
    while m := rx.search(text, pos):
        pos = m.end()
        ratio = _RATIO.match(text, m.start())
        if ratio and not (m.start() and text[m.start() - 1].isdigit()):
            pos = ratio.end()  # 3.6∶40.2∶56.2, 2.50:1: a ratio (no category of its own): no row
            continue
        glued = _glued_end(text, m)
        if glued is not None:  # 5G, PM2.5, “8+4”, 415X: part of a name
            pos = glued
            continue
        if (quotes and _inside(quotes, m.start())) or _is_list_marker(text, m) or _is_year(text, m):
            continue
        bare = m.group("den") is None and not m.group("a_unit") and not m.group("a_mag")
        time_unit = _time_unit(text, m) if bare or not (m.group("b_unit") or m.group("b_mag")) else None
        if time_unit:  # ages, durations, dates, months, session numbers, line numbers …
            fig = _measured_time(text, m, time_unit)  # … unless 寿命81岁 / 天数增加12天
        elif m.start() > 0 and text[m.start() - 1] == "第":
            fig = _rank_or_ordinal(text, m)
        else:
            fig = _build(text, m, units)
            if fig and fig.category == "physical" and text.startswith("内", fig.end) and _CJK_CHAR.match(text, fig.end + 1):
                fig = None  # 公交站点300米内覆盖率: a threshold inside the indicator's name
        if fig:
            figs.append(fig)
            pos = fig.post_end
    _borrow_units(text, figs)
    return [f for f in figs if f.category]


def _glued_end(text: str, m: re.Match) -> int | None:
    """Where to resume if the number is glued to Latin letters, '+' or '×' (a name), else None."""
    s, e1 = m.start(), m.end("n1")
    before = text[s - 1] if s > 0 else ""
    if before and (_is_ascii_letter(before) or before in "+＋×.·-/"):
        return _skip_alnum(text, m.end())
    after = text[e1] if e1 < len(text) else ""
    if (after and after in "+＋×") or (_is_ascii_letter(after) and not text.startswith("TEU", e1)):
        return _skip_alnum(text, e1)
    return None


def _is_list_marker(text: str, m: re.Match) -> bool:
    """1、 （1） 2. at the start of a paragraph or after a sentence or clause end."""
    if m.group("den") is not None or m.group("a_unit") or m.group("a_mag"):
        return False
    s, e1 = m.start(), m.end("n1")
    after = text[e1] if e1 < len(text) else ""
    return (s == 0 or text[s - 1] in "。；;：:\n（(") and bool(after) and after in "、．.）)"


def _time_unit(text: str, m: re.Match) -> str | None:
    """The age/duration/date word after the number (or after a range's second number), if any."""
    if m.group("sep") and m.group("n2"):
        nm = _NOT_METRIC_UNITS.match(text, m.end())
        if nm:
            return nm.group()
    e1, mid = m.end("n1"), m.group("a_mid") or ""
    nm = _NOT_METRIC_UNITS.match(text, e1 + len(mid)) or _NOT_METRIC_UNITS.match(text, e1)
    return nm.group() if nm and not (m.group("a_unit") or m.group("a_mag")) else None


def _measured_time(text: str, m: re.Match, unit: str) -> Figure | None:
    """岁 after 寿命 (life expectancy) and 天 after 天数 are measures, not ages or durations."""
    clause = text[_clause_start(text, m.start(), max(0, m.start() - 30)):m.start()]
    if not ((unit in ("岁", "周岁") and "寿命" in clause) or (unit == "天" and "天数" in clause)):
        return None
    s, end = m.start(), m.end("n1") + len(unit)
    if text[m.end("n1"):end] != unit:
        return None
    fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=float(m.group("n1")), unit=unit,
                 multiplier=1.0, base_unit=unit, category="physical" if unit != "天" else "count")
    _attach_hedges(text, fig)
    return fig


def _skip_alnum(text: str, i: int) -> int:
    while i < len(text) and (text[i].isascii() and (text[i].isalnum() or text[i] in "+.-")):
        i += 1
    return i


def _is_year(text: str, m: re.Match) -> bool:
    n1 = m.group("n1")
    if len(n1) != 4 or "." in n1 or not (1900 <= int(n1) <= 2100) or m.group("a_unit") or m.group("a_mag"):
        return False
    e1 = m.end("n1")
    if text.startswith("年", e1):
        return True
    n2 = m.group("n2")
    if m.group("sep") and n2 and len(n2) == 4 and not m.group("b_unit"):
        return True
    return bool(_YEAR_AFTER.match(text, e1)) and not text.startswith("到", e1)


def _rank_or_ordinal(text: str, m: re.Match) -> Figure | None:
    """第N位 / 第N名 or 居全国第N (a rank); 第N届, 第N次 … are ordinals (no row)."""
    s, e1 = m.start(), m.end("n1")
    after = text[e1:e1 + 1]
    window = text[max(0, s - 12):s - 1]
    ranked = after in ("位", "名") or (
        _RANK_CUE.search(window) and not _ORDINAL_UNIT.match(after))
    if not ranked:
        return None
    unit = after if after in ("位", "名") else ""
    end = e1 + len(unit)
    num = float(m.group("n1"))
    return Figure(start=s, end=end, post_end=end, surface=text[s:end], number=num, unit=unit, multiplier=1.0,
                  base_unit=unit, category="rank", rank=True)


def _build(text: str, m: re.Match, units: dict) -> Figure | None:
    s = m.start()
    n1 = float(m.group("n1"))
    den = m.group("den")
    if den:  # a fraction 1/10 → a share in percent
        end = m.end("den")
        value = n1 / float(den) if float(den) else 0.0
        fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=value, unit="",
                     multiplier=100.0, base_unit="%", category="percent")
        _attach_hedges(text, fig)
        return fig
    mid = m.group("a_mid") or m.group("a_mid2") or ""
    mag = m.group("a_mag") or ""
    unit = m.group("a_unit") or ""
    value_max = None
    end = m.end("a_unit") if unit else (m.end("a_mid2") if m.group("a_mid2") else (
        m.end("a_mag") if mag else (m.end("a_mid") if m.group("a_mid") else m.end("n1"))))
    if m.group("sep") and m.group("n2"):
        b_unit, b_mag = m.group("b_unit") or "", m.group("b_mag") or ""
        compatible = (not unit and not mag) or (unit == b_unit and mag == b_mag) or (unit and not b_unit and not b_mag)
        if compatible and (unit or b_unit or mag or b_mag):
            if not unit and not mag:
                unit, mag = b_unit, b_mag
            n2 = float(m.group("n2"))
            value_max = n2 * _MAGNITUDES.get(mag, 1.0) * (units[_base(unit)][2] if unit else 1.0)
            end = m.end()
            mid = mid or m.group("b_mid") or m.group("b_mid2") or ""
    if unit == "" and mag == "":
        # a bare number: only a figure when a list neighbour lends it a unit (5、6个百分点) …
        if _RATIO_VALUE.search(text, max(0, s - 8), s):
            return None  # … never a ratio's value (城乡收入比缩小至1.83)
        nxt = text[end:end + 1]
        if nxt in ("、", "和", "及", "至") or text.startswith("以及", end):
            fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=n1, unit="", multiplier=1.0,
                         base_unit="", category="", extra={"bare": True})
            return fig
        return None
    if not unit and mag:
        nxt = text[end:end + 1]
        if nxt and _CJK_CHAR.match(nxt) and _NOT_METRIC_UNITS.match(text, end):
            return None
    if unit in ("类", "大类") and _CLASS_LABEL.match(text, end):
        return None  # 2类创新药, 3类医疗器械: a class named by its number
    if unit == "方" and _CJK_CHAR.match(text[end:end + 1] or "。") and not text.startswith("米", end):
        return None  # 方案, 方式, 方向 …: not 立方米
    base = _base(unit) if unit else ""
    cat, base_unit, umult = units[base] if unit else ("count", "", 1.0)
    mult = _MAGNITUDES.get(mag, 1.0) * umult
    written_unit = text[m.end("n1"):end] if value_max is None else unit
    if value_max is not None:
        written_unit = (mid or "") + mag + unit
        value_max = float(m.group("n2")) * mult
    fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=n1, unit=written_unit,
                 multiplier=mult, base_unit=base_unit, category=cat, value_max=value_max)
    if not unit:
        fig.extra["bare"] = True  # 1120万、980万人次: may borrow 人次
    if mid:
        fig.post = mid
    _attach_hedges(text, fig)
    return fig


def _base(unit: str) -> str:
    units = _units()
    if unit in units:
        return unit
    bare = _PAREN_END.sub("", unit)
    return bare if bare in units else unit


def _attach_hedges(text: str, fig: Figure) -> None:
    post = _POST_HEDGE_RE.match(text, fig.end)
    if post:
        word, nxt = post.group(), text[post.end():post.end() + 1]
        if word not in ("多", "余"):
            fig.post, fig.post_end = word, post.end()
        elif not fig.post and not _CJK_CHAR.match(nxt or "。"):  # 2倍多, not 5个多式联运 / 余额
            fig.post, fig.post_end = word, post.end()
    head = text[max(0, fig.start - 4):fig.start]
    pre = _PRE_HEDGE_RE.search(head)
    if pre:
        word = pre.group()
        k = fig.start - len(word)
        guard = HEDGE_GUARD.get(word, "")
        if not (k > 0 and text[k - 1] in guard):
            fig.pre = word


def _borrow_units(text: str, figs: list[Figure]) -> None:
    """1120万、980万人次 / 5、6个百分点 / 3.4个、1个百分点: a figure whose unit is missing, or cut
    short, takes its list neighbour's; its unit column then holds the full unit (the guideline's
    "a unit written once for a list"), its surface stays as written."""
    for i in range(len(figs) - 1, -1, -1):
        f = figs[i]
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        lends = nxt is not None and bool(nxt.base_unit) and _UNIT_LENDER_GAP.fullmatch(text, f.post_end, nxt.start)
        if not f.extra.get("bare"):
            if lends and not f.post and f.unit and nxt.unit.startswith(f.unit) and f.unit != nxt.unit \
                    and f.value_max is None and f.multiplier == 1.0 and nxt.multiplier == 1.0:
                f.unit, f.base_unit, f.category = nxt.unit, nxt.base_unit, nxt.category  # 3.4个、1个百分点
            continue
        if lends:
            f.base_unit = nxt.base_unit
            f.category = nxt.category
            if not f.unit:
                f.multiplier = nxt.multiplier
            if not f.unit or nxt.unit.startswith(f.unit):
                f.unit = nxt.unit  # 1409万、1305万人次: the unit column reads 万人次
            f.extra.pop("bare")
        elif f.unit:  # a magnitude alone (参保人数突破5100万): a count
            f.category = "count"
            f.extra.pop("bare")
        else:
            f.category = ""

_BOUNDARY_CHAR = re.compile(f"[{_CLAUSE_BOUNDARY}]")
_LAST_BOUNDARY = re.compile(f"[{_CLAUSE_BOUNDARY}](?=[^{_CLAUSE_BOUNDARY}]*$)")
_BRACKET = re.compile(r"[“”（）()《》]")


def _clause_start(text: str, i: int, floor: int) -> int:
    """Start of the clause that holds position i (not before floor); a boundary inside brackets or
    quotes does not count."""
    if i <= floor:
        return i
    last = _LAST_BOUNDARY.search(text, floor, i)
    j = last.end() if last else floor
    if not _BRACKET.search(text, j, i):
        return j  # no bracket after the last boundary: that boundary ends the previous clause
    j = i
    depth = 0
    while j > floor:
        c = text[j - 1]
        if c in "”）)》":
            depth += 1
        elif c in "“（(《":
            depth = max(0, depth - 1)
        elif depth == 0 and c in _CLAUSE_BOUNDARY:
            break
        j -= 1
    return j


def _clause_end(text: str, i: int, ceil: int) -> int:
    boundary = _BOUNDARY_CHAR.search(text, i, ceil)
    return boundary.start() if boundary else max(i, ceil)
