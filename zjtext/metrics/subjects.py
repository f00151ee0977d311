"""Subjects: the words before a figure stripped to its subject, its change (增长/下降), and 分别 lists
(the naming rules that use them are in :mod:`zjtext.metrics.naming`).

>>> resolve_list("城镇和农村居民人均可支配收入", 2)
['城镇居民人均可支配收入', '农村居民人均可支配收入']
"""
from __future__ import annotations

import re

from ..clean import BULLETS
from ..lexicon import alternation, word_list, word_table
from ..words import DECREASE as _DECREASE, INCREASE as _INCREASE  # verbs of change: change_words.tsv
from .figures import _CJK, Figure

__all__ = ["GROWTH_NAME", "resolve_list"]

# a target named by the plan that sets it, between the indicator and its figure: 国民生产总值计划增长
# 8%, 经济增长速度的(宏观)调控目标定为8%, 经济增长预期为7%
_PLAN_NOUN = r"(?:的)?(?:宏观)?(?:调控)?(?:目标|预期)(?:定)?|(?<![\u4e00-\u9fff])定"  # (，)定为8%: not 稳定
_PLAN_WORDS = rf"{_PLAN_NOUN}|计划(?:要求|增长|提高)"
_CHANGE_RE = re.compile(rf"(?:(?P<inc>{_INCREASE})|(?P<dec>{_DECREASE}))(?:了)?(?:分别(?:为)?)?$")

# cutting an object by a share (平均减时间61%、减材料47%, 压减时间58%): a decrease
_CUT_OBJECT = re.compile(r"""
    (?:^|[、，,；;]|平均|均|再)                          # the item's start, or 平均/均/再
    (?:减少|压减|压缩|缩短|降低|减)                       # a verb of cutting
    (?:办理|审批|办事)?                                 # the procedure …
    (?:时间|时限|材料|环节|跑动次数|跑动|成本|费用|流程)$   # … and what of it is cut
""", re.VERBOSE)

# the wholes a figure is set against: a share of, a gap to, a rank in (resources/wholes.txt)
WHOLES = alternation(word_list("wholes"))
# what may be stripped from the START of the words before a figure to leave its subject; tried in
# this order at the start, up to six times (其中，2030年 …)
_LEAD_STRIP = re.compile(r"""^(?:
    [、，的] | [""" + BULLETS + r"""]+                                  # list and bullet marks
    | [（(][一二三四五六七八九十\d]{1,2}[)）] | \d{1,2}[、.．](?!\d)       # item numbers: （三） 2.
    | 其中 | 同时 | 并且 | 并 | 且                                      # connectives
    | 全年 | 今年 | 当年 | 年内                                        # the year the report speaks of
    | 力争 | 确保 | 预计 | 计划(?!单列)                                # aims and forecasts (not 计划单列市)
    | 初步统计 | 据初步统计 | 初步核算 | 经初步核算 | 包括             # sources and scope
    | (?:[\u4e00-\u9fff]{0,10}?的)?主要预期目标(?:是|为)?               # the heading of the targets
    | 累计 | 合计 | 共计 | 总计 | 争取 | 建议 | 实现                    # totals and verbs of attainment
    | 为(?![民主]) | 在(?![建线岗校职读园册押])                         # prepositions, not 为民/在建
    | 对(?![应外口接标照话比]) | 向(?![好上])
    | 到(?:19|20)\d\d年                                              # a target year: 到2030年
    | (?:19|20)\d\d(?:[—\-－~至到](?:19|20)?\d\d)?年(?:底|末|初|前)?   # a year or a span of years
    | (?:近|过去|这)?\d{1,2}年(?:来|间|里)?(?![\u4e00-\u9fff]*(?:计划|规划|行动|工程))  # 5年来, not 3年行动
)""", re.VERBOSE)
# what may be stripped from the END of the words before a figure: comparisons, verbs of reaching and
# of change, a rank's place, time words (…比上年增长 → …)
_TRAIL_STRIP = re.compile(r"""(?:
    分别 | 同比 | 同口径 | 可比口径 | 自然口径                           # the basis of a change
    | 比上年末 | 比上年 | 较上年末 | 较上年 | 比去年 | 较去年 | (?:由|从)(?:上年|去年)(?:的)?
    | 实现 | 比\d{4}年 | 较\d{4}年 | 年均 | 平均 | 累计(?:完成|实现)? | 了 | 共 | 均
    | """ + _PLAN_WORDS + r"""                                          # the plan naming a target
    | (?<=[幅速率度])在 | 转为 | 约为 | 为 | 是                          # copulas (增幅在…)
    | 达到 | 达 | 约 | 近 | 超过 | 超 | 突破 | 逾 | 跨越                  # reaching a level, hedges
    | (?<![通经度走跨迈越闯穿错不超])过                                   # 过 of passing, not 通过/经过…
    | 不低于 | 不少于 | 不高于 | 不超过 | 低于 | 接近 | 将近 | 高达          # bounds
    | 全年 | 年末 | 年底 | 年内 | 当年 | 今年                            # time words
    | 保持在 | 控制在 | 稳定在 | (?:继续|持续|进一步|基本)?保持 | 维持在 | 按 | 继续
    | (?:连续)?(?:迈上|跨上|站上|跃上|登上|迈过|跨过) | 一度                # passing a threshold
    | (?:提高|提升|增加|增长|扩大|下降|降低|减少|压缩|压减|缩小|跃升|跃居|上升|攀升|回落)(?:到|至)
    | 增至 | 降至 | 升至 | 进至 | 减至 | 增到 | 降到 | 升到 | 减到            # changing to a level
    | (?:跃居|位居|稳居|居|位列|列|排名|排|进入|升至|提升到|提升至|提高到|上升到|上升至|进至|保持)?
      (?:""" + WHOLES + r""")?(?:地区|省份|城市)?第                     # a rank: 居全国第
    | (?:实际|名义|同比|环比|分别)?(?:""" + _INCREASE + "|" + _DECREASE + r""")  # a change
    | 预计 | 的 | 从 | 由 | 实际 | 连续 | 首次 | 再次 | 已 | 已经
    | (?:19|20)\d\d年(?:末|底|初)?                                      # a year
    | (?<![\d年])(?:近|过去|这)?(?:\d{1,2}|[两三四五六七八九十])年(?:来|间|里|内)?  # 5年来
)$""", re.VERBOSE)
# the longest match of _TRAIL_STRIP and the characters a match can end with (tests check both)
_TRAIL_STRIP_WIDTH = 10
_TRAIL_LAST_CHARS = frozenset("上为了于从低共内减初别到加升在均增大小少已幅年底径成持按是末度"
                              "来次比涨现由的破窄第约经续至落计调负超越达过近速逾里长间际降高标期定划求")
# nouns that end an indicator: the measured quantity (resources/indicator_heads.txt); longest first
_HEADS = sorted(word_list("indicator_heads"), key=len, reverse=True)

_GROUP_GAP = re.compile(r"(?:、|和|及|与|以及|或|，|,)")
_TO_END = re.compile(r"(?:到|至)$")
# what may follow a verb of change before its figure (增长了, 同比增长, 年均增长, 增长目标定为)
_CHANGE_TRAIL = re.compile(r"""(?:
    同比 | 比上年末 | 比上年 | 较上年 | 比去年 | 年均 | 平均        # the basis of the change
    | 分别为 | 分别 | 了 | 为                                      # 分别 lists, aspect, copula
    | """ + _PLAN_NOUN + r"""                                       # the plan naming a target
)+$""", re.VERBOSE)
# a name that says it is a rate of growth (经济增长速度8%, 国民经济增长率): a change, not a level
GROWTH_NAME = re.compile(r"(?:增长速度|增长率|增长预期|增长|上涨幅度|增长幅度|涨幅)$")

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
    s = s.strip(" 、，,：:")
    unranked = _RANK_IN_WORDS.sub("", s)  # 生产总值稳居全国前十、增长6.1%: the figure is GDP's
    return unranked if len(unranked) >= 2 else s


# a rank written in words, ending the words before a figure (稳居全国前十、, 居全国前列、中部第1位):
# no part of the subject
_RANK_IN_WORDS = re.compile(r"""
    (?:稳居|位居|跃居|居|保持|进入|位列|跻身)                 # standing
    (?:""" + WHOLES + r""")(?:地区|省份|城市)?                # in a whole (of its regions, cities)
    (?:前[一二三四五六七八九十]{1,2}(?:位|名|强)?             # among the first n: 前十, 前5强
      | 第[一二三四五六七八九十]{1,2}位? | 前列 | 首位 | 第一方阵)  # at a place in words
    [、，,]?(?:""" + WHOLES + r""")?$                        # and the next whole of a list of ranks
""", re.VERBOSE)


# a rate of change named, then set at a level (涨幅控制在3%, 增速回落到6.9%, 降幅为4%): the figure is
# that change, not a level
_RATE_AT_LEVEL = re.compile(r"""
    (?:(?P<inc>涨幅|增幅|增速|增长率|增长速度|上涨幅度|增长幅度)   # a rate of rise …
      | (?P<dec>降幅|下降幅度))                                # … or of fall
    (?:控制在|保持在|稳定在|维持在                              # held at
      | 回落到|回落至|回升到|回升至|降到|降至|提高到|提高至        # moved to
      | 为|在|是)?$                                           # being
""", re.VERBOSE)


def _change(raw_before: str, fig: Figure) -> str:
    """increase / decrease / none for a figure, from the words before it (hedge left out).

    >>> from zjtext.metrics.figures import parse_figures
    >>> [_change(t, parse_figures(t + "2.1%")[0]) for t in ("居民消费价格涨幅回落到", "涨幅控制在 ", "降幅为", "比重提高到")]
    ['increase', 'increase', 'decrease', 'none']
    >>> _change("价格总水平上涨幅度控制在", parse_figures("价格总水平上涨幅度控制在2%")[0])
    'increase'
    """
    s = raw_before[:len(raw_before) - len(fig.pre)] if fig.pre and raw_before.endswith(fig.pre) else raw_before
    s = s.rstrip()
    rate = _RATE_AT_LEVEL.search(s)
    if rate:
        return "increase" if rate.group("inc") else "decrease"
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
_SCOPE = re.compile(alternation(w for w, role in word_table("list_scopes").items() if role == "lends"))
# an item that names its own scope (城镇居民…和农民人均纯收入): no scope is lent to it
_OWN_SCOPE = re.compile(alternation(w for w, role in word_table("list_scopes").items() if role == "own"))


def _ends_with_head(s: str) -> str:
    for h in _HEADS:
        if s.endswith(h) and len(s) > len(h):
            return h
    return ""


_ORDINAL = re.compile(r"^(第)?([一二三四五六七八九十]{1,2})(.*)$")


# 一二三产 / 第一二三产业 …: the sectors numbered in one run, before their shared noun
_ORDINAL_RUN = re.compile(r"(?:^|(?<=其中))(第)?([一二三]{2,3})(产业|产)(.*)$")


def _ordinal_items(items: list[str]) -> list[str]:
    """第一、二、三产业增加值 → 第一/第二/第三产业增加值: numbered items that share the last one's noun."""
    parts = [_ORDINAL.match(it) for it in items]
    if not all(parts) or any(m.group(3) for m in parts[:-1]) or not parts[-1].group(3):
        return []
    rest = parts[-1].group(3)
    prefix = "第" if any(m.group(1) for m in parts) or rest.startswith("产业") else ""
    return [prefix + m.group(2) + rest for m in parts]


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
    >>> resolve_list("第一、二、三产业增加值", 3)
    ['第一产业增加值', '第二产业增加值', '第三产业增加值']
    >>> resolve_list("其中一二三产增加值", 3), resolve_list("一二产业增加值", 2)
    (['一产增加值', '二产增加值', '三产增加值'], ['第一产业增加值', '第二产业增加值'])
    """
    run = _ORDINAL_RUN.search(subject)
    if run and len(run.group(2)) == n:  # 一二三产增加值: numbered items run together, the noun written once
        prefix = "第" if run.group(1) or run.group(3) == "产业" else ""
        return [prefix + c + run.group(3) + run.group(4) for c in run.group(2)]
    items = _split_items(subject)
    if len(items) == 1 and n == 2 and items[0].startswith("城乡"):
        rest = items[0][2:]
        return ["城镇" + rest, "农村" + rest]
    if len(items) != n or n < 2:
        return [subject] * n
    ordinals = _ordinal_items(items)
    if ordinals:
        return ordinals
    earlier, last = items[:-1], items[-1]
    head = _head_written_last(earlier, last) if not any(map(_ends_with_head, earlier)) else ""
    if head:
        return [it + head for it in earlier] + [last]
    return _front_written_first(items)


def _head_written_last(earlier: list[str], last: str) -> str:
    """The head noun that items without one (earlier in the list) share with the last item
    (高新技术产业、战略性新兴产业增加值 → 增加值), '' when none can be told.

    >>> _head_written_last(["盗窃", "涉诈"], "涉毒警情"), _head_written_last(["高新技术产业"], "新兴产业增加值")
    ('警情', '增加值')
    """
    first = earlier[0]
    for it in earlier:  # the earlier items' ending reappears inside the last one (…产业 / …产业增加值)
        k = last.rfind(it[-2:]) if len(it) >= 2 else -1
        if k >= 0 and k + 2 < len(last):
            return last[k + 2:]
    if all(len(it) <= 3 for it in earlier) and len(last) > len(first) + 1:
        return last[len(first):]
    for it in earlier:  # 盗窃、涉诈、涉毒警情: an item shaped like the last one's start lends its end
        if len(it) >= 2 and last[0] == it[0] and re.match(rf"[{_CJK}]", it) \
                and len(it) + 1 < len(last) <= len(it) + 5 and "分别" not in last:
            return last[len(it):]
    head = _ends_with_head(last)
    return last[-3:] if len(head) == 1 and len(last) >= 5 else head  # 零售额, not just 额


def _front_written_first(items: list[str]) -> list[str]:
    """Items that share the words the first item opens with (生产安全事故起数和死亡人数 → 生产安全事故
    死亡人数; 城镇新增就业和失业人员再就业 → 城镇失业人员再就业), else the items as written."""
    first = items[0]
    h = _ends_with_head(first)
    if len(h) == 1 and len(first) > 4 and all(len(it) == 3 and it.endswith(h) for it in items[1:]):
        return [first] + [first[:-3] + it for it in items[1:]]  # 入园率和普惠率: the rates trade places
    stem = first[:-len(h)] if h else ""
    # 生产安全事故起数和死亡人数: the subject is shared; not 营业总收入、利润总额 (总收入 is one head)
    if stem and not re.search(r"[总均净]$", stem) and all(len(it) <= 5 and not it.startswith(first[:2])
                                                          for it in items[1:]):
        return [first] + [stem + it for it in items[1:]]
    scope = _SCOPE.match(first)
    if scope and len(first) > len(scope.group()) + 1 and not any(_SCOPE.match(it) or _OWN_SCOPE.match(it)
                                                                 for it in items[1:]):
        return [first] + [scope.group() + it for it in items[1:]]  # 城镇新增就业和失业人员再就业
    return items


# a clause that takes a part out of what the next figure measures (扣除房地产开发投资后，固定资产投资增长2.7%)
_EXCLUDING = re.compile(r"(?:扣除|剔除|不含|除去)([^，,；;。\d]{2,16}?)(?:因素|影响)?(?:以)?后?[，,]\s*$")


def excluding(before: str, names: list[str]) -> list[str]:
    """Names qualified by the part an opening clause takes out (固定资产投资 → 固定资产投资（扣除房地产开发投资）):
    another measure than the indicator itself, so it keeps no key. ``before`` is the sentence before
    the figure's clause.

    >>> excluding("扣除房地产开发投资后，", ["固定资产投资"]), excluding("总体平稳，", ["固定资产投资"])
    (['固定资产投资（扣除房地产开发投资）'], ['固定资产投资'])
    """
    m = _EXCLUDING.search(before)
    return [f"{n}（扣除{m.group(1)}）" if n and "扣除" not in n else n for n in names] if m else names


# the words after a level reached (迈上5万亿元台阶, 跃上9万亿元新台阶, 突破1万亿元大关): no subject of what follows
_LEVEL_MARK = re.compile(r"(?:的)?(?:新|历史性)?(?:台阶|大关|关口)")


def level_mark_end(text: str, end: int) -> int:
    """Where the words marking a level reached end (…5万亿元新台阶 → after 新台阶), else ``end``.

    >>> t = "经济总量跃上5万亿元新台阶、居全国第12位"
    >>> t[level_mark_end(t, t.index("元") + 1):]
    '、居全国第12位'
    """
    m = _LEVEL_MARK.match(text, end)
    return m.end() if m else end
