"""Indicator naming: which indicator a group of figures measures, decided by an ordered table of rules.

:func:`name_group` reads the words around a group of figures once into a :class:`NameContext`, then
walks :data:`NAMING_RULES`; the first rule that returns a :class:`Naming` wins, and the last rule
(the subject written before the figure) always does. Each rule handles one language phenomenon of the
reports (a counted noun after the figure, a gap to the nation in points, 其中 for a part …); its
docstring names the phenomenon with a made-up example. Where the order matters, the rule says why.

>>> [r.name for r in NAMING_RULES][:3]
['kinds_of_things', 'areas_of_work', 'measure_of_next']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

from ..lexicon import alternation, columns, word_list, word_table
from .figures import _CJK_CHAR, _DIGIT, Figure, _clause_end, _clause_start, without_pre_hedge
from .subjects import WHOLES, _LEAD_STRIP, _change, _strip_phrase, resolve_list

__all__ = ["NAMING_RULES", "NameContext", "Naming", "Rule", "name_group", "naming_context"]

# ---------------------------------------------------------------- the words around a figure


def _in_order(name: str) -> str:
    """The words of resources/NAME.txt as an alternation tried in the order written (where the first
    that matches decides, unlike :func:`~zjtext.lexicon.alternation`, which tries the longest first)."""
    return "|".join(re.escape(w) for w in word_list(name))


# a list item after a figure opens with its conjunction (…30家，和B 50家): not part of the subject
_LIST_LEAD = re.compile(r"^(?:和|及|与|以及|或)")
# a clause that ends naming a target, its figure in the next clause (…的宏观调控目标，定为8%)
_PLAN_END = re.compile(r"(?:目标|预期)$")
# verbs that, ending the words before a count, make the count the object's size (resources/count_verbs.txt)
_VERB_END = re.compile(f"(?:{alternation(word_list('count_verbs'))})$")
# verbs that open a list item and carry over to the next items of an 、 list (新增A 30家、B 50家), after
# 新 (resources/lead_verbs_new.txt) or alone (lead_verbs.txt); tried in the order the files give
_LEAD_VERB = re.compile(r"^(?:新(?:（改）|\(改\))?(?:" + _in_order("lead_verbs_new") + ")|" + _in_order("lead_verbs") + ")")
# a noun after a count ends where a new predicate starts: the words of resources/noun_end_words.txt,
# and four that end it only in some contexts
_NOUN_CUT = re.compile(r"""(?:""" + alternation(word_list("noun_end_words")) + r"""
    | 建设(?!示范|名单|单位|试点)          # 建设 of a predicate, not the 建设示范/名单/单位/试点 of a name
    | 以(?![上下])                        # 以 of means (以…为…), not 以上/以下 of a bound
    | 和(?!美)                            # 和 of a list, not the 和美 of a name
    | 居(?=全国|全省|全球|世界|中部|西部|东部|前|第)  # 居 of a rank (居全国第3), not of 居民
)""", re.VERBOSE)
# what is measured about counted things (31个县（市）生产总值…): not part of the counted noun
_MEASURED_IN_NOUN = re.compile(alternation(word_list("measured_nouns")))  # resources/measured_nouns.txt
# a membership predicate after counted things names them (26家企业入选国家制造业单项冠军企业)
_MEMBERSHIP = re.compile(alternation(word_list("membership_verbs")))  # resources/membership_verbs.txt
# nouns whose first character is also a count unit: in 14亿人口 the unit is 人 and the noun 人口
# (resources/unit_nouns.tsv)
_UNIT_NOUNS = {unit: columns(nouns) for unit, nouns in word_table("unit_nouns").items()}
_LIST_END = re.compile(r"(?:等|和|及|与|、)$")
_TIME_DE_END = re.compile(r"(?:年|月|前|后)的$")
_RISE_FALL_START = re.compile(r"[提增降下上减达超扩缩升]")

# ---------------------------------------------------------------- what the rules look for

_KINDS_OF = re.compile(r"\d+(?:\.\d+)?[件项个条批]")
# a count of areas that opens a list: 重点抓好10方面工作： / 以下14个方面的工作。
_ASPECTS_TAIL = re.compile(r"(?:的)?(?:重点)?(?:工作|任务)?(?:[：:。；]|$)")
# a verb and a measure before a figure that describes the thing named after it (建成年产值超10亿元的
# 全产业链, 组建总规模1000亿元的基金): the figure is that thing's measure
_MEASURE_OF_NEXT = re.compile(r"""
    (?:建成|建设|新建|组建|设立|打造|培育|引进|招引|落地|签约|实施|开工|形成|布局)  # making or bringing in
    (?P<measure>年?总?                                                         # (yearly, total) …
      (?:产值|规模|投资|营业收入|营收|销售额|产能|面积|里程|容量|装机容量))          # … measure
""", re.VERBOSE)
_CONTRIBUTED = re.compile(rf"贡献了?({WHOLES})")
_CURRENCIES = word_list("currencies")  # resources/currencies.txt
_CUMULATIVE = re.compile(r"累计(?:达到|达)")
# words that, alone before a figure, speak of the previous subject: its share of the nation, its total
_SHARE_OF = re.compile(r"""
    (?:稳定在|保持在|保持|约占|占|达到|达|为)?    # held at, taking up, reaching
    (""" + WHOLES + r""")(?:的)?(比重|份额)?      # of a whole (its share)
""", re.VERBOSE)
# (resources/previous_subject_words.tsv) a total of the previous subject, what its firms produce
_BARE_TOTALS = frozenset(w for w, kind in word_table("previous_subject_words").items() if kind == "total")
_BARE_MEASURES = frozenset(w for w, kind in word_table("previous_subject_words").items() if kind == "measure")
# above or below, faster or slower than: the relation of a gap
_RELATION = "高于|高出|低于|快于|慢于"
# a comparison opening the words before a figure: the relations, leading, better than, compared with
_COMPARISON = re.compile(rf"(?:{_RELATION}|领先|好于|比全国|比全省)")
_GAP = re.compile(rf"({_RELATION})({WHOLES}|上年)(?:平均|水平)*")
# a gap to an earlier year's rate (快于2024年1.8个百分点): the year is in the raw words, the phrase loses it
_YEAR_GAP = re.compile(rf"({_RELATION})((?:19|20)\d\d年|上年|去年)$")
# a result set against its plan (…完成投资2929亿元、超年度计划28%)
_OVER_PLAN = re.compile(r"超(?:出|过)?((?:年度|全年|年初)?计划)")
# a gap written as a comparison (增速比全国高0.9个百分点, 比全国平均快1个百分点)
_COMPARED_GAP = re.compile(r"""
    (?:增速|增幅|增长)?                           # (the growth rate)
    比(""" + WHOLES + r"""|上年)(?:平均水平|平均|水平)?  # than a whole or last year (its average)
    (高|快|低|慢)(?:出)?                          # higher, faster, lower, slower
""", re.VERBOSE)
# the subjects of a gap written before it (投资、消费增速分别快于全国3.4个、1个百分点)
_SUBJECT_GAP = re.compile(rf"(?P<subject>.+?)(?:增速|增幅|增长)?(?:均|都|分别)?(?P<gap>{_GAP.pattern})")
# 成为中部第二个、全国第九个(过6万亿元省份): a rank among places, the figure is the threshold the
# previous subject passed
_BECAME_NTH = re.compile(r"""成为(?:
    [、和及]?(?:""" + WHOLES + r""")?                  # (and) in a whole
    (?:第[一二三四五六七八九十\d]{1,3}个|首个|唯一)       # the n-th, the first, the only one
)+""", re.VERBOSE)


# ---------------------------------------------------------------- the context and the table

class Naming(NamedTuple):
    """A rule's decision: one name per figure of the group, the opening verb an 、 list item after the
    group inherits, where the words used after the figures end, and the rule that decided."""
    names: list[str]
    lead: str
    end: int
    rule: str = ""


@dataclass(slots=True)
class NameContext:
    """The words around a group of figures, read once for every rule.

    ``start`` is where the figure's clause starts and ``raw`` its words up to the figure; ``phrase`` is
    ``raw`` stripped of time words, hedges and verbs of change (the subject as written). ``after`` is the
    clause after the figures (past a 的), ``tail`` the same up to the next number, hedge left out;
    ``noun``/``noun_end``/``member`` the counted noun written there (and a membership it names).
    """
    text: str
    group: list[Figure]
    floor: int
    after_figure: bool
    prev: list[str] | None
    prev_lead: str
    prev_unit: str
    start: int
    raw: str
    phrase: str
    after: str
    tail: str
    de_after: bool
    noun: str
    noun_end: int
    member: str
    lead_verb: str
    verb_end: bool
    ends_deng: bool

    first: Figure  # the group's first figure, its last, and how many (every rule reads them)
    last: Figure
    n: int

    def named(self, names: list[str], lead: str | None = None, end: int | None = None) -> Naming:
        """A naming with this context's opening verb and the end of the figures as defaults."""
        return Naming(names, self.lead_verb if lead is None else lead, self.last.post_end if end is None else end)


@dataclass(frozen=True)
class Rule:
    """One row of the naming table: a name, the phenomenon it handles, and the function deciding it."""
    name: str
    phenomenon: str
    decide: Callable[[NameContext], Naming | None]


def naming_context(text: str, group: list[Figure], floor: int, after_figure: bool, prev: list[str] | None,
                   prev_lead: str, prev_unit: str = "") -> NameContext:
    """Read the words around ``group`` once: the clause before it (from ``floor``, the end of the words
    the previous group used), the clause after it, and the flags the rules test."""
    start, raw, phrase = _words_before(text, group[0], floor, after_figure)
    after, tail, de_after, noun, noun_end, member = _words_after(text, group)
    raw_strip = raw.strip()
    mv = _LEAD_VERB.match(phrase)
    ends_deng = phrase.endswith("等") or bool(_LIST_END.search(raw_strip)) or (
        raw_strip.endswith("的") and not _TIME_DE_END.search(raw_strip)
        and not _RISE_FALL_START.match(noun or "提"))  # 省委确定的14项改革
    return NameContext(text, group, floor, after_figure, prev, prev_lead, prev_unit, start, raw, phrase,
                       after, tail, de_after, noun, noun_end, member, mv.group() if mv else "",
                       bool(_VERB_END.search(raw_strip)), ends_deng, group[0], group[-1], len(group))


def _words_before(text: str, first: Figure, floor: int, after_figure: bool) -> tuple[int, str, str]:
    """(clause start, its words up to the figure, those words stripped to a subject)."""
    b = _clause_start(text, first.start, floor)
    raw = text[b:first.start]
    if after_figure and b == floor:
        raw = _LIST_LEAD.sub("", raw)
    phrase = _strip_phrase(raw)
    if not phrase and b > floor + 1 and _PLAN_END.search(text, floor, b - 1):
        # …的调控目标，定为8%: the target's subject is the clause before its figure's
        raw = text[_clause_start(text, b - 1, floor):b - 1]
        phrase = _strip_phrase(raw)
    return b, raw, phrase


def _words_after(text: str, group: list[Figure]) -> tuple[str, str, bool, str, int, str]:
    """(the clause after the figures past a 的, the same up to the next number less its hedge, whether
    a 的 follows, the counted noun, where it ends, the membership it names)."""
    first, last = group[0], group[-1]
    tail_start = last.post_end
    tail = text[tail_start:_clause_end(text, tail_start, len(text))]
    skip = 1 if tail.startswith("的") else 0
    after = tail = tail[skip:]
    m_digit = _DIGIT.search(tail)
    if m_digit:  # 31个县（市）生产总值近4年…: the words before the next number, less its hedge
        tail = without_pre_hedge(tail[:m_digit.start()])
    noun, noun_end, member = "", last.post_end, ""
    glued = _unit_noun(text, last)
    if glued:
        noun, noun_end = glued, last.end + len(glued) - 1
    elif tail and (tail[0] == "“" or _CJK_CHAR.match(tail)) and last.category != "rank":
        noun, noun_end, member = _noun_in(tail, tail_start + skip, first, bool(m_digit))
    return after, tail, bool(skip), noun, noun_end, member


def _noun_in(tail: str, at: int, first: Figure, digit_after: bool) -> tuple[str, int, str]:
    """The noun a count is of, at the start of ``tail`` (which starts at ``at``): (noun, its end, the
    membership it names: 5家企业入选…名单 → 入选…名单企业)."""
    cut = _NOUN_CUT.search(tail, 1)
    if cut and tail[:cut.start()] == "新":  # 2150个新投产项目: 新 makes the verb a modifier
        cut = _NOUN_CUT.search(tail, cut.end())
    noun = (tail[:cut.start()] if cut else tail)[:16]
    measured = _MEASURED_IN_NOUN.search(noun, 2)
    if measured and first.category == "count":
        noun = noun[:measured.start()]  # the counted things (县（市）), not what is measured about them
    noun_end = at + len(noun)
    obj = tail[cut.start():] if cut and len(noun) == cut.start() and "在" not in noun else ""
    member = ""
    if obj and not digit_after and _MEMBERSHIP.match(obj) and len(obj) <= 18:
        noun_end = at + len(noun) + len(obj)
        obj, noun = obj.split("、")[0], re.sub(r"(?<=..)新$", "", noun)  # 5个县新获评…
        member = obj if obj.endswith(noun) else obj + noun  # 入选…企业 / 纳入…范围项目
    return noun, noun_end, member


def _unit_noun(text: str, fig: Figure) -> str:
    """The noun that the figure's unit character begins (14亿人口 → 人口, 14亿人民 → 人民), else "".

    >>> from zjtext.metrics.figures import parse_figures
    >>> text = "近14亿人口的发展中大国"
    >>> _unit_noun(text, parse_figures(text)[0]), _unit_noun("5000人参加", parse_figures("5000人参加")[0])
    ('人口', '')
    """
    nouns = _UNIT_NOUNS.get(fig.unit[-1:])
    return next((w for w in nouns if text.startswith(w[1:], fig.end)), "") if nouns else ""


def name_group(text: str, group: list[Figure], floor: int, after_figure: bool, prev: list[str] | None,
               prev_lead: str, prev_unit: str = "") -> Naming:
    """The indicators of a group of figures: the first rule of :data:`NAMING_RULES` that decides.

    ``prev``/``prev_lead``/``prev_unit`` are the names, opening verb and base unit of the group before in
    the same sentence (None/""/"" at a sentence's start); ``after_figure`` says ``floor`` is the end of
    that group's words.
    """
    context = naming_context(text, group, floor, after_figure, prev, prev_lead, prev_unit)
    for rule in NAMING_RULES:
        naming = rule.decide(context)
        if naming is not None:
            return Naming(*naming[:3], rule.name)
    raise AssertionError("the last naming rule always decides")  # pragma: no cover


# ---------------------------------------------------------------- the rules, in the table's order

def _kinds_of_things(c: NameContext) -> Naming | None:
    """A count of kinds followed by a count of things (办好8类30件惠民实事): the first figure counts
    the kinds of those things (惠民实事（类）)."""
    if c.first.unit not in ("类", "大类") or c.n != 1:
        return None
    kinds = _KINDS_OF.match(c.after)
    if not kinds:
        return None
    rest = c.after[kinds.end():]
    cut = _NOUN_CUT.search(rest, 1)
    things = re.sub(r"(?:项目|工程)$", "", (rest[:cut.start()] if cut else rest)[:12])
    return c.named([things + "（类）"], "", c.last.post_end) if len(things) >= 2 else None


def _areas_of_work(c: NameContext) -> Naming | None:
    """A count of areas that opens a list of work (着力抓好6方面重点工作：): the number of areas of
    work, whatever the clause before says."""
    first, text = c.first, c.text
    if first.category != "count":
        return None
    at = first.end if first.unit.endswith("方面") else (
        first.post_end + 2 if text.startswith("方面", first.post_end) else -1)
    if at < 0 or not _ASPECTS_TAIL.match(text, at):
        return None
    return c.named([("重点" if "重点" in c.raw else "") + "工作方面"] * c.n, "", c.noun_end)


def _measure_of_next(c: NameContext) -> Naming | None:
    """A verb and a measure before a figure, 的 and a noun after it (新建总投资80亿元的物流园): the
    figure is the measure of the thing named after it (物流园总投资)."""
    measure = _MEASURE_OF_NEXT.fullmatch(c.phrase) if c.noun and c.de_after else None
    return c.named([c.noun + measure.group("measure")] * c.n) if measure else None


def _share_of_whole_growth(c: NameContext) -> Naming | None:
    """贡献了 + a whole before a share of its growth (…，贡献了全省8.5%的增量): the previous subject's
    share of the whole's growth (…增量占全省比重)."""
    contributed = _CONTRIBUTED.fullmatch(c.phrase) if c.prev and c.n == 1 else None
    if not (contributed and re.match(r"的?增(?:量|长)", c.tail)):
        return None
    return c.named([f"{c.prev[-1]}增量占{contributed.group(1)}比重"], "", c.noun_end)


def _converted_amount(c: NameContext) -> Naming | None:
    """An amount restated in another currency (…42亿美元、折合300亿元人民币): the previous subject,
    marked as converted (…（折合人民币）)."""
    if not (c.prev and c.n == 1 and c.phrase in ("折合", "约合", "合")):
        return None
    return c.named([f"{c.prev[-1]}（折合{c.noun if c.noun in _CURRENCIES else ''}）"], "", c.noun_end)


def _noun_names_count(c: NameContext) -> bool:
    """A noun after the figure names what it counts when the words before are no subject: none, a
    list ending in 等/、/的, a verb taking the count as object, or one or two characters."""
    return bool(c.noun) and (not c.phrase or c.ends_deng or c.verb_end or len(c.phrase) <= 2)


def _membership(c: NameContext) -> Naming | None:
    """Counted things and the list they joined (12家企业入选省级隐形冠军名单): named by the membership
    (入选省级隐形冠军名单企业). Before counted_noun: same words, the membership is the finer name."""
    return c.named([c.member] * c.n, end=c.noun_end) if c.member and _noun_names_count(c) else None


def _things_listed_before(c: NameContext) -> Naming | None:
    """A list of examples ending in 等 (or 、/的) before a count (湖州、嘉兴等4个城市): the count is
    of the noun after it, with the list's opening verb (城市); the examples are not its name."""
    if not (c.ends_deng and _noun_names_count(c)):
        return None
    return c.named([c.lead_verb + c.noun] * c.n, end=c.noun_end)


def _counted_noun(c: NameContext) -> Naming | None:
    """A count and the noun after it (建成18个口袋公园, 带动3万人就业): the verb phrase before and the
    noun (建成口袋公园), hedge and 了 left out."""
    if not _noun_names_count(c):
        return None
    base = re.sub(r"了$", "", without_pre_hedge(_LEAD_STRIP.sub("", c.raw.strip())))
    return c.named([base + c.noun] * c.n, end=c.noun_end)


def _cumulative_total(c: NameContext) -> Naming | None:
    """累计达到 alone after an addition (新增绿道320公里、累计达到2900公里): the total so far of what
    the previous figure added to (绿道总量; 总数 for a count). Before same_subject, which it refines."""
    if c.phrase or not (c.prev and c.n == 1 and _CUMULATIVE.fullmatch(c.raw.strip("、，, "))):
        return None
    total = "总数" if c.first.category == "count" else "总量"
    return c.named([re.sub(r"新增$", "", _LEAD_VERB.sub("", c.prev[-1])) + total], "")


def _same_subject(c: NameContext) -> Naming | None:
    """No subject before a figure that follows another (…增长5.2%，达到3.1万亿元): the previous
    group's subject, one name per figure when the groups are as long."""
    if c.phrase or not c.prev:
        return None
    return c.named(list(c.prev) if len(c.prev) == c.n else [c.prev[-1]] * c.n, "")


def _nothing_named(c: NameContext) -> Naming | None:
    """No subject before, none earlier in the sentence and no noun after (a sentence of its own:
    全年增长6%。): left unnamed, an honest blank rather than a guess."""
    return None if c.phrase else c.named([c.noun] * c.n, "", c.noun_end)


def _object_in_clause_before(c: NameContext) -> Naming | None:
    """A bare verb before a count with no noun after (…提升行动，当年完成120家): the verb's object is the
    clause before (完成…提升行动)."""
    if len(c.phrase) > 3 or not _VERB_END.search(c.phrase) or c.noun:
        return None
    lo = _clause_start(c.text, c.start - 1, c.floor) if c.start > c.floor else c.start
    before = _strip_phrase(c.text[lo:c.start])
    return c.named([c.phrase + before] * c.n) if before and not _DIGIT.search(before) else None


def _of_which(c: NameContext) -> bool:
    """其中 before a figure in the previous figure's unit: a part of it."""
    return bool(c.prev) and c.raw.lstrip("，,").startswith("其中") and bool(c.prev_unit) \
        and c.prev_unit == c.first.base_unit and c.n == 1


def _part_of_previous(c: NameContext) -> Naming | None:
    """其中 and a short part (新建学校15所，其中乡村9所): the previous subject, the part in brackets
    (新建学校（乡村）)."""
    return c.named([f"{c.prev[-1]}（{c.phrase}）"]) if _of_which(c) and len(c.phrase) <= 3 else None


def _part_with_previous_verb(c: NameContext) -> Naming | None:
    """其中 and a longer part without a verb (改造管网900公里，其中供水管网400公里): the part takes the
    previous subject's opening verb (改造供水管网)."""
    pv = _LEAD_VERB.match(c.prev[-1]) if _of_which(c) and len(c.phrase) > 3 and not c.lead_verb else None
    return c.named([pv.group() + c.phrase], pv.group()) if pv else None


def _threshold_passed(c: NameContext) -> Naming | None:
    """成为 + a rank among places before a threshold (…，成为中部首个过3万亿元城市): the threshold the
    previous subject passed, so its name."""
    return c.named([c.prev[-1]]) if c.prev and c.n == 1 and _BECAME_NTH.fullmatch(c.phrase) else None


def _plan_beaten(c: NameContext) -> Naming | None:
    """超 + a plan before a share (完成投资800亿元、超年度计划12%): by how much the previous subject beat
    its plan (…超年度计划幅度). Before points_gap, as the single reading of such a figure."""
    over = _OVER_PLAN.fullmatch(c.phrase) if c.prev and c.n == 1 else None
    return c.named([f"{c.prev[-1]}超{over.group(1)}幅度"]) if over else None


def _points_gap(c: NameContext) -> Naming | None:
    """A gap in percentage points to a whole or a year (…增长6%、高于全省1.2个百分点; 消费、投资增速分别
    快于全国2个、1个百分点): the growth-rate gap of the subject it follows or names (…增速高于全省幅度)."""
    names = _gap_names(c.phrase, c.raw, c.prev, c.n) if c.first.base_unit.endswith("百分点") else None
    return c.named(names) if names else None


def _comparison(c: NameContext) -> Naming | None:
    """A comparison opening the words before a figure (…，领先全国2位): about the previous subject
    (its name and the comparison)."""
    return c.named([c.prev[-1] + c.phrase] * c.n) if c.prev and _COMPARISON.match(c.phrase) else None


def _share_of_whole(c: NameContext) -> Naming | None:
    """A whole alone before a share (…超80万人、约占全国1/10): the previous subject's share of that
    whole (…占全国比重)."""
    share = _SHARE_OF.fullmatch(c.phrase) if c.prev and c.n == 1 else None
    return c.named([f"{c.prev[-1]}占{share.group(1)}{share.group(2) or '比重'}"]) if share else None


def _bare_total(c: NameContext) -> Naming | None:
    """A bare 总量/规模/余额 … after an addition (新增市场主体8万户、总数达到95万户): the previous
    subject's total, its opening verb dropped (市场主体总数)."""
    if not (c.prev and c.n == 1 and c.phrase in _BARE_TOTALS):
        return None
    return c.named([_LEAD_VERB.sub("", c.prev[-1]) + c.phrase])


def _bare_measure(c: NameContext) -> Naming | None:
    """A bare 增加值/营收/利润 … after a count of firms (高新技术企业达到1.2万家、营收增长9%): what the
    previous subject's firms produce (高新技术营收)."""
    if not (c.prev and c.n == 1 and c.phrase in _BARE_MEASURES):
        return None
    return c.named([re.sub(r"企业$", "", _LEAD_VERB.sub("", c.prev[-1])) + c.phrase])


def _subject_names(phrase: str, n: int) -> list[str]:
    return resolve_list(phrase, n) if n > 1 else [phrase]


def _inherited_lead_verb(c: NameContext) -> Naming | None:
    """An 、 list item after a figure, without a verb of its own (新建泵站6座、闸站4座): it shares the
    previous item's opening verb (新建闸站), and passes it on."""
    if not (c.after_figure and c.start == c.floor and c.raw.startswith("、") and c.prev_lead and not c.lead_verb):
        return None
    return c.named(_subject_names(c.prev_lead + c.phrase, c.n), c.prev_lead)


def _economy_growth(c: NameContext) -> Naming | None:
    """经济 with a verb of change (全市经济增长5.8%): the growth of the economy (经济增长), a name the
    stripping of verbs of change would cut to 经济."""
    return c.named(["经济增长"] * c.n) if c.phrase == "经济" and _change(c.raw, c.first) != "none" else None


def _listed_subjects(c: NameContext) -> Naming | None:
    """A list subject before a run of figures (城镇和农村居民收入分别增长4%、6%): one name per figure,
    in order (see :func:`~zjtext.metrics.subjects.resolve_list`)."""
    return c.named(resolve_list(c.phrase, c.n)) if c.n > 1 else None


def _own_subject(c: NameContext) -> Naming | None:
    """The fallback: the subject written before the figure (全市一般公共预算收入增长4.5%)."""
    return c.named([c.phrase])


def _gap_names(phrase: str, raw: str, prev: list[str] | None, n: int) -> list[str] | None:
    """Names for gaps between growth rates, as the guideline names them (…增速高于全国幅度): of the
    previous subject (…增长5.1%、高于全国0.3个百分点, …增长4%，快于2024年1.8个百分点), or of the subjects
    written before the gap (投资、消费增速分别快于全国3.4个、1个百分点: one per item); None if no gap.

    >>> _gap_names("高于全国", "、高于全国", ["规上工业增加值"], 1), _gap_names("快于", "，快于2024年", ["GDP"], 1)
    (['规上工业增加值增速高于全国幅度'], ['GDP增速快于2024年幅度'])
    >>> _gap_names("投资、消费增速分别快于全国", "投资、消费增速分别快于全国", None, 2)
    ['投资增速快于全国幅度', '消费增速快于全国幅度']
    >>> _gap_names("增速比全国高", "，增速比全国高", ["地区生产总值"], 1)
    ['地区生产总值增速高于全国幅度']
    """
    def named(subject: str, relation: str, whole: str) -> str:
        relation = "高于" if relation == "高出" else relation  # 高出全国平均水平: named 高于全国
        return f"{re.sub(r'(?:增速|增幅|增长)$', '', subject)}增速{relation}{whole}幅度"

    compared = _COMPARED_GAP.fullmatch(phrase)
    if prev and compared:
        return [named(prev[-1], compared.group(2) + "于", compared.group(1))] * n
    gap, year = _GAP.fullmatch(phrase), _YEAR_GAP.search(raw.strip())
    if prev and (gap or (year and phrase == year.group(1))):
        relation, whole = (gap or year).group(1), (gap or year).group(2)
        return [named(prev[-1], relation, whole)] * n
    listed = _SUBJECT_GAP.fullmatch(phrase)
    if listed:
        items = resolve_list(listed.group("subject"), n) if n > 1 else [listed.group("subject")]
        return [named(item, listed.group(3), listed.group(4)) for item in items]
    return None


#: The naming rules, in order: the first that decides names the group. Rules that read the words
#: AFTER the figures come first (a counted noun says more than a subject stripped of its verb); rules
#: for an empty subject before those that need one; the previous subject's relatives (part, gap,
#: share, total) before the subject as written; the subject as written last.
NAMING_RULES: tuple[Rule, ...] = (
    Rule("kinds_of_things", "a count of kinds before a count of things (8类30件实事)", _kinds_of_things),
    Rule("areas_of_work", "a count of areas opening a list of work (抓好6方面工作：)", _areas_of_work),
    Rule("measure_of_next", "a measure before 的 and the thing it measures (总投资80亿元的园区)", _measure_of_next),
    Rule("share_of_whole_growth", "贡献了 + a whole: the share of the whole's growth", _share_of_whole_growth),
    Rule("converted_amount", "an amount restated in another currency (折合)", _converted_amount),
    Rule("membership", "counted things and the list they joined (入选…名单)", _membership),
    Rule("things_listed_before", "examples ending in 等 before a count: the noun after names it",
         _things_listed_before),
    Rule("counted_noun", "a count and the noun after it, with the verb before (建成18个公园)", _counted_noun),
    Rule("cumulative_total", "累计达到 alone after an addition: the total so far", _cumulative_total),
    Rule("same_subject", "no subject before a figure that follows another: the previous subject", _same_subject),
    Rule("nothing_named", "no subject, no previous subject, no noun after: left blank", _nothing_named),
    Rule("object_in_clause_before", "a bare verb before a count: its object is the clause before",
         _object_in_clause_before),
    Rule("part_of_previous", "其中 + a short part: the previous subject, the part in brackets", _part_of_previous),
    Rule("part_with_previous_verb", "其中 + a longer part: it takes the previous opening verb",
         _part_with_previous_verb),
    Rule("threshold_passed", "成为 + a rank among places: the threshold the previous subject passed",
         _threshold_passed),
    Rule("plan_beaten", "超 + a plan before a share: by how much the plan was beaten", _plan_beaten),
    Rule("points_gap", "a gap in points to a whole or a year: the growth-rate gap", _points_gap),
    Rule("comparison", "a comparison opening the words (领先, 好于…): the previous subject's", _comparison),
    Rule("share_of_whole", "a whole alone before a share: the previous subject's share of it", _share_of_whole),
    Rule("bare_total", "a bare 总量/规模/余额 after an addition: the previous subject's total", _bare_total),
    Rule("bare_measure", "a bare 增加值/营收/利润 after a count of firms: what those firms produce",
         _bare_measure),
    Rule("inherited_lead_verb", "an 、 list item without a verb: the previous item's opening verb",
         _inherited_lead_verb),
    Rule("economy_growth", "经济 with a verb of change: 经济增长, not 经济", _economy_growth),
    Rule("listed_subjects", "a list subject before a run of figures: one name each, in order", _listed_subjects),
    Rule("own_subject", "the fallback: the subject written before the figure", _own_subject),
)
