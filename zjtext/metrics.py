"""Every figure in a report as a tidy row: number + unit grammar, hedges, 分别 lists, actual vs target.

A *figure* is a number written in Arabic digits that measures something (a percent, an amount of
money, a count, a physical quantity, a multiple, a rank).  Years, dates, session numbers, list
markers, ages, durations and numbers inside names or slogans (“8+4”, 双一流196工程, PM2.5) are not
figures and give no row.  Each row ties the figure to

* its **indicator** (the subject measured, resolved through 分别 lists and 、/和 pairs),
* its **qualifier** (左右 / 以上 / 以内 / 超过 … kept as written and normalised),
* its **change** (增长 → increase, 下降 → decrease, levels and counts → none),
* its **period**: ``actual`` (the review of the past year or plan period) or ``target``
  (goals, plans, tasks), decided from the report's own headings and cue words,
* whether it is **multi_year**: not one year's result or target but a figure over several years
  (年均, 累计, 5年增长, 比2020年, 较“十三五”末, 到2030年, or a sentence, paragraph or section about
  the five-year plan period: 五年来, “十四五”时期 …).

Ratios (3.6∶40.2∶56.2, 2.50:1, 城乡收入比1.83) have no category of their own and give no row.

>>> from zjtext.report import report_from_text
>>> r = report_from_text("各位代表：\\n一、2025年工作回顾\\n全省生产总值增长5.8%，城镇和农村居民人均可支配收入分别增长4.7%、6.3%。\\n"
...                      "二、2026年工作安排\\n主要预期目标是：生产总值增长6%左右，城镇调查失业率控制在5.2%以内。", path="x.txt")
>>> df = extract_metrics(r)
>>> df[["indicator", "surface", "qualifier", "change", "period"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['全省生产总值', '5.8%', 'none', 'increase', 'actual'],
 ['城镇居民人均可支配收入', '4.7%', 'none', 'increase', 'actual'],
 ['农村居民人均可支配收入', '6.3%', 'none', 'increase', 'actual'],
 ['生产总值', '6%', 'approx', 'increase', 'target'],
 ['城镇调查失业率', '5.2%', 'at_most', 'none', 'target']]
>>> headline(r)[["indicator", "period", "value"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['生产总值', 'target', 6.0], ['城镇调查失业率', 'target', 5.2],
 ['全省生产总值', 'actual', 5.8], ['城镇居民人均可支配收入', 'actual', 4.7], ['农村居民人均可支配收入', 'actual', 6.3]]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .report import Paragraph, Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "HEADLINE_COLUMNS", "extract_metrics", "metric_rows", "headline", "headline_rows", "parse_figures"]

COLUMNS = ["report_id", "paragraph", "section", "sentence", "indicator", "surface", "number", "unit",
           "multiplier", "base_unit", "value", "value_max", "category", "qualifier", "change", "period"]
EXTRA_COLUMNS = ["multi_year", "qualifier_text", "start", "end"]
HEADLINE_COLUMNS = ["indicator", "period", "value", "value_max", "base_unit", "qualifier", "surface",
                    "sentence"]
HEADLINE_EXTRA = ["change", "multi_year", "qualifier_text", "paragraph", "start"]

_RESOURCES = Path(__file__).parent / "resources"
# N类 before these is a class's name (1类创新药), not a count of kinds (12类45件民生实事)
_CLASS_LABEL = re.compile(r"(?:创新|新|仿制|中)?(?:药|疫苗|医疗器械|器械|耗材)")

# ---------------------------------------------------------------- lexicon

_CJK = "\u4e00-\u9fff"
_MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
_MAG_RE = "|".join(sorted(_MAGNITUDES, key=len, reverse=True))
_RANGE_SEPS = r"—–－~～至到\-"
_NOT_METRIC_UNITS = re.compile(r"(周岁|岁|周年|年内|年间|年度|年|个月|月|天|日|小时|分钟|秒|周|季度|号|届|代)")

# ratios are not figures (no category for them): 3.6∶40.2∶56.2, 2.50:1, 城乡收入比1.83
_RATIO = re.compile(r"\d+(?:\.\d+)?(?:\s*[∶:：]\s*\d+(?:\.\d+)?)+")
_RATIO_VALUE = re.compile(r"比(?:值)?(?:为|是|达|达到|降至|降到|缩小至|缩小到|缩小为|下降至|下降到|调整为|优化为|保持在)?$")
_PRE_HEDGES = {
    "不低于": "at_least", "不少于": "at_least", "不高于": "at_most", "不超过": "at_most", "超过": "more_than",
    "突破": "more_than", "逾": "more_than", "跨越": "more_than", "超": "more_than", "大约": "approx",
    "约为": "approx", "约": "approx", "接近": "approx", "将近": "approx", "近": "approx", "达到": "none",
    "高达": "none", "达": "none", "保持在": "none", "稳定在": "none", "控制在": "at_most",
}
# characters that, before a hedge word, make it part of another word (节约, 下达, 最近, 赶超 …)
_PRE_HEDGE_GUARD = {"约": "节制签合契集公", "达": "发通到抵表传下送直抵", "近": "最附接将邻靠亲贴", "超": "赶高"}
_PRE_HEDGE_RE = re.compile("(?:%s)$" % "|".join(sorted(_PRE_HEDGES, key=len, reverse=True)))
_POST_HEDGES = {"左右": "approx", "上下": "approx", "及以上": "at_least", "以上": "at_least", "以内": "at_most",
                "之内": "at_most", "以下": "at_most", "多": "more_than", "余": "more_than"}
_POST_HEDGE_RE = re.compile("|".join(sorted(_POST_HEDGES, key=len, reverse=True)))

_INCREASE = r"增长|增加|提高|提升|上涨|上升|涨幅|增幅|增速|扩大|多增|攀升|跃升|回升"
_DECREASE = r"下降|降低|减少|压减|减负|回落|缩减|缩小|降幅|下调|削减|收窄"
_CHANGE_RE = re.compile(rf"(?:(?P<inc>{_INCREASE})|(?P<dec>{_DECREASE}))(?:了)?(?:分别(?:为)?)?$")

# cutting an object by a share (平均减时间61%、减材料47%, 压减时间58%): a decrease
_CUT_OBJECT = re.compile(r"(?:^|[、，,；;]|平均|均|再)(?:减少|压减|压缩|缩短|降低|减)(?:办理|审批|办事)?"
                         r"(?:时间|时限|材料|环节|跑动次数|跑动|成本|费用|流程)$")
_CLAUSE_BOUNDARY = "，,；;。：:！!？?"
_LIST_SEP_RE = re.compile(r"(?:、|和|及|与|以及|或)")
# what may be stripped from the start and the end of the words before a figure to leave its subject
_LEAD_STRIP = re.compile(
    r"^(?:[、，的]|其中|同时|并且|并|且|全年|今年|当年|年内|力争|确保|预计|初步统计|据初步统计|初步核算|经初步核算|包括|"
    r"累计|合计|共计|总计|争取|实现|为(?![民主])|在(?![建线岗校职读园册押])|对(?![应外口接标照话比])|向(?![好上])|"
    r"到(?:19|20)\d\d年|(?:19|20)\d\d(?:[—\-－~至到](?:19|20)?\d\d)?年(?:底|末|初|前)?|"
    r"(?:近|过去|这)?\d{1,2}年(?:来|间|里)?(?![\u4e00-\u9fff]*(?:计划|规划|行动|工程)))")
_LIST_LEAD = re.compile(r"^(?:和|及|与|以及|或)")
_TRAIL_STRIP = re.compile(
    r"(?:分别|同比|比上年末|比上年|较上年末|较上年|比去年|较去年|比\d{4}年|较\d{4}年|年均|平均|累计(?:完成|实现)?|了|共|均|"
    r"约为|为|是|达到|达|约|近|超过|超|突破|逾|跨越|不低于|不少于|不高于|不超过|接近|将近|高达|"
    r"保持在|控制在|稳定在|(?:继续|持续|进一步|基本)?保持|维持在|按|继续|(?:连续)?(?:迈上|跨上|站上|迈过|跨过)|"
    r"(?:提高|提升|增加|增长|扩大|下降|降低|减少|压缩|压减|缩小|跃升|跃居|上升|攀升|回落)(?:到|至)|"
    r"增至|降至|升至|进至|减至|"
    r"(?:跃居|位居|稳居|居|位列|列|排名|排|进入|升至|提升到|提升至|提高到|上升到|上升至|进至|保持)?"
    r"(?:全国|全球|世界|全省|全市|全区|中部|西部|东部|中西部|北方|南方|内地|西北|华东|长三角|同类城市)?"
    r"(?:地区|省份|城市)?第|"
    rf"(?:实际|名义|同比|环比|分别)?(?:{_INCREASE}|{_DECREASE})|预计|的|从|由|实际|连续|首次|再次|已|已经|"
    r"(?:19|20)\d\d年(?:末|底|初)?|(?<![\d年])(?:近|过去|这)?(?:\d{1,2}|[两三四五六七八九十])年(?:来|间|里|内)?)$")
# the longest match of _TRAIL_STRIP and the characters a match can end with (tests check both)
_TRAIL_STRIP_WIDTH = 10
_TRAIL_LAST_CHARS = frozenset("上为了于从低共内减初别到加升在均增大小少已幅年底成持按是末"
                              "来次比涨现由的破窄第约经续至落计调负超越达过近速逾里长间际降高")
# verbs that, ending the words before a count, make the count the object's size (推动351个项目…)
_VERB_END = re.compile(
    r"(?:了|推动|推进|实现|完成|新增|建成|争取|支持|带动|吸引|惠及|帮助|引进|培育|打造|实施|新建|建设|开工|"
    r"组织|开展|举办|办好|落实|发放|安排|投入|设立|拥有|夺得|获得|获|涌现|认定|入选|创建|组建|招引|引育|"
    r"培养|遴选|建立|形成|布局|集聚|聚集|汇聚|开通|开行|覆盖|救助|资助|帮扶|改造|整治|修复|提供|开发|"
    r"落地|签约|发布|出台|制定|推出|攻克|研制|培训|招聘|吸纳|新开工|储备|谋划|部署|服务|接待|举行|举办了|"
    r"为|向|给|让|使|有|新认定|新培育|新引进|评选|命名|选树|表彰|遴选出|实施了|建成了)$")
# verbs that open a list item and carry over to the next items of an 、 list (新增A 30家、B 50家)
_LEAD_VERB = re.compile(
    r"^(?:新(?:（改）|\(改\))?(?:增|建|开工|投产|引进培育|引进|培育|遴选|入选|认定|改建|建成|开通)|建成|"
    r"建设|完成|实施|开工建设|开工|改造提升|改造|培育|打造|引进|招引|培养|开发|修缮|整治|组建|创建|派遣|"
    r"安排|遴选|开行|认定|创成|获评)")
# a noun after a count ends where a new predicate starts
_NOUN_CUT = re.compile(
    r"(?:完成|实现|获得|获|成为|达到|达|超过|超|突破|增长|增加|下降|提高|提升|开工|投产|建成|落地|入选|"
    r"签约|纳入|带动|惠及|覆盖|累计|全部|均|共|已|正在|将|通过|被|实施|参与|参加|无私|加快|持续|稳定|"
    r"稳步|顺利|全面|基本|相继|先后|陆续|获批|获评|通车|运营|开通|投用|建设(?!示范|名单|单位|试点)|开展|落户|集聚|承担|扛起|享受|受益|"
    r"如期|按期|提前|竣工|完工|上线|运行|试运行|启用|发挥|参加|列入|进入|荣获|获得|共享|用于|分布|位于|以(?![上下])|和(?!美)|及|与|、|跻身|受到|"
    r"位居|稳居|跃居|居(?=全国|全省|全球|世界|中部|西部|东部|前|第))")
# nouns that end an indicator: the measured quantity (增加值, 收入, 起数 …); longest first
_HEADS = sorted("""增加值 人均可支配收入 可支配收入 收入 营业收入 营收 利润 总额 总量 产量 产值 规模 投资 比重 占比
增速 人数 起数 次数 件数 户数 数量 吞吐量 价格 指数 面积 里程 浓度 强度 能耗 出口 进口 进出口 销量 销售额
零售额 营业额 贸易额 交易额 成交额 进出口额 装机 发电量 用电量 余额 存款 贷款 覆盖率 达标率 合格率 普及率
比例 比率 水平 数 量 率 额 值""".split(),
                key=len, reverse=True)

# what is measured about counted things (31个县（市）生产总值…): not part of the counted noun
# a count of areas that opens a list: 重点抓好10方面工作： / 以下14个方面的工作。
_ASPECTS_TAIL = re.compile(r"(?:的)?(?:重点)?(?:工作|任务)?(?:[：:。；]|$)")
# a membership predicate after counted things names them (26家企业入选国家制造业单项冠军企业)
_MEMBERSHIP = re.compile(r"入选|纳入|列入|跻身|获评|获批|进入")
# words that, alone before a figure, speak of the previous subject: its share of the nation, its total
_SHARE_OF = re.compile(r"(?:稳定在|保持在|保持|约占|占|达到|达|为)?(全国|全省|全球|世界|全市)(?:的)?(?:比重|份额)?")
_KINDS_OF = re.compile(r"\d+(?:\.\d+)?[件项个条批]")
_BARE_TOTALS = {"总数", "总量", "总规模", "规模", "总额", "余额", "占比", "比重"}
_MEASURED_IN_NOUN = re.compile(r"生产总值|增加值|营业收入|收入|营收|产值|增速|总量|规模|占比|比重")
_REVIEW_WORDS = re.compile(r"回顾|成就|成绩|总结|进展|成效|过去|取得")
_PLAN_WORDS = re.compile(r"目标|任务|重点工作|工作安排|安排|建议|考虑|展望|部署|规划|纲要|开局|起好步|谋划|思路")
_PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年")
_CN_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

_ACTUAL_LEAD = re.compile(
    r"^(?:各位代表[，！!,]\s*)?(?:“十[一二三四]五”时期|十[一二三四]五时期|五年来|过去五年|这五年|过去一年|一年来|"
    r"刚刚过去|回顾|去年|上年)")
_TARGET_LEAD = re.compile(
    r"^(?:各位代表[，！!,]\s*)?(?:今年|明年|“十五五”|十五五|未来五年|今后五年|展望|《纲要|纲要|建议|主要预期目标|做好今年|"
    r"围绕上述目标|实现上述目标|新的一年)")
_ACTUAL_WEAK = re.compile(r"五年来|过去五年|这五年|过去一年|一年来|刚刚过去|回顾|成就")
_TARGET_WEAK = re.compile(r"今年|“十五五”|十五五|未来五年|今后五年|展望|纲要|目标|到20\d\d年|力争|确保")
_SENT_PAST = re.compile(r"去年|上年|过去一年|五年来|过去五年|这五年|“十[一二三四]五”时期|十[一二三四]五期间|一年来")
_SENT_PAST_VERB = re.compile(r"增长|达到|达|完成|实现|超过|累计|下降|提高|突破|建成")
_SENT_FUTURE = re.compile(r"今年(?!以来)|明年|力争|确保|计划|将|目标|预期|要|争取|到20\d\d年")
_SENT_FUTURE_STRONG = re.compile(r"今年(?!以来)|明年|力争|下一步|新的一年")

_TARGET_CUE = re.compile(r"(主要预期目标|预期目标|主要目标)(?:是|为)?[：:]")
_TARGET_LIST_STOP = re.compile(
    r"^(?:这|这些|这样|上述|确定|实现|综合|具体|重点|我们|为此|做好|围绕|今年要|要|必须|提出|设定|确定上述)")
_MODIFIER_CLAUSE = re.compile(r"^(?:在实际工作中|力争|争取|努力|积极|尽力|全力)")
_HEADLINE_MACRO = re.compile(r"生产总值|GDP|经济增长|经济总量|国内生产总值")
_PAST_YEAR_CTX = re.compile(r"过去一年|一年来|刚刚过去|去年|全年")
_FIVE_YEAR_CTX = re.compile(r"(?<![今未])(?:[过的这]|来)?五年(?!规划)|“十[一二三四]五”时期|十[一二三四]五时期")
# not headline indicators: shares of / gaps to the national figure, milestones, ranks (成为全国第三个…)
_NOT_HEADLINE = re.compile(r"全国|全球|世界|成为|首个|第[一二三四五六七八九十\d]|(?:高于|低于|快于|慢于|好于|领先)(?:全省|平均)")
_CLAUSE_GOES_ON = re.compile(
    r"(?:和|及|与|或|并|且|增长|下降|提高|降低|上涨|回落|增加|减少|居|位居|稳居|跃居|高于|低于|快于|慢于|超过|为|是|"
    r"以上|以下|左右|以内|之内|上下|等|分别|同比|比上年|较上年)")
_ENUM_START = re.compile(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|——|\d+[、.．])")

# multi-year figures: a plan period, a span of years, an average or running total over years
_PLAN_NAME = r"(?:“十[一二三四五六七八九]五”|十[一二三四五六七八九]五)"
_YEAR_SPAN = r"(?:19|20)\d\d\s*[—–\-－~～至到]\s*(?:(?:19|20)?\d\d)年"
_NOT_SPAN_END = r"(?<![\d—–\-－~～])(?<!\d至)(?<!\d到)"  # a year that does not end a span (2021—2025年)
# cues that set the time frame of what follows (last one wins): multi-year …
_MULTI_CTX = re.compile(
    rf"五年来|这五年|过去五年|过去的五年|经过五年|今后五年|未来五年|的五年|{_PLAN_NAME}(?:规划)?(?:时期|期间|以来)|"
    rf"{_YEAR_SPAN}|{_NOT_SPAN_END}((?:19|20)\d\d)年以来")
# … or one year (a year written out counts as one year, unless it lies beyond the report year: 到2030年)
_ONE_YEAR_CTX = re.compile(
    rf"过去一年|一年来|刚刚过去的|去年|上年|今年|新的一年|全年|当年|{_NOT_SPAN_END}((?:19|20)\d\d)年(?!以来|代)")
# a top heading about a plan period (not “十五五”开好局: that is the first year)
_PLAN_HEADING = re.compile(rf"{_PLAN_NAME}(?:规划|时期|期间|发展|以来)|五年规划|第十[一二三四五六七八九]个五年")
# cues in the clause before a figure: 年均, 累计, 5年增长, 比2020年, 较“十三五”末
_MULTI_FIGURE = re.compile(
    r"(?<!全年)累计|年均(?!浓度)|年平均(?!浓度)|"
    rf"(?<![连续第\d])(?:\d{{1,2}}|[两三四五六七八九十])年(?:来|间|内|里)?(?:分别|共|累计|合计)?"
    rf"(?:{_INCREASE}|{_DECREASE}|投入|完成|实现|建成|新增|达到|达)|"
    rf"(?:比|较|由|从|与){_PLAN_NAME}|{_PLAN_NAME}(?:时期|期间|以来|末|期末)")
_BASE_YEAR = re.compile(r"(?:比|较|由|从|与|相比)((?:19|20)\d\d)年")
_FUTURE_YEAR = re.compile(rf"{_NOT_SPAN_END}((?:19|20)\d\d)年")

# small patterns used per figure, compiled once
_QUOTED = re.compile(r"“[^“”]{1,20}”|‘[^‘’]{1,20}’|「[^「」]{1,20}」|《[^《》]{1,80}》")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_DIGIT = re.compile(r"\d")
_YEAR_AFTER = re.compile(r"[—–－\-~～至到]?\s*(?:年|）|\)|”)")
_RANK_CUE = re.compile(r"(?:居|位居|跃居|稳居|位列|列|排名|排|进至|升至|提升到|提升至|保持)[^，。；、]{0,8}$")
_ORDINAL_UNIT = re.compile(r"[个届次批代季期轮号条项家名大类]")
_PAREN_END = re.compile(r"（[^）]*）$")
_UNIT_LENDER_GAP = re.compile(r"(?:、|和|及|与|以及|至)")
_GROUP_GAP = re.compile(r"(?:、|和|及|与|以及|或|，|,)")
_TO_END = re.compile(r"(?:到|至)$")
_CHANGE_TRAIL = re.compile(r"(?:同比|比上年末|比上年|较上年|比去年|年均|平均|分别为|分别|了|为)+$")
_LIST_END = re.compile(r"(?:等|和|及|与|、)$")
_TIME_DE_END = re.compile(r"(?:年|月|前|后)的$")
_RISE_FALL_START = re.compile(r"[提增降下上减达超扩缩升]")
_COMPARISON = re.compile(r"(?:高于|低于|快于|慢于|领先|好于|比全国|比全省)")
_ENUM_MARK = re.compile(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|——)")
_YEAR_LEAD = re.compile(r"^(?:各位代表[，！!,]\s*)?(?:刚刚过去的)?((?:19|20)\d\d)年")
_BY_YEAR = re.compile(r"到((?:19|20)\d\d)年")


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str, float]]:
    """unit → (category, base_unit, multiplier) from resources/units.tsv."""
    out = {}
    for line in (_RESOURCES / "units.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        unit, cat = parts[0], parts[1]
        base = parts[2] if len(parts) > 2 and parts[2] else unit
        mult = float(parts[3]) if len(parts) > 3 and parts[3] else 1.0
        out[unit] = (cat, base, mult)
    return out


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern:
    units = "|".join(re.escape(u) for u in sorted(_units(), key=len, reverse=True))
    num = r"\d+(?:\.\d+)?"
    tail = rf"(?P<{{p}}mid>多|余)?(?P<{{p}}mag>{_MAG_RE})?(?P<{{p}}mid2>多|余)?(?P<{{p}}unit>(?:{units})(?:（[{_CJK}]）)?)?"
    return re.compile(
        rf"(?P<n1>{num})(?:/(?P<den>\d+))?{tail.format(p='a_')}"
        rf"(?:(?P<sep>[{_RANGE_SEPS}])(?P<n2>{num}){tail.format(p='b_')})?")


# ---------------------------------------------------------------- figures

@dataclass
class Figure:
    """One quantity found in a paragraph (offsets are relative to the paragraph text)."""

    start: int
    end: int                 # end of the surface (number + unit)
    post_end: int            # end including a trailing hedge (以上, 左右 …)
    surface: str
    number: float
    unit: str
    multiplier: float
    base_unit: str
    category: str
    value_max: float | None = None
    pre: str = ""            # hedge written before the number
    post: str = ""           # hedge written after it (or 多/余 inside)
    rank: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def value(self) -> float:
        return self.number * self.multiplier

    @property
    def qualifier_text(self) -> str:
        return self.post or self.pre

    @property
    def qualifier(self) -> str:
        if self.post:
            return _POST_HEDGES[self.post]
        return _PRE_HEDGES.get(self.pre, "none") if self.pre else "none"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Short quoted spans (“8+4”, “3个70%”) and book titles 《…》: numbers inside are names."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    return spans


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a < i < b for a, b in spans)


def _is_ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def parse_figures(text: str) -> list[Figure]:
    """The figures of one paragraph, in reading order (non-metrics dropped).

    >>> [(f.surface, f.value, f.base_unit, f.category, f.qualifier) for f in parse_figures(
    ...     "2024年新增装机1198万千瓦，PM2.5浓度下降3%以上，吸引3000多家企业，居全国第4位。")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('1198万千瓦', 11980000.0, '千瓦', 'physical', 'none'), ('3%', 3.0, '%', 'percent', 'at_least'),
     ('3000多家', 3000.0, '家', 'count', 'more_than'), ('4位', 4.0, '位', 'rank', 'none')]
    """
    if not _DIGIT.search(text):
        return []  # figures are written in digits
    units = _units()
    rx = _figure_re()
    quotes = _quote_spans(text)
    figs: list[Figure] = []
    pos = 0
    while m := rx.search(text, pos):
        pos = m.end()
        ratio = _RATIO.match(text, m.start())
        if ratio and not (m.start() and text[m.start() - 1].isdigit()):
            pos = ratio.end()  # 3.6∶40.2∶56.2, 2.50:1: a ratio (no category of its own): no row
            continue
        glued = _glued_end(text, m)
        if glued is not None:  # 5G, PM2.5, “8+4”, 415X: part of a name
            pos = glued
            continue
        if (quotes and _inside(quotes, m.start())) or _is_list_marker(text, m) or _is_year(text, m):
            continue
        bare = m.group("den") is None and not m.group("a_unit") and not m.group("a_mag")
        time_unit = _time_unit(text, m) if bare or not (m.group("b_unit") or m.group("b_mag")) else None
        if time_unit:  # ages, durations, dates, months, session numbers, line numbers …
            fig = _measured_time(text, m, time_unit)  # … unless 寿命81岁 / 天数增加12天
        elif m.start() > 0 and text[m.start() - 1] == "第":
            fig = _rank_or_ordinal(text, m)
        else:
            fig = _build(text, m, units)
            if fig and fig.category == "physical" and text.startswith("内", fig.end) and _CJK_CHAR.match(text, fig.end + 1):
                fig = None  # 公交站点300米内覆盖率: a threshold inside the indicator's name
        if fig:
            figs.append(fig)
            pos = fig.post_end
    _borrow_units(text, figs)
    return [f for f in figs if f.category]


def _glued_end(text: str, m: re.Match) -> int | None:
    """Where to resume if the number is glued to Latin letters, '+' or '×' (a name), else None."""
    s, e1 = m.start(), m.end("n1")
    before = text[s - 1] if s > 0 else ""
    if before and (_is_ascii_letter(before) or before in "+＋×.·-/"):
        return _skip_alnum(text, m.end())
    after = text[e1] if e1 < len(text) else ""
    if (after and after in "+＋×") or (_is_ascii_letter(after) and not text.startswith("TEU", e1)):
        return _skip_alnum(text, e1)
    return None


def _is_list_marker(text: str, m: re.Match) -> bool:
    """1、 （1） 2. at the start of a paragraph or after a sentence or clause end."""
    if m.group("den") is not None or m.group("a_unit") or m.group("a_mag"):
        return False
    s, e1 = m.start(), m.end("n1")
    after = text[e1] if e1 < len(text) else ""
    return (s == 0 or text[s - 1] in "。；;：:\n（(") and bool(after) and after in "、．.）)"


def _time_unit(text: str, m: re.Match) -> str | None:
    """The age/duration/date word after the number (or after a range's second number), if any."""
    if m.group("sep") and m.group("n2"):
        nm = _NOT_METRIC_UNITS.match(text, m.end())
        if nm:
            return nm.group()
    e1, mid = m.end("n1"), m.group("a_mid") or ""
    nm = _NOT_METRIC_UNITS.match(text, e1 + len(mid)) or _NOT_METRIC_UNITS.match(text, e1)
    return nm.group() if nm and not (m.group("a_unit") or m.group("a_mag")) else None


def _measured_time(text: str, m: re.Match, unit: str) -> Figure | None:
    """岁 after 寿命 (life expectancy) and 天 after 天数 are measures, not ages or durations."""
    clause = text[_clause_start(text, m.start(), max(0, m.start() - 30)):m.start()]
    if not ((unit in ("岁", "周岁") and "寿命" in clause) or (unit == "天" and "天数" in clause)):
        return None
    s, end = m.start(), m.end("n1") + len(unit)
    if text[m.end("n1"):end] != unit:
        return None
    fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=float(m.group("n1")), unit=unit,
                 multiplier=1.0, base_unit=unit, category="physical" if unit != "天" else "count")
    _attach_hedges(text, fig)
    return fig


def _skip_alnum(text: str, i: int) -> int:
    while i < len(text) and (text[i].isascii() and (text[i].isalnum() or text[i] in "+.-")):
        i += 1
    return i


def _is_year(text: str, m: re.Match) -> bool:
    n1 = m.group("n1")
    if len(n1) != 4 or "." in n1 or not (1900 <= int(n1) <= 2100) or m.group("a_unit") or m.group("a_mag"):
        return False
    e1 = m.end("n1")
    if text.startswith("年", e1):
        return True
    n2 = m.group("n2")
    if m.group("sep") and n2 and len(n2) == 4 and not m.group("b_unit"):
        return True
    return bool(_YEAR_AFTER.match(text, e1)) and not text.startswith("到", e1)


def _rank_or_ordinal(text: str, m: re.Match) -> Figure | None:
    """第N位 / 第N名 or 居全国第N (a rank); 第N届, 第N次 … are ordinals (no row)."""
    s, e1 = m.start(), m.end("n1")
    after = text[e1:e1 + 1]
    window = text[max(0, s - 12):s - 1]
    ranked = after in ("位", "名") or (
        _RANK_CUE.search(window) and not _ORDINAL_UNIT.match(after))
    if not ranked:
        return None
    unit = after if after in ("位", "名") else ""
    end = e1 + len(unit)
    num = float(m.group("n1"))
    return Figure(start=s, end=end, post_end=end, surface=text[s:end], number=num, unit=unit, multiplier=1.0,
                  base_unit=unit, category="rank", rank=True)


def _build(text: str, m: re.Match, units: dict) -> Figure | None:
    s = m.start()
    n1 = float(m.group("n1"))
    den = m.group("den")
    if den:  # a fraction 1/10 → a share in percent
        end = m.end("den")
        value = n1 / float(den) if float(den) else 0.0
        fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=value, unit="",
                     multiplier=100.0, base_unit="%", category="percent")
        _attach_hedges(text, fig)
        return fig
    mid = m.group("a_mid") or m.group("a_mid2") or ""
    mag = m.group("a_mag") or ""
    unit = m.group("a_unit") or ""
    value_max = None
    end = m.end("a_unit") if unit else (m.end("a_mid2") if m.group("a_mid2") else (
        m.end("a_mag") if mag else (m.end("a_mid") if m.group("a_mid") else m.end("n1"))))
    if m.group("sep") and m.group("n2"):
        b_unit, b_mag = m.group("b_unit") or "", m.group("b_mag") or ""
        compatible = (not unit and not mag) or (unit == b_unit and mag == b_mag) or (unit and not b_unit and not b_mag)
        if compatible and (unit or b_unit or mag or b_mag):
            if not unit and not mag:
                unit, mag = b_unit, b_mag
            n2 = float(m.group("n2"))
            value_max = n2 * _MAGNITUDES.get(mag, 1.0) * (units[_base(unit)][2] if unit else 1.0)
            end = m.end()
            mid = mid or m.group("b_mid") or m.group("b_mid2") or ""
    if unit == "" and mag == "":
        # a bare number: only a figure when a list neighbour lends it a unit (5、6个百分点) …
        if _RATIO_VALUE.search(text, max(0, s - 8), s):
            return None  # … never a ratio's value (城乡收入比缩小至1.83)
        nxt = text[end:end + 1]
        if nxt in ("、", "和", "及", "至") or text.startswith("以及", end):
            fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=n1, unit="", multiplier=1.0,
                         base_unit="", category="", extra={"bare": True})
            return fig
        return None
    if not unit and mag:
        nxt = text[end:end + 1]
        if nxt and _CJK_CHAR.match(nxt) and _NOT_METRIC_UNITS.match(text, end):
            return None
    if unit in ("类", "大类") and _CLASS_LABEL.match(text, end):
        return None  # 2类创新药, 3类医疗器械: a class named by its number
    if unit == "方" and _CJK_CHAR.match(text[end:end + 1] or "。") and not text.startswith("米", end):
        return None  # 方案, 方式, 方向 …: not 立方米
    base = _base(unit) if unit else ""
    cat, base_unit, umult = units[base] if unit else ("count", "", 1.0)
    mult = _MAGNITUDES.get(mag, 1.0) * umult
    written_unit = text[m.end("n1"):end] if value_max is None else unit
    if value_max is not None:
        written_unit = (mid or "") + mag + unit
        value_max = float(m.group("n2")) * mult
    fig = Figure(start=s, end=end, post_end=end, surface=text[s:end], number=n1, unit=written_unit,
                 multiplier=mult, base_unit=base_unit, category=cat, value_max=value_max)
    if not unit:
        fig.extra["bare"] = True  # 1120万、980万人次: may borrow 人次
    if mid:
        fig.post = mid
    _attach_hedges(text, fig)
    return fig


def _base(unit: str) -> str:
    units = _units()
    if unit in units:
        return unit
    bare = _PAREN_END.sub("", unit)
    return bare if bare in units else unit


def _attach_hedges(text: str, fig: Figure) -> None:
    post = _POST_HEDGE_RE.match(text, fig.end)
    if post:
        word, nxt = post.group(), text[post.end():post.end() + 1]
        if word not in ("多", "余"):
            fig.post, fig.post_end = word, post.end()
        elif not fig.post and not _CJK_CHAR.match(nxt or "。"):  # 2倍多, not 5个多式联运 / 余额
            fig.post, fig.post_end = word, post.end()
    head = text[max(0, fig.start - 4):fig.start]
    pre = _PRE_HEDGE_RE.search(head)
    if pre:
        word = pre.group()
        k = fig.start - len(word)
        guard = _PRE_HEDGE_GUARD.get(word, "")
        if not (k > 0 and text[k - 1] in guard):
            fig.pre = word


def _borrow_units(text: str, figs: list[Figure]) -> None:
    """1120万、980万人次 / 5、6个百分点: a figure without a unit takes its list neighbour's unit."""
    for i in range(len(figs) - 1, -1, -1):
        f = figs[i]
        if not f.extra.get("bare"):
            continue
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        if nxt and nxt.base_unit and _UNIT_LENDER_GAP.fullmatch(text, f.post_end, nxt.start):
            f.base_unit = nxt.base_unit
            f.category = nxt.category
            if not f.unit:
                f.multiplier = nxt.multiplier
            f.extra.pop("bare")
        elif f.unit:  # a magnitude alone (参保人数突破5100万): a count
            f.category = "count"
            f.extra.pop("bare")
        else:
            f.category = ""


# ---------------------------------------------------------------- groups, indicators, change

def _groups(text: str, figs: list[Figure]) -> list[list[Figure]]:
    """Runs of figures joined only by 、/和/及 (超13.2亿吨、3530万标箱; 分别增长5.2%、7.3%)."""
    groups: list[list[Figure]] = []
    for f in figs:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.post_end:f.start]
            if _GROUP_GAP.fullmatch(gap) and (gap not in "，," or _same_kind(prev, f)) \
                    and not f.pre and (gap not in "，," or _in_fenbie_list(text, groups[-1])):
                groups[-1].append(f)
                continue
        groups.append([f])
    return groups


def _same_kind(a: Figure, b: Figure) -> bool:
    return a.base_unit == b.base_unit


def _in_fenbie_list(text: str, group: list[Figure]) -> bool:
    head = text[max(0, group[0].start - 8):group[0].start]
    return "分别" in head


_BOUNDARY_CHAR = re.compile(f"[{_CLAUSE_BOUNDARY}]")
_LAST_BOUNDARY = re.compile(f"[{_CLAUSE_BOUNDARY}](?=[^{_CLAUSE_BOUNDARY}]*$)")
_BRACKET = re.compile(r"[“”（）()《》]")


def _clause_start(text: str, i: int, floor: int) -> int:
    """Start of the clause that holds position i (not before floor); a boundary inside brackets or
    quotes does not count."""
    if i <= floor:
        return i
    last = _LAST_BOUNDARY.search(text, floor, i)
    j = last.end() if last else floor
    if not _BRACKET.search(text, j, i):
        return j  # no bracket after the last boundary: that boundary ends the previous clause
    j = i
    depth = 0
    while j > floor:
        c = text[j - 1]
        if c in "”）)》":
            depth += 1
        elif c in "“（(《":
            depth = max(0, depth - 1)
        elif depth == 0 and c in _CLAUSE_BOUNDARY:
            break
        j -= 1
    return j


def _clause_end(text: str, i: int, ceil: int) -> int:
    boundary = _BOUNDARY_CHAR.search(text, i, ceil)
    return boundary.start() if boundary else max(i, ceil)


def _strip_phrase(raw: str) -> str:
    s = raw.strip()
    for _ in range(6):
        t = _LEAD_STRIP.sub("", s)
        if t == s:
            break
        s = t
    for _ in range(8):
        # _TRAIL_STRIP ends with $: no search when the last character cannot end a match, else
        # one that starts where the longest match would (an end-anchored search tries every start)
        end = s[:-1] if s.endswith("\n") else s  # $ also matches before a final newline
        if not end or end[-1] not in _TRAIL_LAST_CHARS:
            break
        m = _TRAIL_STRIP.search(s, max(0, len(end) - _TRAIL_STRIP_WIDTH))
        if not m:
            break
        s = s[:m.start()] + s[m.end():]
    return s.strip(" 、，,：:")


def _change(raw_before: str, fig: Figure) -> str:
    s = raw_before[:len(raw_before) - len(fig.pre)] if fig.pre and raw_before.endswith(fig.pre) else raw_before
    s = s.rstrip()
    if _TO_END.search(s):
        return "none"
    s = _CHANGE_TRAIL.sub("", s)
    m = _CHANGE_RE.search(s)
    if not m:
        return "decrease" if _CUT_OBJECT.search(s) else "none"
    return "increase" if m.group("inc") else "decrease"


def _split_items(phrase: str) -> list[str]:
    items, depth, cur = [], 0, ""
    i = 0
    while i < len(phrase):
        c = phrase[i]
        if c in "“（(《":
            depth += 1
        elif c in "”）)》":
            depth = max(0, depth - 1)
        if depth == 0 and c in "、和及与":
            items.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    items.append(cur)
    return [x for x in (it.strip() for it in items) if x]


# where a list's first subject is counted, shared by the items after it (城镇新增就业和失业人员再就业)
_SCOPE = re.compile(r"城镇|农村|全省|全市|全区|城乡")


def _ends_with_head(s: str) -> str:
    for h in _HEADS:
        if s.endswith(h) and len(s) > len(h):
            return h
    return ""


def resolve_list(subject: str, n: int) -> list[str]:
    """Map a list subject to n indicators, in order (分别 lists, 和 pairs).

    >>> resolve_list("城镇和农村居民人均可支配收入", 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> resolve_list("数字经济核心产业制造业、高新技术产业、战略性新兴产业增加值", 3)
    ['数字经济核心产业制造业增加值', '高新技术产业增加值', '战略性新兴产业增加值']
    >>> resolve_list("生产安全事故起数和死亡人数", 2)
    ['生产安全事故起数', '生产安全事故死亡人数']
    >>> resolve_list("城乡居民人均可支配收入", 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> resolve_list("限上零售额、规上服务业营收", 2)
    ['限上零售额', '规上服务业营收']
    >>> resolve_list("盗窃、涉诈、涉毒警情", 3)
    ['盗窃警情', '涉诈警情', '涉毒警情']
    """
    items = _split_items(subject)
    if len(items) == 1 and n == 2 and items[0].startswith("城乡"):
        rest = items[0][2:]
        return ["城镇" + rest, "农村" + rest]
    if len(items) != n or n < 2:
        return [subject] * n
    first, last = items[0], items[-1]
    earlier = items[:-1]
    incomplete = [not _ends_with_head(it) for it in earlier]
    if all(incomplete):
        head = ""
        for it in earlier:  # the earlier items' ending reappears inside the last one (…产业 / …产业增加值)
            k = last.rfind(it[-2:]) if len(it) >= 2 else -1
            if k >= 0 and k + 2 < len(last):
                head = last[k + 2:]
                break
        if not head and all(len(it) <= 3 for it in earlier) and len(last) > len(first) + 1:
            head = last[len(first):]
        if not head:  # 盗窃、涉诈、涉毒警情: an item shaped like the last one's start lends its end
            for it in earlier:
                if len(it) >= 2 and last[0] == it[0] and re.match(rf"[{_CJK}]", it) \
                        and len(it) + 1 < len(last) <= len(it) + 5 and "分别" not in last:
                    head = last[len(it):]
                    break
        if not head:
            head = _ends_with_head(last)
            if len(head) == 1 and len(last) >= 5:
                head = last[-3:]  # 零售额, not just 额
        if head:
            return [it + head for it in earlier] + [last]
    h = _ends_with_head(first)
    if len(h) == 1 and len(first) > 4 and all(len(it) == 3 and it.endswith(h) for it in items[1:]):
        return [first] + [first[:-3] + it for it in items[1:]]  # 入园率和普惠率: the rates trade places
    stem = first[:-len(h)] if h else ""
    # 生产安全事故起数和死亡人数: the subject is shared; not 营业总收入、利润总额 (总收入 is one head)
    if stem and not re.search(r"[总均净]$", stem) and all(len(it) <= 5 and not it.startswith(first[:2])
                                                          for it in items[1:]):
        return [first] + [stem + it for it in items[1:]]
    scope = _SCOPE.match(first)
    if scope and len(first) > len(scope.group()) + 1 and not any(_SCOPE.match(it) for it in items[1:]):
        return [first] + [scope.group() + it for it in items[1:]]  # 城镇新增就业和失业人员再就业
    return items


def _indicators(text: str, group: list[Figure], floor: int, after_figure: bool, prev: list[str] | None,
                prev_lead: str, prev_unit: str = "") -> tuple[list[str], str, int]:
    """Indicators for a group of figures.

    Returns (indicators, the phrase's opening verb, end of the words used after the figures).
    """
    first, last = group[0], group[-1]
    b = _clause_start(text, first.start, floor)
    raw = text[b:first.start]
    if after_figure and b == floor:
        raw = _LIST_LEAD.sub("", raw)
    phrase = _strip_phrase(raw)
    # a noun after the figure: 推动351个项目…, 宁波、温州等5个城市…, 51枚亚运金牌
    tail_start = last.post_end
    tail_end = _clause_end(text, tail_start, len(text))
    tail = text[tail_start:tail_end]
    skip = 1 if tail.startswith("的") else 0
    tail = tail[skip:]
    kinds = _KINDS_OF.match(tail) if first.unit in ("类", "大类") and len(group) == 1 else None
    if kinds:  # 12类45件民生实事: the kinds of the things counted next
        rest = tail[kinds.end():]
        cut = _NOUN_CUT.search(rest, 1)
        things = re.sub(r"(?:项目|工程)$", "", (rest[:cut.start()] if cut else rest)[:12])
        if len(things) >= 2:
            return [things + "（类）"], "", last.post_end
    m_digit = _DIGIT.search(tail)
    if m_digit:  # 31个县（市）生产总值近4年…: the words before the next number, less its hedge
        tail = _PRE_HEDGE_RE.sub("", tail[:m_digit.start()])
    noun, noun_end, member = "", last.post_end, ""
    if tail and (tail[0] == "“" or _CJK_CHAR.match(tail)) and last.category != "rank":
        cut = _NOUN_CUT.search(tail, 1)
        noun = (tail[:cut.start()] if cut else tail)[:16]
        measured = _MEASURED_IN_NOUN.search(noun, 2)
        if measured and first.category == "count":
            noun = noun[:measured.start()]  # the counted things (县（市）), not what is measured about them
        noun_end = tail_start + skip + len(noun)
        obj = tail[cut.start():] if cut and len(noun) == cut.start() and "在" not in noun else ""
        if obj and not m_digit and _MEMBERSHIP.match(obj) and len(obj) <= 18:
            noun_end = tail_start + skip + len(noun) + len(obj)
            obj, noun = obj.split("、")[0], re.sub(r"(?<=..)新$", "", noun)  # 5个县新获评…
            member = obj if obj.endswith(noun) else obj + noun  # 入选…企业 / 纳入…范围项目
    aspects = first.end if first.unit.endswith("方面") else (
        first.post_end + 2 if text.startswith("方面", first.post_end) else -1)
    if first.category == "count" and aspects >= 0 and _ASPECTS_TAIL.match(text, aspects):
        # 重点抓好10方面工作 / 以下14个方面的工作: the number of areas of work a list will cover
        return [("重点" if "重点" in raw else "") + "工作方面"] * len(group), "", noun_end
    raw_strip = raw.strip()
    raw_clean = _LEAD_STRIP.sub("", raw_strip)
    mv = _LEAD_VERB.match(phrase)
    lead_verb = mv.group() if mv else ""
    verb_end = bool(_VERB_END.search(raw_strip))
    ends_deng = phrase.endswith("等") or bool(_LIST_END.search(raw_strip)) or (
        raw_strip.endswith("的") and not _TIME_DE_END.search(raw_strip)
        and not _RISE_FALL_START.match(noun or "提"))  # 省委确定的14项改革
    if noun and (not phrase or ends_deng or verb_end or len(phrase) <= 2):
        base = lead_verb if ends_deng else re.sub(r"了$", "", _PRE_HEDGE_RE.sub("", raw_clean))
        return [member or base + noun] * len(group), lead_verb, noun_end
    if not phrase:
        if prev:
            if len(prev) == len(group):
                return list(prev), "", last.post_end
            return [prev[-1]] * len(group), "", last.post_end
        return [noun] * len(group), "", noun_end
    # a bare verb (…行动，2024年完成1000家以上): its object is the clause before
    if len(phrase) <= 3 and _VERB_END.search(phrase) and not noun:
        lo = _clause_start(text, b - 1, floor) if b > floor else b
        before = _strip_phrase(text[lo:b])
        if before and not _DIGIT.search(before):
            return [phrase + before] * len(group), lead_verb, last.post_end
    # 其中 (of which): a part of the previous figure, in the same unit (其中农村1万个, 其中燃气管网1100公里)
    if prev and raw.lstrip("，,").startswith("其中") and prev_unit and prev_unit == first.base_unit and len(group) == 1:
        if len(phrase) <= 3:
            return [f"{prev[-1]}（{phrase}）"], lead_verb, last.post_end
        pv = _LEAD_VERB.match(prev[-1])
        if pv and not mv:
            return [pv.group() + phrase], pv.group(), last.post_end
    # a comparison (…增长6.1%、高于全国0.9个百分点) is about the previous subject
    if prev and _COMPARISON.match(phrase):
        return [prev[-1] + phrase] * len(group), lead_verb, last.post_end
    # …超430万人、稳定在全国1/8以上 / 新增A 2160家、总数突破3万家: the previous subject's share or total
    if prev and len(group) == 1:
        share = _SHARE_OF.fullmatch(phrase)
        if share:
            return [f"{prev[-1]}占{share.group(1)}比重"], lead_verb, last.post_end
        if phrase in _BARE_TOTALS:
            return [_LEAD_VERB.sub("", prev[-1]) + phrase], lead_verb, last.post_end
    # 、-list items inherit the opening verb of the previous item (新增A 30家、B 50家)
    if after_figure and b == floor and raw.startswith("、") and prev_lead and not mv:
        phrase = prev_lead + phrase
        lead_verb = prev_lead
    if phrase == "经济" and _change(raw, first) != "none":
        phrase = "经济增长"  # 经济增长5% is the growth of GDP: keep the name
    if len(group) > 1:
        return resolve_list(phrase, len(group)), lead_verb, last.post_end
    return [phrase], lead_verb, last.post_end


# ---------------------------------------------------------------- period

def _plan_years(n: int) -> tuple[int, int]:
    start = 2006 + 5 * (n - 11)
    return start, start + 4


def _heading_period(heading: str, year: int | None) -> str | None:
    a = t = 0
    if year:
        for y in map(int, _YEAR_IN.findall(heading)):
            if y < year:
                a += 1
            else:
                t += 1
        for m in _PLAN_PERIOD.finditer(heading):
            digit = m.group(1) or m.group(2)
            lo, hi = _plan_years(10 + _CN_DIGIT[digit])
            if hi < year:
                a += 1
            else:
                t += 1
    if _REVIEW_WORDS.search(heading):
        a += 1
    if _PLAN_WORDS.search(heading):
        t += 1
    if a and not t:
        return "actual"
    if t and not a:
        return "target"
    return None


def infer_year(report: Report) -> int | None:
    """The report year: meta.year, else one more than the latest year reviewed in a top heading."""
    if report.meta.year:
        return report.meta.year
    best = None
    for h in report.sections():
        ys = [int(y) for y in _YEAR_IN.findall(h)]
        if not ys:
            continue
        if _REVIEW_WORDS.search(h):
            cand = max(ys) + 1
        else:
            cand = max(ys)
        best = cand if best is None else max(best, cand)
    return best


def _paragraph_periods(report: Report) -> dict[int, str]:
    """actual/target context of each body paragraph, from headings and leading cue words."""
    year = infer_year(report)
    out: dict[int, str] = {}
    state = "actual"
    sec_kind: str | None = None
    current_top = None
    for p in report.body:
        top = p.top_section
        if top != current_top:
            current_top = top
            sec_kind = _heading_period(top, year) if top else None
            if sec_kind:
                state = sec_kind
            elif not top:
                state = "actual" if not report.sections() else state
        if len(p.section) > 1 and p.kind == "heading":
            sub = _heading_period(p.section[-1], year)
            if sub and sec_kind is None:
                state = sub
        first = p.sentences[0] if p.sentences else p.text
        first_strip = _ENUM_MARK.sub("", first)
        year_lead = _YEAR_LEAD.match(first_strip)
        if _ACTUAL_LEAD.search(first_strip) or (year and year_lead and int(year_lead.group(1)) < year):
            state = "actual"
        elif _TARGET_LEAD.search(first_strip) or (year and year_lead and int(year_lead.group(1)) >= year):
            state = "target"
        elif sec_kind is None and p.kind != "heading":
            a, t = bool(_ACTUAL_WEAK.search(first)), bool(_TARGET_WEAK.search(first))
            if a != t:
                state = "actual" if a else "target"
        out[p.index] = state
    return out


def _figure_period(before: str, clause: str, context: str, year: int | None) -> str:
    """actual/target of one figure: the paragraph context, unless its own words say otherwise.

    ``clause`` is the clause holding the figure, ``before`` the sentence up to that clause.  In a
    plan, a clause about last year (去年…达到900家) is a result; in a review, a clause after a
    future cue (今年, 力争, 到2035年) is a goal.
    """
    if context == "target":
        def past(t: str) -> bool:
            return bool(_SENT_PAST.search(t) or (year and f"{year - 1}年" in t))
        if (past(clause) or past(before)) and _SENT_PAST_VERB.search(clause) \
                and not _SENT_FUTURE.search(clause) and not _SENT_FUTURE.search(before):
            return "actual"
        return "target"
    text = before + clause
    future_year = any(int(y) >= year for y in _BY_YEAR.findall(text)) if year else False
    if _SENT_FUTURE_STRONG.search(text) or future_year:
        return "target"
    return "actual"


def _may_name_years(text: str) -> bool:
    """False when no time cue can match in ``text``: every match of _MULTI_CTX, _ONE_YEAR_CTX,
    _MULTI_FIGURE, _BASE_YEAR and _FUTURE_YEAR holds 年, 五 (五年来, 十四五), 累计 or 刚刚过去的."""
    return "年" in text or "五" in text or "累计" in text or "刚刚过去的" in text


def _time_frame(text: str, year: int | None) -> str | None:
    """'multi' or 'one': the time frame set by the last cue in ``text`` (None if there is none).

    >>> _time_frame("2030年是“十五五”的最后一年。五年来，全省", 2031), _time_frame("过去五年…过去一年", 2031)
    ('multi', 'one')
    """
    if not _may_name_years(text):
        return None
    best: tuple[int, str] | None = None
    for rx, kind in ((_MULTI_CTX, "multi"), (_ONE_YEAR_CTX, "one")):
        for m in rx.finditer(text):
            k = kind
            y = int(m.group(1)) if m.group(1) else None
            if y and year:
                if kind == "multi" and y >= year - 1:
                    k = "one"    # 2025年以来 in a 2026 report: the past year
                elif kind == "one" and y > year:
                    k = "multi"  # 到2030年: a horizon beyond this year
                elif kind == "one" and y < year - 1:
                    continue     # 较2020年, 由2020年的: a base year, not the frame
            if best is None or m.end() > best[0]:
                best = (m.end(), k)
    return best[1] if best else None


def _multi_year_context(report: Report, year: int | None) -> dict[int, bool]:
    """Per body paragraph: does it speak of a span of years (五年来, “十四五”时期, a plan-period section)?

    A top heading about a plan period (“十五五”时期主要目标) opens a multi-year section; a heading that
    also names a recent year (2025年和“十四五”时期工作回顾) leaves the choice to its paragraphs, whose
    opening words before any figure (五年来 / 过去一年 / 刚刚过去的2025年) set the frame until the next
    such cue.
    """
    out: dict[int, bool] = {}
    state, current_top = False, None
    for p in report.body:
        top = p.top_section
        if top != current_top:
            current_top = top
            recent = year is not None and any(int(y) >= year - 1 for y in _YEAR_IN.findall(top or ""))
            state = bool(top) and bool(_PLAN_HEADING.search(top)) and not recent
        if p.text != top:
            figs = parse_figures(p.text[:40])
            kind = _time_frame(p.text[:figs[0].start if figs else 40], year)  # the words before any figure
            state = state if kind is None else kind == "multi"
        out[p.index] = state
    return out


def _is_multi_year(context: bool, sentence_before: str, clause_before: str, year: int | None) -> bool:
    """A figure that is not a one-year result or target: its clause says 年均/累计/5年/比2020年/到2030年,
    or its sentence (else its paragraph) speaks of a span of years."""
    if _may_name_years(clause_before):
        if _MULTI_FIGURE.search(clause_before):
            return True
        if year and any(int(y) < year - 2 for y in _BASE_YEAR.findall(clause_before)):
            return True
        if year and any(int(y) > year for y in _FUTURE_YEAR.findall(clause_before)):
            return True
    kind = _time_frame(sentence_before, year)
    return context if kind is None else kind == "multi"


# ---------------------------------------------------------------- public API

def _sentence_spans(p: Paragraph) -> list[tuple[int, int, str]]:
    spans, pos = [], 0
    for s in p.sentences or (p.text,):
        k = p.text.find(s, pos)
        if k < 0:
            k = pos
        spans.append((k, k + len(s), s))
        pos = k + len(s)
    return spans


def _rows_for_paragraph(report: Report, p: Paragraph, context: str, year: int | None,
                        multi_context: bool = False) -> list[dict]:
    text = p.text
    figs = parse_figures(text)
    if not figs:
        return []
    from .tables import join_section

    report_id, section = report.meta.report_id, join_section(p.section)
    spans = _sentence_spans(p)

    def sent_of(i: int) -> tuple[int, int, str]:
        for a, b, s in spans:
            if a <= i < b:
                return a, b, s
        return 0, len(text), text

    rows = []
    prev_names: list[str] | None = None
    prev_lead, prev_unit = "", ""
    prev_sent = None
    floor_pos = 0
    for group in _groups(text, figs):
        a, b, sent = sent_of(group[0].start)
        if prev_sent != a:
            prev_names, prev_lead, floor_pos = None, "", a
        floor = max(floor_pos, a)
        names, lead, used_end = _indicators(text, group, floor, floor > a, prev_names, prev_lead, prev_unit)
        lo = _clause_start(text, group[0].start, floor)
        change = _change(text[lo:group[0].start], group[0])
        pre = group[0].pre
        c_lo = lo if floor == a else _clause_start(text, group[0].start, a)
        period = _figure_period(text[a:c_lo], text[c_lo:_clause_end(text, group[-1].end, b)], context, year)
        multi = _is_multi_year(multi_context, text[a:group[0].start], text[c_lo:group[0].start], year)
        for f, name in zip(group, names):
            if not f.pre and pre and f is not group[0]:
                f.pre = pre  # 超13.2亿吨、3530万标箱: a hedge written once governs the list
            rows.append({
                "report_id": report_id, "paragraph": p.index, "section": section,
                "sentence": sent, "indicator": _tidy(name), "surface": f.surface, "number": f.number,
                "unit": f.unit, "multiplier": f.multiplier, "base_unit": f.base_unit, "value": f.value,
                "value_max": f.value_max, "category": f.category, "qualifier": f.qualifier, "change": change,
                "period": period, "multi_year": multi, "qualifier_text": f.qualifier_text, "start": f.start,
                "end": f.end,
            })
        prev_names, prev_lead, prev_sent, prev_unit = names, lead, a, group[-1].base_unit
        floor_pos = max(group[-1].post_end, used_end)
    return rows


def _tidy(name: str) -> str:
    name = name.strip(" 、，,：:。；;的")
    if name.count("“") > name.count("”"):
        name = name.replace("“", "", 1) if name.startswith("“") else name
    return name


def metric_rows(report: Report) -> list[dict]:
    """:func:`extract_metrics` as a list of row dicts of plain Python values (no pandas).

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n一、2025年工作回顾\\n全省生产总值增长6.1%。")
    >>> [(m["indicator"], m["value"], m["period"]) for m in metric_rows(r)]
    [('全省生产总值', 6.1, 'actual')]
    """
    year = infer_year(report)
    periods = _paragraph_periods(report)
    multi = _multi_year_context(report, year)
    rows: list[dict] = []
    for p in report.body:
        rows.extend(_rows_for_paragraph(report, p, periods.get(p.index, "actual"), year, multi.get(p.index, False)))
    for r in rows:  # the types the DataFrame gives these columns, so both paths write the same CSV
        for key in ("number", "multiplier", "value", "value_max"):
            r[key] = _as_float(r[key])
        r["multi_year"] = bool(r["multi_year"])
    return rows


def _as_float(x) -> float | None:
    """A number as a plain float; None (and NaN) as None."""
    return None if x is None or x != x else float(x)


def extract_metrics(report: Report) -> "pd.DataFrame":
    """One row per figure in the report body, columns :data:`COLUMNS` then ``qualifier_text, start, end``.

    ``start``/``end`` are character offsets of the surface in the paragraph text.
    """
    import pandas as pd

    df = pd.DataFrame(metric_rows(report), columns=COLUMNS + EXTRA_COLUMNS)
    df["value_max"] = df["value_max"].astype(float)
    df["multi_year"] = df["multi_year"].astype(bool)
    return df


def headline(report: Report, metrics: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """Main expected targets (主要预期目标) and the past year's headline results, one row per figure.

    Targets stated only in words (居民收入与经济增长同步) appear with an empty value and the words in
    ``surface``.  Columns :data:`HEADLINE_COLUMNS` then ``change`` (increase/decrease/none: ``value``
    stays unsigned, 下降3.3% is 3.3 with ``decrease``), ``multi_year``, ``qualifier_text, paragraph,
    start``.  Only headline indicators are kept: no ranks, shares of or gaps to the national figure,
    milestones (成为…过10万亿元省份) or multi-year figures. The selection is :func:`headline_rows`.
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


def headline_rows(report: Report, metrics: list[dict] | None = None) -> list[dict]:
    """:func:`headline` on the row dicts of :func:`metric_rows` (computed when not given)."""
    records = metric_rows(report) if metrics is None else metrics
    rows = _headline_targets(report, records) + _headline_actuals(report, records)
    for r in rows:
        r["value"], r["value_max"] = _as_float(r["value"]), _as_float(r["value_max"])
        r["multi_year"] = bool(r["multi_year"])
    return rows


def _row_out(r, period: str | None = None) -> dict:
    return {"indicator": r.indicator, "period": period or r.period, "value": r.value, "value_max": r.value_max,
            "base_unit": r.base_unit, "qualifier": r.qualifier, "surface": r.surface, "sentence": r.sentence,
            "change": getattr(r, "change", "none"), "multi_year": bool(getattr(r, "multi_year", False)),
            "qualifier_text": r.qualifier_text, "paragraph": r.paragraph, "start": r.start}


def _headline_worthy(r, text: str) -> bool:
    """Is the figure a level or change of a named indicator (not a rank, a share of or gap to the
    national figure, a milestone, a threshold inside a noun, or a multi-year figure)?

    ``text`` is the paragraph the figure stands in.
    """
    if r.category == "rank" or bool(getattr(r, "multi_year", False)) or _NOT_HEADLINE.search(str(r.indicator)):
        return False
    start, end = int(r.start), int(getattr(r, "end", int(r.start) + len(str(r.surface))))
    hedge = _POST_HEDGE_RE.match(text, end)
    after = text[hedge.end() if hedge else end:end + 8]
    if re.match(rf"的[{_CJK}]", after):
        return False  # 贡献了全国16.8%的增量
    threshold = re.search(r"(?:过|超|超过|突破|逾)$", text[max(0, start - 2):start])
    return not (threshold and re.match(rf"[{_CJK}]", after) and not _CLAUSE_GOES_ON.match(after))  # 过10万亿元省份


def _find_target_list(report: Report) -> list[tuple[Paragraph, int, int]]:
    """(paragraph, start, end) spans holding the main-targets list, after its cue."""
    body = report.body
    periods = _paragraph_periods(report)
    best = None
    for rank, word in enumerate(("主要预期目标", "预期目标", "主要目标")):
        for i, p in enumerate(body):
            # the cue may be cut over short lines: 今年…的 / 主要预期目标 / 是：地区生产总值…
            window, parts, j = p.text, [(p, 0)], i
            while not re.search(r"[。！？；：:]$", window) and j + 1 < len(body) and len(window) < 200 \
                    and len(body[j + 1].text) < 200 or (j == i and j + 1 < len(body) and len(p.text) < 20):
                j += 1
                parts.append((body[j], len(window)))
                window += body[j].text
                if len(parts) > 3:
                    break
            for m in _TARGET_CUE.finditer(window):
                if m.group(1) != word:
                    continue
                ctx = periods.get(p.index, "actual")
                lead_in = re.split(r"[。！？；]", window[:m.start()])[-1]  # the cue's own sentence
                five_year = re.search(r"“十[一二三四五六七八九]五”|十五五|五年|20[3-9]\d年", lead_in)
                if ctx != "target" or five_year:
                    continue
                best = (parts, m.end(), window)
                break
            if best:
                break
        if best:
            break
    if not best:
        return []
    parts, cue_end, window = best
    # the list runs from the cue to the end of its paragraph, stopping at commentary (这些目标…)
    spans = []
    for k, (p, off) in enumerate(parts):
        seg_lo, seg_hi = off, off + len(p.text)
        if seg_hi <= cue_end:
            continue
        lo = max(seg_lo, cue_end) - off
        hi = len(p.text)
        for a, b, s in _sentence_spans(p):
            if a >= lo and _TARGET_LIST_STOP.match(s):
                hi = a
                break
        spans.append((p, lo, hi))
        break  # the list is the paragraph that follows the cue
    return spans


def _headline_targets(report: Report, records: list[dict]) -> list[dict]:
    from types import SimpleNamespace

    rows = []
    for p, lo, hi in _find_target_list(report):
        figs_at = {int(r["start"]): SimpleNamespace(**r) for r in records
                   if r["paragraph"] == p.index and lo <= r["start"] < hi}
        spans = _sentence_spans(p)
        # walk the clauses in order, emitting figures and targets stated in words
        for m in re.finditer(r"[^，,；;。]+", p.text[lo:hi]):
            c_lo, c_hi = lo + m.start(), lo + m.end()
            clause = m.group().strip()
            inside = [figs_at[s] for s in sorted(figs_at) if c_lo <= s < c_hi]
            if inside:
                rows.extend(_row_out(r, "target") for r in inside if _headline_worthy(r, p.text))
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


def _word_target_subjects(clause: str) -> list[str]:
    """一般公共预算收入、城乡居民收入与经济增长同步 → [一般公共预算收入, 城乡居民收入]."""
    m = re.match(r"(.{2,}?)(?:增长)?(?:与|和|同)经济增长.*同步", clause)
    if m:
        return _split_items(m.group(1)) or [m.group(1)]
    m = re.match(r"(.{2,}?)(?:保持|稳量|稳中|稳定|完成|达到|实现|继续|进一步|全面|符合|控制|下降|降低|提高|提升|持续|"
                 r"改善|优化|增长|与)", clause)
    if m and not re.match(r"^(?:全面|完成|按照|确保|实现)", clause):
        return [m.group(1)]
    return [clause]


def _headline_actuals(report: Report, records: list[dict]) -> list[dict]:
    """The first block of macro results of the past year in the review (GDP growth and what follows it)."""
    if not records:
        return []
    from types import SimpleNamespace

    by_par: dict[int, list] = {}
    for rec in (r for r in records if r["period"] == "actual"):
        by_par.setdefault(rec["paragraph"], []).append(SimpleNamespace(**rec))
    year = infer_year(report)
    macro_re = _HEADLINE_MACRO
    ctx = "year"
    best = None  # (not past-year context, paragraph, sentence start)
    paras = {p.index: p for p in report.body}
    for p in report.body:
        first = p.sentences[0] if p.sentences else p.text
        if _FIVE_YEAR_CTX.search(first[:30]) or (p.kind == "heading" and _FIVE_YEAR_CTX.search(p.text)
                                                 and not (year and str(year - 1) in p.text)):
            ctx = "plan"
        if _PAST_YEAR_CTX.search(first[:30]) or (year and f"{year - 1}年" in first[:30]):
            ctx = "year"
        recs = by_par.get(p.index)
        if not recs:
            continue
        for a, b, s in _sentence_spans(p):
            if not any(a <= r.start < b and macro_re.search(r.indicator) and not getattr(r, "multi_year", False)
                       for r in recs):
                continue
            own = "year" if (_PAST_YEAR_CTX.search(s) or (year and f"{year - 1}年" in s)) else ctx
            cand = (own != "year", p.index, a)
            if best is None or cand[:2] < best[:2]:
                best = cand
            break
        if best and not best[0]:
            break  # the first past-year block wins
    if best is None:
        return []
    _, par, a0 = best
    recs = by_par[par]
    rows = []
    for a, b, s in _sentence_spans(paras[par]):
        if a < a0:
            continue
        in_s = [r for r in recs if a <= r.start < b]
        if not in_s and len(s) <= 12 and "指标" in s:
            continue  # 主要指标好于预期。 announces more of the block
        if not in_s or (a > a0 and _ENUM_START.match(s)):
            break
        rows.extend(_row_out(r) for r in in_s if _headline_worthy(r, paras[par].text))
    return rows
