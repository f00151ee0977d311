"""What a review says in words about last year's targets and results, beside its figures.

The matcher (:mod:`zjtext.match`: ``results.csv`` rows, then the verdict) reads these phrases one
sentence or one figure at a time, so that a verdict never rests on a figure the words contradict:

* a target the review says was not met (预期增长目标未能实现, 没有实现年初确定的…目标, …、物价调控目标
  没有完成): ``missed``, with the sentence quoted;
* a figure that restates a target (没有实现年初确定的能耗下降3%的目标) or gives a peak within the year
  (失业率一度升至6.1%): not the year's result;
* a year-end figure (年末…为5.1%) of a rate the review says rose during the year: it cannot show that
  a whole-year ceiling (全年控制在5.5%以内) held.

>>> bool(_NOT_MET_NAMING.search("没有实现年初确定的单位生产总值能耗下降3%以上的目标"))
True
"""
from __future__ import annotations

import re
from functools import lru_cache

from .indicators import named_keys, vocabulary
from .lexicon import alternation, word_table

__all__ = ["missed_keys", "restates_target", "clause_before", "is_peak", "is_year_end", "rose_keys", "word_choices"]

#: stated_cues.tsv: the words a review says a target was (not) met with, by role (not, reach, beat, goal)
STATED_CUES: dict[str, tuple[str, ...]] = {
    role: tuple(w for w, r in word_table("stated_cues").items() if r == role) for role in ("not", "reach", "beat", "goal")}
NEGATIONS = STATED_CUES["not"]  # 未能, 没有, 没能, 未


def word_choices(words, then: str = "", not_after=()) -> str:
    """``(?:w1|w2…)then`` as a regex alternation ``w1then|w2then…`` (longest word first), each word where
    none of ``not_after`` comes just before it (完成 not after 未: 未能完成 is no 完成). Each choice begins
    with its word and the check follows the word, so that a search skips ahead to where a word can begin
    rather than trying every character.

    >>> word_choices(["完成", "达到"], "目标", not_after=["未"])
    '完成(?<!未完成)目标|达到(?<!未达到)目标'
    >>> re.search(word_choices(["完成"], not_after=NEGATIONS), "计划未能完成，任务已完成").start()
    10
    """
    return "|".join(re.escape(w) + "".join(f"(?<!{re.escape(b + w)})" for b in not_after) + then
                    for w in sorted(set(words), key=lambda w: (-len(w), w)))


_NOT = f"(?:{alternation(NEGATIONS)})"
_REACH = f"(?:{alternation(STATED_CUES['reach'])})"  # 实现, 完成, 达到
_GOAL = f"(?:{alternation(STATED_CUES['goal'])})"  # 目标, 任务
# the target named before the words saying it was missed (进出口…，预期增长目标未能实现; 物价调控目标没有完成):
# 目标未能实现, 任务没有完成 …, or 没有实现 … 年初预期增长目标
_NOT_MET = re.compile(word_choices(STATED_CUES["goal"], _NOT + _REACH) + "|"
                      + word_choices(NEGATIONS, _REACH + "(?:全年|年初|年度)?(?:预期)?(?:增长)?目标"))
# … or after them, named again (没有实现年初确定的单位生产总值能耗降低4%左右的目标)
_NOT_MET_NAMING = re.compile(rf"""
    {_NOT}{_REACH}                              # 没有实现
    (?P<what>[^，,；;。]{{2,40}}?)              # what was not reached, within the clause
    的?(?:预期)?{_GOAL}                         # 的目标
    """, re.VERBOSE)
CLAUSE_STOP = "，,；;。！？"
# a target named again, within one clause: 没有实现…的目标, 年初确定的…目标 (a 、 list of figures may sit inside)
_TARGET_SPAN = re.compile(rf"(?:{word_choices(NEGATIONS, _REACH)}|确定的|提出的|设定的|预期的)[^。；;！？，,]{{0,60}}?{_GOAL}")
# the words right before a peak within the year (一度升至6.1%, 最高达到6%)
_PEAK = re.compile(r"(?:一度|最高|峰值|高点)[^，,；;。\d]{0,6}$")
_YEAR_END = re.compile(r"年末|年底|12月(?:末|底|份)?")
# a rate that rose during the year (一度升至, 阶段性上升, 有所攀升)
# a sentence about other economies (发达经济体失业率攀升至…): not the report's own rate
_ABROAD = re.compile(r"世界|全球|国际|发达经济体|一些国家|主要经济体")
# (every choice opens with a character, not a look-behind, so that a search skips ahead to where one can
# begin, as in word_choices: 升 not after 提跃晋 is checked once 升 is found)
_ROSE = re.compile(r"一度|最高|峰值|阶段性(?:上升|攀升|走高)|有所(?:上升|攀升|抬升)|上升(?:至|到)|攀升(?:至|到)|"
                   r"升(?<![提跃晋]升)(?:至|到)")


def clause_start(text: str, pos: int) -> int:
    """Where the clause that holds `pos` begins (just after the last stop before it).

    >>> clause_start("全年增长5%，物价稳定", 8)
    7
    """
    while pos > 0 and text[pos - 1] not in CLAUSE_STOP:
        pos -= 1
    return pos


def clause_before(text: str, start: int) -> str:
    """The words of the clause that holds ``start``, up to it: what :func:`is_peak` and
    :func:`is_year_end` read before a figure.

    >>> clause_before("全年增长5%，年末为5.1%。", 10)
    '年末为'
    """
    return text[clause_start(text, start):start]


def missed_keys(sentence: str) -> set[str]:
    """The indicators whose targets ``sentence`` says in words were not met.

    >>> sorted(missed_keys("但单位生产总值能耗降低目标、物价调控目标没有完成")), missed_keys("全年目标顺利完成")
    (['cpi', 'energy_intensity'], set())
    >>> sorted(missed_keys("没有实现年初确定的单位生产总值能耗降低4%左右的目标"))
    ['energy_intensity']
    """
    keys: set[str] = set()
    m = _NOT_MET.search(sentence)
    if m:
        keys |= _named_before(sentence, m.start())
    m = _NOT_MET_NAMING.search(sentence)
    if m:
        keys |= named_keys(m.group("what"))
    return keys


def _named_before(sentence: str, end: int) -> set[str]:
    """The indicators a missed-target phrase ending at ``end`` speaks of: those its own clause names
    (…增长9%，但能耗降低目标、物价调控目标没有完成: energy and prices, not GDP), else those of the
    sentence before it (进出口总额出现下降，预期增长目标未能实现: trade).

    >>> s = "进出口总额有所下降，但物价调控目标没有完成"
    >>> sorted(_named_before(s, s.index("目标没有")))
    ['cpi']
    >>> s = "进出口总额出现下降，预期增长目标未能实现"
    >>> sorted(_named_before(s, s.index("目标未能")))
    ['trade']
    """
    lo = clause_start(sentence, end)
    return named_keys(sentence[lo:end]) or named_keys(sentence[:lo])


def restates_target(text: str, start: int) -> bool:
    """Is the figure at ``start`` a target named again (没有实现…下降4%左右、…减少2%的目标), not a result?

    >>> t = "没有实现年初确定的能耗降低4%左右、排放减少2%的目标，能耗下降1.2%。"
    >>> [restates_target(t, t.index(f)) for f in ("4%", "2%", "1.2%")]
    [True, True, False]
    """
    return any(a < start < b for a, b in _target_spans(text))


@lru_cache(maxsize=64)
def _target_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``text`` that name a target again (read once per text, asked once per figure)."""
    return tuple(m.span() for m in _TARGET_SPAN.finditer(text))


def is_peak(before: str) -> bool:
    """Is a figure whose clause reads ``before`` up to it (:func:`clause_before`) a peak within the year
    (一度升至6.1%, 最高达到6%), not the year's result?

    >>> t = "失业率一度升至6.1%，年末回落到5.1%。"
    >>> is_peak(clause_before(t, t.index("6.1"))), is_peak(clause_before(t, t.index("5.1")))
    (True, False)
    """
    return bool(_PEAK.search(before))


def is_year_end(before: str) -> bool:
    """Does a figure's clause, read up to it (:func:`clause_before`), say it is the year-end value (年末…为5.1%)?

    >>> t = "城镇调查失业率平均为5.2%，年末为5.1%。"
    >>> is_year_end(clause_before(t, t.index("5.2"))), is_year_end(clause_before(t, t.index("5.1")))
    (False, True)
    """
    return bool(_YEAR_END.search(before))


def rose_keys(sentence: str) -> tuple[set[str], str]:
    """The indicators ``sentence`` says rose during the year, and the words that say so (from their
    clause on); a rate may be named by its last word alone (失业率一度明显上升), not in a sentence about
    other economies. Only indicators capped by their targets (lower is better: a rise is what a
    ceiling limits); 研发投入强度提升至3.2% is no rise of a rate.

    >>> keys, quote = rose_keys("受疫情冲击，失业率一度明显上升")
    >>> sorted(keys), quote
    (['unemployment_registered', 'unemployment_surveyed'], '失业率一度明显上升')
    """
    rose = _ROSE.search(sentence)
    if not rose:
        return set(), ""
    keys = named_keys(sentence)
    named_tails = {vocabulary()[k].name[-3:] for k in keys if k in vocabulary()}  # 城镇调查失业率 names its own
    if not _ABROAD.search(sentence):
        keys |= {e.key for e in vocabulary().values()
                 if e.kind == "rate" and e.name[-3:] in sentence and e.name[-3:] not in named_tails}
    ceilings = {k for k in keys if (e := vocabulary().get(k)) is not None and e.lower_is_better}  # a rise matters there
    return ceilings, sentence[clause_start(sentence, rose.start()):] if ceilings else ""
