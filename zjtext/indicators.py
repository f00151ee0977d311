"""The indicator vocabulary: one canonical key per headline indicator, whatever a report calls it.

Reports name one indicator many ways (生产总值 / 全省生产总值 / 国内生产总值 / GDP / 经济增长;
居民消费价格 / CPI / 物价 …). Tables of different reports join, and targets meet their results, on
the key from :func:`indicator_key`. The vocabulary is data (``resources/indicators.tsv``): a key, a
display name, the usual measure (``kind``), whether lower is better, and the names reports use.

A name maps to a key only when the *whole* name, after :func:`normalise`, is a known alias: a ratio,
share or gap *of* an indicator (研发经费占生产总值比重 is not 生产总值; 增速高于全国 is not growth)
never inherits the indicator's key. An unknown name gives ``''``, never a guess.

>>> indicator_key("全省生产总值"), indicator_key("国内生产总值增长"), indicator_key("GDP")
('gdp', 'gdp', 'gdp')
>>> indicator_key("城镇登记失业率"), indicator_key("城镇调查失业率")
('unemployment_registered', 'unemployment_surveyed')
>>> indicator_key("无人机产量占全国比重")
''
>>> lookup("cpi").name, lookup("cpi").lower_is_better
('居民消费价格', True)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import resource_text
from .report import NATIONAL

__all__ = ["Indicator", "vocabulary", "indicator_key", "lookup", "display_name", "normalise", "named_keys", "KINDS"]

KINDS = ("growth", "rate", "level", "index")

_DROP = re.compile(r"[\s“”‘’\"'《》〈〉「」『』（）()\[\]【】·、，,：:；;。]")
_LEAD_VERB = re.compile(r"^(?:完成|实现|达到|力争|确保|预计|其中|初步核算|初步统计)+")
_REGION = re.compile(r"^(?:全省|全市|全区|全国|全州|全县|全盟|全?自治区|全社会(?=研发)|我省|我市|我区|我国|本省|本市|本区)")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:省|市|自治区|特别行政区)(?=[\u4e00-\u9fffA-Z])")
_CONVERTED = re.compile(r"[（(]折合[^（）()]*[）)]$")
_TIME = re.compile(r"^(?:全年|今年|去年|上年|当年|年末|年底|年均)")
_TRAILING = re.compile(
    r"(?:实际增长|名义增长|同比增长|增长率|增长|增速|增幅|涨幅|上涨|升幅|下降|降低|降幅|减少|总量|总额|规模|水平|速度|幅度|平均值|均值|平均|目标|预期目标)$"
)


@dataclass(frozen=True)
class Indicator:
    """One entry of the vocabulary."""

    key: str
    name: str
    kind: str
    lower_is_better: bool
    aliases: tuple[str, ...]


def normalise(name: str) -> str:
    """A name as the vocabulary compares it: NFKC (full-width → ASCII), no spaces, quotes, brackets or
    punctuation, Latin letters upper-case.

    >>> normalise("细颗粒物（PM2.5）年均浓度"), normalise("ｇｄｐ")
    ('细颗粒物PM2.5年均浓度', 'GDP')
    """
    text = unicodedata.normalize("NFKC", str(name or ""))
    return _DROP.sub("", text).upper()


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Indicator]:
    """Every indicator of ``resources/indicators.tsv``, by key, in display order."""
    text = resource_text("indicators.tsv")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    out: dict[str, Indicator] = {}
    for cells in body:
        rec = dict(zip(header, cells))
        if rec["kind"] not in KINDS:
            raise ValueError(f"indicators.tsv: {rec['key']}: unknown kind {rec['kind']!r}")
        aliases = tuple(dict.fromkeys(normalise(a) for a in [rec["name"], *rec["aliases"].split("|")] if a))
        out[rec["key"]] = Indicator(rec["key"], rec["name"], rec["kind"], rec["lower_is_better"] == "yes", aliases)
    return out


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for ind in vocabulary().values():
        for alias in ind.aliases:
            if index.setdefault(alias, ind.key) != ind.key:
                raise ValueError(f"indicators.tsv: alias {alias!r} names both {index[alias]} and {ind.key}")
    return index


def _variants(name: str) -> list[str]:
    """The forms a name is looked up in, most literal first."""
    out = [name]
    for pattern in (_LEAD_VERB, _TIME, _REGION, _PLACE, _TIME):
        stripped = pattern.sub("", out[-1])
        if stripped and stripped != out[-1]:
            out.append(stripped)
    tails = []
    for form in out:
        shorter = form
        while (cut := _TRAILING.sub("", shorter)) and cut != shorter:
            tails.append(cut)
            shorter = cut
    return out + tails


@lru_cache(maxsize=4096)
def indicator_key(name: str) -> str:
    """The vocabulary key of an indicator name, or ``''`` when no entry fits the whole name.

    >>> indicator_key("居民消费价格涨幅"), indicator_key("外贸进出口"), indicator_key("规上工业增加值")
    ('cpi', 'trade', 'industry_above_scale')
    >>> indicator_key("完成地区生产总值"), indicator_key("浙江省生产总值"), indicator_key("单位GDP二氧化碳排放")
    ('gdp', 'gdp', 'co2_intensity')
    >>> indicator_key("研发经费支出占生产总值比例"), indicator_key("生产总值增速高于全国幅度")
    ('rd_intensity', '')
    >>> indicator_key("实际使用外资（折合人民币）"), indicator_key("固定资产投资（工业）")
    ('fdi', '')
    """
    index = _alias_index()
    base = normalise(_CONVERTED.sub("", name))  # the same quantity in another currency
    if not base:
        return ""
    for form in _variants(base):
        if form in index:
            return index[form]
    return ""


def lookup(key: str) -> Indicator | None:
    """The vocabulary entry for a key (``None`` for an unknown or empty key)."""
    return vocabulary().get(str(key or ""))


#: The headline indicator that took an older one's place: 国民生产总值 (GNP, the growth headline until
#: 1993) is read as 国内生产总值 (GDP) where a report gives GDP only (tracking, the series chart).
STANDS_IN = {"gnp": "gdp"}


def display_name(key: str, default: str = "", region: str = "") -> str:
    """The display name for a key, or ``default`` when the key is unknown. For the national report
    (``region`` 全国) a 地区… name reads 国内… (地区生产总值 → 国内生产总值), as that report writes it.

    >>> display_name("income_rural"), display_name("", "原文名称"), display_name("gdp", region="全国")
    ('农村居民人均可支配收入', '原文名称', '国内生产总值')
    """
    entry = lookup(key)
    if entry is None:
        return default
    return "国内" + entry.name[2:] if region == NATIONAL and entry.name.startswith("地区") else entry.name


def named_keys(text: str) -> set[str]:
    """The indicator keys whose names occur in ``text``, longest name first at each place (so 进出口
    is trade, not exports).

    >>> sorted(named_keys("受外需影响，进出口总额下降，居民消费价格涨幅回落")), sorted(named_keys("出口增长"))
    (['cpi', 'trade'], ['exports'])
    """
    names, lengths = _names_by_first()
    t, out, i = normalise(text), set(), 0
    while i < len(t):
        for n in lengths.get(t[i], ()):
            if t[i:i + n] in names:
                out.add(names[t[i:i + n]])
                i += n
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def _names_by_first() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """The names :func:`named_keys` looks for (every alias of two characters or more, to its key), and
    by first character the lengths of the names that begin with it, longest first."""
    names = {a: e.key for e in vocabulary().values() for a in e.aliases if len(a) >= 2}
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    return names, {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}
