"""Every Chinese word a reader sees for a code, once: verdicts, periods, directions, column headers,
page titles, report names, and readable amounts.

Pages, notebooks, charts and the terminal all take their words from here, so a verdict reads the same
everywhere. The module imports nothing from zjtext: any stage may use it.

>>> VERDICT["met (within 左右)"], DIRECTION["vanished"], PERIOD["actual"]
('基本达成（左右）', '不再出现', '实绩')
>>> amount(5300000000000, "元"), amount(3300e8, "元"), amount(5.5, "%"), amount(112e4, "人")
('5.3万亿元', '3300亿元', '5.5%', '112万人')
>>> report_name({"region": "", "year": 2019, "title": "2019年中华人民共和国国务院政府工作报告"})
'2019年国务院政府工作报告'
"""
from __future__ import annotations

import math
import re
from typing import Any, Mapping

from ..report import NATIONAL
from ..words import READING_MAGNITUDES

# ---------------------------------------------------------------- codes → words

PERIOD = {"target": "目标", "actual": "实绩"}
PERIOD_LONG = {"target": "今年目标", "actual": "上年实绩"}
#: Verdict codes (:data:`zjtext.match.VERDICTS`) in the pages' words; 基本达成（左右） only for a 左右 target.
VERDICT = {"met": "达成", "met (within 左右)": "基本达成（左右）", "met (approx)": "基本达成", "missed": "未达成",
           "not reported": "未报告", "not comparable": "无法比较"}
DIRECTION = {"rose": "升温", "fell": "降温", "appeared": "新出现", "vanished": "不再出现", "unchanged": "持平"}
STATUS = {"new": "新提出", "kept": "延续", "dropped": "不再提及"}
QUALIFIER = {"approx": "左右/约", "at_least": "以上/不低于", "at_most": "以内/不高于", "more_than": "超过", "none": ""}
CHANGE = {"increase": "增长", "decrease": "下降", "none": ""}
CATEGORY = {"percent": "百分比", "points": "百分点", "money": "金额", "count": "个数", "physical": "实物量",
            "multiple": "倍数", "rank": "名次"}
KIND = {"heading": "标题", "body": "正文", "list_item": "列表项", "note": "名词解释"}

# column names of zjtext's tables → headers a reader sees
COLUMNS = {
    "paragraph": "段落", "indicator": "指标", "surface": "原文数值", "change": "增减", "period": "时期",
    "section": "章节", "qualifier": "限定", "category": "类别", "sentence": "原句", "value": "数值",
    "base_unit": "单位", "target": "目标", "actual": "实绩", "actual_indicator": "对照指标", "verdict": "判定",
    "term": "词", "keyword": "关键词", "count": "次数", "rank": "名次", "per_10k": "每万字", "status": "提法",
    "direction": "变化", "kind": "类型", "text": "文本", "report": "报告",
}

PAGE_TITLES = {
    "01-load-and-segment": "载入与分词",
    "02-keyword-frequency": "关键词词频",
    "03-metric-extraction": "指标抽取",
    "04-charts": "图表",
    "05-compare-reports": "年度对比",
    "06-panel-and-series": "各地并排与历年追踪",
}

NATIONAL_ISSUER = "国务院"  # who issues the national report: its name reads 2019年国务院政府工作报告
_NATIONAL_TITLE = re.compile(r"国务院|中华人民共和国")


# ---------------------------------------------------------------- report names

def _get(meta: Any, name: str) -> Any:
    return meta.get(name) if isinstance(meta, Mapping) else getattr(meta, name, None)


def region_name(meta: Any) -> str:
    """The region as a reader names it; a national (国务院) report's region is 全国.

    >>> region_name({"region": "浙江省", "title": "2024年政府工作报告"}), region_name({"region": "", "title": "国务院政府工作报告"})
    ('浙江省', '全国')
    """
    region = _get(meta, "region") or ""
    if not region and _NATIONAL_TITLE.search(_get(meta, "title") or ""):
        return NATIONAL
    return region


def report_name(meta: Any) -> str:
    """One style for every report, whatever its source called it: year, issuer, 政府工作报告 — the
    issuer being the region, or 国务院 for the national report (as :attr:`ReportMeta.display_title`
    has it, so a page's heading and its links name a report alike).

    >>> report_name({"region": "安徽省", "year": 2026, "title": "安徽省2026年政府工作报告"})
    '2026年安徽省政府工作报告'
    >>> report_name({"region": "浙江省", "year": 2024, "title": "2024年政府工作报告"})
    '2024年浙江省政府工作报告'
    >>> report_name({"region": "全国", "year": 2019, "title": "政府工作报告"})
    '2019年国务院政府工作报告'
    """
    region = region_name(meta)
    issuer = NATIONAL_ISSUER if region == NATIONAL else region
    year = _get(meta, "year")
    return f"{year}年{issuer}政府工作报告" if year else f"{issuer}政府工作报告"


def short_name(meta: Any) -> str:
    """Year and region, for links and column headers: '2024年浙江省' (the form of the reports' own titles).

    >>> short_name({"region": "浙江省", "year": 2024}), short_name({"region": "", "year": None, "title": ""})
    ('2024年浙江省', '')
    """
    year = _get(meta, "year")
    return f"{year}年{region_name(meta)}" if year else region_name(meta)


# ---------------------------------------------------------------- numbers for reading

_MAGNITUDES = tuple((size, word) for word, size in READING_MAGNITUDES)  # magnitudes.tsv: 万亿, 亿, 万
_NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")


def exact(x: Any) -> str:
    """A value in full: no scientific notation, no trailing zeros; empty for missing.

    >>> exact(6019945000000.0), exact(5.5), exact(float("nan")), exact(None)
    ('6019945000000', '5.5', '', '')
    """
    if x is None or x == "":
        return ""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return str(x)
    if math.isnan(x):
        return ""
    return f"{x:.15g}" if abs(x) < 1e15 else f"{x:.6g}"


def number(x: Any) -> str:
    """A value for reading: from 10 000 up in 万, 亿 or 万亿 (three significant digits, or one
    decimal from 100 up); the exact value stays in the CSV (:func:`exact`).

    >>> number(5300000000000), number(6019945000000.0), number(1023.6e8), number(37600), number(5.5), number(None)
    ('5.3万亿', '6.02万亿', '1023.6亿', '3.76万', '5.5', '')
    """
    text = exact(x)
    if not text or not _NUMERIC.match(text):
        return text
    value = float(x)
    for size, word in _MAGNITUDES:
        if abs(value) >= size:
            scaled = value / size
            return (f"{scaled:.3g}" if abs(scaled) < 100 else exact(round(scaled, 1))) + word
    return text


def amount(value: Any, unit: str = "") -> str:
    """A value with its unit as a reader writes it: :func:`number` followed by the unit.

    >>> amount(5300000000000, "元"), amount(3300e8, "元"), amount(12.5e4, "人"), amount(9999, "人"), amount(None, "元")
    ('5.3万亿元', '3300亿元', '12.5万人', '9999人', '')
    >>> amount(-2.4e8, "元"), amount(3.3, "个百分点")
    ('-2.4亿元', '3.3个百分点')
    """
    text = number(value)
    return f"{text}{unit or ''}" if text else ""


def verdict(code: Any) -> str:
    """A verdict code in the pages' words (unknown codes unchanged).

    >>> verdict("missed"), verdict("")
    ('未达成', '')
    """
    return VERDICT.get(str(code), "" if code is None else str(code))
