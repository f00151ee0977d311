"""Year over year: what changed between reports, and were last year's targets met.

Report N sets targets for year N; report N+1 reports year N's results. :func:`track_targets` lines
each target of the older report up with the actual figure the newer report gives for the same
indicator, and judges it.

How a verdict is reached (documented because analysts will quote it):

* The target's direction comes from its hedge: 以内/不高于 (at_most) is a ceiling, 以上/不低于/超过
  a floor. A bare or 左右 target is a floor, except for indicators where lower is better (prices,
  unemployment, energy use, emissions, PM2.5 …), which are ceilings.
* A range (5%—5.5%) is met by anything at or beyond its near end.
* 左右 ("about") allows a tolerance of 5% of the target value (0.275 points on a 5.5% target), so
  5.4% meets "5.5%左右"; the verdict then reads ``met (within 左右)`` so it is never hidden.
* A target to cut something (单位GDP能耗下降3%) is met by a cut at least as deep.
* A target to grow "in step with the economy" (与经济增长同步) is judged against the newer
  report's GDP growth, with the 左右 tolerance.
* Other targets stated in words are ``not comparable``; targets the newer report gives no figure
  for (same indicator, same unit) are ``not reported``.

>>> canonical_indicator("全省规模以上工业增加值")
'规上工业增加值'
>>> indicator_similarity("地区生产总值", "全省生产总值")
1.0
>>> judge(5.5, None, "approx", "生产总值", 5.4)
'met (within 左右)'
>>> judge(5.0, None, "at_most", "城镇调查失业率", 5.3)
'missed'
"""
from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Sequence

from .report import Report, ReportError

if TYPE_CHECKING:
    import pandas as pd

APPROX_TOLERANCE = 0.05  # 左右: 5% of the target value
MATCH_THRESHOLD = 0.75
_LOWER_IS_BETTER = ("失业率", "价格", "涨幅", "能耗", "排放", "浓度", "赤字", "债务", "死亡", "事故", "PM2.5", "污染")
_PREFIXES = re.compile(r"^(全省|全市|全区|全国|我省|我市|我区|本省|本市|全社会|地区|区域)+")
_SYNONYMS = (
    ("规模以上", "规上"), ("地区生产总值", "生产总值"), ("国内生产总值", "生产总值"), ("GDP", "生产总值"),
    ("研究与试验发展经费投入强度", "研发投入强度"), ("研发经费投入强度", "研发投入强度"), ("R&D经费投入强度", "研发投入强度"),
    ("居民消费价格涨幅", "居民消费价格"), ("CPI", "居民消费价格"), ("社零总额", "社会消费品零售总额"),
    ("经济增长", "生产总值"), ("经济增速", "生产总值"), ("外贸进出口", "进出口"), ("货物进出口", "进出口"), ("城镇登记失业率", "城镇调查失业率"),
)
_TRAILING = re.compile(r"(增速|增幅|增长率|增长|涨幅|水平|总额度)$")


# ---------------------------------------------------------------- indicator matching

def canonical_indicator(name: str) -> str:
    """A comparable form of an indicator name: synonyms unified, region prefixes and growth words dropped."""
    s = re.sub(r"[\s“”\"'（）()、，,：:]", "", str(name or ""))
    for old, new in _SYNONYMS:
        s = s.replace(old, new)
    s = _PREFIXES.sub("", s)
    s = _TRAILING.sub("", s) or s
    return s


_DERIVED = re.compile(r"相当于|比例|比重|占|强度|率|密度|人均|单位|每")


def indicator_similarity(a: str, b: str) -> float:
    """1.0 for the same indicator after canonicalisation, 0.9 when one name contains the other
    (unless the longer one is a ratio, share or per-unit measure *of* the shorter: 研发经费相当于
    生产总值的比例 is not 生产总值), else a similarity ratio.

    >>> indicator_similarity("研发经费支出相当于生产总值的比例", "生产总值") < 0.75
    True
    """
    ca, cb = canonical_indicator(a), canonical_indicator(b)
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 1.0
    short, long_ = sorted((ca, cb), key=len)
    if len(short) >= 3 and short in long_ and not _DERIVED.search(long_.replace(short, "", 1)):
        return 0.9
    return round(difflib.SequenceMatcher(None, ca, cb).ratio(), 3)


def lower_is_better(indicator: str) -> bool:
    """True for indicators whose target is a ceiling (prices, unemployment, emissions …)."""
    return any(word in str(indicator) for word in _LOWER_IS_BETTER)


def judge(value: float | None, value_max: float | None, qualifier: str, indicator: str, actual: float | None) -> str:
    """The verdict for one target against one actual figure (see the module docstring)."""
    if actual is None or _missing(actual):
        return "not reported"
    if value is None or _missing(value):
        return "not comparable"
    ceiling = qualifier == "at_most" or (qualifier in ("approx", "none", "") and lower_is_better(indicator))
    if ceiling:
        limit = value  # a range's near end for a ceiling is its upper end
        if value_max is not None and not _missing(value_max):
            limit = max(value, value_max)
        if actual <= limit:
            return "met"
        if qualifier == "approx" and actual <= limit + abs(limit) * APPROX_TOLERANCE:
            return "met (within 左右)"
        return "missed"
    floor = value if value_max is None or _missing(value_max) else min(value, value_max)
    if qualifier == "more_than" and actual > floor or qualifier != "more_than" and actual >= floor:
        return "met"
    if qualifier == "approx" and actual >= floor - abs(floor) * APPROX_TOLERANCE:
        return "met (within 左右)"
    return "missed"


def _missing(x) -> bool:
    try:
        return x != x  # NaN
    except Exception:
        return False


# ---------------------------------------------------------------- comparisons

class NotComparableError(ReportError):
    """Two reports whose targets and results cannot be lined up (other region, same year …)."""


def check_pair(old: Report, new: Report) -> None:
    """Raise :class:`NotComparableError` unless ``new`` is a later report of the same region."""
    a, b = old.meta, new.meta
    if a.region and b.region and a.region != b.region:
        raise NotComparableError(b.source, f"a report of {b.region}, not of {a.region}; targets are tracked within one region")
    if a.year and b.year and b.year <= a.year:
        raise NotComparableError(b.source, f"report year {b.year} is not after {a.year}; year N's targets are judged by a later report")


def comparable_series(reports: Sequence[Report]) -> list[list[Report]]:
    """Reports grouped by region, each group sorted by year with one report per year; only groups
    of two or more (the ones a year-over-year comparison makes sense for).

    >>> comparable_series([])
    []
    """
    groups: dict[str, dict[int, Report]] = {}
    for r in order_reports(reports):
        if r.meta.region and r.meta.year:
            groups.setdefault(r.meta.region, {}).setdefault(r.meta.year, r)
    return [list(by_year.values()) for _, by_year in sorted(groups.items()) if len(by_year) >= 2]


def label(report: Report) -> str:
    """A short human label: '2024年浙江省'."""
    m = report.meta
    return f"{m.year or ''}{'年' if m.year else ''}{m.region}" or report.report_id


def order_reports(reports: Sequence[Report]) -> list[Report]:
    """Reports sorted by year (then id); reports with no year go last."""
    return sorted(reports, key=lambda r: (r.meta.year is None, r.meta.year or 0, r.report_id))


def keyness_between(old: Report, new: Report, top: int | None = None) -> "pd.DataFrame":
    """Terms that rose, fell, appeared or vanished from ``old`` to ``new`` (G² and log ratio)."""
    from .keywords import keyness
    from .segment import tokens

    table = keyness(tokens(old), tokens(new))
    return table.head(top) if top else table


def slogan_changes(old: Report, new: Report) -> "pd.DataFrame":
    """Quoted terms (slogans) that are new, kept or dropped, with their counts in each report."""
    import pandas as pd

    from .keywords import slogans

    a = slogans(old).set_index("term")["count"]
    b = slogans(new).set_index("term")["count"]
    rows = []
    for term in sorted(set(a.index) | set(b.index)):
        ca, cb = int(a.get(term, 0)), int(b.get(term, 0))
        status = "kept" if ca and cb else ("new" if cb else "dropped")
        rows.append((term, status, ca, cb))
    df = pd.DataFrame(rows, columns=["term", "status", f"count_{old.report_id}", f"count_{new.report_id}"])
    order = {"new": 0, "dropped": 1, "kept": 2}
    return df.sort_values(["status", "term"], key=lambda s: s.map(order) if s.name == "status" else s, kind="stable").reset_index(drop=True)


def headline_side_by_side(reports: Sequence[Report]) -> "pd.DataFrame":
    """Every report's headline table stacked, with report_id and year, oldest first."""
    import pandas as pd

    from .metrics import headline

    frames = []
    for r in order_reports(reports):
        df = headline(r).copy()
        df.insert(0, "year", r.meta.year)
        df.insert(0, "report_id", r.report_id)
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


TRACK_COLUMNS = [
    "indicator", "target", "target_value", "target_value_max", "qualifier", "base_unit",
    "actual_indicator", "actual", "actual_value", "verdict", "match_score", "scope",
    "target_sentence", "actual_sentence",
]


def _with_change(table: "pd.DataFrame", metrics: "pd.DataFrame") -> "pd.DataFrame":
    """Give headline rows the ``change`` (increase/decrease/none) of the same figure in ``metrics``."""
    if "change" in table.columns:
        return table
    if not {"paragraph", "start"} <= set(table.columns):
        return table.assign(change="none")
    keyed = metrics.set_index(["paragraph", "start"])["change"]
    keys = list(zip(table["paragraph"], table["start"]))
    return table.assign(change=[keyed.get(k, "none") if k in keyed.index else "none" for k in keys])


_SUFFIX_HEDGES = ("左右", "以上", "以内", "以下", "之内", "上下")
_PREFIX_HEDGES = ("约", "近", "超", "超过", "突破", "跨越", "逾", "不低于", "不高于", "不超过", "不少于", "控制在", "高于", "低于")


def hedged(surface: str, qualifier_text: str) -> str:
    """A figure as a reader would quote it, its hedge included (a plain verb such as 达到 is no hedge).

    >>> hedged("5.5%", "左右"), hedged("3300亿元", "超过"), hedged("5%", ""), hedged("3.2%", "达到")
    ('5.5%左右', '超过3300亿元', '5%', '3.2%')
    """
    surface, hedge = str(surface or ""), str(qualifier_text or "")
    if not hedge or hedge in surface or hedge not in _SUFFIX_HEDGES + _PREFIX_HEDGES:
        return surface
    return surface + hedge if hedge in _SUFFIX_HEDGES else hedge + surface


def _signed(value: float | None, change: str) -> float | None:
    return None if value is None else (-value if change == "decrease" else value)


def track_targets(old: Report, new: Report, scope: str = "headline") -> "pd.DataFrame":
    """Each target of ``old`` with the actual ``new`` reports for it, and a verdict.

    ``scope='headline'`` tracks the main expected targets; ``scope='all'`` every target figure.
    A target to cut something (下降3%) is met by a cut at least as deep; a target stated as growing
    "in step with the economy" (与经济增长同步) is judged against the newer report's GDP growth
    with the 左右 tolerance.
    """
    import pandas as pd

    from .metrics import extract_metrics, headline

    check_pair(old, new)
    old_metrics, new_metrics = extract_metrics(old), extract_metrics(new)
    if scope == "headline":
        targets = _with_change(headline(old, old_metrics), old_metrics)
    else:
        targets = old_metrics
    targets = targets[targets["period"] == "target"]
    head_new = _with_change(headline(new, new_metrics), new_metrics)
    head_actuals = head_new[head_new["period"] == "actual"]
    actuals = new_metrics[new_metrics["period"] == "actual"]
    gdp = _best_actual_for("生产总值", "%", "increase", head_actuals) or _best_actual_for("生产总值", "%", "increase", actuals)
    rows = []
    for t in targets.itertuples(index=False):
        value, change = _num(t.value), getattr(t, "change", "none")
        in_step = value is None and "同步" in str(t.surface)
        unit = "%" if in_step else t.base_unit
        wanted = "increase" if in_step else change
        found = _best_actual_for(t.indicator, unit, wanted, head_actuals) or _best_actual_for(t.indicator, unit, wanted, actuals)
        actual = found[0] if found else None
        if in_step and actual is not None and gdp is not None:
            reference = _signed(_num(gdp[0].value), gdp[0].change)
            verdict = judge(reference, None, "approx", "", _signed(_num(actual.value), actual.change))
        elif actual is None:
            verdict = "not comparable" if value is None and not in_step else "not reported"
        elif change == "decrease":  # a cut: compare the depth of the cut, deeper is better
            depth = _num(actual.value) if actual.change == "decrease" else -(_num(actual.value) or 0.0)
            verdict = judge(value, _num(t.value_max), t.qualifier, "", depth)
        else:
            verdict = judge(value, _num(t.value_max), t.qualifier, t.indicator, _signed(_num(actual.value), actual.change))
        rows.append((
            t.indicator, hedged(t.surface, getattr(t, "qualifier_text", "")), value, _num(t.value_max), t.qualifier, t.base_unit,
            actual.indicator if actual is not None else "",
            hedged(actual.surface, getattr(actual, "qualifier_text", "")) if actual is not None else "",
            _signed(_num(actual.value), actual.change) if actual is not None else None, verdict,
            found[1] if found else 0.0, scope, t.sentence, actual.sentence if actual is not None else "",
        ))
    df = pd.DataFrame(rows, columns=TRACK_COLUMNS)
    numeric = ["target_value", "target_value_max", "actual_value", "match_score"]
    df[numeric] = df[numeric].astype(float)
    return df


def _num(x) -> float | None:
    if x is None or _missing(x) or x == "":
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _best_actual_for(indicator: str, base_unit: str, change: str, actuals: "pd.DataFrame"):
    """The actual row whose indicator best matches, with the same unit; a growth target prefers a
    growth figure and a level target a level. Returns ``(row, score)`` or None."""
    best, best_key = None, (0.0, 0)
    for a in actuals.itertuples(index=False):
        if str(a.base_unit) != str(base_unit):
            continue
        score = indicator_similarity(indicator, a.indicator)
        same_kind = int((getattr(a, "change", "none") != "none") == (change != "none"))
        key = (score, same_kind)
        if score >= MATCH_THRESHOLD and key > best_key:
            best, best_key = a, key
    return (best, best_key[0]) if best is not None else None


def compare_command(reports: Sequence[Report], what: str) -> "pd.DataFrame":
    """The table ``zjtext compare`` prints for ``--what``."""
    old, new = order_reports(reports)[:2]
    if what == "targets":
        check_pair(old, new)
    if what == "keyness":
        return keyness_between(old, new)
    if what == "slogans":
        return slogan_changes(old, new)
    if what == "headline":
        return headline_side_by_side([old, new])
    return track_targets(old, new)


# ---------------------------------------------------------------- one target, one result (views.series)

def judge_target(target, actual, key: str, gdp_growth: float | None = None) -> tuple[str, str]:
    """The verdict and its reason for one keyed headline target (a row with ``value``, ``value_max``,
    ``qualifier``, ``change`` and the figure ``written``) against the result row of the next year's
    report (or ``None``). A target with no figure that asks for growth in step with the economy
    (与经济增长同步) is judged against ``gdp_growth``, the next report's GDP growth, with the 左右 tolerance.

    >>> judge_target({"value": 5.0, "value_max": None, "qualifier": "approx", "change": "increase"},
    ...              {"value": 5.2, "change": "increase"}, "gdp")
    ('met', '')
    >>> judge_target({"value": 5.0, "value_max": None, "qualifier": "at_most", "change": "none"}, None,
    ...              "unemployment_surveyed")[0]
    'not reported'
    >>> judge_target({"value": None, "value_max": None, "qualifier": "none", "change": "none",
    ...               "written": "居民收入与经济增长同步"}, {"value": 4.9, "change": "increase"}, "income", 5.0)
    ('met (within 左右)', 'judged against GDP growth of 5%')
    """
    from .indicators import display_name

    name = display_name(key, key)
    value, value_max = _num(target["value"]), _num(target["value_max"])
    in_step = value is None and "同步" in str(target.get("written", "") if hasattr(target, "get") else "")
    if value is None and not in_step:
        return "", "the target gives no figure to judge"
    if actual is None:
        return "not reported", f"the next report gives no figure for {name} of the same kind"
    result = _signed(_num(actual["value"]), actual["change"])
    if in_step:
        if gdp_growth is None:
            return "not reported", "the next report gives no GDP growth to judge 同步 against"
        return judge(gdp_growth, None, "approx", "", result), f"judged against GDP growth of {gdp_growth:g}%"
    if target["change"] == "decrease":  # a cut: compare the depth of the cut, deeper is better
        return judge(value, value_max, target["qualifier"], "", -(result or 0.0)), ""
    return judge(value, value_max, target["qualifier"], name, result), ""
