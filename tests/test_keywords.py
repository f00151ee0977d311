"""Keyword views: counts that agree with the text, clean top lists, keyness arithmetic, KWIC."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from zjtext import load_report
from zjtext.keywords import (
    cjk_chars, collocations, keyness, keyword_table, kwic, section_shares, slogans,
)
from zjtext.segment import TOKEN_COLUMNS, policy_verbs, stopwords, tokens


@pytest.fixture(scope="module")
def seed_tokens(seed):
    return tokens(seed)


@pytest.fixture(scope="module")
def fx_tokens(fixtures_dir):
    return tokens(load_report(fixtures_dir / "seg_report.txt"))


def toy(words: list[str], report_id: str = "toy", kind: str = "body") -> pd.DataFrame:
    """A tokens table by hand: one sentence, every word a plain content token."""
    n = len(words)
    return pd.DataFrame({
        "report_id": report_id, "paragraph": 1, "sentence": 1, "position": range(1, n + 1),
        "section": "一、回顾", "top_section": "一、回顾", "kind": kind, "token": words,
        **{c: False for c in TOKEN_COLUMNS[-6:]},
    }, columns=list(TOKEN_COLUMNS))


# ---------------------------------------------------------------- keyword_table on the seed

def test_seed_top30_is_clean(seed_tokens):
    top = keyword_table(seed_tokens, top=30)
    assert len(top) == 30 and top["rank"].tolist() == list(range(1, 31))
    for kw in top.keyword:
        assert kw not in stopwords() and kw not in policy_verbs(), kw
        assert not re.search(r"\d", kw), kw
        assert len(kw) >= 2 and re.search(r"[\u4e00-\u9fff]", kw), kw


@pytest.mark.parametrize("term", ["八八战略", "共同富裕示范区", "千项万亿", "专精特新", "地瓜经济", "415X"])
def test_counts_equal_substring_counts(seed, seed_tokens, term):
    table = keyword_table(seed_tokens).set_index("keyword")
    assert table.at[term, "count"] == seed.text.count(term)
    assert table.at[term, "is_policy_term"]


def test_per_10k_uses_chinese_characters_of_the_body(seed, seed_tokens):
    chars = len(re.findall(r"[\u4e00-\u9fff]", seed.text))
    assert cjk_chars(seed_tokens) == chars
    row = keyword_table(seed_tokens).set_index("keyword").loc["八八战略"]
    assert row["per_10k"] == round(row["count"] * 10000 / chars, 2)


def test_order_is_count_then_keyword(seed_tokens):
    table = keyword_table(seed_tokens)
    keys = list(zip(-table["count"], table["keyword"]))
    assert keys == sorted(keys)
    assert table.keyword.is_unique


def test_policy_verbs_are_optional(seed_tokens):
    default = set(keyword_table(seed_tokens).keyword)
    more = set(keyword_table(seed_tokens, include_policy_verbs=True).keyword)
    assert "推进" in more and "推进" not in default
    assert default < more


def test_verbs_that_take_any_object_are_not_keywords():
    """支持X, 新增X, 建成X: the verb outnumbers every object it takes, so it would head the list while
    saying nothing of the report; the objects are the keywords."""
    words = ["支持", "海洋牧场", "新增", "冷链仓储", "支持", "山地农业", "建成", "海洋牧场", "新增", "扶持", "加力"]
    table = toy(words).assign(is_policy_verb=lambda d: d.token.isin(policy_verbs()))  # as tokens() marks them
    assert keyword_table(table).keyword.tolist() == ["海洋牧场", "冷链仓储", "山地农业"]


def test_notes_excluded_by_default(fx_tokens):
    body = keyword_table(fx_tokens).set_index("keyword")
    everything = keyword_table(fx_tokens, body_only=False).set_index("keyword")
    assert body.at["星河织梦", "count"] == 3
    assert everything.at["星河织梦", "count"] == 4
    assert "创意" not in body.index and "创意" in everything.index


# ---------------------------------------------------------------- keyness

def test_a_word_quoted_in_one_of_two_concatenated_reports():
    """Several reports' tables together: a token's flags may differ between them (quoted in one
    report only), and the count is over all of them."""
    a, b = toy(["星河织梦", "工程"], "a"), toy(["星河织梦", "星河织梦"], "b")
    a.loc[a.token == "星河织梦", "is_quoted_term"] = True
    table = keyword_table(pd.concat([a, b], ignore_index=True))
    assert table.loc[table.keyword == "星河织梦", ["count", "is_quoted_term"]].values.tolist() == [[3, True]]
    b.loc[:, "is_stopword"] = True  # a stopword in b only: counted where it is not one
    table = keyword_table(pd.concat([a, b], ignore_index=True))
    assert table.loc[table.keyword == "星河织梦", "count"].tolist() == [1]


def test_counting_from_token_columns_matches_the_table(fx_tokens, fixtures_dir):
    """process counts from token_columns (flags known per word); the notebooks from a DataFrame."""
    from zjtext.keywords import keyword_rows
    from zjtext.segment import token_columns

    cols = token_columns(load_report(fixtures_dir / "seg_report.txt"))
    assert cols.flags
    for body_only in (True, False):
        rows = keyword_rows(cols, body_only=body_only, include_policy_verbs=True)
        table = keyword_table(fx_tokens, body_only=body_only, include_policy_verbs=True)
        assert rows == [tuple(r) for r in table.itertuples(index=False)]
        assert rows and len(rows) == len({r[1] for r in rows})


def test_keyness_matches_hand_computed_g2_and_directions():
    a = toy(["数字"] * 10 + ["文化"] * 20 + ["旧词"] * 10, "a")  # c = 40 words
    b = toy(["数字"] * 30 + ["文化"] * 10 + ["新词"] * 20, "b")  # d = 60 words
    table = keyness(a, b).set_index("term")
    # 数字: a=10, b=30; E1 = 40*40/100 = 16, E2 = 60*40/100 = 24
    g2 = 2 * (10 * math.log(10 / 16) + 30 * math.log(30 / 24))
    assert table.at["数字", "g2"] == pytest.approx(g2, abs=1e-3)
    assert table.at["数字", "log_ratio"] == pytest.approx(math.log2((30 / 60) / (10 / 40)), abs=1e-3)
    # 新词: a=0, b=20; E2 = 60*20/100 = 12 -> G2 = 2*20*ln(20/12)
    assert table.at["新词", "g2"] == pytest.approx(2 * 20 * math.log(20 / 12), abs=1e-3)
    assert table.loc[["数字", "文化", "新词", "旧词"], "direction"].tolist() == \
        ["rose", "fell", "appeared", "vanished"]
    assert table.at["新词", "log_ratio"] > 0 > table.at["旧词", "log_ratio"]
    assert table.at["数字", "per_10k_b"] == round(30 * 10000 / cjk_chars(b), 2)
    out = keyness(a, b)
    assert list(zip(-out.g2, out.term)) == sorted(zip(-out.g2, out.term))
    assert (out.p_value < 0.05).tolist() == (out.g2 > 3.841).tolist()


def test_keyness_same_text_is_flat(seed_tokens):
    table = keyness(seed_tokens, seed_tokens)
    assert (table.g2 == 0).all() and set(table.direction) == {"unchanged"}


# ---------------------------------------------------------------- views on the small fixture

def test_kwic_context(fx_tokens):
    hits = kwic(fx_tokens, "星河织梦", width=4)
    assert hits.paragraph.tolist() == [4, 4, 8, 10]
    assert hits.iloc[0][["left", "right"]].tolist() == ["入实施“", "”工程，"]
    assert hits.iloc[1][["left", "right"]].tolist() == ["”工程，", "带动数字"]
    assert hits.iloc[2]["section"] == "二、2031年重点工作 > （一）做强实体经济"
    assert kwic(fx_tokens, "不存在的词").empty


def test_collocations_count_adjacent_pairs_within_sentences(fx_tokens):
    table = collocations(fx_tokens, top=None)
    assert table.iloc[0][["w1", "w2", "count"]].tolist() == ["数字经济", "蓬勃发展", 3]
    pairs = set(zip(table.w1, table.w2))
    assert ("蓬勃发展", "城市更新") not in pairs  # a comma stands between them
    toy_table = collocations(toy(["甲乙", "丙丁"] * 3 + ["戊己"]), min_count=1)
    assert toy_table.iloc[0][["w1", "w2", "count"]].tolist() == ["甲乙", "丙丁", 3]


def test_section_shares(fx_tokens):
    table = section_shares(fx_tokens, ["星河织梦", "数字经济"])
    assert set(table.columns) >= {"term", "top_section", "count", "share"}
    star = table[table.term == "星河织梦"].set_index("top_section")
    assert star.at["一、2030年工作回顾", "count"] == 2 and star.at["二、2031年重点工作", "count"] == 1
    assert table.groupby("term")["share"].sum().round(3).tolist() == [1.0, 1.0]
    assert "名词解释" not in set(table.top_section)
    default = section_shares(fx_tokens, top=3)
    assert default.term.nunique() == 3


def test_slogans(fx_tokens, fixtures_dir):
    table = slogans(fx_tokens)
    assert table.term.tolist()[:1] == ["星河织梦"]
    row = table.set_index("term")
    assert row.at["星河织梦", "count"] == 3 and row.at["星河织梦", "first_paragraph"] == 4
    assert row.at["4+2", "count"] == 1 and not row.at["云帆领航", "in_lexicon"]
    from_report = slogans(load_report(fixtures_dir / "seg_report.txt"))
    pd.testing.assert_frame_equal(table, from_report)


def test_empty_tables(seed_tokens):
    empty = seed_tokens.iloc[:0]
    assert keyword_table(empty).empty and slogans(empty).empty and collocations(empty).empty
    with pytest.raises(ValueError, match="no"):
        keyness(empty, seed_tokens)
