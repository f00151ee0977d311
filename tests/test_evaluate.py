"""Scoring against a gold annotation: locating gold rows, matching, and the reported figures."""
from __future__ import annotations

import pandas as pd
import pytest

from zjtext import load_report
from zjtext.evaluate import indicator_match, lcs_ratio, locate_gold, norm_indicator, score, score_headline
from zjtext.metrics import extract_metrics, headline

GOLD = "met_mini.quantities.csv"


@pytest.fixture(scope="module")
def mini(fixtures_dir):
    return load_report(fixtures_dir / "met_mini.txt")


@pytest.fixture(scope="module")
def gold(fixtures_dir, mini):
    return locate_gold(pd.read_csv(fixtures_dir / GOLD, dtype=str, keep_default_na=False), mini)


def as_predicted(gold: pd.DataFrame) -> pd.DataFrame:
    """The gold metric rows written as extractor output (a perfect prediction)."""
    g = gold[gold.is_metric == "yes"]
    return pd.DataFrame({
        "paragraph": g.paragraph, "start": g.start, "surface": g.surface, "indicator": g.indicator,
        "period": g.period, "qualifier": g.qualifier_norm, "change": g.change, "category": g.category,
        "value": g.value.astype(float), "sentence": "",
    }).reset_index(drop=True)


def test_every_gold_row_is_located_in_reading_order(gold, mini):
    assert (gold.paragraph > 0).all()
    body = {p.index: p.text for p in mini.body}
    for r in gold.itertuples():
        assert body[r.paragraph][r.start:].startswith(r.surface)
    keys = list(zip(gold.paragraph, gold.start))
    assert keys == sorted(keys)


def test_repeated_surfaces_map_to_distinct_places(gold):
    # 5% appears several times; each gold row gets its own position
    assert not gold.duplicated(["paragraph", "start"]).any()


def test_perfect_prediction_scores_one(fixtures_dir, mini, gold):
    scores, misses = score(as_predicted(gold), fixtures_dir / GOLD, mini)
    assert scores["recall"] == scores["precision"] == 1.0
    for k in ("period", "qualifier", "change", "category", "value", "indicator", "indicator_exact"):
        assert scores[k] == 1.0, k
    assert misses.empty


def test_misses_false_positives_and_disagreements_are_counted(fixtures_dir, mini, gold):
    pred = as_predicted(gold)
    n = len(pred)
    pred = pred.drop(index=[0, 1])                                   # two misses
    pred.loc[2, "period"] = "target"                                  # one period error
    pred.loc[3, "indicator"] = "完全不同的东西"                        # one indicator error
    pred.loc[4, "indicator"] = "“" + pred.loc[4, "indicator"] + "”"   # only punctuation differs
    year = gold[gold.category == "year"].iloc[0]                      # a year predicted as a metric
    extra = pred.iloc[[0]].copy()
    extra[["paragraph", "start", "surface"]] = [year.paragraph, year.start, year.surface]
    pred = pd.concat([pred, extra], ignore_index=True)
    scores, misses = score(pred, fixtures_dir / GOLD, mini)
    assert scores["matched"] == n - 2
    assert scores["recall"] == pytest.approx((n - 2) / n)
    assert scores["precision"] == pytest.approx((n - 2) / (n - 1))
    assert scores["period"] == pytest.approx((n - 3) / (n - 2))
    assert scores["indicator"] == pytest.approx((n - 3) / (n - 2))
    assert scores["indicator_norm"] == pytest.approx((n - 3) / (n - 2))
    assert scores["indicator_exact"] == pytest.approx((n - 4) / (n - 2))
    kinds = misses.kind.value_counts().to_dict()
    assert kinds == {"missed": 2, "false_positive": 1, "period": 1, "indicator": 1}
    assert "year" in misses[misses.kind == "false_positive"].gold.item()


def test_extractor_on_made_up_report(fixtures_dir, mini):
    scores, misses = score(extract_metrics(mini), fixtures_dir / GOLD, mini)
    assert scores["recall"] == 1.0 and scores["precision"] == 1.0, misses
    assert scores["period"] == 1.0 and scores["qualifier"] == 1.0 and scores["change"] == 1.0
    # one gold name is a paraphrase that passes the tolerance: 改造老旧小区（栋数）
    n = scores["matched"]
    assert (scores["indicator_exact"], scores["indicator"]) == (pytest.approx((n - 1) / n), 1.0)


def test_headline_score(fixtures_dir, mini):
    hs = score_headline(headline(mini), fixtures_dir / GOLD, mini)
    assert (hs["gold_headline"], hs["recall"], hs["precision"]) == (10, 1.0, 1.0)


def test_indicator_tolerance():
    assert norm_indicator(" “义新欧”中欧班列（开行） ") == "义新欧中欧班列开行"
    assert indicator_match("生产总值", "全省生产总值")
    assert indicator_match("纳入保障范围项目", "项目纳入保障范围")     # same words, other order
    assert not indicator_match("出口", "进口")
    assert not indicator_match("", "出口")
    assert lcs_ratio("abc", "abc") == 1.0 and lcs_ratio("abc", "xyz") == 0.0


# ---------------------------------------------------------------- headline and tracking gold

HL_TEXT = ("2031年示范省政府工作报告\n各位代表：\n一、2030年工作回顾\n过去一年，全省生产总值增长5.2%，城镇调查失业率4.8%。\n"
           "二、2031年工作安排\n主要预期目标是：生产总值增长5%左右，居民消费价格涨幅2%左右。\n")


def _hl_gold(*rows):
    cols = ["report", "period", "indicator", "anchor", "surface", "value", "qualifier_norm"]
    return pd.DataFrame([dict(zip(cols, ("x", *r))) for r in rows], dtype=str)


def test_headline_gold_counts_found_targets_results_and_extras():
    from zjtext.evaluate import score_headline_gold
    from zjtext.report import report_from_text

    r = report_from_text(HL_TEXT, path="hl-2031.txt")
    gold = _hl_gold(("actual", "地区生产总值", "全省生产总值增长", "5.2%", "5.2", "none"),
                    ("target", "地区生产总值", "生产总值增长", "5%", "5", "approx"),
                    ("target", "居民消费价格", "居民消费价格涨幅", "2%", "2", "approx"),
                    ("target", "一般公共预算收入", "不在文中的锚", "3%", "3", "none"))
    counts, misses = score_headline_gold(gold, headline(r), r, targeted={"gdp"})
    assert (counts["targets"], counts["targets_found"], counts["actuals"], counts["actuals_found"]) == (3, 2, 1, 1)
    assert (counts["targeted_actuals"], counts["targeted_actuals_found"], counts["extra"]) == (1, 1, 1)
    kinds = dict(zip(misses.kind, misses.predicted))
    assert kinds["target missed"] == "not located in the text" and "extra" in kinds  # the 4.8% rate


def test_tracking_gold_counts_equal_verdicts_and_wrong_figures():
    from zjtext.evaluate import same_verdict, score_tracking

    gold = pd.DataFrame([
        {"pair": "a-b", "indicator": "国内生产总值", "target_surface": "7%", "target_value": "7", "actual_value": "6.9",
         "verdict": "met"},
        {"pair": "a-b", "indicator": "居民消费价格", "target_surface": "3%", "target_value": "3", "actual_value": "",
         "verdict": "not reported"},
        {"pair": "a-b", "indicator": "城镇登记失业率", "target_surface": "4.5%", "target_value": "4.5", "actual_value": "",
         "verdict": "not reported"},
        {"pair": "a-b", "indicator": "单位国内生产总值能耗", "target_surface": "3%", "target_value": "3", "actual_value": "3.2",
         "verdict": "met"},
    ])
    tracked = pd.DataFrame([
        {"indicator": "国内生产总值", "indicator_key": "gdp", "target_value": 7.0, "actual_value": 6.9,
         "verdict": "met (within 左右)", "reason": ""},
        {"indicator": "居民消费价格", "indicator_key": "cpi", "target_value": 3.0, "actual_value": 2.0, "verdict": "met",
         "reason": ""},  # a figure the gold does not have: a wrong figure
        {"indicator": "单位国内生产总值能耗", "indicator_key": "energy_intensity", "target_value": -3.0,
         "actual_value": -3.2, "verdict": "met", "reason": ""},  # a cut, signed in the tracking table
    ])
    counts, table = score_tracking(gold, tracked)
    assert counts == {"rows": 4, "equal": 2, "wrong_figure": 1}
    assert table.verdict.tolist() == ["met (within 左右)", "met", "(no target row)", "met"]
    assert same_verdict("met", "met (within 左右)") and not same_verdict("missed", "not reported")
