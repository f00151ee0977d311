"""Chinese numerals read as figures: 百分之七点九, 一千二百零一亿元, 两个百分点, 四点二倍.

Older reports write their figures in Chinese numerals. Rather than a second figure grammar, the
paragraph is read through an *Arabic shadow*: each Chinese numeral that stands where a figure does
(after 百分之 / 千分之, before 个百分点 / 倍, a compound number or one carrying a magnitude 万 / 亿
before a unit: 二十多个, 一千二百零一亿元, 近百个) is replaced by its
Arabic form, the figure grammar runs on the shadow, and every offset is mapped back, so a figure's
surface is the text as the report wrote it.  A numeral in any other place (一些, 一批, 十四五, 一带一路,
三农, 第一, 一九五三年) is left alone: it is a word, a name, an ordinal or a year, not a figure.
Traditional forms (點, 萬, 億, 兩) read like simplified ones.

>>> numeral_value("一千二百零一亿"), numeral_value("十二点八"), numeral_value("一万亿")
(120100000000.0, 12.8, 1000000000000.0)
>>> arabic_shadow("增长百分之八至九，收入一千二百零一亿元，提高两个百分点").text
'增长8至9%，收入1201亿元，提高2个百分点'
>>> arabic_shadow("一批项目、一些地区、十四五规划、三农工作、第一位").edits
()
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import alternation, columns, word_table
from ..words import INSIDE_HEDGES, MAGNITUDES

__all__ = ["Shadow", "arabic_shadow", "numeral_value"]

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_TENS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# traditional.tsv: the traditional forms of the characters the figure grammar reads (萬 → 万, 點 → 点 …)
_TRADITIONAL_FORMS: dict[str, str] = word_table("traditional")  # type: ignore[assignment]
# the one-character magnitudes (magnitudes.tsv: 万, 亿) and their traditional forms (萬, 億), each
# with the grammar's magnitude word
_MAG_OUT = {w: w for w in MAGNITUDES if len(w) == 1}
_MAG_OUT.update({t: s for t, s in _TRADITIONAL_FORMS.items() if s in _MAG_OUT})
_MAGS = {c: MAGNITUDES[w] for c, w in _MAG_OUT.items()}

_D = "".join(_DIGITS)
_ALL = _D + "".join(_TENS) + "".join(_MAGS)
# a numeral: starts with a digit or 十, may carry 十/百/千 and magnitudes, and decimals after 点
_NUM = rf"[{_D}十拾](?:[{_ALL}])*(?:[点點][{_D}]+)?"
_ARABIC = r"\d+(?:\.\d+)?"
_SEP = r"[至到～~—－\-]"
# not an ordinal (第一, 十二届十一次全会), not the tail of a longer numeral
_NOT_AFTER = rf"(?<![第届{_ALL}点點])"

# traditional forms of the words the figure grammar reads (units, magnitudes, hedges), one for one
_TRADITIONAL = str.maketrans("".join(_TRADITIONAL_FORMS), "".join(_TRADITIONAL_FORMS.values()))
_TRADITIONAL_RE = re.compile(f"[{''.join(_TRADITIONAL_FORMS)}]")
_RUN = re.compile(rf"[{_ALL}]+")
_PLACE = re.compile(f"[{''.join(_TENS)}{''.join(_MAGS)}]")  # a numeral carrying a place is a compound number
# units.tsv: the units of points and multiples (个百分点, 倍): a numeral before one is a figure
_POINTS_OR_TIMES = tuple(u for u, row in word_table("units").items() if columns(row)[0] in ("points", "multiple"))
_INSIDE = alternation(INSIDE_HEDGES)  # hedges.tsv: 多, 余 (一倍多, 三十余个)
_POINTS = alternation(_POINTS_OR_TIMES)
_AFTER_DIGIT = _POINTS_OR_TIMES + INSIDE_HEDGES + ("点", "點")
_SHADOW_RE = re.compile(rf"""
      (?P<per>[百千])分之(?P<p1>{_NUM}|{_ARABIC}|百)  # 百分之七点九, 百分之12.8, 百分之百, 千分之五
      (?:(?P<psep>{_SEP})(?:(?P=per)分之)?
         (?P<p2>{_NUM}|{_ARABIC}))?              # … 至九 / 到百分之九: a range, one unit
    | {_NOT_AFTER}(?P<pts>{_NUM})
      (?=(?:{_INSIDE})?(?:{_POINTS}))              # 两个百分点, 四点二倍, 一倍多
    | {_NOT_AFTER}(?P<amt>{_NUM}|(?<=近)[百千万][{_ALL}]*)  # 近百个, 近千万: 近 drops the 一
                                                 # 一千二百零一亿元, 七千四百多亿元 (_amount_ok)
    """, re.VERBOSE)  # (2500億元: the traditional magnitude is read as 亿 by _TRADITIONAL)


def numeral_value(s: str) -> float | None:
    """The value of a Chinese numeral (一千二百零一亿, 十二点八, 一九九三 read digit by digit); None if
    it is not one."""
    s = _WANWAN.sub("亿", s.strip())  # 五万万: the older way to write 五亿
    if not s:
        return None
    whole, frac = (re.split("[点點]", s, maxsplit=1) + [""])[:2]
    if frac and any(c not in _DIGITS for c in frac):
        return None
    value = _integer(whole)
    if value is None:
        return None
    if frac:
        value += float("0." + "".join(str(_DIGITS[c]) for c in frac))
    return value


def _integer(s: str) -> float | None:
    if not s:
        return None
    if all(c in _DIGITS for c in s):  # 一九九三, 八: digit by digit
        return float("".join(str(_DIGITS[c]) for c in s))
    total, section, number = 0.0, 0.0, 0
    for prev, c in zip(" " + s, s):
        if c in _DIGITS:
            if prev in _DIGITS and prev not in "零〇○":
                return None  # 十四五, 三二: two digits in a row are a name, not a number
            number = _DIGITS[c]
        elif c in _TENS:
            section += (number or 1) * _TENS[c]
            number = 0
        elif c in _MAGS and _MAGS[c] == 1e8:
            total, section, number = (total + section + number) * 1e8, 0.0, 0
        elif c in _MAGS:
            total, section, number = total + (section + number) * 1e4, 0.0, 0
        else:
            return None
    return total + section + number


def _plain(v: float) -> str:
    """12.8 → '12.8', 1201.0 → '1201' (never an exponent)."""
    return ("%.6f" % v).rstrip("0").rstrip(".")


def _with_magnitude(numeral: str) -> str | None:
    """一千二百零一亿 → '1201亿', 一万亿 → '1万亿', 十二点八 → '12.8': the magnitude kept as a word."""
    numeral = _WANWAN.sub("亿", numeral)
    value = numeral_value(numeral)
    if value is None:
        return None
    m = re.search(rf"[{''.join(_MAGS)}]+$", numeral)
    if not m or "点" in numeral or "點" in numeral:
        return _plain(value)
    mags = m.group()
    scale = 1.0
    for c in mags:
        scale *= _MAGS[c]
    if scale not in (1e4, 1e8, 1e12):
        return _plain(value)
    return _plain(value / scale) + "".join(_MAG_OUT[c] for c in mags)


# after a numeral: a tier (五百亿级开发区) or a session (十二届十一次全会) — a name, not an amount
_NOT_AN_AMOUNT = re.compile(r"级|次(?:全会|全体会议|会议|代表大会)")
_AMOUNT_TAIL = re.compile(f"(?:{_INSIDE})?[{''.join(_MAGS)}]*")  # 多/余 and magnitudes after a numeral


def _amount_ok(text: str, m: re.Match) -> bool:
    """A numeral before a unit is a figure when it carries a magnitude (一千二百零一亿元, 五百多万吨) or
    is a compound number (十四个, 三十多种, 一百二十项): 一批, 三个, 十项, 五位一体 are words, and a
    year (一九八三年) is read digit by digit, not as a compound.  The figure grammar then wants a unit
    after it (年, 届, 周年 give no figure)."""
    numeral = m.group("amt")
    rest = _AMOUNT_TAIL.match(text, m.end())
    tail = rest.group() if rest else ""
    if _NOT_AN_AMOUNT.match(text, m.end() + len(tail)):
        return False
    if numeral[0] in "百佰千仟万萬":  # 近百个, 近千万: nearly a hundred (only after 近)
        return True
    if re.search(f"[{''.join(_MAGS)}]", numeral + tail):
        return True
    return len(numeral) >= 2 and bool(re.search(f"[{''.join(_TENS)}]", numeral)) or (
        bool(tail) and numeral[-1] in _TENS)  # 二十多位, 十多个


@dataclass(frozen=True)
class Shadow:
    """A paragraph with its Chinese numerals written in digits, and the way back to the original.

    ``edits`` are ``(shadow_start, shadow_end, start, end)`` spans, in order."""

    text: str
    edits: tuple[tuple[int, int, int, int], ...]

    def start(self, i: int) -> int:
        """The original offset of a figure that starts at shadow offset *i*."""
        return self._map(i, at_end=False)

    def end(self, i: int) -> int:
        """The original offset of a figure that ends at shadow offset *i*."""
        return self._map(i, at_end=True)

    def _map(self, i: int, at_end: bool) -> int:
        shift = 0
        for a, b, start, end in self.edits:
            if (a < i <= b) if at_end else (a <= i < b):
                return end if at_end else start  # inside a numeral: the whole numeral
            if b > i:
                break
            shift = end - b
        return i + shift

    def touches(self, a: int, b: int) -> bool:
        """Whether shadow span [a, b) was written in Chinese numerals."""
        return any(e[0] < b and a < e[1] for e in self.edits)


def arabic_shadow(text: str) -> Shadow:
    """*text* with every Chinese numeral that stands where a figure does written in Arabic digits,
    and the traditional forms of the grammar's unit and hedge words in simplified ones (超過 → 超过,
    萬噸 → 万吨: one character for one, offsets unchanged).

    >>> arabic_shadow("糧食超過三千萬噸").text
    '糧食超过3000万吨'
    """
    if _TRADITIONAL_RE.search(text):
        text = text.translate(_TRADITIONAL)
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos, out_len, end = 0, 0, 0
    for run in _RUN.finditer(text):  # a figure starts a run of numeral characters: try only there
        if run.start() < end or not (_PLACE.search(text, *run.span()) or text.startswith(_AFTER_DIGIT, run.end())):
            continue  # 一, 三: a lone digit is a figure only before 个百分点, 倍, 多, 余 or a decimal point
        m = _SHADOW_RE.match(text, run.start())
        if m is None:
            continue
        end = m.end()
        found = _replacement(text, m)
        if found is None:
            continue
        new, end = found
        parts.append(text[pos:m.start()])
        out_len += m.start() - pos
        edits.append((out_len, out_len + len(new), m.start(), end))
        parts.append(new)
        out_len += len(new)
        pos = end
    if not edits:
        return Shadow(text, ())  # (traditional forms mapped, offsets the same)
    parts.append(text[pos:])
    return Shadow("".join(parts), tuple(edits))


def _replacement(text: str, m: re.Match) -> tuple[str, int] | None:
    """The digits for match *m* and where the replaced text ends (None: not a figure)."""
    if m.group("p1"):
        first = "100" if m.group("p1") == "百" else _arabic(m.group("p1"))
        if first is None:
            return None
        sign = "%" if m.group("per") == "百" else "‰"
        if m.group("p2"):
            second = _arabic(m.group("p2"))
            return None if second is None else (f"{first}{m.group('psep')}{second}{sign}", m.end())
        return first + sign, m.end()
    if m.group("pts"):
        new = _arabic(m.group("pts"))
        return None if new is None else (new, m.end())
    if m.group("amt"):
        if not _amount_ok(text, m):
            return None
        split = _SPLIT_WAN.match(text, m.end())
        if split and re.search("[亿億]", m.group("amt")) and m.group("amt")[-1] not in _MAGS:
            # 二十五亿七千多万元: the 万 after 多 belongs to the 七千 → 25.7亿多元
            value = numeral_value(m.group("amt") + "万")
            return (None if value is None else (_plain(value / 1e8) + "亿" + split.group(1), split.end()))
        new = _with_magnitude(m.group("amt"))
        return None if new is None else (new, m.end())
    return None


_SPLIT_WAN = re.compile("([多余餘])[万萬]")
_WANWAN = re.compile("[万萬][万萬]")


def _arabic(s: str) -> str | None:
    if re.fullmatch(_ARABIC, s):
        return s
    value = numeral_value(s)
    return None if value is None else _plain(value)
