"""Year over year: what changed between reports, and were last year's targets met.

Report N sets targets for year N; report N+1 reviews year N. :func:`track_targets` lines each
target of the older report up with the result the newer report gives for the **same indicator**
(joined on ``indicator_key``, :mod:`zjtext.indicators`) and judges it.

The year rule: only the report of the next year judges (a 2024 target against the 2025 report).
For any other pair the table lists the targets with empty verdicts and ``reason`` says why
(``zjtext compare`` also prints that as a one-line note on stderr and exits 0).

Which figure is the result: a one-year actual figure of the newer report with the target's key,
the same unit and the same measure (a level for a level target, a change for a growth or cut
target), the headline block first. Never a target sentence, a base value (从2.77%提高到3.3%), a
multi-year figure (年均, 五年来, 累计, 比2020年), or another indicator (registered and surveyed
unemployment are different keys). A change the review says in words was nil (居民消费价格与上年持平:
a clause naming the indicator, no figure) is a result of 0%. When no figure qualifies the verdict
is ``not reported``, with the reason, unless the review says in words that the target was not met
(预期目标未能实现, 没有完成…目标): then ``missed``.

How a verdict is reached (documented because analysts will quote it):

* The target's direction comes from its hedge: 以内/不高于/控制在/低于 (at_most) is a ceiling,
  以上/不低于/超过 a floor. A bare or 左右 target is a floor, except for indicators where lower is
  better (the vocabulary's ``lower_is_better``: prices, unemployment, energy and CO2 intensity,
  emissions, PM2.5 …), which are ceilings.
* A range (6.5%－7%) is met by anything at or beyond its near end (the lower end for a floor, the
  upper end for a ceiling).
* 左右 ("about") allows 0.2 percentage points on a % target (7.4% meets 7.5%左右, as the hand-judged
  national verdicts do) and 5% of the value on other units; the verdict then reads
  ``met (within 左右)`` so it is never hidden. A bare target has no tolerance.
* A target to cut something (单位GDP能耗下降3%以上) is met by a cut at least as deep.
* A target to grow "in step with the economy" (居民收入增长和经济增长同步) is judged against the
  newer report's GDP growth, with the 左右 tolerance.
* A result written as a bound (2800万吨以上) is used only when no exact figure is given, and only
  where it settles the verdict; otherwise ``not comparable``, with the reason.
* Other targets stated in words are ``not comparable``.

>>> judge(5.5, None, "approx", "gdp", 5.4)
'met (within 左右)'
>>> judge(5.0, None, "at_most", "unemployment_surveyed", 5.3)
'missed'
>>> judge(3.0, None, "approx", "cpi", 2.0), judge(6.5, 7.0, "none", "gdp", 6.7)
('met', 'met')
"""
from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Sequence

from .indicators import STANDS_IN
from .report import Report, ReportError

if TYPE_CHECKING:
    import pandas as pd

APPROX_TOLERANCE = 0.05  # 左右 on a target not in %: 5% of the target value
APPROX_POINTS = 0.2  # 左右 on a % target: 0.2 percentage points
_PERCENT_UNITS = ("%", "个百分点", "百分点")
_LOWER_IS_BETTER = ("失业率", "价格", "涨幅", "能耗", "排放", "浓度", "赤字", "债务", "死亡", "事故", "PM2.5", "污染")
_PREFIXES = re.compile(r"^(全省|全市|全区|全国|我省|我市|我区|本省|本市|全社会|地区|区域)+")
_SYNONYMS = (
    ("规模以上", "规上"), ("地区生产总值", "生产总值"), ("国内生产总值", "生产总值"), ("GDP", "生产总值"),
    ("研究与试验发展经费投入强度", "研发投入强度"), ("研发经费投入强度", "研发投入强度"), ("R&D经费投入强度", "研发投入强度"),
    ("居民消费价格涨幅", "居民消费价格"), ("CPI", "居民消费价格"), ("社零总额", "社会消费品零售总额"),
    ("经济增长", "生产总值"), ("经济增速", "生产总值"), ("外贸进出口", "进出口"), ("货物进出口", "进出口"),
)
_TRAILING = re.compile(r"(增速|增幅|增长率|增长|涨幅|水平|总额度)$")


# ---------------------------------------------------------------- indicator matching

def canonical_indicator(name: str) -> str:
    """A comparable form of an indicator name: synonyms unified, region prefixes and growth words dropped.

    Kept for display grouping; joins use :func:`zjtext.indicators.indicator_key` (registered and
    surveyed unemployment stay apart in both).

    >>> canonical_indicator("全省规模以上工业增加值"), canonical_indicator("城镇登记失业率")
    ('规上工业增加值', '城镇登记失业率')
    """
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
    """True for indicators whose target is a ceiling: the vocabulary's ``lower_is_better`` for a key
    or a name it knows, else a word list (失业率, 价格, 能耗, 排放, 浓度 …).

    >>> lower_is_better("cpi"), lower_is_better("城镇登记失业率"), lower_is_better("gdp")
    (True, True, False)
    """
    from .indicators import indicator_key, lookup

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


def judge(value: float | None, value_max: float | None, qualifier: str, indicator: str, actual: float | None,
          unit: str = "%") -> str:
    """The verdict for one target against one result (see the module docstring).

    ``indicator`` (a key or a name) decides whether a bare or 左右 target is a ceiling; ``unit`` is
    the target's base unit (it sets the 左右 tolerance).
    """
    if actual is None or _missing(actual):
        return "not reported"
    if value is None or _missing(value):
        return "not comparable"
    eps = 1e-9
    ceiling = qualifier == "at_most" or (qualifier in ("approx", "none", "") and lower_is_better(indicator))
    if ceiling:
        limit = value  # a range's near end for a ceiling is its upper end
        if value_max is not None and not _missing(value_max):
            limit = max(value, value_max)
        if actual <= limit + eps:
            return "met"
        if qualifier == "approx" and actual <= limit + tolerance(limit, unit) + eps:
            return "met (within 左右)"
        return "missed"
    floor = value if value_max is None or _missing(value_max) else min(value, value_max)
    if qualifier == "more_than" and actual > floor or qualifier != "more_than" and actual >= floor - eps:
        return "met"
    if qualifier == "approx" and actual >= floor - tolerance(floor, unit) - eps:
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
    "indicator", "indicator_key", "target", "target_value", "target_value_max", "qualifier", "base_unit", "change",
    "actual_indicator", "actual", "actual_value", "verdict", "reason", "match_score", "scope",
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
_PREFIX_HEDGES = ("约", "近", "超", "超过", "突破", "跨越", "逾", "不低于", "不高于", "不超过", "不少于", "控制在", "高于", "低于",
                  "力争", "争取", "努力", "力求")


def hedged(surface: str, qualifier_text: str) -> str:
    """A figure as a reader would quote it, its hedge included (a plain verb such as 达到 is no hedge).

    >>> hedged("5.5%", "左右"), hedged("3300亿元", "超过"), hedged("5%", ""), hedged("3.2%", "达到")
    ('5.5%左右', '超过3300亿元', '5%', '3.2%')
    """
    surface, hedge = str(surface or ""), str(qualifier_text or "")
    if not hedge or hedge in surface or hedge not in _SUFFIX_HEDGES + _PREFIX_HEDGES:
        return surface
    return surface + hedge if hedge in _SUFFIX_HEDGES else hedge + surface


_IN_STEP_WORDS = re.compile(r"[与和同](?:经济|地区生产总值|生产总值)(?:增长|发展)?(?:基本|保持)*同步")


def as_written(surface: str, qualifier_text: str, change: str = "none") -> str:
    """A figure as a reader quotes it: its hedge, and 下降 for a fall (the tables keep the value
    signed); a target in words keeps only its 同步 phrase.

    >>> as_written("5%", "左右", "increase"), as_written("3%", "以上", "decrease")
    ('5%左右', '下降3%以上')
    >>> as_written("一般公共预算收入、城乡居民收入与经济增长同步", "", "none")
    '与经济增长同步'
    >>> as_written("居民人均可支配收入增长与经济增长保持基本同步", "", "none")
    '与经济增长保持基本同步'
    """
    surface = str(surface or "")
    if not any(c.isdigit() for c in surface) and (m := _IN_STEP_WORDS.search(surface)):
        return m.group(0)
    text = hedged(surface, qualifier_text)
    return f"下降{text}" if change == "decrease" and "下降" not in text else text


def _signed(value: float | None, change: str) -> float | None:
    return None if value is None else (-value if change == "decrease" else value)


# ---------------------------------------------------------------- which result answers a target

# a base value: 从2.77%提高到3.3%, 由上年下降2.3%转为增长8.5% (the figure a change starts from)
_BASE_BEFORE = re.compile(r"(?:从|由)[^\d，,；;。、]{0,8}$")
_BASE_AFTER = re.compile(r"[^，,；;。]{0,12}?(?:提高到|提高至|提升到|提升至|增加到|增加至|增长到|增至|上升到|上升至|"
                         r"下降到|下降至|降低到|降低至|降到|降至|减少到|减少至|缩小到|缩小至|转为|变为|到|至)")
# a report saying in words that a target was missed (预期增长目标未能实现, 没有完成预期目标)
_NOT_MET = re.compile(r"(?:目标|任务)(?:未能|没有|没能|未)(?:实现|完成|达到)|(?:未能|没有|没能|未)(?:实现|完成|达到)"
                      r"(?:全年|年初|年度)?(?:预期)?(?:增长)?目标")
# … that a target was met, in words only (国内生产总值增长率达到预期目标, 完成了年初确定的增长目标)
_MET = re.compile(r"(?<!未能)(?<!没有)(?<!没能)(?<!未)(?:达到|实现|完成|超过|超额完成)(?:了)?(?:年初确定的|全年|年初|年度)?"
                  r"(?:预期|计划)(?:的)?(?:增长)?(?:目标|指标)")
# … that an indicator fell, in words only, no figure after the verb (商品零售价格总水平比上年下降); not
# its rate of rise (涨幅比上年回落: the rise slowed, prices did not fall)
_FELL = re.compile(r"(?<!没有)(?<!未)(?<!涨幅)(?<!幅度)(?<!增幅)(?<!增速)(?<!率)(?:比上年|比去年|同比|较上年)(?:有所|略有|继续)?(?:下降|回落|下跌)"
                   r"(?![\d零一二两三四五六七八九十百]|百分之|了?[\d零一二两三四五六七八九十百])")
_CLAUSE_STOP = "，,；;。！？"
_CLAUSES = re.compile(f"[{_CLAUSE_STOP}]")
#: How a result said in words to be unchanged is shown (:meth:`_Results.stated_flat`).
FLAT = "持平"
# a change said in words to be nil: 居民消费价格与上年持平, 进出口总额同比基本持平
_FLAT = re.compile(rf"(?:与上年|与去年|同比|比上年|较上年)?(?:基本)?{FLAT}$")
_BOUNDS = ("at_least", "more_than", "at_most")


def is_base_value(text: str, start: int, end: int) -> bool:
    """Is the figure at ``text[start:end]`` the starting point of a change (从A提高到B, 由A转为B)?

    >>> t = "研发投入强度从2.1%提高到2.6%。"
    >>> is_base_value(t, 7, 11), is_base_value(t, 14, 18)
    (True, False)
    """
    lo = max([text.rfind(c, 0, start) for c in _CLAUSE_STOP] + [-1]) + 1
    return bool(_BASE_BEFORE.search(text[lo:start])) and bool(_BASE_AFTER.match(text, end))


def why_not_judged(old: Report, new: Report) -> str:
    """Why ``new`` cannot judge ``old``'s targets ('' when it can: the report of year N+1 reviews year N).

    >>> from zjtext.report import report_from_text
    >>> a = report_from_text("2024年政府工作报告\\n各位代表：\\n过去一年，生产总值增长5%。", path="x-2024.txt")
    >>> b = report_from_text("2026年政府工作报告\\n各位代表：\\n过去一年，生产总值增长5%。", path="x-2026.txt")
    >>> print(why_not_judged(a, b))
    the 2026 report reviews 2025, not 2024: targets are judged by the next year's report only
    """
    a, b = old.meta.year, new.meta.year
    if not a or not b:
        return "report year unknown: targets are judged only by the next year's report"
    if b != a + 1:
        return f"the {b} report reviews {b - 1}, not {a}: targets are judged by the next year's report only"
    return ""


def _measure(change: str) -> str:
    return "level" if str(change or "none") == "none" else "change"


#: The reason a target judged on a stand-in result gives.
STAND_IN_REASON = "a GNP (国民生产总值) target: the next report gives GDP (国内生产总值) growth instead, judged against it"


class _Results:
    """The results a newer report gives: one-year actual figures, headline block first, each with
    its indicator key; base values and multi-year figures (年均, 五年来, 累计 …) left out."""

    def __init__(self, report: Report, metrics: "pd.DataFrame", head: "pd.DataFrame", year: int | None = None):
        texts = {p.index: p.text for p in report.body}
        in_head = {(int(r.paragraph), int(r.start)) for r in head.itertuples() if r.period == "actual"}
        region = _place_stem(report.meta.region or "")
        rows = []
        for r in metrics.itertuples(index=False):
            if r.period != "actual" or bool(r.multi_year) or _other_place(str(r.indicator), region):
                continue
            text, start = texts.get(r.paragraph, ""), int(r.start)
            if is_base_value(text, start, int(r.end)) or _other_year(text, start, year):
                continue
            bound = str(r.qualifier) in _BOUNDS  # 连续五年稳定在2800万吨以上: an exact figure is better
            rows.append((bound, (int(r.paragraph), int(r.start)) not in in_head, int(r.paragraph), start, r))
        self.rows = [r for *_, r in sorted(rows, key=lambda x: x[:4])]
        self.report = report

    def find(self, key: str, name: str, base_unit: str, change: str):
        """The first result for the indicator (by key; by exact name when it has no key) in the same
        unit and of the same measure (a level for a level target, a change for a growth or cut target)."""
        from .indicators import normalise

        for r in self.rows:
            same = r.indicator_key == key if key else (not r.indicator_key and normalise(r.indicator) == normalise(name))
            if same and str(r.base_unit) == str(base_unit) and _measure(r.change) == _measure(change):
                return r
        if key in STANDS_IN:  # a GNP target, the next report speaking of GDP only (indicators.STANDS_IN)
            return self.find(STANDS_IN[key], "", base_unit, change)
        if key and str(base_unit) == "%" and _measure(change) == "change":
            return self.stated_flat(key)
        return None

    def stated_flat(self, key: str) -> "_Flat | None":
        """A change of 0% for ``key`` when the review says so in words, in a clause of its own with no
        figure (居民消费价格与上年持平); None otherwise. Only a change can be flat: a level
        (失业率与上年持平) says nothing about its figure, so :meth:`find` asks this for changes only."""
        from .metrics.period import _paragraph_periods

        periods = _paragraph_periods(self.report)
        for p in self.report.body:
            if periods.get(p.index) != "actual" or FLAT not in p.text:
                continue
            for sentence in p.sentences or (p.text,):
                for clause in (c.strip() for c in _CLAUSES.split(sentence)):
                    m = _FLAT.search(clause)
                    if m and not any(c.isdigit() for c in clause) and named_keys(clause) == {key}:
                        start = p.text.find(sentence) + sentence.find(clause) + m.start()
                        return _Flat(clause[:m.start()], sentence, p.index, start)
        return None

    def beside(self, key: str):
        """A result to read beside a target in words (继续下降, 完成国家下达任务): the indicator's first
        change in %, else its first figure; None when the report gives none. It settles nothing."""
        rows = [r for r in self.rows if r.indicator_key == key]
        return next((r for r in rows if str(r.base_unit) == "%" and _measure(r.change) == "change"),
                    rows[0] if rows else None)

    def stated_missed(self, key: str) -> str:
        """A sentence of the review that says in words the target for ``key`` was not met ('' if none)."""
        return self._stated(key, _NOT_MET)

    def stated_met(self, key: str) -> str:
        """A sentence of the review that says in words, with no figure, that the target for ``key`` was
        met (国内生产总值增长率达到预期目标); '' if none."""
        return self._stated(key, _MET)

    def stated_fall(self, key: str) -> str:
        """A sentence of the review that says in words, with no figure, that ``key`` fell over the year
        (商品零售价格总水平比上年下降); '' if none."""
        return self._stated(key, _FELL)

    def _stated(self, key: str, pattern: "re.Pattern") -> str:
        from .metrics.period import _paragraph_periods

        periods = _paragraph_periods(self.report)
        keys = {key, STANDS_IN.get(key, key)}
        for p in self.report.body:
            if periods.get(p.index) != "actual":
                continue
            for s in p.sentences or (p.text,):
                m = pattern.search(s)
                if m and keys & named_keys(s[:m.start()]):
                    return s
        return ""


class _Flat:
    """A result said in words to be unchanged (持平): read as a change of 0%, shown as 持平."""

    surface, qualifier_text, qualifier, change, value, value_max, base_unit = FLAT, "", "none", "increase", 0.0, None, "%"
    multi_year, period = False, "actual"

    def __init__(self, indicator: str, sentence: str, paragraph: int, start: int):
        from .indicators import indicator_key

        self.indicator, self.sentence, self.paragraph, self.start = indicator, sentence, paragraph, start
        self.end, self.indicator_key = start + 2, indicator_key(indicator)


def named_keys(text: str) -> set[str]:
    """The indicator keys whose names occur in ``text``, longest name first at each place (so 进出口
    is trade, not exports).

    >>> sorted(named_keys("受外需影响，进出口总额下降，居民消费价格涨幅回落")), sorted(named_keys("出口增长"))
    (['cpi', 'trade'], ['exports'])
    """
    from .indicators import normalise, vocabulary

    names = {a: e.key for e in vocabulary().values() for a in e.aliases if len(a) >= 2}
    longest = max(map(len, names), default=0)
    t, out, i = normalise(text), set(), 0
    while i < len(t):
        for n in range(min(longest, len(t) - i), 1, -1):
            if t[i:i + n] in names:
                out.add(names[t[i:i + n]])
                i += n
                break
        else:
            i += 1
    return out


_PLACE_NAME = re.compile(r"^([\u4e00-\u9fff]{2,7}?)(?:省|市|自治区|特别行政区|州|县)(?=[\u4e00-\u9fff])")
# words that make 城市/设区市/县 a kind of place, not a named one
_NOT_A_PLACE = re.compile(r"^[全我本各]|城$|级|设区|以上|重点|大中|中小")
_CLAUSE_YEAR = re.compile(r"(?<![\d—–\-－~～至到])((?:19|20)\d\d)年(?!以来|代)")


def _other_place(indicator: str, region: str) -> bool:
    """A result named for another place (宁波市生产总值 in a 浙江省 report) answers no target of the region.

    >>> _other_place("宁波市生产总值", "浙江"), _other_place("浙江省生产总值", "浙江"), _other_place("全省生产总值", "浙江")
    (True, False, False)
    >>> _other_place("地级及以上城市细颗粒物平均浓度", "辽宁"), _other_place("设区市空气质量优良天数比率", "辽宁")
    (False, False)
    >>> _other_place("大连市生产总值", "辽宁"), _other_place("宁夏回族自治区生产总值", "宁夏")
    (True, False)
    """
    m = _PLACE_NAME.match(indicator)
    return bool(m) and _place_stem(m.group(1)) != region and not _NOT_A_PLACE.search(m.group(1))


def _place_stem(name: str) -> str:
    """宁夏回族自治区 → 宁夏, 浙江省 → 浙江."""
    return re.sub(r"(?:省|市|自治区|特别行政区|壮族|回族|维吾尔)+$", "", name)


def _other_year(text: str, start: int, year: int | None) -> bool:
    """Does the figure's clause name a year other than the reviewed year (or its base year)?"""
    if not year:
        return False
    lo = max([text.rfind(c, 0, start) for c in _CLAUSE_STOP] + [-1]) + 1
    return any(int(y) not in (year, year - 1) for y in _CLAUSE_YEAR.findall(text[lo:start]))


def track_targets(old: Report, new: Report, scope: str = "headline",
                  tables: "dict[str, tuple[pd.DataFrame, pd.DataFrame]] | None" = None) -> "pd.DataFrame":
    """Each target of ``old`` with the result ``new`` gives for it, a verdict and the reason for it.

    ``scope='headline'`` tracks the main expected targets; ``scope='all'`` every target figure.
    Targets and results are joined on ``indicator_key`` (:mod:`zjtext.indicators`; a target with no
    key only meets a result of exactly the same name) with the same unit and the same measure (a
    level for a level, a change for a growth or a cut). A result is a one-year actual figure of the
    newer report: never a target, a base value (从2.77%提高到…) or a multi-year figure (年均, 五年来,
    累计); the headline block is preferred. Verdicts follow :func:`judge`; with no figure, a review
    that says so in words (预期目标未能实现) gives ``missed``. Only the report of the next year
    judges: for other pairs every verdict is empty and ``reason`` says why.

    ``tables`` maps a report id to its ``(metrics, headline)`` tables when they are already at hand
    (read from ``zjtext process`` output): they are used instead of being extracted again.
    """
    import pandas as pd

    from .indicators import indicator_key
    from .metrics import extract_metrics, headline

    def both(report: Report) -> tuple:
        if tables and report.report_id in tables:
            return tables[report.report_id]
        metrics = extract_metrics(report)
        return metrics, headline(report, metrics)

    check_pair(old, new)
    (old_metrics, old_head), (new_metrics, new_head) = both(old), both(new)
    targets = _with_change(old_head, old_metrics) if scope == "headline" else old_metrics
    targets = targets[targets["period"] == "target"]
    if "indicator_key" not in targets.columns:
        targets = targets.assign(indicator_key=[indicator_key(n) for n in targets["indicator"]])
    targets = one_row_per_indicator(targets)
    not_judged = why_not_judged(old, new)
    results = None if not_judged else _Results(new, new_metrics, _with_change(new_head, new_metrics), old.meta.year)
    gdp = results.find("gdp", "", "%", "increase") if results else None
    rows = []
    for t in targets.itertuples(index=False):
        key = str(t.indicator_key or "")
        if results is None:
            actual, verdict, reason = None, "", not_judged
        else:
            actual, verdict, reason = _verdict_for(t, key, results, gdp)
        change = str(getattr(t, "change", "none") or "none")
        rows.append((  # values signed: a cut (下降3%) is -3, as its result (下降3.1%) is -3.1
            t.indicator, key, as_written(t.surface, getattr(t, "qualifier_text", ""), change),
            _signed(_num(t.value), change), _signed(_num(t.value_max), change), t.qualifier, t.base_unit, change,
            actual.indicator if actual is not None else "",
            as_written(actual.surface, getattr(actual, "qualifier_text", ""), str(actual.change))
            if actual is not None else "",
            _signed(_num(actual.value), actual.change) if actual is not None else None, verdict, reason,
            1.0 if actual is not None else 0.0, scope, t.sentence, actual.sentence if actual is not None else "",
        ))
    df = pd.DataFrame(rows, columns=TRACK_COLUMNS)
    numeric = ["target_value", "target_value_max", "actual_value", "match_score"]
    df[numeric] = df[numeric].astype(float)
    return df


def one_row_per_indicator(table: "pd.DataFrame") -> "pd.DataFrame":
    """A headline table with one row per known indicator: a row whose figure two indicators share
    (城镇居民人均可支配收入和农民人均纯收入均增长8%: no key of its own) is repeated for each, named and
    keyed as that indicator; every other row as it is, in order. Tracking, the panel and the series
    read headline tables through it.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"indicator": ["城镇居民人均可支配收入和农民人均纯收入", "粮食产量"],
    ...                   "indicator_key": ["", "grain"], "surface": ["8%", "700亿斤"]})
    >>> one_row_per_indicator(t)[["indicator", "indicator_key", "surface"]].values.tolist()
    [['城镇居民人均可支配收入', 'income_urban', '8%'], ['农民人均纯收入', 'income_rural_net', '8%'], ['粮食产量', 'grain', '700亿斤']]
    """
    import pandas as pd

    from .indicators import indicator_key
    from .metrics import joint_indicators

    if table.empty or "indicator_key" not in table.columns:
        return table
    parts, changed = [], False
    for i, (name, key) in enumerate(zip(table["indicator"], table["indicator_key"])):
        names = [] if key else joint_indicators(str(name))
        keys = [indicator_key(n) for n in names]
        if len(names) > 1 and any(keys):
            parts.append(table.iloc[[i] * len(names)].assign(indicator=names, indicator_key=keys))
            changed = True
        else:
            parts.append(table.iloc[[i]])
    return pd.concat(parts).reset_index(drop=True) if changed else table


def in_step_with_economy(words: str) -> bool:
    """Does a target stated in words ask for growth in step with the economy (与经济增长同步)?

    >>> in_step_with_economy("居民收入增长和经济增长基本同步"), in_step_with_economy("劳动报酬增长和劳动生产率提高同步")
    (True, False)
    """
    return "同步" in words and "经济" in words


def year_results(report: Report, metrics: "pd.DataFrame", head: "pd.DataFrame", year: int | None = None) -> _Results:
    """The one-year results ``report`` gives for ``year`` (its past year), the figures a target of
    that year is judged on: headline block first, no base values, multi-year or other-place figures.
    ``.find(key, name, base_unit, change)`` returns the result for one target, or None."""
    return _Results(report, metrics, _with_change(head, metrics), year)


def result_for(results: _Results, key: str, name: str, base_unit: str, change: str, words: str = ""):
    """The result row that answers a target (growth for a target in words asking 同步), or None."""
    if key and not any(c.isdigit() for c in str(words)) and in_step_with_economy(str(words)):
        return results.find(key, name, "%", "increase")
    return results.find(key, name, base_unit, change)


def _verdict_for(t, key: str, results: _Results, gdp) -> tuple:
    """(result row or None, verdict, reason) for one target row."""
    value, change = _num(t.value), str(getattr(t, "change", "none"))
    if value is None:
        if not in_step_with_economy(str(t.surface)):
            beside = results.beside(key) if key else None
            return beside, "not comparable", "the target gives no figure to judge" + (
                "; the next report's figure for it is shown beside it" if beside is not None else "")
        actual = results.find(key, t.indicator, "%", "increase") if key else None
        if actual is None:
            return None, "not reported", "no growth figure for this indicator in the next report"
        if gdp is None:
            return actual, "not reported", "no GDP growth in the next report to judge 同步 against"
        reference = _signed(_num(gdp.value), gdp.change)
        verdict = judge(reference, None, "approx", "", _signed(_num(actual.value), actual.change))
        return actual, verdict, f"growth in step with the economy: judged against GDP growth of {reference:g}%"
    actual = results.find(key, t.indicator, t.base_unit, change)
    if actual is None:
        stated = results.stated_missed(key) if key else ""
        if stated:
            return None, "missed", f"no figure; the next report says the target was not met: {stated[:60]}"
        stated = results.stated_met(key) if key else ""
        if stated:
            return None, "met", f"no figure; the next report says the target was met: {stated[:60]}"
        fell = results.stated_fall(key) if key and _caps_a_rise(t, key) else ""
        if fell:
            return None, "met", f"no figure; the next report says it fell, below a ceiling on its rise: {fell[:60]}"
        why = "no figure for this indicator" if key else "no vocabulary entry for this indicator and no result of the same name"
        return None, "not reported", f"{why} (same unit, same measure, one-year result) in the next report"
    if change == "decrease":  # a cut: compare the depth of the cut, deeper is better
        depth = _num(actual.value) if actual.change == "decrease" else -(_num(actual.value) or 0.0)
        return actual, judge(value, _num(t.value_max), t.qualifier, "", depth, t.base_unit), "a cut: met by a cut at least as deep"
    verdict = judge(value, _num(t.value_max), t.qualifier, key or t.indicator,
                    _signed(_num(actual.value), actual.change), t.base_unit)
    verdict, reason = _conclusive(verdict, actual, t.qualifier, key or t.indicator)
    if key in STANDS_IN and getattr(actual, "indicator_key", key) == STANDS_IN[key]:
        reason = "; ".join(x for x in (STAND_IN_REASON, reason) if x)
    return actual, verdict, reason


def _caps_a_rise(t, key: str) -> bool:
    """Is target ``t`` a ceiling on a rise (涨幅控制在6%以内; a bare or 左右 rise where lower is better)?"""
    value, change, qualifier = _num(t.value), str(getattr(t, "change", "none")), str(t.qualifier)
    ceiling = qualifier == "at_most" or (qualifier in ("approx", "none", "") and lower_is_better(key))
    return ceiling and value is not None and value >= 0 and change != "decrease" and str(t.base_unit) == "%"


def _conclusive(verdict: str, actual, qualifier: str, indicator: str) -> tuple[str, str]:
    """A result written as a bound (2800万吨以上, 6%以内) settles a verdict only one way: a floor
    missed by a lower bound, or met by an upper bound, is not known (and the other way round for a
    ceiling)."""
    bound = str(getattr(actual, "qualifier", "none"))
    if bound not in _BOUNDS or str(getattr(actual, "change", "none")) == "decrease":
        return verdict, ""
    ceiling = qualifier == "at_most" or (qualifier in ("approx", "none", "") and lower_is_better(indicator))
    lower = bound != "at_most"  # the true value is at or above the figure
    met = verdict.startswith("met")
    if (not ceiling and lower and not met) or (not ceiling and not lower and met) \
            or (ceiling and not lower and not met) or (ceiling and lower and met):
        return "not comparable", "the result is written as a bound (以上/超过/以内) that cannot settle the target"
    return verdict, ""


def _num(x) -> float | None:
    if x is None or _missing(x) or x == "":
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


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
