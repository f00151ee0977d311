"""Keyword views over a tokens table: frequencies, section shares, slogans, KWIC, collocations, keyness.

Every function takes the table :func:`zjtext.segment.tokens` returns (several reports' tables
concatenated work too, and are treated as one text). The *content tokens* that the views count
are the body tokens (``kind != 'note'`` unless ``body_only=False``) that are not stopwords, figures,
punctuation or shorter than ``min_len`` characters, and (unless ``include_policy_verbs=True``) not
generic policy verbs such as 推进/加快/深化.

Rates are **per 10,000 Chinese characters** (CJK ideographs U+4E00–U+9FFF) of the same scope of text
— the body, or body and notes — counted from the tokens table, which holds every character of the
text except whitespace. Characters, unlike words, do not depend on how the text was segmented, so
rates compare across reports and years.

>>> from zjtext.report import report_from_text
>>> from zjtext.segment import tokens
>>> r = report_from_text("各位代表：\\n一、2025年工作回顾\\n深入推进“星河织梦”工程，星河织梦成效明显。")
>>> keyword_table(tokens(r))[["rank", "keyword", "count"]].values.tolist()
[[1, '星河织梦', 2], [2, '代表', 1], [3, '回顾', 1], [4, '工程', 1], [5, '成效', 1]]
"""
from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Mapping
from itertools import compress
from typing import TYPE_CHECKING, Iterable

from .segment import FLAG_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .report import Report

__all__ = [
    "content_tokens", "cjk_chars", "keyword_table", "term_frequencies", "keyword_rows", "TokenCounts", "vocabulary_table", "section_shares", "slogans", "slogan_rows", "kwic",
    "collocations", "keyness", "log_likelihood",
]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")  # removing the rest counts the characters faster than findall
_DECIMAL = re.compile(r"\d+\.\d+")


def _as_tokens(obj: "pd.DataFrame | Report") -> "pd.DataFrame":
    """Accept a Report (segmented here) or an already-built tokens table."""
    if hasattr(obj, "paragraphs"):
        from .segment import tokens

        return tokens(obj)
    return obj


def cjk_chars(tokens_df: "pd.DataFrame", *, body_only: bool = True) -> int:
    """The number of Chinese characters in the text behind a tokens table (the per_10k denominator).

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> cjk_chars(tokens(report_from_text("各位代表：\\n全省经济增长6%，城乡居民收入增长5.8%。")))
    18
    """
    df = tokens_df[tokens_df["kind"] != "note"] if body_only else tokens_df
    return len(_NOT_CJK.sub("", "".join(df["token"].tolist())))  # one scan of the joined text


def content_tokens(
    tokens_df: "pd.DataFrame", *, include_policy_verbs: bool = False, min_len: int = 2,
    body_only: bool = True,
) -> "pd.DataFrame":
    """The rows keyword views count: no stopwords, figures, punctuation or short tokens.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> df = tokens(report_from_text("各位代表：\\n我们加快推进共同富裕示范区建设，增长6%。"))
    >>> content_tokens(df)["token"].tolist()
    ['代表', '共同富裕示范区']
    >>> content_tokens(df, include_policy_verbs=True)["token"].tolist()
    ['代表', '加快', '推进', '共同富裕示范区', '建设', '增长']
    """
    df = tokens_df
    mask = ~(df["is_stopword"] | df["is_number"] | df["is_punct"])
    mask &= df["token"].str.len() >= min_len
    if not include_policy_verbs:
        mask &= ~df["is_policy_verb"]
    if body_only:
        mask &= df["kind"] != "note"
    return df[mask]


KEYWORD_COLUMNS = ("rank", "keyword", "count", "per_10k", "is_policy_term", "is_quoted_term")
SLOGAN_COLUMNS = ("term", "count", "first_paragraph", "in_lexicon")
#: Columns of ``vocabulary.csv``: each distinct token once, with its occurrences (body and notes) and
#: its flags, which are the same at every occurrence within a report.
VOCABULARY_COLUMNS = ("token", "count", *FLAG_COLUMNS)
_TOKEN_FIELDS = ("paragraph", "kind", "token", *FLAG_COLUMNS)


def _column_lists(tokens_df: "pd.DataFrame") -> dict[str, list]:
    """The columns the counting functions read, as plain lists."""
    return {c: tokens_df[c].tolist() for c in _TOKEN_FIELDS}


def _round2(x: float) -> float:
    """``round(x, 2)`` the way pandas/numpy round (scale, round half to even, unscale), so that the
    corpus path (plain Python) and the DataFrame path write the same digits."""
    return round(x * 100) / 100


class TokenCounts:
    """What the keyword and slogan tables need from a tokens table, gathered piece by piece.

    :meth:`add` takes a tokens table as column lists (:func:`zjtext.segment.token_columns`, a piece
    of :func:`zjtext.segment.token_chunks`, or a DataFrame's columns): ``process`` counts a long
    report piece by piece and never holds its whole tokens table. Occurrences are counted per token
    and flags (a token's flags may differ between the reports of a concatenated table), body and
    notes apart, with the Chinese characters of each.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import token_chunks
    >>> counts = TokenCounts()
    >>> for piece in token_chunks(report_from_text("各位代表：\\n推进“八八战略”。\\n坚持八八战略。"), chars=1):
    ...     _ = counts.add(piece)
    >>> counts.keyword_rows(top=1), counts.slogan_rows()
    ([(1, '八八战略', 2, 1250.0, True, True)], [('八八战略', 2, 2, True)])
    """

    def __init__(self) -> None:
        self.body: Counter = Counter()  # (token, *flags) → occurrences in the body
        self.notes: Counter = Counter()  # the same in notes
        self.body_chars = self.note_chars = 0
        self.first: dict[str, int] = {}  # quoted term → first paragraph (notes included)
        self.lexicon: dict[str, bool] = {}  # quoted term → in the lexicon somewhere

    def add(self, columns: Mapping[str, list]) -> "TokenCounts":
        """Count a tokens table (column lists); returns self."""
        words, paragraphs = columns["token"], columns["paragraph"]
        in_notes = list(map("note".__eq__, columns["kind"])) if "note" in columns["kind"] else None
        in_body = list(map(operator.not_, in_notes)) if in_notes is not None else None

        def where(notes: bool) -> Iterable[str]:  # the words of the body (or the notes)
            if in_notes is None:  # most pieces: body only
                return () if notes else words
            return compress(words, in_notes if notes else in_body)

        per_word = getattr(columns, "flags", None)  # token_columns: each token's flags, known once
        if per_word is not None:  # count the words, then judge each distinct word once
            for counter, notes in ((self.body, False), (self.notes, True)):
                counter.update({(word, *per_word[word]): n for word, n in Counter(where(notes)).items()})
            quoted = {w for w, f in per_word.items() if f[2]}
            hits = ((p, w, per_word[w][1])
                    for p, w in compress(zip(paragraphs, words), map(quoted.__contains__, words)))
        else:  # any table: judge each flagged form
            flagged = list(zip(words, *(columns[c] for c in FLAG_COLUMNS)))
            self.body.update(compress(flagged, in_body) if in_notes else flagged)
            self.notes.update(compress(flagged, in_notes) if in_notes else ())
            hits = ((p, w, lex) for p, (w, _, lex, q, *_) in zip(paragraphs, flagged) if q)
        for para, word, lex in hits:
            if _DECIMAL.fullmatch(word):  # a quoted decimal is a figure, not a slogan
                continue
            self.first[word] = min(self.first.get(word, para), para)
            self.lexicon[word] = self.lexicon.get(word, False) or bool(lex)
        self.body_chars += len(_NOT_CJK.sub("", "".join(where(False))))
        self.note_chars += len(_NOT_CJK.sub("", "".join(where(True))))
        return self

    def keyword_rows(self, *, top: int | None = None, include_policy_verbs: bool = False, min_len: int = 2,
                     body_only: bool = True) -> list[tuple]:
        """The rows of :func:`keyword_table` for what was counted."""
        occurrences = self.body if body_only else self.body + self.notes
        counts: dict[str, int] = {}
        marks: dict[str, tuple] = {}  # word → (is_policy_term, is_quoted_term), of any of its forms
        for (word, stop, lex, quoted, verb, number, punct), n in occurrences.items():
            if stop or number or punct or len(word) < min_len or (verb and not include_policy_verbs):
                continue
            if word in counts:  # the word again, with other flags (another report's, in a concatenated table)
                counts[word] += n
                marks[word] = (marks[word][0] or lex, marks[word][1] or quoted)
            else:
                counts[word] = n
                marks[word] = (lex, quoted)
        chars = self.body_chars if body_only else self.body_chars + self.note_chars
        ranked = sorted(counts)  # by keyword, then (a stable sort) by count: two sorts of plain keys
        ranked.sort(key=counts.__getitem__, reverse=True)
        if top is not None:
            ranked = ranked[:top]
        rates: dict[int, float] = {}  # per count: many words share one
        rows = []
        for rank, word in enumerate(ranked, 1):
            n = counts[word]
            if n not in rates:
                rates[n] = _round2(n * 10000 / chars) if chars else 0.0
            lex, quoted = marks[word]
            rows.append((rank, word, n, rates[n], bool(lex), bool(quoted)))
        return rows

    def vocabulary_rows(self) -> list[tuple]:
        """The rows of :func:`vocabulary_table` for what was counted: most frequent first, then by token."""
        total = dict(self.body)
        for key, n in self.notes.items():
            total[key] = total.get(key, 0) + n
        rows = [(word, n, stop, lex, quoted, verb, number, punct)
                for (word, stop, lex, quoted, verb, number, punct), n in total.items()]
        rows.sort(key=operator.itemgetter(0))  # by token (one word's forms with other flags: as first seen)
        rows.sort(key=operator.itemgetter(1), reverse=True)  # then by count; the sort is stable, reversed too
        return rows

    def slogan_rows(self) -> list[tuple]:
        """The rows of :func:`slogans` for what was counted."""
        body: Counter = Counter()
        for (word, _, _, quoted, _, _, _), n in self.body.items():
            if quoted:
                body[word] += n
        rows = [(t, body.get(t, 0), self.first[t], self.lexicon[t]) for t in self.first]
        return sorted(rows, key=lambda r: (-r[1], r[0]))


def keyword_rows(
    columns: Mapping[str, list], *, top: int | None = None, include_policy_verbs: bool = False,
    min_len: int = 2, body_only: bool = True,
) -> list[tuple]:
    """:func:`keyword_table` on the plain column lists of :func:`zjtext.segment.token_columns`.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import token_columns
    >>> keyword_rows(token_columns(report_from_text("各位代表：\\n推进八八战略，坚持八八战略。")), top=1)
    [(1, '八八战略', 2, 1250.0, True, False)]
    """
    return TokenCounts().add(columns).keyword_rows(top=top, include_policy_verbs=include_policy_verbs,
                                                   min_len=min_len, body_only=body_only)


def keyword_table(
    tokens_df: "pd.DataFrame", *, top: int | None = None, include_policy_verbs: bool = False,
    min_len: int = 2, body_only: bool = True,
) -> "pd.DataFrame":
    """Content-word frequencies: rank, keyword, count, per_10k, is_policy_term, is_quoted_term.

    Sorted by count (descending), then keyword (code-point order), so ties are stable. ``rank`` is
    ordinal (1, 2, 3 … in that order, tied counts get consecutive ranks), so ``top=N`` gives exactly
    N rows. ``per_10k`` = count per 10,000 Chinese characters of the body (see :func:`cjk_chars`),
    rounded to 2 decimals. ``is_policy_term``: in the curated lexicon; ``is_quoted_term``: quoted in
    the report. The counting is :func:`keyword_rows`.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> df = tokens(report_from_text("各位代表：\\n推进八八战略，坚持八八战略。"))
    >>> keyword_table(df, top=1).to_dict("records")
    [{'rank': 1, 'keyword': '八八战略', 'count': 2, 'per_10k': 1250.0, 'is_policy_term': True, 'is_quoted_term': False}]
    """
    import pandas as pd

    rows = keyword_rows(_column_lists(tokens_df), top=top, include_policy_verbs=include_policy_verbs,
                        min_len=min_len, body_only=body_only)
    table = pd.DataFrame(rows, columns=list(KEYWORD_COLUMNS))
    return table.astype({"rank": "int64", "count": "int64", "per_10k": "float64", "is_policy_term": bool,
                         "is_quoted_term": bool})


def term_frequencies(tokens_df: "pd.DataFrame", terms: "Sequence[str]") -> "pd.DataFrame":
    """How often each term occurs as a token in the body, and per 10,000 Chinese characters of the
    body: the one definition of ``count`` and ``per_10k`` that :func:`keyword_table` uses too, for
    any term (a slogan, a policy verb …). Columns ``term, count, per_10k``.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> df = tokens(report_from_text("各位代表：\\n推进八八战略，坚持八八战略。"))
    >>> term_frequencies(df, ["八八战略", "坚持"]).values.tolist()
    [['八八战略', 2, 1250.0], ['坚持', 1, 625.0]]
    """
    import pandas as pd

    body = tokens_df[tokens_df["kind"] != "note"]
    counts = body["token"].value_counts()
    chars = cjk_chars(tokens_df)
    rows = [(t, int(counts.get(t, 0)), _per_10k(int(counts.get(t, 0)), chars)) for t in terms]
    return pd.DataFrame(rows, columns=["term", "count", "per_10k"])


def vocabulary_table(tokens_df: "pd.DataFrame") -> "pd.DataFrame":
    """Each distinct token once: token, count (body and notes), and its six flags.

    ``tokens.csv`` lists occurrences (where each token is); this table says what each token is, so
    the flags are written once per word rather than at every occurrence
    (:func:`zjtext.process.read_tokens` joins them back).

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> v = vocabulary_table(tokens(report_from_text("各位代表：\\n推进八八战略，坚持八八战略。")))
    >>> v[["token", "count", "is_policy_term", "is_punct"]].head(3).values.tolist()
    [['八八战略', 2, True, False], ['。', 1, False, True], ['代表', 1, False, False]]
    """
    import pandas as pd

    rows = TokenCounts().add(_column_lists(tokens_df)).vocabulary_rows()
    return pd.DataFrame(rows, columns=list(VOCABULARY_COLUMNS)).astype(
        {"token": object, "count": "int64", **{c: bool for c in FLAG_COLUMNS}})


def section_shares(
    tokens_df: "pd.DataFrame", terms: Iterable[str] | None = None, top: int = 20,
) -> "pd.DataFrame":
    """Where each term occurs, per top-level section (long format, one row per term × section).

    Columns: term, top_section, count, share (of the term's occurrences in the body that fall in
    this section; 0 for a term that never occurs), per_10k (occurrences per 10,000 Chinese
    characters of that section, so long and short sections compare). Terms default to the *top*
    keywords of :func:`keyword_table`; sections follow reading order ('' is the text before the
    first heading, listed only when it holds characters). Body only.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> r = report_from_text("各位代表：\\n一、回顾\\n八八战略成效显著。\\n二、任务\\n深化八八战略，做强八八战略。")
    >>> section_shares(tokens(r), ["八八战略"])[["top_section", "count", "share"]].values.tolist()
    [['', 0, 0.0], ['一、回顾', 1, 0.3333], ['二、任务', 2, 0.6667]]
    """
    import pandas as pd

    body = tokens_df[tokens_df["kind"] != "note"]
    terms = list(dict.fromkeys(terms)) if terms is not None else \
        keyword_table(tokens_df, top=top)["keyword"].tolist()
    sections = list(dict.fromkeys(body["top_section"]))
    chars = {s: cjk_chars(g) for s, g in body.groupby("top_section", sort=False)}
    counts = body[body["token"].isin(terms)].groupby(["token", "top_section"]).size().to_dict()
    rows = []
    for term in terms:
        total = sum(counts.get((term, s), 0) for s in sections)
        for s in sections:
            n = counts.get((term, s), 0)
            rows.append((term, s, n, round(n / total, 4) if total else 0.0,
                         round(n * 10000 / chars[s], 2) if chars[s] else 0.0))
    return pd.DataFrame(rows, columns=["term", "top_section", "count", "share", "per_10k"])


def slogan_rows(columns: Mapping[str, list]) -> list[tuple]:
    """:func:`slogans` on the plain column lists of :func:`zjtext.segment.token_columns`."""
    return TokenCounts().add(columns).slogan_rows()


def slogans(report_or_tokens: "pd.DataFrame | Report") -> "pd.DataFrame":
    """The report's quoted terms (slogans) with their body counts.

    Columns: term, count (occurrences as a token in the body, quoted or not), first_paragraph
    (``Paragraph.index`` of the first occurrence anywhere, notes included), in_lexicon (already in
    the curated policy lexicon). Sorted by count descending, then term.

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n实施“星河织梦”工程和“八八战略”，星河织梦见效。")
    >>> slogans(r).values.tolist()
    [['星河织梦', 2, 2, False], ['八八战略', 1, 2, True]]
    >>> slogans(report_from_text("各位代表：\\n空气质量指数降至“25.7”，推进“141”体系。")).term.tolist()
    ['141']
    """
    import pandas as pd

    table = pd.DataFrame(slogan_rows(_column_lists(_as_tokens(report_or_tokens))), columns=list(SLOGAN_COLUMNS))
    return table.astype({"count": "int64", "first_paragraph": "int64", "in_lexicon": bool})


def kwic(
    tokens_or_report: "pd.DataFrame | Report", keyword: str, width: int = 20,
) -> "pd.DataFrame":
    """Keyword in context: every token equal to *keyword*, with *width* characters either side.

    Context comes from the token's own paragraph (whitespace is not kept). Columns: keyword, left,
    right, paragraph, section, report_id; in reading order.

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n坚持八八战略不动摇，深化八八战略实践。")
    >>> kwic(r, "八八战略", width=3)[["left", "keyword", "right"]].values.tolist()
    [['坚持', '八八战略', '不动摇'], ['，深化', '八八战略', '实践。']]
    """
    import pandas as pd

    df = _as_tokens(tokens_or_report)
    hits = df.index[df["token"] == keyword]
    rows = []
    if len(hits):
        keys = set(zip(df.loc[hits, "report_id"], df.loc[hits, "paragraph"]))
        scope = df[[k in keys for k in zip(df["report_id"], df["paragraph"])]]
        for (rid, para), g in scope.groupby(["report_id", "paragraph"], sort=False):
            words = g["token"].tolist()
            text = "".join(words)
            offset = 0
            for idx, w in zip(g.index, words):
                if w == keyword:
                    rows.append((idx, keyword, text[max(0, offset - width):offset],
                                 text[offset + len(w):offset + len(w) + width], int(para),
                                 g.at[idx, "section"], rid))
                offset += len(w)
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r[1:] for r in rows],
                        columns=["keyword", "left", "right", "paragraph", "section", "report_id"])


def log_likelihood(observed: Iterable[float], expected: Iterable[float]) -> float:
    """G² = 2 Σ O·ln(O/E), with 0·ln 0 = 0.

    >>> round(log_likelihood([10, 0], [5, 5]), 4)
    13.8629
    """
    return 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected) if o > 0)


def collocations(
    tokens_df: "pd.DataFrame", top: int | None = 30, *, min_count: int = 2,
    include_policy_verbs: bool = False, body_only: bool = True,
) -> "pd.DataFrame":
    """Pairs of content tokens that stand next to each other in a sentence more often than chance.

    A pair counts when both tokens are content tokens (see :func:`content_tokens`) and adjacent
    in the token stream of one sentence. With N such adjacent pairs, the score ``g2`` is Dunning's
    log-likelihood of the 2×2 table (pair, first word with another, another with second word,
    neither); ``pmi`` = log2(O·N / (f1·f2)). Only pairs seen at least *min_count* times and more
    often than expected are kept. Sorted by g2 desc, then count desc, then the words.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> r = report_from_text("各位代表：\\n数字经济蓬勃发展，数字经济蓬勃发展，数字经济加快，文化事业繁荣。")
    >>> collocations(tokens(r))[["w1", "w2", "count", "g2"]].values.tolist()
    [['数字经济', '蓬勃发展', 2, 5.545]]
    """
    import pandas as pd

    df = tokens_df if not body_only else tokens_df[tokens_df["kind"] != "note"]
    keep = content_tokens(df, include_policy_verbs=include_policy_verbs, body_only=body_only).index
    is_content = df.index.isin(keep)
    key = list(zip(df["report_id"], df["paragraph"], df["sentence"]))
    pos = df["position"].tolist()
    words = df["token"].tolist()
    pairs = [
        (words[i], words[i + 1]) for i in range(len(words) - 1)
        if is_content[i] and is_content[i + 1] and key[i] == key[i + 1] and pos[i + 1] == pos[i] + 1
    ]
    columns = ["w1", "w2", "collocation", "count", "expected", "pmi", "g2"]
    n = len(pairs)
    if not n:
        return pd.DataFrame(columns=columns)
    from collections import Counter

    pair_n = Counter(pairs)
    first_n, second_n = Counter(p[0] for p in pairs), Counter(p[1] for p in pairs)
    rows = []
    for (w1, w2), o11 in pair_n.items():
        if o11 < min_count:
            continue
        f1, f2 = first_n[w1], second_n[w2]
        e11 = f1 * f2 / n
        if o11 <= e11:
            continue
        obs = (o11, f1 - o11, f2 - o11, n - f1 - f2 + o11)
        exp = (e11, f1 * (n - f2) / n, (n - f1) * f2 / n, (n - f1) * (n - f2) / n)
        rows.append((w1, w2, w1 + w2, o11, round(e11, 4), round(math.log2(o11 / e11), 3),
                     round(log_likelihood(obs, exp), 3)))
    rows.sort(key=lambda r: (-r[6], -r[3], r[0], r[1]))
    table = pd.DataFrame(rows[:top] if top is not None else rows, columns=columns)
    return table


def keyness(
    tokens_a: "pd.DataFrame", tokens_b: "pd.DataFrame", top: int | None = None, *,
    include_policy_verbs: bool = False, min_len: int = 2, body_only: bool = True,
) -> "pd.DataFrame":
    """Which content words rose or fell from text A to text B (e.g. last year's report to this year's).

    Per term: count_a, count_b; per_10k_a, per_10k_b (per 10,000 Chinese characters, as in
    :func:`keyword_table`); ``g2``, the log-likelihood statistic of Dunning (1993) as used by
    Rayson & Garside (2000): with a = count_a, b = count_b, c and d the corpus sizes,
    E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G² = 2(a ln(a/E1) + b ln(b/E2)); ``p_value`` from the
    χ² distribution with 1 degree of freedom (3.84 → 0.05, 6.63 → 0.01, 10.83 → 0.001);
    ``log_ratio`` = log2((b/d) / (a/c)), Hardie's (2014) effect size, positive when the term is
    relatively more frequent in B, with a zero count replaced by 0.5; ``direction``: 'appeared'
    (a = 0), 'vanished' (b = 0), 'rose', 'fell' or 'unchanged' (equal relative frequency).
    Corpus sizes c, d are the numbers of word tokens (everything but punctuation) in each body.
    Sorted by g2 descending, then term.

    >>> from zjtext.report import report_from_text
    >>> from zjtext.segment import tokens
    >>> a = tokens(report_from_text("各位代表：\\n推动数字经济发展，数字经济成效显著。", "a.txt"))
    >>> b = tokens(report_from_text("各位代表：\\n培育低空经济，低空经济起步，成效显著。", "b.txt"))
    >>> keyness(a, b)[["term", "count_a", "count_b", "direction"]].values.tolist()[:2]
    [['低空经济', 0, 2, 'appeared'], ['数字经济', 2, 0, 'vanished']]
    """
    import pandas as pd

    opts = dict(include_policy_verbs=include_policy_verbs, min_len=min_len, body_only=body_only)
    ca = content_tokens(tokens_a, **opts)["token"].value_counts()
    cb = content_tokens(tokens_b, **opts)["token"].value_counts()
    size_a, size_b = _word_count(tokens_a, body_only), _word_count(tokens_b, body_only)
    if not size_a or not size_b:
        raise ValueError("keyness needs words on both sides: one tokens table has none")
    chars_a = cjk_chars(tokens_a, body_only=body_only)
    chars_b = cjk_chars(tokens_b, body_only=body_only)
    rows = []
    for term in sorted(set(ca.index) | set(cb.index)):
        a, b = int(ca.get(term, 0)), int(cb.get(term, 0))
        g2 = _g2(a, b, size_a, size_b)
        ra, rb = (a or 0.5) / size_a, (b or 0.5) / size_b
        if a == 0:
            direction = "appeared"
        elif b == 0:
            direction = "vanished"
        elif a * size_b == b * size_a:
            direction = "unchanged"
        else:
            direction = "rose" if b * size_a > a * size_b else "fell"
        rows.append((term, a, b, _per_10k(a, chars_a), _per_10k(b, chars_b), round(g2, 3),
                     _chi2_sf1(g2), round(math.log2(rb / ra), 3), direction))
    columns = ["term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "p_value",
               "log_ratio", "direction"]
    rows.sort(key=lambda r: (-r[5], r[0]))
    return pd.DataFrame(rows[:top] if top is not None else rows, columns=columns)


def _g2(a: int, b: int, c: int, d: int) -> float:
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return log_likelihood((a, b), (e1, e2))


def _chi2_sf1(x: float) -> float:
    """P(χ²₁ ≥ x), rounded to 6 decimals."""
    return round(math.erfc(math.sqrt(max(x, 0.0) / 2)), 6)


def _per_10k(n: int, chars: int) -> float:
    return _round2(n * 10000 / chars) if chars else 0.0


def _word_count(tokens_df: "pd.DataFrame", body_only: bool) -> int:
    df = tokens_df[tokens_df["kind"] != "note"] if body_only else tokens_df
    return int((~df["is_punct"]).sum())
