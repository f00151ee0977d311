"""The results a report gives for its past year, as one table (``results.csv``), and finding the one
that answers a target.

:func:`result_rows` reads the report once (the producer calls it beside the metrics and the headline
table); :class:`Results` reads only that table, so any view finds the same result for a target.

>>> from zjtext.report import report_from_text
>>> from zjtext.metrics import metric_rows, headline_rows
>>> r = report_from_text("2025年政府工作报告\\n各位代表：\\n一、2024年工作回顾\\n全省生产总值增长5.2%，研发投入强度从2.1%提高到2.4%，"
...                      "居民消费价格与上年持平。\\n二、2025年目标\\n生产总值增长5%左右。", path="x-2025.txt")
>>> m = metric_rows(r)
>>> rows = result_rows(r, m, headline_rows(r, m))
>>> [(x["kind"], x["indicator_key"], x["surface"]) for x in rows]
[('figure', 'gdp', '5.2%'), ('figure', 'rd_intensity', '2.4%'), ('flat', 'cpi', '持平')]
>>> Results(rows).find("cpi", "居民消费价格", "%", "increase")["surface"]
'持平'
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .. import stated
from ..indicators import STANDS_IN
from .verdict import FLAT, in_step, is_change, join_key, named_keys
from .verdict import truthy as _truthy

if TYPE_CHECKING:
    import pandas as pd

    from ..report import Report

#: The columns of ``results.csv``: ``kind`` is ``figure`` (a one-year result), ``flat`` (a change
#: said in words to be nil), or a result in words only: ``missed`` / ``met`` (the review says the
#: indicator's target was missed / met) or ``fell`` (it says the indicator fell, with no figure).
RESULT_COLUMNS = ["kind", "indicator", "indicator_key", "surface", "qualifier_text", "qualifier", "change", "value",
                  "value_max", "base_unit", "paragraph", "start", "end", "year_end", "in_head", "sentence"]
_BOUNDS = ("at_least", "more_than", "at_most")
#: a result held at a level (居民消费价格涨幅控制在3.3%): the value reached, not a bound (控制在…以内 is one)
HELD_AT = ("控制在",)

# a base value: 从2.77%提高到3.3%, 由上年下降2.3%转为增长8.5% (the figure a change starts from)
_BASE_BEFORE = re.compile(r"(?:从|由)[^\d，,；;。、]{0,8}$")
_BASE_AFTER = re.compile(r"[^，,；;。]{0,12}?(?:提高到|提高至|提升到|提升至|增加到|增加至|增长到|增至|上升到|上升至|"
                         r"下降到|下降至|降低到|降低至|降到|降至|减少到|减少至|缩小到|缩小至|转为|变为|到|至)")
# a report saying in words that a target was met (国内生产总值增长率达到预期目标, 完成了年初确定的增长目标)
_MET = re.compile(rf"""
    (?:{stated.word_choices(stated.STATED_CUES["reach"] + stated.STATED_CUES["beat"], not_after=stated.NEGATIONS)})
                                                    # 达到, 完成, 超额完成 …, not negated (未能实现: missed)
    (?:了)?(?:年初确定的|全年|年初|年度)?               # 了, 年初确定的
    (?:预期|计划)(?:的)?(?:增长)?(?:目标|指标)          # the target: 预期目标, 计划的增长指标
    """, re.VERBOSE)
# … that an indicator fell, in words only, no figure after the verb (商品零售价格总水平比上年下降); not
# its rate of rise (涨幅比上年回落: the rise slowed, prices did not fall)
_THAN_LAST_YEAR = stated.word_choices(("比上年", "比去年", "同比", "较上年"),
                                      not_after=("没有", "未", "涨幅", "幅度", "增幅", "增速", "率"))
_FELL = re.compile(rf"""
    (?:{_THAN_LAST_YEAR})                                # 比上年, 同比 …, not 没有比上年, 涨幅比上年
    (?:有所|略有|继续)?(?:下降|回落|下跌)
    (?![\d零一二两三四五六七八九十百]|百分之|了?[\d零一二两三四五六七八九十百])   # no figure after the verb
    """, re.VERBOSE)
#: the kinds of result said in words only, in the order of their rows (:func:`_stated_rows`)
STATED_KINDS = ("missed", "met", "fell", "rose")
_CLAUSES = re.compile(f"[{stated.CLAUSE_STOP}]")
# a change said in words to be nil: 居民消费价格与上年持平, 进出口总额同比基本持平
_FLAT = re.compile(rf"(?:与上年|与去年|同比|比上年|较上年)?(?:基本)?{FLAT}$")
_PLACE_NAME = re.compile(r"^([\u4e00-\u9fff]{2,7}?)(?:省|市|自治区|特别行政区|州|县)(?=[\u4e00-\u9fff])")
# words that make 城市/设区市/县 a kind of place, not a named one
_NOT_A_PLACE = re.compile(r"^[全我本各]|城$|级|设区|以上|重点|大中|中小")
_CLAUSE_YEAR = re.compile(r"(?<![\d—–\-－~～至到])((?:19|20)\d\d)年(?!以来|代)")


def is_base_value(before: str, after: str) -> bool:
    """Is a figure the starting point of a change (从A提高到B, 由A转为B)? ``before``: its clause up to
    it (:func:`zjtext.stated.clause_before`); ``after``: the text after it.

    >>> is_base_value("研发投入强度从", "提高到2.6%。"), is_base_value("研发投入强度从2.1%提高到", "。")
    (True, False)
    """
    return bool(_BASE_BEFORE.search(before)) and bool(_BASE_AFTER.match(after))


def other_place(indicator: str, region: str) -> bool:
    """A result named for another place (宁波市生产总值 in a 浙江省 report) answers no target of the region.

    >>> other_place("宁波市生产总值", "浙江"), other_place("浙江省生产总值", "浙江"), other_place("全省生产总值", "浙江")
    (True, False, False)
    >>> other_place("地级及以上城市细颗粒物平均浓度", "辽宁"), other_place("设区市空气质量优良天数比率", "辽宁")
    (False, False)
    >>> other_place("大连市生产总值", "辽宁"), other_place("宁夏回族自治区生产总值", "宁夏")
    (True, False)
    """
    m = _PLACE_NAME.match(indicator)
    return bool(m) and place_stem(m.group(1)) != region and not _NOT_A_PLACE.search(m.group(1))


def place_stem(name: str) -> str:
    """宁夏回族自治区 → 宁夏, 浙江省 → 浙江."""
    return re.sub(r"(?:省|市|自治区|特别行政区|壮族|回族|维吾尔)+$", "", name)


def _other_year(before: str, year: int | None) -> bool:
    """Does a figure's clause, up to it, name a year other than the reviewed year (or its base year)?"""
    return bool(year) and any(int(y) not in (year, year - 1) for y in _CLAUSE_YEAR.findall(before))


_FROM_METRICS = RESULT_COLUMNS[1:-3]  # the columns a figure's row takes from its metric row


def _row(kind: str, r: Mapping, in_head: bool = False, year_end: bool = False) -> dict:
    return {"kind": kind, **{c: r.get(c) for c in _FROM_METRICS}, "year_end": year_end, "in_head": in_head,
            "sentence": r.get("sentence", "")}


def result_rows(report: "Report", metrics: Iterable[Mapping], head: Iterable[Mapping],
                year: int | None = None, *, periods: dict[int, str] | None = None) -> list[dict]:
    """The results ``report`` gives for ``year`` (default: the year before its own), in the order
    they are preferred: exact figures before bounds (连续五年稳定在2800万吨以上), the headline block
    first, then reading order; then the changes said in words to be nil, then the indicators said
    in words to have missed their target. Rows of :data:`RESULT_COLUMNS`. ``periods`` are the
    report's paragraph periods when already read (``zjtext.metrics.paragraph_periods``), as for
    :func:`zjtext.metrics.metric_rows` and :func:`zjtext.metrics.headline_rows`."""
    from ..metrics.period import paragraph_periods

    if year is None and report.meta.year:
        year = report.meta.year - 1
    body = report.body
    texts = {p.index: p.text for p in body}
    in_head = {(int(r["paragraph"]), int(r["start"])) for r in head if r.get("period") == "actual"}
    region = place_stem(report.meta.region or "")
    found = []
    for r in metrics:
        if r["period"] != "actual" or _truthy(r.get("multi_year")) or other_place(str(r["indicator"]), region):
            continue
        text, start = texts.get(int(r["paragraph"]), ""), int(r["start"])
        before = stated.clause_before(text, start)
        if is_base_value(before, text[int(r["end"]):]) or _other_year(before, year) \
                or stated.restates_target(text, start) or stated.is_peak(before):
            continue  # a base value, another year, a target named again, a peak within the year
        where = (int(r["paragraph"]), start)
        bound = str(r["qualifier"]) in _BOUNDS and str(r.get("qualifier_text") or "") not in HELD_AT
        found.append(((bound, where not in in_head, *where),
                      _row("figure", r, where in in_head, stated.is_year_end(before))))
    rows = [row for _, row in sorted(found, key=lambda x: x[0])]
    periods = paragraph_periods(report) if periods is None else periods
    review = [p for p in body if periods.get(p.index) == "actual"]
    return rows + _flat_rows(review) + _stated_rows(review)


def _flat_rows(review) -> list[dict]:
    """A change of 0% for an indicator the review says in words was unchanged, in a clause of its own
    naming one known indicator and no figure (居民消费价格与上年持平). Only a change can be flat: a level
    (失业率与上年持平) says nothing about its figure, so :meth:`Results.find` uses them for changes only."""
    rows = []
    for p in review:
        if FLAT not in p.text:
            continue
        for sentence in p.sentences or (p.text,):
            for clause in (c.strip() for c in _CLAUSES.split(sentence)):
                m = _FLAT.search(clause)
                keys = named_keys(clause) if m and not any(c.isdigit() for c in clause) else set()
                if len(keys) == 1:
                    start = p.text.find(sentence) + sentence.find(clause) + m.start()
                    rows.append({"kind": "flat", "indicator": clause[:m.start()], "indicator_key": next(iter(keys)),
                                 "surface": FLAT, "qualifier_text": "", "qualifier": "none", "change": "increase",
                                 "value": 0.0, "value_max": None, "base_unit": "%", "paragraph": p.index,
                                 "start": start, "end": start + 2, "year_end": False, "in_head": False,
                                 "sentence": sentence})
    return rows


def _stated_rows(review) -> list[dict]:
    """One row per indicator and kind (:data:`STATED_KINDS`) that a sentence of the review says in words,
    with the sentence (for ``rose``, from the clause that says so); the rows of one kind, in reading
    order, before those of the next. ``missed``: :func:`zjtext.stated.missed_keys` (the target named
    before the words or after them); ``met``, ``fell``: the indicator named before the words; ``rose``:
    :func:`zjtext.stated.rose_keys` (a rate that rose during the year)."""
    rows: dict[str, list[dict]] = {kind: [] for kind in STATED_KINDS}
    for p in review:
        for s in p.sentences or (p.text,):
            met, fell = _MET.search(s), _FELL.search(s)
            rose, quote = stated.rose_keys(s)
            for kind, keys, words in (("missed", stated.missed_keys(s), s),
                                      ("met", named_keys(s[:met.start()]) if met else (), s),
                                      ("fell", named_keys(s[:fell.start()]) if fell else (), s),
                                      ("rose", rose, quote)):
                if keys:
                    at = max(p.text.find(words), 0)  # where the words are, like a figure's start and end
                    rows[kind].extend({**dict.fromkeys(RESULT_COLUMNS), "kind": kind, "indicator_key": key,
                                       "surface": "", "paragraph": p.index, "start": at, "end": at + len(words),
                                       "sentence": words, "year_end": False, "in_head": False} for key in sorted(keys))
    return [row for kind in STATED_KINDS for row in rows[kind]]


class Results:
    """A report's results table (:func:`result_rows`, or ``results.csv`` read back), asked for the
    result that answers one target."""

    def __init__(self, rows: "Iterable[Mapping] | pd.DataFrame"):
        records = rows.to_dict("records") if hasattr(rows, "to_dict") else list(rows)
        self.rows = [r for r in records if r.get("kind") == "figure"]
        self.flat = [r for r in records if r.get("kind") == "flat"]
        self.said = [r for r in records if r.get("kind") in STATED_KINDS]
        for r in self.rows + self.flat:  # a table read back gives keys as '' or NaN
            r["indicator_key"] = join_key(r.get("indicator"), r.get("indicator_key"))

    def find(self, key: str, name: str, base_unit: str, change: str) -> dict | None:
        """The first result for the indicator (its key; a target with no key: a result of exactly the
        same name) in the same unit and of the same measure (a level for a level target, a change for a
        growth or cut target); a change said in words to be nil when no figure is given."""
        wanted = join_key(name, key)
        for r in self.rows:
            if r["indicator_key"] == wanted and str(r.get("base_unit")) == str(base_unit) \
                    and is_change(r.get("change")) == is_change(change):
                return r
        if key in STANDS_IN:  # a GNP target, the next report speaking of GDP only (indicators.STANDS_IN)
            return self.find(STANDS_IN[key], "", base_unit, change)
        if key and str(base_unit) == "%" and is_change(change):
            return next((r for r in self.flat if r["indicator_key"] == key), None)
        return None

    def for_target(self, t: Mapping) -> dict | None:
        """The result that answers target row ``t`` (its growth for a target asking 同步)."""
        key = join_key(t.get("indicator"), t.get("indicator_key"))
        if key and not key.startswith("name:") and in_step(t):
            return self.find(key, str(t.get("indicator")), "%", "increase")
        return self.find(key, str(t.get("indicator") or ""), str(t.get("base_unit") or ""), str(t.get("change") or "none"))

    def beside(self, key: str) -> dict | None:
        """A result to read beside a target in words (继续下降, 完成国家下达任务): the indicator's first
        change in %, else its first figure; None when the report gives none. It settles nothing."""
        rows = [r for r in self.rows if r["indicator_key"] == key]
        return next((r for r in rows if str(r.get("base_unit")) == "%" and is_change(r.get("change"))),
                    rows[0] if rows else None)

    def stated(self, kind: str, key: str) -> str:
        """A sentence of the review that says in words, with no figure, that the target for ``key`` was
        ``missed`` or ``met``, or that ``key`` ``fell`` or ``rose`` over the year ('' if none); for a GNP target,
        a sentence about GDP (:data:`zjtext.indicators.STANDS_IN`) too."""
        keys = {key, STANDS_IN.get(key, key)}
        return next((str(r["sentence"]) for r in self.said if r.get("kind") == kind and r.get("indicator_key") in keys), "")

    def stated_missed(self, key: str) -> str:
        """A sentence of the review that says in words the target for ``key`` was not met ('' if none)."""
        return self.stated("missed", key)
