"""Judging targets, from tables only: a report's targets against the next report's results
(:func:`track`), and one row per indicator of a report for the panel and the front page
(:func:`indicator_rows`).

>>> import pandas as pd
>>> t = [{"indicator": "生产总值", "indicator_key": "gdp", "period": "target", "surface": "5.5%", "qualifier_text": "左右",
...       "qualifier": "approx", "change": "increase", "value": 5.5, "value_max": None, "base_unit": "%", "sentence": ""}]
>>> r = Results([{**t[0], "kind": "figure", "period": "actual", "surface": "5.4%", "value": 5.4, "qualifier_text": "",
...               "qualifier": "none"}])
>>> track(t, r)[["target", "actual", "verdict", "reason_code"]].values.tolist()
[['5.5%左右', '5.4%', 'met (within 左右)', '']]
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..indicators import STANDS_IN, indicator_key
from ..words import QUOTED_BEFORE, SUFFIX_HEDGES
from .results import HELD_AT, Results
from .verdict import Verdict, _ceiling, in_step, join_key, judge, measure, num, pick, signed
from .verdict import cell_text as _text
from .verdict import truthy as _truthy

if TYPE_CHECKING:
    import pandas as pd

TRACK_COLUMNS = [
    "indicator", "indicator_key", "target", "target_value", "target_value_max", "qualifier", "base_unit", "change",
    "actual_indicator", "actual", "actual_value", "verdict", "reason_code", "reason_params", "reason", "match_score",
    "scope", "target_sentence", "actual_sentence",
]
_BOUNDS = ("at_least", "more_than", "at_most")
_IN_STEP_WORDS = re.compile(r"[与和同](?:经济|地区生产总值|生产总值)(?:增长|发展)?(?:基本|保持)*同步")


def hedged(surface: Any, qualifier_text: Any) -> str:
    """A figure as a reader would quote it, its hedge included (a plain verb such as 达到 is no hedge).

    >>> hedged("5.5%", "左右"), hedged("3300亿元", "超过"), hedged("5%", ""), hedged("3.2%", "达到")
    ('5.5%左右', '超过3300亿元', '5%', '3.2%')
    """
    surface, hedge = _text(surface), _text(qualifier_text)  # hedges.tsv: quoted after (左右 …) or before (超过 …)
    if not hedge or hedge in surface or hedge not in SUFFIX_HEDGES + QUOTED_BEFORE:
        return surface
    return surface + hedge if hedge in SUFFIX_HEDGES else hedge + surface


def as_written(surface: Any, qualifier_text: Any, change: Any = "none") -> str:
    """A figure as a reader quotes it: its hedge, and 下降 for a fall (the tables keep the value
    signed); a target in words keeps only its 同步 phrase.

    >>> as_written("5%", "左右", "increase"), as_written("3%", "以上", "decrease")
    ('5%左右', '下降3%以上')
    >>> as_written("一般公共预算收入、城乡居民收入与经济增长同步", "", "none")
    '与经济增长同步'
    """
    surface = _text(surface)
    if not any(c.isdigit() for c in surface) and (m := _IN_STEP_WORDS.search(surface)):
        return m.group(0)
    text = hedged(surface, qualifier_text)
    return f"下降{text}" if str(change) == "decrease" and "下降" not in text else text


def written(row: Mapping | None) -> str:
    """A target or result row as written ('' for None)."""
    return "" if row is None else as_written(row.get("surface"), row.get("qualifier_text"), row.get("change") or "none")


def why_not_judged(old_year: int | None, new_year: int | None) -> Verdict | None:
    """Why the report of ``new_year`` cannot judge the targets of ``old_year`` (None when it can:
    the report of year N+1 reviews year N).

    >>> why_not_judged(2024, 2026).reason("en")
    "the 2026 report reviews 2025, not 2024: targets are judged by the next year's report only"
    >>> why_not_judged(2024, 2025) is None
    True
    """
    if not old_year or not new_year:
        return Verdict("", "year_unknown")
    if new_year != old_year + 1:
        return Verdict("", "years_apart", {"new": new_year, "reviewed": new_year - 1, "old": old_year})
    return None


def decide(t: Mapping, results: Results, gdp: Mapping | None = None) -> tuple[dict | None, Verdict]:
    """The result that answers target row ``t`` (None: none) and the verdict on it; ``gdp`` is the
    GDP growth of the same results (for a target in step with the economy)."""
    key = join_key(t.get("indicator"), t.get("indicator_key"))
    keyed = bool(key) and not key.startswith("name:")
    value, change = num(t.get("value")), str(t.get("change") or "none")
    if value is None:
        return _in_words(t, key if keyed else "", results, gdp)
    actual = results.find(key, str(t.get("indicator")), str(t.get("base_unit")), change)
    if actual is None:
        return None, _in_words_only(t, key if keyed else "", results)
    vmax, unit, hedge = num(t.get("value_max")), str(t.get("base_unit")), _text(t.get("qualifier_text"))
    if change == "decrease":  # a cut: compare the depth of the cut, deeper is better
        depth = num(actual["value"]) if actual.get("change") == "decrease" else -(num(actual["value"]) or 0.0)
        return actual, Verdict(judge(value, vmax, str(t.get("qualifier")), "", depth, unit, hedge), "cut")
    indicator = key if keyed else str(t.get("indicator"))
    code = judge(value, vmax, str(t.get("qualifier")), indicator, signed(actual["value"], actual.get("change")), unit, hedge)
    verdict = _conclusive(code, actual, str(t.get("qualifier")), indicator)
    rose = results.stated("rose", key) if keyed and verdict.code.startswith("met") and _truthy(actual.get("year_end")) \
        and _ceiling(str(t.get("qualifier")), indicator) else ""
    if rose:  # a whole-year ceiling met only on a year-end figure, the rate having risen during the year
        return actual, Verdict("not comparable", "not_comparable_year_end", {"sentence": rose})
    if key in STANDS_IN and actual.get("indicator_key") == STANDS_IN[key]:  # a GNP target judged on GDP
        return actual, Verdict(verdict.code, "stand_in" + ("_" + verdict.reason_code if verdict.reason_code else ""))
    return actual, verdict


def _in_words_only(t: Mapping, key: str, results: Results) -> Verdict:
    """No figure answers target ``t``: the review may still say in words that it was missed or met,
    or, for a ceiling on a rise, that the indicator fell; else ``not reported``."""
    for kind, code, verdict in (("missed", "stated_missed", "missed"), ("met", "stated_met", "met"),
                                ("fell", "stated_fall", "met")):
        if key and (kind != "fell" or _caps_a_rise(t, key)) and (stated := results.stated(kind, key)):
            return Verdict(verdict, code, {"sentence": stated if kind == "missed" else stated[:60]})
    return Verdict("not reported", "no_result" if key else "no_result_unkeyed")


def _caps_a_rise(t: Mapping, key: str) -> bool:
    """Is target ``t`` a ceiling on a rise (涨幅控制在6%以内; a bare or 左右 rise where lower is better)?"""
    value = num(t.get("value"))
    return (_ceiling(str(t.get("qualifier")), key) and value is not None and value >= 0
            and str(t.get("change") or "none") != "decrease" and str(t.get("base_unit")) == "%")


def _in_words(t: Mapping, key: str, results: Results, gdp: Mapping | None) -> tuple[dict | None, Verdict]:
    """A target with no figure: judged only when it asks for growth in step with the economy."""
    if not in_step(t):
        beside = results.beside(key) if key else None
        return beside, Verdict("not comparable", "no_target_figure_beside" if beside is not None else "no_target_figure")
    actual = results.find(key, str(t.get("indicator")), "%", "increase") if key else None
    if actual is None:
        return None, Verdict("not reported", "no_growth")
    if gdp is None:
        return actual, Verdict("not reported", "no_gdp")
    reference = signed(gdp["value"], gdp.get("change"))
    code = judge(reference, None, "approx", "", signed(actual["value"], actual.get("change")), "%", hedge="同步")
    return actual, Verdict(code, "in_step", {"gdp": f"{reference:g}"})


def _conclusive(code: str, actual: Mapping, qualifier: str, indicator: str) -> Verdict:
    """A result written as a bound (2800万吨以上, 6%以内) settles a verdict only one way: a floor
    missed by a lower bound, or met by an upper bound, is not known (and the other way round for a
    ceiling)."""
    bound = str(actual.get("qualifier") or "none")
    if bound not in _BOUNDS or str(actual.get("change") or "none") == "decrease" \
            or _text(actual.get("qualifier_text")) in HELD_AT:  # 控制在3.3%: the value reached
        return Verdict(code)
    lower, met = bound != "at_most", code.startswith("met")  # lower: the true value is at or above the figure
    if _ceiling(qualifier, indicator) == (lower == met):
        return Verdict("not comparable", "bound_inconclusive")
    return Verdict(code)


def one_row_per_indicator(table: "pd.DataFrame") -> "pd.DataFrame":
    """A headline table with one row per known indicator: a row whose figure two indicators share
    (城镇居民人均可支配收入和农民人均纯收入均增长8%: no key of its own) is repeated for each, named and
    keyed as that indicator; every other row as it is, in order.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"indicator": ["城镇居民人均可支配收入和农民人均纯收入", "粮食产量"],
    ...                   "indicator_key": ["", "grain"], "surface": ["8%", "700亿斤"]})
    >>> one_row_per_indicator(t)[["indicator", "indicator_key", "surface"]].values.tolist()
    [['城镇居民人均可支配收入', 'income_urban', '8%'], ['农民人均纯收入', 'income_rural_net', '8%'], ['粮食产量', 'grain', '700亿斤']]
    """
    import pandas as pd

    if table.empty or "indicator_key" not in table.columns:
        return table
    rows = split_joint(table.to_dict("records"))
    return table if len(rows) == len(table) else pd.DataFrame(rows, columns=table.columns)


def split_joint(records: Iterable[Mapping]) -> list[dict]:
    """:func:`one_row_per_indicator` on plain rows (a table read without pandas)."""
    from ..metrics import joint_indicators

    out = []
    for r in records:
        names = [] if _text(r.get("indicator_key")) else joint_indicators(_text(r.get("indicator")))
        keys = [indicator_key(n) for n in names]
        if len(names) > 1 and any(keys):
            out += [{**r, "indicator": n, "indicator_key": k} for n, k in zip(names, keys)]
        else:
            out.append(dict(r))
    return out


def headline_targets(head) -> list[dict]:
    """The targets of a headline table that target tracking judges, one row per known indicator:
    this year's, none over several years (年均, 到2030年)."""
    return [r for r in split_joint(_records(head)) if r.get("period") == "target" and not _truthy(r.get("multi_year"))]


def _records(rows) -> list[dict]:
    return rows.to_dict("records") if hasattr(rows, "to_dict") else [dict(r) for r in rows]


def track_rows(targets: Iterable[Mapping], results: Results | None, not_judged: Verdict | None = None,
               scope: str = "headline") -> list[tuple]:
    """:func:`track` as plain rows of :data:`TRACK_COLUMNS` (what ``zjtext process`` writes, without pandas)."""
    rows = [t for t in targets if t.get("period", "target") == "target"]
    gdp = results.find("gdp", "", "%", "increase") if results is not None and not_judged is None else None
    out = []
    for t in rows:
        if not_judged is not None or results is None:
            actual, v = None, not_judged or Verdict("", "not_tracked")
        else:
            actual, v = decide(t, results, gdp)
        change = str(t.get("change") or "none")
        out.append((
            t.get("indicator"), _text(t.get("indicator_key")), written(t), signed(t.get("value"), change),
            signed(t.get("value_max"), change), t.get("qualifier"), t.get("base_unit"), change,
            _text(actual.get("indicator")) if actual else "", written(actual),
            signed(actual.get("value"), actual.get("change")) if actual else None, v.code, v.reason_code,
            v.params_json(), v.reason("zh"), 1.0 if actual else 0.0, scope, _text(t.get("sentence")),
            _text(actual.get("sentence")) if actual else "",
        ))
    return out


def track(targets, results: Results | None, not_judged: Verdict | None = None, scope: str = "headline") -> "pd.DataFrame":
    """Each target row (``period`` target) with the result that answers it and the verdict
    (:data:`TRACK_COLUMNS`). With ``not_judged`` (:func:`why_not_judged`) or no ``results``, every
    verdict is empty and the reason says why. Values are signed: a cut (下降3%) is -3."""
    import pandas as pd

    df = pd.DataFrame(track_rows(_records(targets), results, not_judged, scope), columns=TRACK_COLUMNS)
    numeric = ["target_value", "target_value_max", "actual_value", "match_score"]
    df[numeric] = df[numeric].astype(float)
    return df


INDICATOR_COLUMNS = ["indicator_key", "indicator", "target", "target_value", "target_value_max", "qualifier", "unit",
                     "measure", "actual", "actual_value", "actual_indicator", "last_target", "verdict", "reason_code",
                     "reason", "target_as_written", "actual_as_written"]


def indicator_rows(head, results: Results, tracked=None) -> list[dict]:
    """One row per indicator of a report's headline table (:data:`INDICATOR_COLUMNS`; a figure two
    indicators share gives a row to each, :func:`one_row_per_indicator`), keyed as :func:`join_key`
    keys it, in the table's order: this year's target (the row :func:`pick` takes),
    last year's result (the one :meth:`Results.for_target` finds for the target, else the headline's
    own), and — from ``tracked``, last year's targets judged by this report — last year's target
    with its verdict, whose result is then the one shown. The panel and the front page read these rows."""
    if hasattr(head, "to_dict"):  # a figure two indicators share stands for each (idempotent)
        head = one_row_per_indicator(head)
    records = [r for r in _records(head) if not _truthy(r.get("multi_year"))]
    judged = {}
    for r in _records(tracked) if tracked is not None else []:
        judged.setdefault(join_key(r.get("indicator"), r.get("indicator_key")), r)
    keys = list(dict.fromkeys(join_key(r.get("indicator"), r.get("indicator_key")) for r in records))
    keys += [k for k in judged if k not in keys]
    rows = []
    for key in keys:
        if not key:
            continue
        mine = [r for r in records if join_key(r.get("indicator"), r.get("indicator_key")) == key]
        t = pick([r for r in mine if r.get("period") == "target"], key)
        if t is None:
            a = pick([r for r in mine if r.get("period") == "actual"], key)
        else:  # the result target tracking would judge it by; beside a target in words, the indicator's figure
            a = results.for_target(t) if num(t.get("value")) is not None or in_step(t) else results.beside(key)
        last = judged.get(key)
        if last is not None and _text(last.get("actual")):
            a = {"surface": last["actual"], "qualifier_text": "", "change": "none", "indicator": last["actual_indicator"],
                 "value": last["actual_value"], "base_unit": last["base_unit"]}
        rows.append(_indicator_row(key, t, a, last))
    return rows


def _indicator_row(key: str, t: Mapping | None, a: Mapping | None, last: Mapping | None) -> dict:
    base = t if t is not None else a
    change = str(t.get("change") or "none") if t is not None else "none"
    return {
        "indicator_key": key, "indicator": _text((t or a or last or {}).get("indicator")),
        "target": written(t), "target_value": signed(t.get("value"), change) if t else None,
        "target_value_max": signed(t.get("value_max"), change) if t else None,
        "qualifier": _text(t.get("qualifier")) if t else "", "unit": _text((base or last or {}).get("base_unit")),
        "measure": measure((base or last or {}).get("base_unit"), (base or {}).get("change"), key) if (base or last) else "",
        "actual": written(a),
        "actual_value": signed(a.get("value"), a.get("change")) if a is not None else None,
        "actual_indicator": _text(a.get("indicator")) if a is not None else "",
        "last_target": _text(last.get("target")) if last is not None else "",
        "verdict": _text(last.get("verdict")) if last is not None else "",
        "reason_code": _text(last.get("reason_code")) if last is not None else "",
        "reason": _text(last.get("reason")) if last is not None else "",
        "target_as_written": _text(t.get("indicator")) if t is not None else "",
        "actual_as_written": _text(a.get("indicator")) if a is not None else "",
    }
