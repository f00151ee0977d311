"""Report families the rules must read right wherever they occur (issue 26): made-up sentences in the
reports' style, with other places and figures than any shared report."""
from __future__ import annotations

import pytest

from zjtext.compare import track_targets
from zjtext.metrics import headline
from zjtext.report import report_from_text

# a national-style report that opens with a five-year review and gives last year's results in a
# 过去一年 sentence of the paragraph just before this year's target list
TERM_OLD = """2040年政府工作报告
各位代表：
一、2039年工作回顾
过去一年，国内生产总值增长6.4%。
二、2040年工作安排
今年经济社会发展的主要预期目标是：
国内生产总值增长7%左右；居民消费价格涨幅4%左右；城镇新增就业1000万人以上，城镇登记失业率控制在4.5%以内。
"""
TERM_NEW = """2041年政府工作报告
各位代表：
一、“十九五”时期的回顾
五年来，国内生产总值年均增长8.2%，城镇新增就业累计5200万人，居民消费价格年均上涨2.9%。
二、“二十五”时期的主要目标
未来五年，国内生产总值年均增长6%左右。
三、2041年的工作
2041年是“二十五”开局之年，做好今年的工作意义重大。过去一年，我们的各项工作取得新的成绩。国内生产总值增长7.6%，居民消费价格涨幅控制在 4.4%，城镇新增就业1090万人。
今年经济社会发展的主要预期目标是：
国内生产总值增长6.5%左右；居民消费价格涨幅3.5%左右。总的考虑是，为加快调整结构创造良好环境，引导各方面把着力点放在提高质量上。
实现上述目标，要保持政策连续性。
"""


def test_last_years_results_after_a_five_year_review_in_a_past_year_sentence():
    """The figures after 过去一年 in a paragraph that opens on this year are last year's results, not
    targets, and never the five-year figures of the review before them."""
    t = track_targets(report_from_text(TERM_OLD, "t-2040.txt"), report_from_text(TERM_NEW, "t-2041.txt"))
    got = {k: (a, v) for k, a, v in zip(t.indicator_key, t.actual, t.verdict)}
    assert got["gdp"] == ("7.6%", "met")
    assert got["jobs"] == ("1090万人", "met")
    assert got["cpi"] == ("4.4%", "missed")  # 4%左右 on a price: a ceiling, 0.4 points over
    assert got["unemployment_registered"] == ("", "not reported")


def test_the_reasoning_after_a_target_list_is_no_target():
    """总的考虑是, 为…创造良好环境 and what follows them explain the targets: no headline rows."""
    hl = headline(report_from_text(TERM_NEW, "t-2041.txt"))
    targets = hl[hl.period == "target"]
    assert list(targets.indicator_key) == ["gdp", "cpi"]
    assert not targets.indicator.str.contains("考虑|环境|着力点").any()


def test_the_headline_results_are_the_past_year_sentences_not_the_five_year_review():
    hl = headline(report_from_text(TERM_NEW, "t-2041.txt"))
    actual = hl[hl.period == "actual"]
    assert list(actual.surface) == ["7.6%", "4.4%", "1090万人"]
