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
