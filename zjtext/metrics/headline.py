"""The headline table: the main expected targets (主要预期目标) and last year's headline results."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..clean import BULLETS
from ..lexicon import alternation
from ..report import NATIONAL, Paragraph, Report
from ..words import DECREASE, INCREASE, STRETCH_WORDS, SUFFIX_HEDGES, cues
from .extract import _as_float, _sentence_spans, metric_rows, row_key
from .figures import _CJK, _POST_HEDGE_RE
from .period import earlier_frames, infer_year, paragraph_periods
from .subjects import _split_items

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["HEADLINE_COLUMNS", "HEADLINE_EXTRA", "headline", "headline_rows"]

HEADLINE_COLUMNS = ["indicator", "period", "value", "value_max", "base_unit", "qualifier", "surface",
                    "sentence"]
HEADLINE_EXTRA = ["indicator_key", "change", "multi_year", "qualifier_text", "paragraph", "start"]

# 主要预期目标是： — or, where a heading line was joined to its list, no colon and a figure next
_CUE_VERB = r"(?:(?:建议|初步确定|确定|设定|安排|拟定|拟)?(?:是|为)|(?:安排)?如下)?"  # 是 / 建议为 / 确定为 / 安排如下
_TARGETS = alternation(cues("target", "target_list"))  # time_cues.tsv: 主要预期目标, 预期目标, 主要目标
_TARGET_CUE = re.compile(rf"({_TARGETS}){_CUE_VERB}(?:[：:]|(?=[^，,。；;：:的]{{1,16}}\d))")
# the cue as a heading of its own: （一）主要预期目标 / 今年发展的主要预期目标 (the list is the next paragraph)
_TARGET_HEADING = re.compile(r"(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]?)?[^。；，,]{0,16}?"
                             rf"({_TARGETS}){_CUE_VERB}[：:]?")
# the markers that open the items of a target list written one item a line
_MARKERS = (("dash", re.compile(r"^—")), ("number", re.compile(r"^\d{1,2}[、.．]")),
            ("bracket", re.compile(r"^[（(][一二三四五六七八九十\d]{1,2}[)）]")), ("shi", re.compile(r"^[一二三四五六七八九十]是")))


def _marker(text: str) -> str:
    """The kind of list marker a line opens with (—— / 1. / （一） / 一是), '' for none.

    >>> _marker("2.一般公共预算收入增长3%。"), _marker("（三）城镇新增就业"), _marker("地区生产总值")
    ('number', 'bracket', '')
    """
    return next((kind for kind, marker in _MARKERS if marker.match(text)), "")


def _list_line(text: str) -> bool:
    """One item of a target list written one item a line: it opens with a marker or ends with ；."""
    return bool(_marker(text)) or text.endswith(("；", ";"))


# a sentence about the targets themselves ends the list (加强对增长、就业、物价等主要目标的统筹平衡)
_TARGETS_TALK = re.compile(r"(?:等|这些|上述|各项|以上)(?:主要)?(?:预期)?目标")
_THIS_YEAR = re.compile(rf"""
      {alternation(cues("target", "this_year"))}     # time_cues.tsv: 今年, 明年, 开局之年 …
    | 20\d\d年(?:经济社会发展|发展|全省|全市|全区|全国)   # a year's own plan: 2041年经济社会发展
    """, re.VERBOSE)
_FIVE_YEAR_CUE = re.compile(r"“十[一二三四五六七八九]五”|十[一二三四五六七八九]五|五年")
# the reasoning behind the targets opens with 总的考虑是 / 之所以…: it ends the list too
_TARGET_LIST_STOP = re.compile(
    r"^(?:这|这些|这样|上述|确定|实现|综合|具体|重点|我们|为此|做好|围绕|今年要|要|必须|提出|设定|确定上述|"
    r"总的考虑|总体考虑|主要考虑|考虑到|之所以)")
# a clause that only frames a target (力争…) or states a purpose (为…创造良好环境): no target of its own
_MODIFIER_CLAUSE = re.compile(rf"^(?:在?实际工作中|{alternation(STRETCH_WORDS)}|积极|尽力|全力|"
                              r"为[^，,；;。]{1,30}?(?:创造|营造|提供|打下|奠定|打好))")
_HEADLINE_MACRO = re.compile(r"生产总值|GDP|经济增长|经济总量|国内生产总值")
_PAST_YEAR_CTX = re.compile(alternation(cues("actual", "headline")))  # time_cues.tsv: 过去一年, 去年 …
_FIVE_YEAR_CTX = re.compile(r"(?<![今未])(?:[过的这]|来)?五年(?!规划)|“十[一二三四]五”时期|十[一二三四]五时期")
# not headline indicators: shares of / gaps to the national figure, milestones, ranks (成为全国第九个…;
# 第一产业 is a sector, not a rank)
_NOT_HEADLINE = re.compile(r"全国|全球|世界|成为|首个|第[一二三四五六七八九十\d](?![一二三]?产业)|(?:高于|低于|快于|慢于|好于|领先)(?:全省|平均)")
# words that carry a clause on after a figure: a conjunction, a verb of change (change_words.tsv), a rank
# or comparison, a hedge written after a figure (hedges.tsv), 分别 / 同比 …
_CLAUSE_GOES_ON = re.compile(
    rf"(?:和|及|与|或|并|且|{INCREASE}|{DECREASE}|居|位居|稳居|跃居|高于|低于|快于|慢于|超过|为|是|"
    rf"{alternation(SUFFIX_HEDGES)}|等|分别|同比|比上年|较上年)")

def headline(report: Report, metrics: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """Main expected targets (主要预期目标) and the past year's headline results, one row per figure.

    Targets: the one list after 主要预期目标是/为/建议为/如下… (or that heading alone on a line), up to the
    commentary after it; only levels and changes of named indicators (no ranks, shares, milestones
    or multi-year figures). Targets stated only in words (居民收入与经济增长同步) appear with an
    empty value and the words in ``surface``. Results: the summary of the past year's main results,
    whole (inline 一是… items, run-in parts, gaps to the nation 高于全国0.4个百分点 and ranks 居全国
    第5位 included, multi-year figures left out); in a review split into topical units, the unit on
    the overall economy; for —— bullets, the growth, quality, industry and livelihood bullets.

    Columns :data:`HEADLINE_COLUMNS` then ``indicator_key`` (:mod:`zjtext.indicators`; '' for gaps,
    ranks and anything the vocabulary does not know), ``change`` (increase/decrease/none: ``value``
    stays unsigned, 下降3.3% is 3.3 with ``decrease``), ``multi_year``, ``qualifier_text, paragraph,
    start``. The selection is :func:`headline_rows`.
    """
    import pandas as pd

    # a table from before the multi_year column (an old CSV) is redone: the past-year block relies on it
    if metrics is None or "multi_year" not in metrics.columns:
        records = metric_rows(report)
    else:
        df = metrics
        if df["multi_year"].dtype != bool:  # read back as text
            df = df.assign(multi_year=df["multi_year"].astype(str).str.lower().isin(["true", "1", "1.0"]))
        records = df.to_dict("records")
    out = pd.DataFrame(headline_rows(report, records), columns=HEADLINE_COLUMNS + HEADLINE_EXTRA)
    out["value"] = out["value"].astype(float)
    out["value_max"] = out["value_max"].astype(float)
    out["multi_year"] = out["multi_year"].astype(bool)
    return out


def headline_rows(report: Report, metrics: list[dict] | None = None,
                  periods: dict[int, str] | None = None) -> list[dict]:
    """:func:`headline` on the row dicts of :func:`metric_rows` (computed when not given); ``periods``
    are the report's paragraph periods when already read (``zjtext.metrics.paragraph_periods``)."""
    from ..indicators import display_name

    records = metric_rows(report) if metrics is None else metrics
    targets = _headline_targets(report, records, periods) or _plan_sentence_targets(report, records)
    rows = targets + _headline_actuals(report, records)
    for r in rows:
        r["value"], r["value_max"] = _as_float(r["value"]), _as_float(r["value_max"])
        r["multi_year"] = bool(r["multi_year"])
        r["indicator_key"] = row_key(r["indicator"])
        abbreviated = _GDP_ABBREVIATION.match(str(r["indicator"]))
        if abbreviated:  # GDP增长4%, GDP增速快于2024年幅度: the headline table writes the name out
            r["indicator"] = display_name("gdp", region=report.meta.region) + r["indicator"][abbreviated.end():]
        elif r["indicator_key"] == "gdp" and not _NAMES_GDP.search(str(r["indicator"])):
            r["indicator"] = display_name("gdp", region=report.meta.region)  # 经济增长5%左右: GDP by its name
    return rows


#: words that name GDP itself; 经济增长, 经济总量 … only speak of it (the headline table names it)
_NAMES_GDP = re.compile(r"生产总值|GDP|ＧＤＰ", re.I)
_GDP_ABBREVIATION = re.compile(r"^(?:全年|全省|全市|全区)?(?:GDP|ＧＤＰ)", re.I)


def _row_out(r, period: str | None = None) -> dict:
    return {"indicator": r.indicator, "period": period or r.period, "value": r.value, "value_max": r.value_max,
            "base_unit": r.base_unit, "qualifier": r.qualifier, "surface": r.surface, "sentence": r.sentence,
            "change": getattr(r, "change", "none"), "multi_year": bool(getattr(r, "multi_year", False)),
            "qualifier_text": r.qualifier_text, "paragraph": r.paragraph, "start": r.start}


def _headline_worthy(r, text: str, national: bool = False) -> bool:
    """Is the figure a level or change of a named indicator (not a rank, a share of or gap to the
    national figure, a milestone, a threshold inside a noun, or a multi-year figure)?

    ``text`` is the paragraph the figure stands in; in the ``national`` report a name opening with
    全国 (全国商品零售价格总水平) is the nation's own indicator.
    """
    name = str(r.indicator).removeprefix("全国") if national else str(r.indicator)
    if r.category == "rank" or bool(getattr(r, "multi_year", False)) or _NOT_HEADLINE.search(name):
        return False
    start, end = int(r.start), int(getattr(r, "end", int(r.start) + len(str(r.surface))))
    hedge = _POST_HEDGE_RE.match(text, end)
    after = text[hedge.end() if hedge else end:end + 8]
    if re.match(rf"的[{_CJK}]", after):
        return False  # 贡献了全国16.8%的增量
    threshold = re.search(r"(?:过|超|超过|突破|逾)$", text[max(0, start - 2):start])
    return not (threshold and re.match(rf"[{_CJK}]", after) and not _CLAUSE_GOES_ON.match(after))  # 过6万亿元省份


def _beyond(text: str, year: int | None) -> bool:
    """Does ``text`` name a year after the report year (到2030年: a plan horizon)?"""
    return bool(year) and any(int(y) > year for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", text))


# how a line that closes its sentence or opens what follows (：) ends: the cue's window stops there (a
# paragraph is one line)
_CLOSING = ("。", "！", "？", "；", "：", ":")
#: the words that open the main-targets list, the best first (a later one counts only when no paragraph
#: of the plan opens the list with a better one)
_LIST_CUES = ("主要预期目标", "预期目标", "主要目标")


def _cue_window(body, i: int) -> tuple[list[tuple[Paragraph, int]], str]:
    """Paragraph ``i`` of ``body`` with the short lines after it that its cue may be cut over (今年…的 /
    主要预期目标 / 是：地区生产总值…): the (paragraph, offset) parts and their text joined."""
    p = body[i]
    window, parts, j = p.text, [(p, 0)], i
    while not window.endswith(_CLOSING) and j + 1 < len(body) and len(window) < 200 \
            and len(body[j + 1].text) < 200 or (j == i and j + 1 < len(body) and len(p.text) < 20):
        j += 1
        parts.append((body[j], len(window)))
        window += body[j].text
        if len(parts) > 3:
            break
    return parts, window


def _cues_in(p: Paragraph, parts: list, window: str, year: int | None) -> dict[str, int]:
    """Where the main-targets list starts after each cue word that opens one in the window of ``p``, a
    paragraph of this year's plan: after the word's first cue of this year, or, for the cue alone on a
    line (its list below it), at the paragraph's end."""
    ends: dict[str, int] = {}
    for m in _TARGET_CUE.finditer(window):
        lead_in = re.split(r"[。！？；]", window[:m.start()])[-1]  # the cue's own sentence
        # “十五五”时期主要目标 is a five-year list; 今年是“十五五”开局之年，主要预期目标是 is this year's
        five_year = (_FIVE_YEAR_CUE.search(lead_in) or _beyond(lead_in, year)) and not _THIS_YEAR.search(lead_in)
        if not five_year:
            ends.setdefault(m.group(1), m.end())
    heading = _TARGET_HEADING.fullmatch(p.text) if len(parts) > 1 else None
    if heading and heading.group(1) not in ends and not (_FIVE_YEAR_CUE.search(p.text) or _beyond(p.text, year)):
        ends[heading.group(1)] = len(p.text)  # 主要预期目标 alone on a line, the list below it
    return ends


def _find_target_list(report: Report, periods: dict[int, str] | None = None) -> list[tuple[Paragraph, int, int]]:
    """(paragraph, start, end) spans holding the main-targets list, after its cue: the first paragraph
    of this year's plan opening it with the best cue word (:data:`_LIST_CUES`)."""
    body = report.body
    periods = paragraph_periods(report) if periods is None else periods
    year = infer_year(report)
    found: dict[str, tuple] = {}  # cue word → (parts, where the list starts, window), its first paragraph
    for i, p in enumerate(body):
        if periods.get(p.index) != "target":
            continue  # a cue counts in this year's plan only
        parts, window = _cue_window(body, i)
        for word, cue_end in _cues_in(p, parts, window, year).items():
            found.setdefault(word, (parts, cue_end, window))
        if _LIST_CUES[0] in found:
            break  # the best word, at its first place
    best = next((found[word] for word in _LIST_CUES if word in found), None)
    if not best:
        return []
    parts, cue_end, window = best
    if parts[-1][1] + len(parts[-1][0].text) <= cue_end:  # the cue ends its lines: the list comes next
        after = [q for q in body if q.index > parts[-1][0].index][:1]
        parts = parts + [(q, cue_end) for q in after]
    # the list runs from the cue to the end of its paragraph, stopping at commentary (这些目标…)
    spans = []
    for k, (p, off) in enumerate(parts):
        seg_lo, seg_hi = off, off + len(p.text)
        if seg_hi <= cue_end:
            continue
        lo = max(seg_lo, cue_end) - off
        hi = len(p.text)
        for a, b, s in _sentence_spans(p):
            if a >= lo and (_TARGET_LIST_STOP.match(s) or (a > lo and _TARGETS_TALK.search(s))):
                hi = a
                break
        spans.append((p, lo, hi))
        break  # the list is the paragraph that follows the cue …
    if spans and spans[-1][2] == len(spans[-1][0].text) and _list_line(spans[-1][0].text):
        # … or, written one item a line (——地区生产总值增长5%左右；), the run of such lines
        body_at = {q.index: k for k, q in enumerate(body)}
        rest = body[body_at[spans[-1][0].index] + 1:]
        family = _marker(spans[-1][0].text)  # the items' marker (1. / （一） / ——), '' for none
        sentences = spans[-1][0].text.endswith("。")  # so far every item ends with 。
        for k, q in enumerate(rest):
            if not _list_line(q.text) or _TARGET_LIST_STOP.match(q.text) \
                    or (family and _marker(q.text) not in ("", family)):  # （三）重点工作 after 1. 2. 3.
                break
            spans.append((q, 0, len(q.text)))
            sentences = sentences and q.text.endswith("。")
            # 。 ends the list, unless the items all end so (1.…。 2.…。): then it ends where the numbering does
            following = rest[k + 1].text if k + 1 < len(rest) else ""
            if q.text.endswith("。") and not (family and sentences and _marker(following) == family):
                break
    return spans


# a clause of a target list, without the bullet that may open it (——单位地区生产总值能耗降低…)
_CLAUSE = re.compile(rf"[{BULLETS}\s]*([^，,；;。]*)")


def _headline_targets(report: Report, records: list[dict], periods: dict[int, str] | None = None) -> list[dict]:
    from types import SimpleNamespace

    found, national = _find_target_list(report, periods), report.meta.region == NATIONAL
    rows = _targets_before_cue(*found[0][:2], records) if found else []
    for p, lo, hi in found:
        figs_at = {int(r["start"]): SimpleNamespace(**r) for r in records
                   if r["paragraph"] == p.index and lo <= r["start"] < hi}
        spans = _sentence_spans(p)
        # walk the clauses in order, emitting figures and targets stated in words
        for m in _CLAUSE.finditer(p.text, lo, hi):
            c_lo, c_hi = m.start(1), m.end()
            clause = m.group(1).strip()
            inside = [figs_at[s] for s in sorted(figs_at) if c_lo <= s < c_hi]
            if inside:
                rows.extend(_row_out(r, "target") for r in inside if _headline_worthy(r, p.text, national))
                continue
            if not clause or _MODIFIER_CLAUSE.match(clause) or len(clause) < 4:
                continue
            sent = next((s for a, b, s in spans if a <= c_lo < b), clause)
            for name in _word_target_subjects(clause):
                rows.append({"indicator": name, "period": "target", "value": None, "value_max": None,
                             "base_unit": "", "qualifier": "none", "surface": clause, "sentence": sent,
                             "change": "increase" if "同步" in clause else "none", "multi_year": False,
                             "qualifier_text": "", "paragraph": p.index, "start": c_lo})
    return rows


# a sentence that sets this year's plan without a list of main targets (older reports): 今年计划要求…,
# 今年国民生产总值计划增长8%, 经济增长速度的宏观调控目标定为8%至9%, 经济增长预期为7%左右
_PLAN_CUE = re.compile(r"计划|调控目标|预期|目标|要求")
_GROWTH_KEYS = ("gdp", "gnp", "gross_output")


def _plan_sentence_targets(report: Report, records: list[dict]) -> list[dict]:
    """Where a report has no list of main targets: the first sentence of this year's plan that sets
    the growth of the economy (GDP, GNP or 工农业总产值) with a figure, and the targets that follow it in
    its paragraph (of known indicators)."""
    from types import SimpleNamespace

    from ..indicators import indicator_key

    year = infer_year(report)
    this_year = re.compile(r"今年|本年" + (f"|{year}年" if year else ""))
    by_par: dict[int, list] = {}
    for rec in records:
        if rec["period"] == "target" and not rec.get("multi_year"):
            by_par.setdefault(rec["paragraph"], []).append(SimpleNamespace(**rec))
    for p in report.body:
        recs = sorted(by_par.get(p.index, []), key=lambda r: int(r.start))
        for a, b, s in _sentence_spans(p) if recs else ():
            growth = [r for r in recs if a <= int(r.start) < b and indicator_key(str(r.indicator)) in _GROWTH_KEYS
                      and r.base_unit == "%"]
            if growth and _PLAN_CUE.search(s) and this_year.search(s):
                return [_row_out(r, "target") for r in recs if int(r.start) >= a
                        and _headline_worthy(r, p.text, report.meta.region == NATIONAL)
                        and indicator_key(str(r.indicator))]
    return []


_SENTENCE_END = "。！？"
# a cue that says the list holds the *other* targets (其他主要预期目标是：): one was set just before it
_OTHER_TARGETS = re.compile(r"其他|其余|其它")
_SETS_TARGET = re.compile(r"目标")


def _targets_before_cue(p: Paragraph, lo: int, records: list[dict]) -> list[dict]:
    """Targets set in the sentence just before the list's cue, in its paragraph (建议今年生产总值增长
    预期目标为5%左右。其他主要预期目标是：…): its figures of known indicators, when the cue speaks of the
    other targets or the sentence names a target (…增长目标定为5%左右。主要预期目标是：…)."""
    from types import SimpleNamespace

    text = p.text
    cue_at = max(text.rfind(c, 0, lo) for c in _SENTENCE_END) + 1  # the cue's own sentence
    if cue_at <= 0:
        return []
    before = max(text.rfind(c, 0, cue_at - 1) for c in _SENTENCE_END) + 1
    sentence, cue = text[before:cue_at], text[cue_at:lo]
    if not (_OTHER_TARGETS.search(cue) or _SETS_TARGET.search(sentence)):
        return []
    figs = [SimpleNamespace(**r) for r in records if r["paragraph"] == p.index and before <= r["start"] < cue_at
            and r["period"] == "target" and row_key(r["indicator"])]
    return [_row_out(r, "target") for r in sorted(figs, key=lambda r: int(r.start)) if _headline_worthy(r, text)]


#: What follows the subject of a target in words: a verb, or an adverb before one (宏观杠杆率基本稳定,
#: 金融风险有效防控, 改革取得实质性进展); 基本 and 有效 only there, so 基本养老保险 stays whole.
_WORD_TARGET_VERB = re.compile(
    r"(.{2,}?)(?:保持|稳量|稳中|稳定|完成|达到|实现|继续|进一步|全面|符合|控制|下降|降低|提高|提升|持续|"
    r"改善|优化|增长|与|取得|争取|力争|基本(?=稳定|平衡|同步|持平|实现|完成|建成|消除|达到)|"
    r"(?:有序)?有效(?=防控|防范|化解|控制|遏制)|(?:稳步|较快|明显|逐步|不断|显著)(?=增长|增加|提高|提升|改善|下降|降低))")


def _word_target_subjects(clause: str) -> list[str]:
    """一般公共预算收入、城乡居民收入与经济增长同步 → [一般公共预算收入, 城乡居民收入].

    >>> _word_target_subjects("宏观杠杆率基本稳定"), _word_target_subjects("各类风险有序有效防控")
    (['宏观杠杆率'], ['各类风险'])
    >>> _word_target_subjects("居民收入稳步增长"), _word_target_subjects("生态环境质量明显改善")
    (['居民收入'], ['生态环境质量'])
    >>> _word_target_subjects("城乡居民基本养老保险参保率保持稳定"), _word_target_subjects("进出口总额争取实现正增长")
    (['城乡居民基本养老保险参保率'], ['进出口总额'])
    """
    m = re.match(r"(.{2,}?)(?:实际|名义)?(?:增长)?(?:与|和|同)经济增长.*同步", clause)
    if m:
        return _split_items(m.group(1)) or [m.group(1)]
    m = _WORD_TARGET_VERB.match(clause)
    if m and not re.match(r"^(?:全面|完成|按照|确保|实现)", clause):
        return joint_indicators(m.group(1))
    return [clause]


def joint_indicators(subject: str) -> list[str]:
    """The indicators one target names together (…能耗和二氧化碳排放完成国家下达任务, …收入均增长8%): the
    items, with a shared head lent (城镇和农村居民人均可支配收入), and each item after the first lent the
    first one's opening words when that makes it a known indicator; the subject whole when no item
    is a known indicator.

    >>> joint_indicators("单位地区生产总值能耗和二氧化碳排放")
    ['单位地区生产总值能耗', '单位地区生产总值二氧化碳排放']
    >>> joint_indicators("城镇和农村居民人均可支配收入")
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> joint_indicators("单位生产总值能耗和主要污染物排放量"), joint_indicators("生态环境和人居环境")
    (['单位生产总值能耗', '主要污染物排放量'], ['生态环境和人居环境'])
    """
    from ..indicators import indicator_key
    from .subjects import resolve_list

    items = _split_items(subject)
    if len(items) < 2:
        return [subject]
    items = resolve_list(subject, len(items))
    first, named = items[0], items[:1]
    for item in items[1:]:
        if not indicator_key(item):
            item = next((first[:k] + item for k in range(len(first) - 1, 1, -1) if indicator_key(first[:k] + item)),
                        item)
        named.append(item)
    return named if any(map(indicator_key, named)) else [subject]


# a share, ratio or intensity of GDP (服务业在国内生产总值中占比, 单位国内生产总值能耗) is not a macro figure
_OF_GDP = re.compile(r"占|比重|比例|贡献|强度|能耗|水耗|排放|相当于|单位")


def _macro_figure(indicator: str) -> bool:
    """Does a figure measure the economy as a whole (GDP, growth), not a share or intensity of it?

    >>> _macro_figure("国内生产总值"), _macro_figure("在国内生产总值中占比"), _macro_figure("单位生产总值能耗")
    (True, False, False)
    """
    name = str(indicator)
    return bool(_HEADLINE_MACRO.search(name)) and not _OF_GDP.search(name)


def _past_year_at(text: str, year: int | None) -> int | None:
    """Where ``text`` first speaks of the past year (过去一年, 去年, 2025年 in a 2026 report), or None."""
    m = _PAST_YEAR_CTX.search(text)
    k = text.find(f"{year - 1}年") if year else -1
    found = [i for i in (m.start() if m else -1, k) if i >= 0]
    return min(found) if found else None


def _headline_actuals(report: Report, records: list[dict]) -> list[dict]:
    """The first block of macro results of the past year in the review (GDP growth and what follows it)."""
    if not records:
        return []
    from types import SimpleNamespace

    every: dict[int, list[dict]] = {}  # the figures of each paragraph
    for rec in records:
        every.setdefault(rec["paragraph"], []).append(rec)
    year = infer_year(report)
    ctx = "year"
    best = None  # (not past-year context, paragraph, sentence start)
    paras = {p.index: p for p in report.body}
    for p in report.body:
        first = p.sentences[0] if p.sentences else p.text
        five, past = _FIVE_YEAR_CTX.search(first[:30]), _past_year_at(first[:30], year)
        if (five and (past is None or five.start() < past)) or (
                p.kind == "heading" and _FIVE_YEAR_CTX.search(p.text) and not (year and str(year - 1) in p.text)):
            ctx = "plan"  # 五年来… / “十三五”时期，…年均增长…，2020年达到…: a five-year review
        elif past is not None:
            ctx = "year"
        macro = [r["start"] for r in every.get(p.index, ())  # where the paragraph gives the economy's results
                 if r["period"] == "actual" and not r.get("multi_year", False) and _macro_figure(r["indicator"])]
        if not macro:
            continue
        frame_at = earlier_frames(p.text)
        for a, b, s in _sentence_spans(p):
            if not any(a <= start < b for start in macro):
                continue
            # in a five-year review only a sentence that opens on the past year (2020年，…) is about it
            # … or follows one in its paragraph that does (…开局之年。过去一年，…。国内生产总值增长…)
            opens = _past_year_at(s[:12], year) is not None or frame_at(a) == "past"
            own = "year" if (ctx == "year" and _past_year_at(s, year) is not None) or opens else ctx
            cand = (own != "year", p.index, a if ctx == "plan" else 0)  # in a five-year review: from that sentence on
            if best is None or cand[:2] < best[:2]:
                best = cand
            break
        if best and not best[0]:
            break  # the first past-year block wins
    if best is None:
        return []
    _, par, a0 = best
    rows = []
    a1 = _summary_end(paras[par].text, a0)
    for index in _block_paragraphs(report.body, par) if a1 is None else [par]:
        recs = sorted((SimpleNamespace(**r) for r in every.get(index, [])), key=lambda r: int(r.start))
        rows.extend(_row_out(r, "actual") for r in recs
                    if not bool(getattr(r, "multi_year", False))
                    and (index != par or a0 <= int(r.start) < (len(paras[par].text) if a1 is None else a1)))
    return rows


# a run-in heading: a short sentence of its own, no figure, no comma (经济运行稳中有进。投资消费回暖向好。)
# (inline 一是…四是 items are not: they enumerate one compact summary, taken whole)
_RUN_IN = re.compile(r"(?<=[。！；])(?![一二三四五六七八九十]是)([^。！？；，,、：:\d]{4,12})[。！；]")
# run-in parts on the economy as a whole (growth, investment and consumption, trade, revenue) belong
# to the summary (projects are investment, 质效 the economy's quality); parts on innovation, industry,
# livelihoods, safety or reform are topical
_ECONOMY_PART = re.compile(r"经济|运行|增长|增速|指标|质效|效益|投资|项目|消费|内需|需求|总量|外贸|进出口|财政|收支")


def _summary_end(text: str, start: int) -> int | None:
    """Where the summary of the past year stops in a paragraph split by run-in headings: at the first
    run-in part, after ``start``, that is not about the economy as a whole; None when the paragraph
    has fewer than two run-in headings after ``start``, or every part is about the economy.

    >>> t = "过去一年，成绩显著。经济运行稳中有进。增长5%。投资消费回暖向好。投资增长3%。民生保障扎实有力。新增就业9万人。"
    >>> t[_summary_end(t, 0):]
    '民生保障扎实有力。新增就业9万人。'
    >>> _summary_end("经济增长5%。城乡居民收入稳步增加。", 0) is None
    True
    """
    parts = [m for m in _RUN_IN.finditer(text, max(start - 1, 0)) if m.start() >= start]
    if len(parts) < 2:
        return None
    return next((m.start(1) for m in parts if not _ECONOMY_PART.search(m.group(1))), None)


# —— bullets of a summary that belong to the headline block: growth, quality and efficiency,
# industry, and livelihood (jobs, income); reform, opening-up or environment bullets do not
_BULLET_TOPIC = re.compile(r"经济|增长|增速|质量|效益|效率|结构|产业|工业|就业|民生|收入|生活|消费|投资")


def _block_paragraphs(body: list[Paragraph], start: int) -> list[int]:
    """The paragraphs of the headline results block that opens at paragraph ``start``: that paragraph
    whole (its inline 一是… items and run-in parts included), a continuation cut from it between a
    number and its unit, and, when it is a —— bullet, the bullets after it on growth, quality,
    industry and livelihood."""
    from .extract import _number_broken

    pos = next(i for i, p in enumerate(body) if p.index == start)
    out, bullet = [start], body[pos].text.startswith("——")
    i = pos + 1
    while i < len(body):
        p, prev = body[i], body[i - 1]
        if _number_broken(prev.text, p.text):
            if prev.index in out:
                out.append(p.index)
        elif not (bullet and p.text.startswith("——")):
            break
        elif _BULLET_TOPIC.search(re.split(r"[。；;！]", p.text, maxsplit=1)[0]):
            out.append(p.index)
        i += 1
    return out
