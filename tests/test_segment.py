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
    assert segment.plain_cut(NEW_SLOGAN) != [NEW_SLOGAN]  # plain jieba splits it
    first = tokens(report_from_text(FIRST, "first.txt"))
    assert (first.token == NEW_SLOGAN).sum() == 2  # the quoted and the unquoted occurrence
    assert first.loc[first.token == NEW_SLOGAN, "is_quoted_term"].all()
    second = tokens(report_from_text(SECOND, "second.txt"))
    assert NEW_SLOGAN not in set(second.token)
    assert not second.is_quoted_term.any()
    assert NEW_SLOGAN not in segment_text("银河星河织梦想")
    assert not segment._jieba().has_word(NEW_SLOGAN)  # the private instance itself is never mutated


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


def test_forced_terms_are_leftmost_longest_with_one_character_terms():
    m = segment._Matcher(["两", "两重两新", "两重", "重大", "X5", "5"])
    text = "两重两新两重和两个重大项目X5"
    assert [text[a:b] for a, b, _ in m.spans(text)] == ["两重两新", "两重", "两", "重大", "X5"]
    assert [text[a:b] for a, b, _ in segment._Matcher(["两"]).spans(text)] == ["两"] * 4
    assert [(a, b) for a, b, _ in segment._Matcher(["两", "两重两新"]).spans("两重的两重两新")] == [(0, 1), (3, 7)]


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


def test_quoted_names_are_not_figures_but_bare_digits_are():
    r = report_from_text("各位代表：\n深化“百千万”行动，完善“141”体系，建成3个“百千万”示范区。")
    row = tokens(r).drop_duplicates("token").set_index("token")
    assert row.at["百千万", "is_quoted_term"] and not row.at["百千万", "is_number"]
    assert row.at["141", "is_quoted_term"] and row.at["141", "is_number"]
    assert row.at["3个", "is_number"]


# ---------------------------------------------------------------- rjieba is jieba's segmentation

def _reference_cut(text: str, report_matcher, tk) -> list[str]:
    """Python jieba's own segmentation (a fresh ``jieba.Tokenizer``, HMM on) of the text between
    the forced spans; the forced spans as they are; whitespace dropped."""
    out, last = [], 0
    for start, end, _ in report_matcher.spans(text):
        out += tk.lcut(text[last:start], HMM=True) + [text[start:end]]
        last = end
    out += tk.lcut(text[last:], HMM=True)
    return [w for w in out if not w.isspace()]


def test_tokens_are_jiebas_own_words_apart_from_forced_terms(seed, fixtures_dir):
    """Our tokens equal ``jieba.lcut`` (Python jieba, fresh tokenizer) on the seed and every report
    fixture, except the forced spans (lexicon, quoted terms, figures), which stay whole."""
    import logging

    import jieba

    jieba.setLogLevel(logging.CRITICAL)
    tk = jieba.Tokenizer()
    reports = [seed] + [load_report(f) for f in sorted(fixtures_dir.iterdir()) if f.suffix in (".txt", ".html")]
    assert len(reports) >= 6
    sentences = 0
    for report in reports:
        matcher = segment._matcher_with(frozenset(segment._to_force(quoted_terms(report))))
        cols = segment.token_columns(report)
        got = {}
        for key, word in zip(zip(cols["paragraph"], cols["sentence"]), cols["token"]):
            got.setdefault(key, []).append(word)
        for p in report.paragraphs:
            for k, sentence in enumerate(p.sentences or (p.text,), 1):
                assert got.get((p.index, k), []) == _reference_cut(sentence, matcher, tk), sentence
                sentences += 1
    assert sentences > 300


#: Where rjieba (jieba-rs) and Python jieba part ways, as documented in zjtext.segment: a run of
#: letters and digits joined by '-' stays whole, and CJK Extension A characters are Chinese to rjieba.
DOCUMENTED_DIFFERENCES = {
    "推进5G-A网络": (["推进", "5G", "-", "A", "网络"], ["推进", "5G-A", "网络"]),
    "型号X-1": (["型号", "X", "-", "1"], ["型号", "X-1"]),
    "㐀㐁罕见字": (["㐀", "㐁", "罕见", "字"], ["㐀㐁", "罕见", "字"]),
}


def test_documented_differences_from_python_jieba_and_nothing_else():
    import logging

    import jieba

    jieba.setLogLevel(logging.CRITICAL)
    tk = jieba.Tokenizer()
    for text, (theirs, ours) in DOCUMENTED_DIFFERENCES.items():
        assert tk.lcut(text, HMM=True) == theirs, text
        assert segment.plain_cut(text) == ours, text
    same = ["", "abc DEF 123", "PM2.5浓度下降", "C++和C#、.NET", "１２３全角数字", "——“”《》", "乒乓球拍卖完了",
            "南京市长江大桥", "王小明和李华去了鼓浪屿看海", "浙里办好", "数智赋能和美乡村"]
    for text in same:
        assert segment.plain_cut(text) == tk.lcut(text, HMM=True), text


def test_segmenting_is_silent_private_and_built_once():
    """No jieba import and nothing on stderr; one rjieba instance per process; jieba's global
    tokenizer is left alone."""
    import subprocess
    import sys

    code = ("import sys\nfrom zjtext.report import report_from_text\nfrom zjtext import segment\n"
            "cols = segment.token_columns(report_from_text('各位代表：\\n实施“星河织梦”工程，王小明去了鼓浪屿。'))\n"
            "first = segment._jieba(); segment.segment_text('深入实施八八战略')\n"
            "print(len(cols['token']), 'jieba' in sys.modules, segment._jieba() is first)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, imported, once = done.stdout.split()
    assert int(count) > 10 and imported == "False" and once == "True"
    assert done.stderr == ""


def test_rjieba_default_instance_is_not_built_and_the_package_still_imports():
    """Our instance comes from rjieba's compiled module alone (the package's own default instance
    is not built); a later ``import rjieba`` still works and shares that module."""
    import subprocess
    import sys

    code = ("import sys\nfrom zjtext import segment\nj = segment._jieba()\n"
            "print('rjieba' in sys.modules)\nimport rjieba\n"
            "print(type(j) is rjieba.Jieba, rjieba.cut('深入实施八八战略') == j.cut('深入实施八八战略', True))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]


def test_token_chunks_are_the_whole_table_in_pieces(fixture_report):
    whole = segment.token_columns(fixture_report)
    pieces = list(segment.token_chunks(fixture_report, chars=50))
    assert len(pieces) > 3
    for c in TOKEN_COLUMNS:
        assert [v for piece in pieces for v in piece[c]] == whole[c], c
