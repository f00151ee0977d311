"""The words the rules read — hedges, magnitudes, verbs of change, time cues — typed, from ``resources/``.

Each list is written once, in a commented file of ``zjtext/resources/`` (read once by
:mod:`zjtext.lexicon`); this module only gives the stages the views they need, as module constants:

* ``hedges.tsv``: the words that bound or soften a figure (不低于, 约, 左右, 以上, 3000多 …) and the
  stretch aims (力争, 争取 …);
* ``magnitudes.tsv``: 万, 亿, 万亿 … and their values; ``units.tsv``: the units of a percent;
* ``change_words.tsv``: the verbs of change (增长, 下降, 涨幅, 减税 …) and their direction;
* ``time_cues.tsv``: the cue words that say a figure is last year's result or a goal (过去一年, 今年,
  力争 …), by the place they are read in.

>>> PRE_HEDGES["不少于"], POST_HEDGES["左右"], HEDGE_GUARD["约"][:2]
('at_least', 'approx', '节制')
>>> MAGNITUDES["万亿"], READING_MAGNITUDES
(1000000000000.0, (('万亿', 1000000000000.0), ('亿', 100000000.0), ('万', 10000.0)))
>>> "回落" in change_words("decrease"), "回落" in change_words("increase")
(True, False)
"""
from __future__ import annotations

import math

from .lexicon import alternation, columns, word_table

__all__ = ["MEANINGS", "PRE_HEDGES", "POST_HEDGES", "INSIDE_HEDGES", "HEDGE_GUARD", "QUOTED_BEFORE",
           "SUFFIX_HEDGES", "STRETCH_WORDS", "MAGNITUDES", "READING_MAGNITUDES", "PERCENT_UNITS", "INCREASE", "DECREASE", "RELIEF",
           "change_words", "cues"]

#: what a hedge says of its figure (the third column of hedges.tsv)
MEANINGS = ("approx", "at_least", "at_most", "more_than", "none", "stretch")


def _hedges(*places: str) -> dict[str, str]:
    """{word: meaning} of the hedges written at *places* (before / after / inside / aim), file order."""
    return {w: row[1] for w, row in word_table("hedges").items() if row[0] in places}


#: written before the number: 不低于 → at_least, 约 → approx, 达到 → none (a verb of reaching, no bound)
PRE_HEDGES: dict[str, str] = _hedges("before")
#: written after the figure (左右, 以上) or inside it (3000多家, 500余项)
POST_HEDGES: dict[str, str] = _hedges("after", "inside")
INSIDE_HEDGES: tuple[str, ...] = tuple(_hedges("inside"))
#: characters that, just before a hedge word, make it part of another word (节约, 下达, 最近, 通过)
HEDGE_GUARD: dict[str, str] = {w: row[2] for w, row in word_table("hedges").items() if len(row) > 2}
#: the words a reader quotes with the figure: after it (5%左右) …
SUFFIX_HEDGES: tuple[str, ...] = tuple(_hedges("after"))
#: … or before it (超过3300亿元, 力争6%); a plain verb of reaching (达到) is no hedge
QUOTED_BEFORE: tuple[str, ...] = tuple(w for w, m in _hedges("before", "aim").items() if m != "none")
#: a higher aim for the same change, written before a second figure (增长5%，力争6%)
STRETCH_WORDS: tuple[str, ...] = tuple(_hedges("aim"))

#: magnitude word → its value (万亿 → 1e12)
MAGNITUDES: dict[str, float] = {w: float(v) for w, v in word_table("magnitudes").items()}
#: the magnitudes amounts are read back in, largest first: powers of 10⁴ (万, 亿, 万亿)
READING_MAGNITUDES: tuple[tuple[str, float], ...] = tuple(sorted(
    ((w, v) for w, v in MAGNITUDES.items() if round(math.log10(v)) % 4 == 0), key=lambda wv: -wv[1]))


def _base_unit(unit: str) -> str:
    cols = columns(word_table("units")[unit])
    return cols[1] if len(cols) > 1 and cols[1] else unit


#: the units of a percent or of percentage points, in any spelling (%, ％, 个百分点, 百分点): units.tsv
PERCENT_UNITS: tuple[str, ...] = tuple(u for u in word_table("units") if _base_unit(u) in ("%", "个百分点"))


def change_words(direction: str) -> tuple[str, ...]:
    """The verbs of change of one direction (increase / decrease / relief), in file order."""
    return tuple(w for w, d in word_table("change_words").items() if d == direction)


#: regex alternations (longest first) of the verbs of change: a rise, a fall, a relief of burdens
INCREASE, DECREASE, RELIEF = (alternation(change_words(d)) for d in ("increase", "decrease", "relief"))


def cues(period: str, place: str) -> tuple[str, ...]:
    """The time cues that speak of *period* (actual / target) where they are read (*place*: a column
    of ``time_cues.tsv``: lead, weak, sentence, strong, heading, headline)."""
    return tuple(w for w, (p, places) in word_table("time_cues").items()
                 if p == period and place in places.split(","))

