"""Segmentation: policy terms and quoted slogans whole, figures as one token, no leaks, no noise."""
from __future__ import annotations

import re

import pytest

from zjtext import load_report
from zjtext.report import report_from_text
from zjtext import segment
from zjtext.segment import TOKEN_COLUMNS, quoted_terms, segment_text, tokens

SEED_TERMS = ["八八战略", "共同富裕示范区", "一号工程", "专精特新", "小巨人", "千项万亿", "415X"]

# A made-up slogan that plain jieba cuts in two (checked in the test, not assumed).
NEW_SLOGAN = "星河织梦"
FIRST = "各位代表：\n一、2030年工作回顾\n全面实施“星河织梦”工程，星河织梦带动文创产业增长8.5%。"
SECOND = "各位代表：\n一、2031年重点工作\n银河星河织梦想，建设文化强省，投资增长5%。"


@pytest.fixture(scope="module")
def seed_tokens(seed):
    return tokens(seed)


@pytest.fixture(scope="module")
def fixture_report(fixtures_dir):
    return load_report(fixtures_dir / "seg_report.txt")


def test_seed_policy_terms_are_single_tokens_and_counts_match_text(seed, seed_tokens):
    body = seed_tokens[seed_tokens.kind != "note"]
    for term in SEED_TERMS:
        assert seed.text.count(term) > 0, term
        assert (body.token == term).sum() == seed.text.count(term), term


def test_tokens_join_back_to_every_sentence(seed, seed_tokens):
    joined = seed_tokens.groupby(["paragraph", "sentence"], sort=False)["token"].agg("".join)
    for p in seed.paragraphs:
        for k, sentence in enumerate(p.sentences, 1):
            assert joined[(p.index, k)] == re.sub(r"\s+", "", sentence)


def test_table_shape_and_structure_columns(fixture_report):
    df = tokens(fixture_report)
    assert list(df.columns) == list(TOKEN_COLUMNS)
    assert set(df.report_id) == {"seg_report"}
    para = {p.index: p for p in fixture_report.paragraphs}
    for (idx, sentence), g in df.groupby(["paragraph", "sentence"]):
        p = para[idx]
        assert 1 <= sentence <= len(p.sentences)
        assert g.position.tolist() == list(range(1, len(g) + 1))
        assert set(g.section) == {" > ".join(p.section)}
        assert set(g.kind) == {p.kind}
        assert set(g.top_section) == {p.top_section}
    assert "note" in set(df.kind)  # notes are kept, marked by kind
    nested = df[df.token == "扩面"]
    assert nested.section.iloc[0] == "二、2031年重点工作 > （一）做强实体经济"


def test_quoted_slogan_whole_and_no_leak_to_next_report():
    base = segment._tokenizer()
    assert base.lcut(NEW_SLOGAN) != [NEW_SLOGAN]  # plain jieba splits it
    first = tokens(report_from_text(FIRST, "first.txt"))
    assert (first.token == NEW_SLOGAN).sum() == 2  # the quoted and the unquoted occurrence
    assert first.loc[first.token == NEW_SLOGAN, "is_quoted_term"].all()
    second = tokens(report_from_text(SECOND, "second.txt"))
    assert NEW_SLOGAN not in set(second.token)
    assert not second.is_quoted_term.any()
    assert NEW_SLOGAN not in segment_text("银河星河织梦想")
    assert NEW_SLOGAN not in base.FREQ  # the private tokenizer itself is never mutated


def test_quoted_terms_rules():
    text = "各位代表：\n推进“两重两新”“4+1”“3个70%”，坚持“简约、安全”，落实“一”和“人工智能+”。"
    assert quoted_terms(report_from_text(text)) == ["3个70%", "4+1", "两重两新", "人工智能+"]
    words = segment_text("推进“3个70%”和“4+1”，实施人工智能+行动")
    assert {"3个70%", "4+1", "人工智能+"} <= set(words)


def test_quoted_dictionary_word_does_not_break_longer_words():
    words = segment_text("坚持“人民”至上，省人民政府")
    assert "人民政府" in words


def test_figures_are_one_numeric_token():
    r = report_from_text("各位代表：\n2024年全省生产总值1006.8亿元，增长6.1%，提高0.5个百分点，5G基站3.2万个，PM2.5下降。")
    df = tokens(r)
    flag = dict(zip(df.token, df.is_number))
    for figure in ("2024年", "1006.8亿元", "6.1%", "0.5个百分点", "3.2万个"):
        assert flag.get(figure) is True, figure
    assert flag.get("5G") is False and flag.get("PM2.5") is False
    assert flag.get("生产总值") is False


def test_ascii_terms_need_boundaries():
    assert "415X" in segment_text("打造415X产业集群")
    assert "415X" not in segment_text("编号2415X1")
    assert "8+4" not in segment_text("共38+4个")


def test_flags_come_from_the_word_lists(seed_tokens):
    row = seed_tokens.drop_duplicates("token").set_index("token")
    assert row.at["的", "is_stopword"] and not row.at["的", "is_policy_verb"]
    assert row.at["推进", "is_policy_verb"]
    assert row.at["八八战略", "is_policy_term"] and row.at["八八战略", "is_quoted_term"]
    assert row.at["，", "is_punct"] and not row.at["建设", "is_punct"]


def test_token_columns_are_the_tokens_table(fixture_report):
    """The plain columns process works from are the DataFrame's, flag columns built on demand."""
    from zjtext.segment import FLAG_COLUMNS, token_columns

    cols = token_columns(fixture_report)
    df = tokens(fixture_report)
    assert list(cols) == list(TOKEN_COLUMNS) and len(cols) == len(TOKEN_COLUMNS)
    assert set(cols.flags) == set(df["token"])
    for c in TOKEN_COLUMNS:
        assert cols[c] == df[c].tolist(), c
    for word, flags in cols.flags.items():
        assert [df.loc[df.token == word, c].unique().tolist() for c in FLAG_COLUMNS] == [[f] for f in flags]
    with pytest.raises(KeyError):
        cols["no such column"]


def test_tokenizer_is_private_silent_and_cached(tmp_path, monkeypatch, capfd):
    import jieba

    monkeypatch.setattr(segment.paths, "CACHE_DIR", tmp_path / "cache")
    for name in ("_TOKENIZER", "_DICTIONARY", "_FAST_CUT", "_MODEL", "_HMM"):
        monkeypatch.setattr(segment, name, None)
    assert segment_text("实施“星河织梦”工程")[2] == NEW_SLOGAN  # cold: builds the cache
    cache = tmp_path / "cache" / segment._CACHE_NAME
    assert cache.is_file()
    for name in ("_TOKENIZER", "_DICTIONARY", "_FAST_CUT", "_MODEL", "_HMM"):
        monkeypatch.setattr(segment, name, None)
    segment_text("实施“星河织梦”工程")  # warm: loads it
    assert segment._DICTIONARY is not None and len(segment._DICTIONARY.decoded) < len(segment._DICTIONARY.codes) / 1000
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert segment._tokenizer() is not jieba.dt
    assert jieba.dt.FREQ.get(NEW_SLOGAN) is None  # jieba's global tokenizer untouched
    assert logging_level_restored()


def test_cache_is_rebuilt_when_jieba_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(segment.paths, "CACHE_DIR", tmp_path)
    (tmp_path / "jieba-0.1-by-first-char.cache").write_bytes(b"an older format")
    for name in ("_DICTIONARY", "_FAST_CUT", "_MODEL", "_HMM"):
        monkeypatch.setattr(segment, name, None)
    words = segment_text("深入实施八八战略，全省生产总值增长6.1%")
    cache = tmp_path / segment._CACHE_NAME
    assert segment._Dictionary.read(cache)[0][1] == segment._jieba_key()
    assert [p.name for p in tmp_path.iterdir()] == [segment._CACHE_NAME]  # the older file is gone
    monkeypatch.setattr(segment, "_jieba_key", lambda: [["__init__.py", 1, 2]])  # jieba upgraded
    for name in ("_DICTIONARY", "_FAST_CUT", "_MODEL", "_HMM"):
        monkeypatch.setattr(segment, name, None)
    assert segment_text("深入实施八八战略，全省生产总值增长6.1%") == words
    assert segment._Dictionary.read(cache)[0][1] == [["__init__.py", 1, 2]]
    cache.write_bytes(cache.read_bytes()[:1000])  # a truncated cache is no cache: built again
    assert segment._Dictionary.read(cache) is None


def test_segmenting_with_a_warm_cache_does_not_import_jieba():
    import subprocess
    import sys

    segment_text("各位代表")  # the cache exists from here on
    code = ("import sys\nfrom zjtext.report import report_from_text\nfrom zjtext.segment import token_columns\n"
            "cols = token_columns(report_from_text('各位代表：\\n实施“星河织梦”工程，王小明和李华去了鼓浪屿。'))\n"
            "print(len(cols['token']), 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 10 and out[1] == "False"


def logging_level_restored() -> bool:
    import logging

    return logging.getLogger("jieba").level != logging.CRITICAL + 1


def test_quoted_names_are_not_figures_but_bare_digits_are():
    r = report_from_text("各位代表：\n深化“百千万”行动，完善“141”体系，建成3个“百千万”示范区。")
    row = tokens(r).drop_duplicates("token").set_index("token")
    assert row.at["百千万", "is_quoted_term"] and not row.at["百千万", "is_number"]
    assert row.at["141", "is_quoted_term"] and row.at["141", "is_number"]
    assert row.at["3个", "is_number"]


def test_fast_cut_gives_jiebas_words(seed, fixtures_dir):
    """segment's own DAG walk must return exactly what jieba's Tokenizer.lcut returns."""
    tk = segment._tokenizer()
    odd = ["", " ", "abc DEF 123", "PM2.5浓度下降　全角空格\t制表\r\n换行", "C++和C#、.NET", "１２３全角数字",
           "㐀㐁罕见字𠀀", "——“”《》", "乒乓球拍卖完了", "南京市长江大桥", "王小明和李华去了鼓浪屿看海"]
    texts = odd + [p.text for p in seed.paragraphs]
    texts += (fixtures_dir / "synthetic-zhejiang-2025.txt").read_text(encoding="utf-8").splitlines()
    for text in texts:
        assert segment._jieba_cut(text) == tk.lcut(text), text


def test_fast_cut_breaks_ties_as_jieba_does():
    """Two routes of equal probability (AB once vs A then B, with f(AB) = f(A)·f(B)/total): jieba's
    tuple max picks the longer word; so must the fast route."""
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = {"甲": 10, "乙": 10, "甲乙": 1, "丙": 50, "丁": 40}, 100, True
    fast = segment._JiebaCut(segment._Dictionary.from_freq(tk.FREQ, tk.total))
    for text in ("甲乙", "丙甲乙丁", "甲乙甲乙"):
        assert fast.cut(text) == tk.lcut(text, HMM=True), text


def test_hmm_gives_jiebas_words(seed, fixtures_dir):
    """Runs of characters jieba does not know go to zjtext's copy of jieba's HMM; it must cut them
    exactly as ``jieba.finalseg.cut`` does: every substring of up to 12 characters of the seed and a
    fixture, rare characters (unseen by the HMM: ties at its floor), Latin letters and digits."""
    import random

    from jieba import finalseg

    rng = random.Random(7)
    text = "\n".join(p.text for p in seed.paragraphs)
    text += (fixtures_dir / "synthetic-zhejiang-2025.txt").read_text(encoding="utf-8")
    starts = [rng.randrange(len(text)) for _ in range(3000)]
    samples = [text[i:i + rng.randint(1, 12)] for i in starts]
    samples += ["龘靐齉爩", "齉齉齉齉齉齉", "龘", "a龘b", "浙里办AI5G", "x", "数智赋能和美乡村"]
    for sample in samples:
        out: list[str] = []
        segment._hmm_cut(sample, out)
        assert out == list(finalseg.cut(sample)), sample


def test_hmm_honours_jiebas_force_split_words(monkeypatch):
    from jieba import finalseg

    out: list[str] = []
    segment._hmm_cut("浙里办好", out)
    word = next(w for w in out if len(w) > 1)
    monkeypatch.setattr(finalseg, "Force_Split_Words", {word})
    split: list[str] = []
    segment._hmm_cut("浙里办好", split)
    assert split == list(finalseg.cut("浙里办好")) and word not in split


def test_jieba_loads_without_pkg_resources_which_stays_importable():
    """The tokenizer skips jieba's slow `import pkg_resources`, and leaves the module importable."""
    import subprocess
    import sys

    code = ("import sys\nfrom zjtext.segment import _tokenizer, segment_text\n_tokenizer()\n"
            "assert 'pkg_resources' not in sys.modules  # neither imported nor left blocked (None)\n"
            "assert segment_text('深入实施八八战略')[-1] == '八八战略'\n")
    subprocess.run([sys.executable, "-c", code], check=True)
