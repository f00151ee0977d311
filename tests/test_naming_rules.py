"""One test per indicator-naming rule (zjtext.metrics.naming.NAMING_RULES): a made-up sentence in the
reports' style whose naming that rule decides, asserting the name AND which rule fired, so removing or
reordering a rule fails its test. Plus: every rule has a case, and docs/internals.md lists the table."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from zjtext.metrics import metric_rows
from zjtext.metrics import naming
from zjtext.metrics.naming import NAMING_RULES
from zjtext.report import report_from_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "internals.md"

#: rule -> (sentence, the figure it names, the expected name). Sentences are made up: other places,
#: other figures than any report.
CASES = {
    "kinds_of_things": ("办好8类30件惠民实事。", "8类", "惠民实事（类）"),
    "areas_of_work": ("着力抓好6方面重点工作：", "6方面", "工作方面"),
    "measure_of_next": ("新建总投资80亿元的物流园。", "80亿元", "物流园总投资"),
    "share_of_whole_growth": ("外贸出口总额1.2万亿元，贡献了全省8.5%的增量。", "8.5%", "外贸出口总额增量占全省比重"),
    "converted_amount": ("实际使用外资42亿美元、折合300亿元人民币。", "300亿元", "实际使用外资（折合人民币）"),
    "membership": ("全市12家企业入选省级隐形冠军名单。", "12家", "入选省级隐形冠军名单企业"),
    "things_listed_before": ("湖州、嘉兴等4个城市完成改革试点。", "4个", "城市"),
    "counted_noun": ("建成18个口袋公园。", "18个", "建成口袋公园"),
    "cumulative_total": ("新增绿道320公里、累计达到2900公里。", "2900公里", "绿道总量"),
    "same_subject": ("全市生产总值增长5.2%，达到3100亿元。", "3100亿元", "全市生产总值"),
    "nothing_named": ("全年增长5%。", "5%", ""),
    "object_in_clause_before": ("实施小微企业提升行动，当年完成120家。", "120家", "完成实施小微企业提升行动"),
    "part_of_previous": ("新建学校15所，其中乡村9所。", "9所", "新建学校（乡村）"),
    "part_with_previous_verb": ("改造管网900公里，其中供水管网400公里。", "400公里", "改造供水管网"),
    "threshold_passed": ("全市生产总值达到3.2万亿元，成为中部首个过3万亿元城市。", "3万亿元", "全市生产总值"),
    "plan_beaten": ("完成投资800亿元、超年度计划12%。", "12%", "完成投资超年度计划幅度"),
    "points_gap": ("规上工业增加值增长6%、高于全省1.2个百分点。", "1.2个百分点", "规上工业增加值增速高于全省幅度"),
    "comparison": ("人均收入增长6%，好于全国1个百分点。", "1个百分点", "人均收入好于全国"),
    "share_of_whole": ("海外游客超过80万人次、占全省12%。", "12%", "海外游客占全省比重"),
    "bare_total": ("新增市场主体8万户、总数达到95万户。", "95万户", "市场主体总数"),
    "bare_measure": ("高新技术企业达到1.2万家、营收增长9%。", "9%", "高新技术营收"),
    "inherited_lead_verb": ("新建泵站6座、闸站4座。", "4座", "新建闸站"),
    "economy_growth": ("预计经济增长5.8%。", "5.8%", "经济增长"),
    "listed_subjects": ("城镇和农村居民收入分别增长4%、6%。", "6%", "农村居民收入"),
    "own_subject": ("全市一般公共预算收入增长4.5%。", "4.5%", "全市一般公共预算收入"),
}


def _trace(sentence: str) -> dict[str, tuple[str, str]]:
    """{surface: (indicator, naming rule)} for a sentence in a made-up report's review section."""
    report = report_from_text(f"2031年示范省政府工作报告\n各位代表：\n一、2030年工作回顾\n{sentence}",
                              path="naming_x.txt")
    trace: list[tuple[str, str, str]] = []
    metric_rows(report, trace=trace)
    return {surface: (indicator, rule) for surface, indicator, rule in trace}


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_names_its_phenomenon(rule):
    sentence, surface, name = CASES[rule]
    assert _trace(sentence)[surface] == (name, rule)


@pytest.mark.parametrize("rule", [r.name for r in NAMING_RULES])
def test_every_rule_has_a_case_and_a_documented_phenomenon(rule):
    assert rule in CASES
    decide = next(r.decide for r in NAMING_RULES if r.name == rule)
    assert decide.__doc__ and re.search(r"[\u4e00-\u9fff]", decide.__doc__), "a docstring with an example"


def test_rule_names_are_unique_and_the_fallback_is_last():
    names = [r.name for r in NAMING_RULES]
    assert len(names) == len(set(names)) == len(CASES)
    assert names[-1] == "own_subject"


def test_list_item_passes_its_inherited_verb_on():
    trace = _trace("新建泵站6座、闸站4座、船闸2座。")
    assert trace["2座"] == ("新建船闸", "inherited_lead_verb")


#: Where two rules both apply, the order decides: (sentence, figure, name, the rule that wins, the rule
#: that would name it were the winner not in the table, and what that would give).
OVERLAPS = [
    # a list of examples AND the list the things joined: the membership is the finer name
    ("丽水、衢州等6家企业入选国家级绿色工厂名单。", "6家", "入选国家级绿色工厂名单企业", "membership",
     "things_listed_before", "企业"),
    # a bare measure after a count of firms opened by a verb: what the firms produce, not 新增增加值
    ("新增规上工业企业500家、增加值增长7%。", "7%", "规上工业增加值", "bare_measure",
     "inherited_lead_verb", "新增增加值"),
    # 累计达到 with nothing else before it: the total, not the previous figure's own name
    ("新增绿道320公里、累计达到2900公里。", "2900公里", "绿道总量", "cumulative_total",
     "same_subject", "新增绿道"),
    # a gap in points opened by a comparison word: the growth-rate gap, not the comparison's words
    ("规上工业增加值增长6%、高于全省1.2个百分点。", "1.2个百分点", "规上工业增加值增速高于全省幅度",
     "points_gap", "comparison", "规上工业增加值高于全省"),
]


@pytest.mark.parametrize("sentence, surface, name, winner, runner_up, runner_up_name", OVERLAPS)
def test_the_earlier_rule_wins_where_two_apply(monkeypatch, sentence, surface, name, winner, runner_up,
                                               runner_up_name):
    names = [r.name for r in NAMING_RULES]
    assert names.index(winner) < names.index(runner_up)
    assert _trace(sentence)[surface] == (name, winner)
    monkeypatch.setattr(naming, "NAMING_RULES", tuple(r for r in NAMING_RULES if r.name != winner))
    assert _trace(sentence)[surface] == (runner_up_name, runner_up)


def test_internals_doc_lists_the_rules_in_order():
    """docs/internals.md's table is the rule table: same names, same order, same phenomena."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## Indicator naming rules", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `([a-z_]+)` \| (.+?) \|$", section, re.M)
    assert [(int(i), n, p) for i, n, p in rows] == \
        [(i, r.name, r.phenomenon) for i, r in enumerate(NAMING_RULES, 1)]
