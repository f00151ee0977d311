"""Word segmentation that keeps policy slogans whole: rjieba's word search plus forced terms.

Why this shape
--------------
* **rjieba for the word search.** rjieba (jieba-rs) is jieba's algorithm and dictionary in Rust:
  a private ``rjieba.Jieba()`` instance, built once per process when first needed, never jieba's
  global tokenizer, so other code in the same process sees plain jieba. It prints nothing.
* **Forced terms by pre-splitting, not by ``add_word``.** Every sentence is first scanned for the
  curated policy lexicon (``resources/policy_terms.txt``), the report's own quoted terms (“六小龙”,
  “3个70%”) and figures with their units (``6.1%``, ``1006.8亿元``, ``2024年``); those spans become
  tokens as they are, and only the text between them goes to rjieba's ``cut`` (HMM on). The leftmost
  match wins, and among matches at one position the longest. ``add_word`` is never called: a word
  added to the shared instance would carry one report's quoted terms into the next report, and its
  frequency changes how the text around it is cut, so a forced term might still not come out whole.
  Pre-splitting guarantees that a forced term is one token and that the rest is cut as jieba cuts it.
  A quoted term that jieba already cuts as one word on its own (“人民”, “未来”) is left to jieba:
  forcing it would break longer words such as 人民政府.
* **Where rjieba differs from Python jieba** (``tests/test_segment.py`` lists the cases): a run of
  letters and digits joined by ``-`` stays one token (``5G-A``; jieba gives ``5G`` ``-`` ``A``), and
  characters of CJK Extension A (㐀) are Chinese to rjieba, while jieba treats them one by one.
* **No part-of-speech tagging.** The keyword views need only the flags below; jieba's ``posseg``
  also splits ``23.4%`` into ``23.4`` and ``%``.

>>> segment_text("实施“星河织梦”工程，全省生产总值增长6.1%，达到1006.8亿元。")
['实施', '“', '星河织梦', '”', '工程', '，', '全省', '生产总值', '增长', '6.1%', '，', '达到', '1006.8亿元', '。']
>>> segment_text("深入实施八八战略，打造“415X”先进制造业集群")[:4]
['深入', '实施', '八八战略', '，']
"""
from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .lexicon import alternation, columns, word_list, word_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import rjieba

    from .report import Report

__all__ = [
    "tokens", "quoted_terms", "segment_text", "plain_cut", "policy_terms", "stopwords", "policy_verbs",
    "is_number_token", "TOKEN_COLUMNS", "TOKEN_FILE_COLUMNS", "FLAG_COLUMNS", "token_columns", "token_chunks",
    "TokenColumns",
]

#: Columns of the table :func:`tokens` returns, in order.
TOKEN_COLUMNS = (
    "report_id", "paragraph", "sentence", "position", "section", "top_section", "kind", "token",
    "is_stopword", "is_policy_term", "is_quoted_term", "is_policy_verb", "is_number", "is_punct",
)

#: The six flag columns, in the order of :attr:`TokenColumns.flags` tuples.
FLAG_COLUMNS = TOKEN_COLUMNS[-6:]

#: Columns of ``tokens.csv`` in a processed folder: where each token is, and the token. What would
#: repeat on every token is left out: each paragraph's section, top_section and kind (in
#: paragraphs.csv) and each word's flags (in vocabulary.csv, once per distinct token);
#: :func:`zjtext.process.read_tokens` joins both back.
TOKEN_FILE_COLUMNS = ("report_id", "paragraph", "sentence", "position", "token")

# ---------------------------------------------------------------- word lists (package data)


def _word_list(name: str) -> frozenset[str]:
    """A resources/*.txt list (:func:`zjtext.lexicon.word_list`) as a set."""
    return frozenset(word_list(name.removesuffix(".txt")))


@lru_cache(maxsize=None)
def policy_terms() -> frozenset[str]:
    """The curated policy lexicon (八八战略, 新质生产力, 415X …), always segmented whole.

    >>> {"八八战略", "新质生产力", "415X"} <= policy_terms()
    True
    """
    return _word_list("policy_terms.txt")


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """Function words (的, 和, 我们, 进一步 …) that keyword views always drop.

    >>> "的" in stopwords(), "八八战略" in stopwords()
    (True, False)
    """
    return _word_list("stopwords.txt")


@lru_cache(maxsize=None)
def policy_verbs() -> frozenset[str]:
    """Generic verbs and intensifiers of policy prose (推进, 加快, 深化 …): dropped by default.

    >>> "推进" in policy_verbs(), "改革" in policy_verbs()
    (True, False)
    """
    return _word_list("policy_verbs.txt")


# ---------------------------------------------------------------- the word search (rjieba)

_JIEBA: "rjieba.Jieba | None" = None
_LOCK = threading.Lock()


def _jieba() -> "rjieba.Jieba":
    """The process's private ``rjieba.Jieba()`` (jieba's default dictionary), built on first use.

    Never mutated: no ``add_word``, so every report is cut with the same dictionary.
    """
    global _JIEBA
    if _JIEBA is None:
        with _LOCK:
            if _JIEBA is None:
                _JIEBA = _jieba_class()()
    return _JIEBA


def _jieba_class() -> type:
    """rjieba's ``Jieba`` class, without building the package's default instance.

    ``import rjieba`` builds a module-level ``Jieba()`` (its ``rjieba.cut``), as long to build as
    ours and never used here. So the compiled module ``rjieba.rjieba`` is loaded on its own and
    registered under its own name, where a later ``import rjieba`` finds it. Any surprise in the
    package's layout falls back to the plain import.

    >>> _jieba_class().__name__
    'Jieba'
    """
    import sys

    name = "rjieba.rjieba"
    if name not in sys.modules and "rjieba" not in sys.modules:
        try:
            from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
            from importlib.util import find_spec, module_from_spec, spec_from_file_location

            folder = Path(find_spec("rjieba").submodule_search_locations[0])
            path = next(p for s in EXTENSION_SUFFIXES if (p := folder / f"rjieba{s}").is_file())
            spec = spec_from_file_location(name, path, loader=ExtensionFileLoader(name, str(path)))
            module = module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[name] = module
            return module.Jieba
        except (ImportError, AttributeError, StopIteration, TypeError, OSError):
            pass
    import rjieba

    return rjieba.Jieba


def plain_cut(text: str) -> list[str]:
    """What jieba alone makes of *text* (its default dictionary, no lexicon, no quoted terms).

    For showing why the lexicon and quoted-term discovery matter.

    >>> "八八战略" in plain_cut("忠实践行八八战略")
    False
    """
    return _jieba().cut(text, True)


# ---------------------------------------------------------------- numbers

# units.tsv, column token: the units a number token keeps (个百分点, 亿元 …, and 年, 届, 号线)
_UNITS = tuple(u for u, row in word_table("units").items() if columns(row)[-1] == "token")
_MAGNITUDE = r"[十百千万亿]{1,3}[余多]?"
# a number token: digits, %, 余/多, then magnitude + unit (3000万千瓦), or a magnitude alone (3.2万)
_NUMBER = rf"""
    (?<![0-9A-Za-z.]) \d+(?:\.\d+)? (?![0-9A-Za-z.])   # a number, not part of a code (5G, PM2.5)
    [%‰]?                                              # a percent or per mille sign
    [余多]?                                            # 3000多, 500余: more than the number written
    (?:
        (?:{_MAGNITUDE})? (?:{alternation(_UNITS)})    # a magnitude and a unit: 3000万千瓦, 80万人, 2024年
      | {_MAGNITUDE}                                   # or a magnitude alone: 3.2万
    )?
"""
_NUMBER_RE = re.compile(_NUMBER, re.VERBOSE)
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+[年个项家条次倍批种类届天]?")
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_ASCII_NUMBER = re.compile(r"[\d.,%‰+\-—~～]+")


def is_number_token(token: str) -> bool:
    """True for a figure with or without its unit: 6.1%, 1006.8亿元, 2024年, 5, 三年.

    >>> [is_number_token(t) for t in ("6.1%", "1006.8亿元", "2024年", "三年", "5G", "八八战略")]
    [True, True, True, True, False, False]
    """
    return bool(
        _NUMBER_RE.fullmatch(token) or _CN_NUMBER.fullmatch(token)
        or (_ASCII_NUMBER.fullmatch(token) and any(c.isdigit() for c in token))
    )


# ---------------------------------------------------------------- forced spans

_QUOTED = re.compile(r"“([^“”]{2,12})”")
_NO_INSIDE = set("。！？；，、：!?;,:")
_WORDCHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s")  # the characters str.isspace() is true for
_ALNUM = re.compile(r"[0-9A-Za-z]")
_CODE_REST = re.compile(r"[0-9A-Za-z.]*")  # what follows the first digit of a code such as 5G or PM2.5


def _is_term(candidate: str) -> bool:
    return not (_NO_INSIDE & set(candidate)) and bool(_WORDCHAR.search(candidate)) \
        and candidate == candidate.strip()


def find_quoted(text: str) -> set[str]:
    """Terms in Chinese quotation marks “…”: 2–12 characters, no sentence punctuation inside.

    >>> sorted(find_quoted("实施“415X”和“8+4”，坚持“简约、安全”，建设“重要窗口”。"))
    ['415X', '8+4', '重要窗口']
    """
    return {m.group(1) for m in _QUOTED.finditer(text) if _is_term(m.group(1))}


class _Matcher:
    """Leftmost-longest matching of a fixed set of terms, plus figures with units.

    A regex over the terms' first characters, each followed by one of their second characters,
    finds candidate positions at C speed; there the terms starting with the text's next two
    characters are tried, longest first. A term that starts (ends) with an ASCII letter or digit
    matches only when the text before (after) it is not one, so ``415X`` never matches inside
    ``2415X1``.
    """

    def __init__(self, terms: Iterable[str]):
        terms = {t for t in terms if t}
        singles = {t for t in terms if len(t) == 1}
        # the terms to try where a text continues with these two characters, longest first, then
        # the one-character term of the first; where no term starts with the two, that term alone
        by_start: dict[str, list[str]] = {}
        for t in sorted(terms - singles, key=lambda w: (-len(w), w)):
            by_start.setdefault(t[:2], []).append(t)
        for pair, lst in by_start.items():
            if pair[0] in singles:
                lst.append(pair[0])
        by_start.update((s, [s]) for s in singles)
        self.by_start = by_start
        firsts = "".join(sorted({t[0] for t in terms}))
        seconds = "".join(sorted({t[1] for t in terms - singles}))
        if singles or not seconds:
            self.candidates = re.compile(f"[{re.escape(firsts)}]|\\d") if firsts else re.compile(r"\d")
        else:  # a term can start only where its first and second characters are
            self.candidates = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])|\\d")

    def _term_at(self, text: str, i: int, terms: list[str]) -> str | None:
        """The first of *terms* (longest first) that the text has at *i*, within its ASCII bounds."""
        for term in terms:
            if text.startswith(term, i):
                if _ALNUM.match(term[0]) and i and _ALNUM.match(text[i - 1]):
                    continue
                end = i + len(term)
                if _ALNUM.match(term[-1]) and end < len(text) and _ALNUM.match(text[end]):
                    continue
                return term
        return None

    def spans(self, text: str) -> list[tuple[int, int, bool]]:
        """Non-overlapping forced spans ``(start, end, is_number)``, left to right."""
        out: list[tuple[int, int, bool]] = []
        by_start, search = self.by_start, self.candidates.search
        pos = 0
        while (m := search(text, pos)) is not None:
            i = m.start()
            # the terms that start with the text's next two characters, else its one-character term
            terms = by_start.get(text[i:i + 2]) or by_start.get(text[i])
            term = self._term_at(text, i, terms) if terms else None
            if term is not None:
                pos = i + len(term)
                out.append((i, pos, False))
            elif text[i].isdigit():
                num = _NUMBER_RE.match(text, i)
                if num is not None:
                    pos = num.end()
                    out.append((i, pos, True))
                else:  # skip the rest of an alphanumeric run such as 5G or PM2.5
                    pos = _CODE_REST.match(text, i + 1).end()
            else:
                pos = i + 1
        return out

    def cut(self, text: str) -> list[str]:
        """Segment one piece of text: forced spans as they are, jieba in between (no whitespace)."""
        out: list[str] = []
        last = 0
        jieba = _jieba()
        for start, end, _ in self.spans(text):
            if start > last:
                out += jieba.cut(text[last:start], True)
            out.append(text[start:end])
            last = end
        if last < len(text):
            out += jieba.cut(text[last:], True)
        return [w for w in out if not w.isspace()] if _SPACE.search(text) else out


@lru_cache(maxsize=1)
def _base_matcher() -> _Matcher:
    return _Matcher(policy_terms())


@lru_cache(maxsize=32)
def _matcher_with(extra: frozenset[str]) -> _Matcher:
    return _Matcher(policy_terms() | extra) if extra - policy_terms() else _base_matcher()


# ---------------------------------------------------------------- public API


def segment_text(text: str, extra_words: Iterable[str] = (), *, discover: bool = True) -> list[str]:
    """Segment a string: policy lexicon, *extra_words* and (if *discover*) its own quoted terms whole.

    >>> segment_text("培育“六小龙”式企业")
    ['培育', '“', '六小龙', '”', '式', '企业']
    >>> segment_text("两重两新", extra_words=["两重"])
    ['两重两新']
    """
    extra = set(extra_words)
    if discover:
        extra |= _to_force(find_quoted(text))
    return _matcher_with(frozenset(extra)).cut(text)


def _to_force(quoted: Iterable[str]) -> set[str]:
    """The quoted terms that jieba, given the bare term, would not return as one word."""
    jieba = _jieba()
    return {t for t in quoted if not jieba.has_word(t) or jieba.cut(t, True) != [t]}


def quoted_terms(report: "Report") -> list[str]:
    """The report's quoted terms (body and notes), sorted and unique.

    >>> from zjtext.report import report_from_text
    >>> quoted_terms(report_from_text("各位代表：\\n推进“两重两新”和“415X”，实施“星河织梦”工程。"))
    ['415X', '两重两新', '星河织梦']
    """
    found: set[str] = set()
    for p in report.paragraphs:
        if "“" in p.text:
            found |= find_quoted(p.text)
    return sorted(found)


def tokens(report: "Report") -> "pd.DataFrame":
    """One row per token of the report, in reading order (notes included, ``kind == 'note'``).

    Columns: report_id, paragraph (``Paragraph.index``), sentence (1-based within the paragraph),
    position (1-based within the sentence), section (heading path joined with ' > '), top_section,
    kind, token, and flags is_stopword, is_policy_term (curated lexicon), is_quoted_term (quoted in
    this report), is_policy_verb, is_number (figures with units, years), is_punct. Whitespace is
    dropped; everything else of the text is a token, so tokens of a sentence join back to it.

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n一、2025年工作回顾\\n实施“星河织梦”工程，投资增长6.1%。")
    >>> df = tokens(r)
    >>> df.loc[df.paragraph == 3, "token"].tolist()
    ['实施', '“', '星河织梦', '”', '工程', '，', '投资', '增长', '6.1%', '。']
    >>> df.loc[df.token.isin(["星河织梦", "6.1%"]), ["token", "is_quoted_term", "is_number"]].values.tolist()
    [['星河织梦', True, False], ['6.1%', False, True]]
    """
    import pandas as pd

    cols = token_columns(report)
    return pd.DataFrame({c: cols[c] for c in TOKEN_COLUMNS}, columns=list(TOKEN_COLUMNS))


def token_columns(report: "Report") -> "TokenColumns":
    """The table :func:`tokens` returns, as plain lists keyed by column (no pandas).

    A :class:`TokenColumns`: a mapping of the columns that also holds each distinct token's flags.

    >>> from zjtext.report import report_from_text
    >>> cols = token_columns(report_from_text("各位代表：\\n推进“星河织梦”工程。"))
    >>> cols["token"][3:8], cols["is_quoted_term"][5]
    (['推进', '“', '星河织梦', '”', '工程'], True)
    """
    return next(token_chunks(report, chars=None))


def token_chunks(report: "Report", chars: int | None = 200_000) -> Iterator["TokenColumns"]:
    """The tokens table of :func:`token_columns` in pieces of whole paragraphs, in reading order.

    Each piece holds paragraphs of about *chars* characters in all (None: one piece, the whole
    report; an empty report gives one empty piece). ``process`` writes ``tokens.csv`` and counts
    keywords piece by piece, so its memory does not grow with the report. Quoted terms are found in
    the whole report first, so a piece is cut exactly as it is within the whole.

    >>> from zjtext.report import report_from_text
    >>> r = report_from_text("各位代表：\\n推进“星河织梦”工程。\\n星河织梦见效。")
    >>> [c["token"] for c in token_chunks(r, chars=1)]
    [['各位', '代表', '：'], ['推进', '“', '星河织梦', '”', '工程', '。'], ['星河织梦', '见效', '。']]
    """
    quoted = frozenset(quoted_terms(report))
    matcher = _matcher_with(frozenset(_to_force(quoted)))
    flags: dict[str, tuple[bool, ...]] = {}  # every distinct token so far: pieces share one dict
    batch: list = []
    size = 0
    for p in report.paragraphs:
        batch.append(p)
        size += len(p.text)
        if chars is not None and size >= chars:
            yield _columns(report.report_id, batch, matcher, quoted, flags)
            batch, size = [], 0
    if batch or not report.paragraphs:
        yield _columns(report.report_id, batch, matcher, quoted, flags)


def _columns(report_id: str, paragraphs: list, matcher: "_Matcher", quoted: frozenset[str],
             flags: dict[str, tuple[bool, ...]]) -> "TokenColumns":
    """The tokens table of some paragraphs; *flags* gains the flags of their new tokens."""
    para, sent, pos, kind, words = [], [], [], [], []
    for p in paragraphs:
        first = len(words)
        for s_idx, sentence in enumerate(p.sentences or (p.text,), 1):
            cut = matcher.cut(sentence)
            words += cut
            pos.extend(range(1, len(cut) + 1))
            sent.extend(repeat(s_idx, len(cut)))
        n = len(words) - first
        para.extend(repeat(p.index, n))
        kind.extend(repeat(p.kind, n))
    flags.update(_flags(set(words).difference(flags), quoted))
    columns = {"report_id": [report_id] * len(words), "paragraph": para, "sentence": sent, "position": pos,
               "kind": kind, "token": words}
    return TokenColumns(columns, flags, {p.index: p.section for p in paragraphs})


#: The columns of :data:`TOKEN_COLUMNS` that :class:`TokenColumns` builds from each token's paragraph
#: (its heading path) when first read: ``tokens.csv`` and counting never read them.
SECTION_COLUMNS = ("section", "top_section")


class TokenColumns(Mapping):
    """The columns of a tokens table (:data:`TOKEN_COLUMNS` → list), plus :attr:`flags`: each
    distinct token's six flags (:data:`FLAG_COLUMNS`, in that order), which are the same at every
    occurrence of the token in one report, so that counting can judge each word once. It may hold
    more tokens than the columns (a piece of :func:`token_chunks` shares the report's).

    The six flag columns are built from :attr:`flags` when first read, and the two section columns
    (:data:`SECTION_COLUMNS`) from *sections*, each paragraph's heading path by ``Paragraph.index``.

    >>> cols = TokenColumns({"token": ["八八战略", "的"], "paragraph": [2, 3]},
    ...                     {"八八战略": (False, True, False, False, False, False), "的": (True,) + (False,) * 5},
    ...                     {2: ("一、回顾",), 3: ("一、回顾", "（一）经济")})
    >>> cols["token"], cols["is_policy_term"], cols.flags["的"][0], cols["section"]
    (['八八战略', '的'], [True, False], True, ['一、回顾', '一、回顾 > （一）经济'])
    """

    def __init__(self, columns: dict[str, list], flags: dict[str, tuple[bool, ...]],
                 sections: dict[int, tuple[str, ...]] | None = None):
        self._columns, self.flags, self._sections = columns, flags, sections

    def __getitem__(self, name: str) -> list:
        found = self._columns.get(name)
        if found is None:
            value, key = self._value_by(name)
            found = self._columns[name] = list(map(value.__getitem__, self._columns[key]))
        return found

    def _value_by(self, name: str) -> tuple[dict, str]:
        """A column built when read: its value per token (or per paragraph), and the column of those."""
        if name in FLAG_COLUMNS:
            flag = itemgetter(FLAG_COLUMNS.index(name))
            return {w: flag(f) for w, f in self.flags.items()}, "token"
        if name in SECTION_COLUMNS and self._sections is not None:
            value = " > ".join if name == "section" else (lambda path: path[0] if path else "")
            return {i: value(path) for i, path in self._sections.items()}, "paragraph"
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter([c for c in TOKEN_COLUMNS if c in self._columns or c in FLAG_COLUMNS
                     or (c in SECTION_COLUMNS and self._sections is not None)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


_NUMBER_STARTS = frozenset("零〇一二两三四五六七八九十百千万亿.,%‰+-—~～")


def _flags(unique: set[str], quoted: frozenset[str]) -> dict[str, tuple[bool, ...]]:
    """Per distinct token: (stopword, policy term, quoted term, policy verb, number, punctuation).

    A quoted term is a name, not a figure (“百千万”, “三首”), unless it is bare digits (“25.7”, “141”):
    those stay out of keyword views but are still listed as quoted terms.
    """
    stop, lex, verbs = stopwords(), policy_terms(), policy_verbs()
    out = dict.fromkeys(unique, (False,) * 6)  # most words: a plain word, no flag
    special = (unique & stop) | (unique & lex) | (unique & quoted) | (unique & verbs)
    special.update(w for w in unique if not w[0].isalpha() or w[0] in _NUMBER_STARTS)  # figures, punctuation
    for w in special:
        first = w[0]
        if w in lex:
            number = False
        elif w in quoted:
            number = bool(_BARE_NUMBER.fullmatch(w))
        else:  # every figure starts with a digit, a Chinese numeral or an ASCII sign
            number = (first.isdigit() or first in _NUMBER_STARTS) and is_number_token(w)
        punct = not (first.isalnum() or first == "_") and not _WORDCHAR.search(w)  # \w: alphanumeric or _
        out[w] = (w in stop, w in lex, w in quoted, w in verbs, number, punct)
    return out
