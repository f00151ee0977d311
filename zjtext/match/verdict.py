"""Judging one figure: the verdict, its reason codes worded once, what a figure measures and the key it joins on.

How a verdict is reached (documented because analysts will quote it):

* The target's direction comes from its hedge: 以内/不高于/控制在/低于 (at_most) is a ceiling,
  以上/不低于/超过 a floor. A bare or 左右 target is a floor, except for indicators where lower is
  better (the vocabulary's ``lower_is_better``: prices, unemployment, energy and CO2 intensity,
  emissions, PM2.5 …), which are ceilings.
* A range (6.5%－7%) is met by anything at or beyond its near end.
* 左右 allows 0.2 percentage points on a % target (7.4% meets 7.5%左右) and 5% of the value on other
  units: ``met (within 左右)``. Another hedge of that kind (约, 上下) or a target in step with the
  economy gets the same tolerance, shown as ``met (approx)`` — a target with no 左右 never reads
  基本达成（左右）. A bare target has no tolerance.
* A cut (单位GDP能耗下降3%以上) is met by a cut at least as deep.
* A result written as a bound (2800万吨以上) is used only when no exact figure is given, and only
  where it settles the verdict; otherwise ``not comparable`` (``bound_inconclusive``).

>>> judge(5.5, None, "approx", "gdp", 5.4), judge(5.5, None, "approx", "gdp", 5.4, hedge="约")
('met (within 左右)', 'met (approx)')
>>> judge(5.0, None, "at_most", "unemployment_surveyed", 5.3), judge(6.5, 7.0, "none", "gdp", 6.7)
('missed', 'met')
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ..indicators import indicator_key, lookup, named_keys, normalise
from ..words import PERCENT_UNITS


APPROX_TOLERANCE = 0.05  # 左右 on a target not in %: 5% of the target value
APPROX_POINTS = 0.2  # 左右 on a % target: 0.2 percentage points
_PERCENT_UNITS = PERCENT_UNITS  # units.tsv: %, ％, 个百分点, 百分点
_LOWER_IS_BETTER = ("失业率", "价格", "涨幅", "能耗", "排放", "浓度", "赤字", "债务", "死亡", "事故", "PM2.5", "污染")
_BOUNDS = ("at_least", "more_than", "at_most")
#: The verdict codes, best first; labels in each language are in ``zjtext.site.labels.VERDICT``.
VERDICTS = ("met", "met (within 左右)", "met (approx)", "missed", "not reported", "not comparable")
#: How a result said in words to be unchanged is shown.
FLAT = "持平"

# ---------------------------------------------------------------- reasons: codes, worded once

#: Each reason code with its wording in each language; ``{name}`` is one of the verdict's parameters.
REASONS: dict[str, dict[str, str]] = {
    "no_target_figure": {"en": "the target gives no figure to judge", "zh": "目标没有可以比较的数字"},
    "no_target_figure_beside": {
        "en": "the target gives no figure to judge; the next report's figure for it is shown beside it",
        "zh": "目标没有可以比较的数字；列出下一年报告中这一指标的数字，仅供参考"},
    "no_growth": {"en": "no growth figure for this indicator in the next report", "zh": "下一年的报告没有这一指标的增速"},
    "no_gdp": {"en": "no GDP growth in the next report to judge 同步 against",
               "zh": "下一年的报告没有生产总值增速，无法判断是否同步"},
    "in_step": {"en": "growth in step with the economy: judged against GDP growth of {gdp}%",
                "zh": "与经济增长同步：对照生产总值增速 {gdp}%"},
    "stated_missed": {"en": "no figure; the next report says the target was not met: {sentence}",
                      "zh": "没有数字；下一年的报告写明目标没有实现：{sentence}"},
    "stated_met": {"en": "no figure; the next report says the target was met: {sentence}",
                   "zh": "没有数字；下一年的报告写明目标已经实现：{sentence}"},
    "not_comparable_year_end": {
        "en": "a whole-year ceiling cannot be judged on a year-end figure: the next report says the rate rose "
              "during the year: {sentence}",
        "zh": "全年上限不能只凭年末数字判定：下一年的报告写明年内曾经上升：{sentence}"},
    "stated_fall": {"en": "no figure; the next report says it fell, below a ceiling on its rise: {sentence}",
                    "zh": "没有数字；下一年的报告写明比上年下降，低于涨幅上限：{sentence}"},
    "stand_in": {"en": "a GNP (国民生产总值) target: the next report gives GDP (国内生产总值) growth instead, judged against it",
                 "zh": "国民生产总值目标：下一年的报告只给出国内生产总值增速，以此判定"},
    "stand_in_bound_inconclusive": {
        "en": "a GNP (国民生产总值) target: the next report gives GDP (国内生产总值) growth instead, judged against it; "
              "the result is written as a bound (以上/超过/以内) that cannot settle the target",
        "zh": "国民生产总值目标：下一年的报告只给出国内生产总值增速，以此判定；实绩写作界限（以上、超过、以内），不能判定目标是否达成"},
    "no_result": {"en": "no figure for this indicator (same unit, same measure, one-year result) in the next report",
                  "zh": "下一年的报告没有这一指标同单位、同口径的当年数字"},
    "no_result_unkeyed": {
        "en": "no vocabulary entry for this indicator and no result of the same name (same unit, same measure, "
              "one-year result) in the next report",
        "zh": "指标不在指标表中，下一年的报告也没有同名、同单位、同口径的当年数字"},
    "cut": {"en": "a cut: met by a cut at least as deep", "zh": "降低目标：实际降幅不小于目标即达成"},
    "bound_inconclusive": {"en": "the result is written as a bound (以上/超过/以内) that cannot settle the target",
                           "zh": "实绩写作界限（以上、超过、以内），不能判定目标是否达成"},
    "year_unknown": {"en": "report year unknown: targets are judged only by the next year's report",
                     "zh": "报告年份不明：目标只用下一年的报告检验"},
    "years_apart": {"en": "the {new} report reviews {reviewed}, not {old}: targets are judged by the next year's report only",
                    "zh": "{new}年的报告回顾的是{reviewed}年，不是{old}年：目标只用下一年的报告检验"},
    "no_next_report": {"en": "no report of {next} in the series: the result for {year} is not known",
                       "zh": "序列中没有{next}年的报告，{year}年的实绩未知"},
    "not_tracked": {"en": "not tracked", "zh": "未跟踪"},
    "same_year_reports": {"en": "{region} {year}: {n} reports ({ids}); the series uses {used}",
                          "zh": "{region}{year}年有{n}份报告（{ids}），序列采用 {used}"},
    "no_reports": {"en": "no reports: a series needs reports of consecutive years of one region",
                   "zh": "没有报告：序列需要同一地区连续年份的报告"},
    "not_consecutive": {
        "en": "{region}: reports of {years} only; the report of year N+1 reviews year N, so verdicts need "
              "reports of consecutive years",
        "zh": "{region}：只有{years}年的报告；第N+1年的报告回顾第N年，判定需要连续年份的报告"},
}


def wording(code: str, params: Mapping[str, Any] | None = None, lang: str = "zh") -> str:
    """A reason code with its parameters in words ('' for no code).

    >>> wording("years_apart", {"new": 2026, "reviewed": 2025, "old": 2024})
    '2026年的报告回顾的是2025年，不是2024年：目标只用下一年的报告检验'
    >>> wording("cut", lang="en")
    'a cut: met by a cut at least as deep'
    """
    if not code:
        return ""
    return REASONS[code][lang].format(**dict(params or {}))


@dataclass(frozen=True)
class Verdict:
    """A verdict (one of :data:`VERDICTS`, '' when not judged) with why: a reason code and its parameters."""

    code: str
    reason_code: str = ""
    params: dict = field(default_factory=dict)

    def reason(self, lang: str = "zh") -> str:
        """The reason in words (``zh`` or ``en``)."""
        return wording(self.reason_code, self.params, lang)

    def params_json(self) -> str:
        """The parameters as the tables keep them (JSON, '' when none)."""
        return json.dumps(self.params, ensure_ascii=False, sort_keys=True) if self.params else ""


# ---------------------------------------------------------------- judging one figure

def lower_is_better(indicator: str) -> bool:
    """True for indicators whose target is a ceiling: the vocabulary's ``lower_is_better`` for a key
    or a name it knows, else a word list (失业率, 价格, 能耗, 排放, 浓度 …).

    >>> lower_is_better("cpi"), lower_is_better("城镇登记失业率"), lower_is_better("gdp")
    (True, True, False)
    """
    entry = lookup(indicator) or lookup(indicator_key(str(indicator or "")))
    if entry is not None:
        return entry.lower_is_better
    return any(word in str(indicator) for word in _LOWER_IS_BETTER)


def tolerance(limit: float, unit: str = "%") -> float:
    """How far a 左右 target may be missed and still count: 0.2 points on a % target, else 5%.

    >>> tolerance(7.5), tolerance(1000, "万人")
    (0.2, 50.0)
    """
    return APPROX_POINTS if str(unit) in _PERCENT_UNITS else abs(limit) * APPROX_TOLERANCE


def _ceiling(qualifier: str, indicator: str) -> bool:
    return qualifier == "at_most" or (qualifier in ("approx", "none", "") and lower_is_better(indicator))


def judge(value: float | None, value_max: float | None, qualifier: str, indicator: str, actual: float | None,
          unit: str = "%", hedge: str | None = None) -> str:
    """The verdict for one target against one result (see the module docstring).

    ``indicator`` (a key or a name) decides whether a bare or 左右 target is a ceiling; ``unit`` is
    the target's base unit (it sets the tolerance); ``hedge`` is the target's hedge as written: a
    pass within the tolerance reads ``met (within 左右)`` only when it has 左右 (None: assume so).
    """
    if actual is None or _missing(actual):
        return "not reported"
    if value is None or _missing(value):
        return "not comparable"
    eps, near = 1e-9, ("met (within 左右)" if hedge is None or "左右" in hedge else "met (approx)")
    if _ceiling(qualifier, indicator):
        limit = value if value_max is None or _missing(value_max) else max(value, value_max)
        if actual <= limit + eps:
            return "met"
        return near if qualifier == "approx" and actual <= limit + tolerance(limit, unit) + eps else "missed"
    floor = value if value_max is None or _missing(value_max) else min(value, value_max)
    if qualifier == "more_than" and actual > floor or qualifier != "more_than" and actual >= floor - eps:
        return "met"
    return near if qualifier == "approx" and actual >= floor - tolerance(floor, unit) - eps else "missed"


def _missing(x) -> bool:
    try:
        return x != x  # NaN
    except Exception:
        return False


def cell_text(x: Any) -> str:
    """A cell as text ('' for None or NaN).

    >>> cell_text(float("nan")), cell_text(None), cell_text("5%左右")
    ('', '', '5%左右')
    """
    return "" if x is None or (isinstance(x, float) and x != x) else str(x)


def truthy(value: Any) -> bool:
    """A boolean cell as pandas or a CSV gives it back: True, 'True', 1 … (empty and NaN are False).

    >>> truthy("True"), truthy(1), truthy(""), truthy(float("nan"))
    (True, True, False, False)
    """
    return str(value).strip().lower() in ("true", "1", "1.0", "yes")


def num(x) -> float | None:
    """A cell as a number (None for empty, NaN or text)."""
    if x is None or _missing(x) or x == "":
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def signed(value, change: str) -> float | None:
    """A value signed by its change: a fall (下降3%) is -3."""
    v = num(value)
    return None if v is None else (-v if str(change) == "decrease" else v)


# ---------------------------------------------------------------- what a figure measures, and its key

def measure(base_unit: Any, change: Any, key: str = "") -> str:
    """What a figure measures: a change in percent (``growth``), a percent level such as a rate or
    share (``rate``), percentage points (``points``) or an amount, count or quantity (``level``).
    With the indicator's ``key``, a % figure with no stated change is a growth when the vocabulary
    says the indicator is one (a GDP or price target written 5%左右).

    >>> measure("%", "increase"), measure("%", "none"), measure("个百分点", "none"), measure("元", "none")
    ('growth', 'rate', 'points', 'level')
    >>> measure("%", "none", "cpi")
    'growth'
    """
    unit = str(base_unit or "")
    if unit in ("%", "％"):
        if str(change) in ("increase", "decrease"):
            return "growth"
        entry = lookup(key) if key else None
        return "growth" if entry is not None and entry.kind in ("growth", "index") else "rate"
    if unit.endswith("百分点"):
        return "points"
    return "level"


def is_change(change: Any) -> bool:
    """A change (growth or cut) rather than a level."""
    return str(change or "none") != "none"


def join_key(name: Any, key: Any = "") -> str:
    """What lines a figure up with another: its ``indicator_key``, else the vocabulary's key for its
    name, else ``name:`` and the name as the vocabulary compares names (a target with no key only
    meets a result of exactly the same name).

    >>> join_key("全省生产总值"), join_key("x", "cpi"), join_key("产业投资占比")
    ('gdp', 'cpi', 'name:产业投资占比')
    """
    key = "" if key is None or _missing(key) else str(key).strip()
    if key:
        return key
    name = "" if name is None or _missing(name) else str(name)
    return indicator_key(name) or ("name:" + normalise(name) if normalise(name) else "")


_KIND_MEASURE = {"growth": "growth", "index": "growth", "rate": "rate", "level": "level"}


def pick(rows: Sequence[Mapping], key: str) -> Mapping | None:
    """The row that stands for an indicator: the one whose measure is the indicator's usual one
    (GDP: growth, not the level), else the first in reading order."""
    entry = lookup(key)
    usual = _KIND_MEASURE.get(entry.kind if entry else "", "")
    return next((r for r in rows if measure(r.get("base_unit"), r.get("change"), key) == usual), rows[0] if rows else None)


def in_step_with_economy(words: str) -> bool:
    """Does a target stated in words ask for growth in step with the economy (与经济增长同步)?

    >>> in_step_with_economy("居民收入增长和经济增长基本同步"), in_step_with_economy("劳动报酬增长和劳动生产率提高同步")
    (True, False)
    """
    return "同步" in words and "经济" in words


def in_step(row: Mapping) -> bool:
    """A target in words (no figure) asking for growth in step with the economy."""
    words = str(row.get("surface") or "")
    return num(row.get("value")) is None and not any(c.isdigit() for c in words) and in_step_with_economy(words)
