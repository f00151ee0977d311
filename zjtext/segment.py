"""Word segmentation that keeps policy slogans whole: a private jieba tokenizer plus forced terms.

Why this shape
--------------
* **A private tokenizer.** jieba's default dictionary, read lazily on first use into zjtext's own
  structures, never jieba's global ``jieba.dt`` and never ``jieba.add_word``: other code in the
  same process sees plain jieba. The dictionary is cached in :data:`zjtext.paths.CACHE_DIR`, split
  by first two characters (:class:`_Dictionary`): the first run builds the cache (≈ 1 s), later
  runs read its index in ≈ 0.015 s and decode a part when a text first needs it (ten reports need
  18% of the entries, ≈ 0.02 s). jieba's "Loading model cost …" lines never reach stderr.
* **Forced terms by pre-splitting, not by mutating jieba.** Every sentence is first scanned for the
  curated policy lexicon (``resources/policy_terms.txt``), the report's own quoted terms (“六小龙”,
  “3个70%”) and figures with their units (``6.1%``, ``1006.8亿元``, ``2024年``); those spans become
  tokens as they are, and only the text between them goes to jieba's ``cut`` (HMM on). The leftmost
  match wins, and among matches at one position the longest. Nothing is added to jieba's ``FREQ``,
  so a report's words cannot leak into the next report, and a forced term always comes out whole.
  A quoted term that jieba already cuts as one word on its own (“人民”, “未来”) is left to jieba:
  forcing it would break longer words such as 人民政府.
  Measured on the seed (13k characters, jieba ``lcut`` ≈ 30 ms): copying the tokenizer's ``FREQ``
  per report costs ≈ 45 ms (more than segmenting); ``add_word``/``del_word`` leaves zero-frequency
  entries behind and ``del_word`` calls ``finalseg.add_force_split``, a module-level set that the
  global tokenizer shares. Pre-splitting is cheap, and jieba's own word search is redone faster
  with the same result (:class:`_JiebaCut`, :func:`_hmm_cut`): :func:`token_columns` (the tokens
  table as plain lists) over the ten 2026 reports (209k characters) takes ≈ 0.65× the time of a
  bare ``jieba.lcut`` over the same text with jieba's dictionary preloaded.
* **No part-of-speech tagging.** ``jieba.posseg`` took 163 ms on the seed against 30 ms for ``cut``
  (5–6×) and splits ``23.4%`` into ``23.4`` and ``%``; the keyword views need only the flags below.

>>> segment_text("实施“星河织梦”工程，全省生产总值增长6.1%，达到1006.8亿元。")
['实施', '“', '星河织梦', '”', '工程', '，', '全省', '生产总值', '增长', '6.1%', '，', '达到', '1006.8亿元', '。']
>>> segment_text("深入实施八八战略，打造“415X”先进制造业集群")[:4]
['深入', '实施', '八八战略', '，']
"""
from __future__ import annotations

import logging
import math
import re
import sys
import threading
from bisect import bisect_left
from collections.abc import Mapping
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from itertools import accumulate, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from . import paths

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    import pandas as pd

    from .report import Report

__all__ = [
    "tokens", "quoted_terms", "segment_text", "policy_terms", "stopwords", "policy_verbs",
    "is_number_token", "TOKEN_COLUMNS", "TOKEN_FILE_COLUMNS", "FLAG_COLUMNS", "token_columns",
    "TokenColumns",
]

#: Columns of the table :func:`tokens` returns, in order.
TOKEN_COLUMNS = (
    "report_id", "paragraph", "sentence", "position", "section", "top_section", "kind", "token",
    "is_stopword", "is_policy_term", "is_quoted_term", "is_policy_verb", "is_number", "is_punct",
)

#: The six flag columns, in the order of :attr:`TokenColumns.flags` tuples.
FLAG_COLUMNS = TOKEN_COLUMNS[-6:]

#: Columns of ``tokens.csv`` in a processed folder: what paragraphs.csv holds per paragraph (section,
#: top_section, kind) is left out, since it would repeat on every token (three quarters of the file);
#: :func:`zjtext.process.read_tokens` joins it back.
TOKEN_FILE_COLUMNS = tuple(c for c in TOKEN_COLUMNS if c not in ("section", "top_section", "kind"))

# ---------------------------------------------------------------- word lists (package data)


def _word_list(name: str) -> frozenset[str]:
    """Read a resources/*.txt list: one entry per line, '#' starts a comment line."""
    text = resources.files("zjtext").joinpath("resources", name).read_text(encoding="utf-8")
    return frozenset(
        w.strip() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#")
    )


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


# ---------------------------------------------------------------- jieba's dictionary, by first two characters

_DICTIONARY: "_Dictionary | None" = None
_TOKENIZER: "jieba.Tokenizer | None" = None
_LOCK = threading.Lock()
_CACHE_FORMAT = "zjtext-jieba-pairs-8"


_CACHE_NAME = "jieba-by-pair.cache"
_MODEL: dict | None = None
_JIEBA_FILES = ("__init__.py", "dict.txt", "finalseg/__init__.py", "finalseg/prob_emit.py", "finalseg/prob_start.py",
                "finalseg/prob_trans.py")


def _jieba_key() -> list:
    """What identifies the installed jieba without importing it: its files' sizes and times.

    >>> len(_jieba_key()) == len(_JIEBA_FILES)
    True
    """
    from importlib.util import find_spec

    spec = find_spec("jieba")
    root = Path(spec.origin).parent if spec is not None and spec.origin else None
    key = []
    for name in _JIEBA_FILES:
        try:
            st = (root / name).stat() if root is not None else None
        except OSError:
            st = None
        key.append([name, st.st_size, st.st_mtime_ns] if st is not None else [name])
    return key


def _jieba_model() -> dict:
    """What zjtext's segmentation takes from jieba besides the dictionary: the regexes that split a
    text into blocks and the HMM's regexes and probabilities (``jieba.finalseg``)."""
    jieba = _import_jieba()
    from jieba import finalseg

    def rx(pattern: re.Pattern) -> list:
        return [pattern.pattern, pattern.flags]

    trans = finalseg.trans_P
    return {"han": rx(jieba.re_han_default), "skip": rx(jieba.re_skip_default),
            "hmm_han": rx(finalseg.re_han), "hmm_skip": rx(finalseg.re_skip),
            "start": [finalseg.start_P[y] for y in "BMES"],
            "moves": [trans[a][b] for a, b in ("EB", "SB", "MM", "BM", "SS", "ES", "BE", "ME")],
            "emit": [finalseg.emit_P[y] for y in "BMES"]}


@contextmanager
def _quiet_jieba() -> Iterator[None]:
    """Silence jieba's logger (it prints 'Building prefix dict…' to stderr) and restore it after."""
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _import_jieba():
    """``import jieba`` without the ``import pkg_resources`` it tries first (≈ 50 ms of its 55 ms).

    jieba uses pkg_resources (deprecated, slow to import) only to open its own data files, and
    opens them by path when the import fails; a ``None`` in ``sys.modules`` makes it fail, and is
    removed again at once, so code that imports pkg_resources later still gets it.
    """
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba  # noqa: F401
        finally:
            if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
                del sys.modules["pkg_resources"]
    import jieba

    return jieba


class _Dictionary:
    """jieba's prefix dictionary, split by first two characters, each part decoded when first needed.

    Every entry maps a word to ``log(count) - log(total)`` (computed once, when the cache is built,
    with jieba's own expression) or a prefix that is no word to ``1.0``. One-character entries are
    in :attr:`singles`; longer ones in the part of their first two characters (:meth:`entries`).
    The parts are marshalled one after another in one blob, found by a binary search over the
    sorted codes of their character pairs (arrays, so loading the index makes no Python object per
    part); :attr:`follows` lists, per first character, the second characters that start a part,
    so a pair that starts no word is known without a search. The cache file is memory-mapped
    (:meth:`read`): the blob stays in the file until a part is needed, and forked workers share it.
    Ten reports use 15% of the entries (80% when parts went by first character): a fresh run
    decodes ≈ 0.055 s of dictionary where it decoded ≈ 0.09 s, and so does each worker of
    ``process --jobs N``.

    >>> d = _Dictionary.from_freq({"浙": 5, "浙江": 3, "浙江省": 0, "杭": 2}, 8)
    >>> round(d.singles["浙"], 3), round(d.entries("浙江")["浙江"], 3), d.entries("浙江")["浙江省"], d.entries("杭州")
    (-0.47, -0.981, 1.0, {})
    >>> sorted(d.part("浙")), d.get("浙江省"), d.get("杭州")
    (['浙', '浙江', '浙江省'], 1.0, None)
    """

    def __init__(self, singles: dict[str, float], follows: dict[str, str], codes: Sequence[int], ends: Sequence[int],
                 blob: bytes | memoryview, total: int):
        self.singles, self.follows, self.codes, self.ends, self.total = singles, follows, codes, ends, total
        self.blob = memoryview(blob)
        self.decoded: dict[str, dict[str, float]] = {}  # first two characters → entries (or {})

    @staticmethod
    def _code(pair: str) -> int:
        return ord(pair[0]) << 21 | ord(pair[1])  # code points are below 2**21

    @classmethod
    def from_freq(cls, freq: dict[str, int], total: int) -> "_Dictionary":
        """From jieba's ``FREQ`` (word → count, prefix → 0) and total count."""
        import marshal
        from array import array

        logtotal = math.log(total)
        singles: dict[str, float] = {}
        by_pair: dict[str, dict[str, float]] = {}
        for word, count in freq.items():
            value = math.log(count) - logtotal if count else 1.0
            if len(word) == 1:
                singles[word] = value
            elif word:
                by_pair.setdefault(word[:2], {})[word] = value
        pairs = sorted(by_pair, key=cls._code)
        follows: dict[str, str] = {}
        for p in pairs:
            follows[p[0]] = follows.get(p[0], "") + p[1]
        blobs = [marshal.dumps(by_pair[p]) for p in pairs]
        return cls(singles, follows, array("Q", map(cls._code, pairs)), array("Q", accumulate(map(len, blobs))),
                   b"".join(blobs), total)

    def entries(self, pair: str) -> dict[str, float]:
        """Every entry of two or more characters that starts with *pair* (its first two characters)."""
        found = self.decoded.get(pair)
        if found is None:  # most pairs of a text start no word: the second characters tell, no search
            known = pair[1] in self.follows.get(pair[0], "")
            found = self.decoded[pair] = self._decode(self._code(pair)) if known else {}
        return found

    def _decode(self, code: int) -> dict[str, float]:
        import marshal

        i = bisect_left(self.codes, code)
        if i == len(self.codes) or self.codes[i] != code:
            return {}
        return marshal.loads(self.blob[self.ends[i - 1] if i else 0:self.ends[i]])

    def get(self, word: str) -> float | None:
        """*word*'s entry: its log-probability (< 0), 1.0 for a prefix that is no word, else None."""
        return self.singles.get(word) if len(word) == 1 else self.entries(word[:2]).get(word) if word else None

    def part(self, ch: str) -> dict[str, float]:
        """Every entry that starts with *ch* (decoding all of them: for checks and the benchmark)."""
        out = {ch: self.singles[ch]} if ch in self.singles else {}
        lo, hi = bisect_left(self.codes, ord(ch) << 21), bisect_left(self.codes, (ord(ch) + 1) << 21)
        for code in self.codes[lo:hi]:
            pair = chr(code >> 21) + chr(code & (2 ** 21 - 1))
            out.update(self.entries(pair))
        return out

    def write(self, path: Path, head: tuple) -> None:
        """Write the cache file: *head* and the index (marshalled), then the parts as they are.

        Layout: the index's length (8 bytes), the marshalled ``(*head, total, singles, follows,
        count)``, padding to 8 bytes, the pair codes and part ends (``count`` 8-byte integers
        each) and the parts. :meth:`read` maps the file and reads the index alone.
        """
        import marshal
        from array import array

        from .store import write_bytes

        index = marshal.dumps((*head, self.total, self.singles, self.follows, len(self.codes)))
        pad = b"\0" * (-(8 + len(index)) % 8)
        write_bytes(b"".join([len(index).to_bytes(8, "little"), index, pad, array("Q", self.codes).tobytes(),
                              array("Q", self.ends).tobytes(), self.blob]), path)

    @classmethod
    def read(cls, path: Path) -> "tuple[tuple, _Dictionary] | None":
        """The head and dictionary of a cache file that :meth:`write` wrote; None if it is no such file.

        The file is memory-mapped: the parts are read from it as texts need them (and shared by
        forked workers), not copied into memory.
        """
        import marshal
        import mmap

        try:
            with open(path, "rb") as fh:
                mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            size = int.from_bytes(mm[:8], "little")
            *head, total, singles, follows, count = marshal.loads(mm[8:8 + size])
            view = memoryview(mm)[8 + size + (-(8 + size) % 8):]
            codes, ends = view[:8 * count].cast("Q"), view[8 * count:16 * count].cast("Q")
            blob = view[16 * count:]
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if len(ends) != count or (count and ends[-1] != len(blob)):
            return None
        return tuple(head), cls(singles, follows, codes, ends, blob, total)


def _jieba_freq() -> tuple[dict[str, int], int]:
    """jieba's default ``FREQ`` and total, read from its ``dict.txt`` the way jieba reads it (≈ 0.6 s)."""
    jieba = _import_jieba()
    tk = jieba.Tokenizer()
    with _quiet_jieba():
        return tk.gen_pfdict(tk.get_dict_file())


def _dictionary() -> _Dictionary:
    """jieba's default dictionary, from the cache in ``CACHE_DIR`` (built there on first use).

    Building reads jieba's ``dict.txt`` the way jieba does (``gen_pfdict``, ≈ 0.6 s) and takes
    jieba's regexes and HMM (:func:`_jieba_model`); later runs read the cache's index in a few
    milliseconds and decode parts as texts need them, without importing jieba. The cache is
    rebuilt when jieba's files change (:func:`_jieba_key`). A missing, corrupt or read-only cache
    only costs the build.
    """
    global _DICTIONARY, _MODEL
    if _DICTIONARY is None:
        with _LOCK:
            if _DICTIONARY is None:
                cache, key = paths.CACHE_DIR / _CACHE_NAME, _jieba_key()
                found, model = None, None
                cached = _Dictionary.read(cache)
                if cached is not None and cached[0][:2] == (_CACHE_FORMAT, key):
                    (_, _, model), found = cached
                if found is None:
                    found, model = _Dictionary.from_freq(*_jieba_freq()), _jieba_model()
                    try:
                        found.write(cache, (_CACHE_FORMAT, key, model))
                        for old in cache.parent.glob("jieba-*.cache"):  # earlier formats and versions
                            if old.name != _CACHE_NAME:
                                old.unlink(missing_ok=True)
                    except OSError:  # a read-only checkout: build again next time
                        pass
                _MODEL, _DICTIONARY = model, found
    return _DICTIONARY


def _model() -> dict:
    """jieba's regexes and HMM, cached with the dictionary (:func:`_jieba_model`)."""
    _dictionary()
    return _MODEL


def _tokenizer() -> "jieba.Tokenizer":
    """A private jieba ``Tokenizer`` with jieba's default dictionary, read by jieba's own code: the
    reference :class:`_JiebaCut` is checked against (tests, benchmark). zjtext's own segmentation
    never needs it.
    """
    global _TOKENIZER
    if _TOKENIZER is None:
        jieba = _import_jieba()
        tk = jieba.Tokenizer()
        tk.FREQ, tk.total = _jieba_freq()
        tk.initialized = True
        _TOKENIZER = tk
    return _TOKENIZER


# ---------------------------------------------------------------- jieba's cut, faster

class _JiebaCut:
    """A jieba ``Tokenizer``'s ``lcut`` (accurate mode, HMM on): the same words, ≈ 2× faster.

    jieba builds a dict DAG of every position's word ends, then takes a ``max`` over a generator
    of ``(log-probability, end)`` tuples per position. :meth:`route` does the same walk in one
    backward pass over plain lists, with each word's ``log(freq) - log(total)`` computed once: the
    same floating-point operations in the same order, ties going to the longer word as with
    jieba's tuple ``max``. Runs of unknown single characters go to jieba's HMM, with jieba's
    model (:func:`_hmm_cut`, ≈ 3× faster than ``jieba.finalseg.cut``, same words); text outside
    Chinese/alphanumeric blocks is split as jieba does.
    Each fragment costs one lookup (a single character in :attr:`_Dictionary.singles`, a longer
    one in the part of its first two characters), whose values are the precomputed
    log-probabilities (1.0 marks a prefix that is no word). The dictionary must not change
    afterwards (ours never does). On the ten 2026 reports (208k characters, cut sentence by
    sentence): ≈ 0.40 s with ``Tokenizer.lcut``, ≈ 0.19 s here.
    tests/test_segment.py and the benchmark check that the words are identical.

    >>> text = "全省生产总值增长6.1%，达到1006.8亿元 "
    >>> _jieba_cut(text) == _tokenizer().lcut(text)
    True
    """

    def __init__(self, dictionary: _Dictionary):
        model = _model()
        self.dictionary, self.logtotal = dictionary, math.log(dictionary.total)
        self.han, self.skip = re.compile(*model["han"]), re.compile(*model["skip"])

    def cut(self, text: str, out: list[str] | None = None) -> list[str]:
        """jieba's words for *text*, appended to *out* (a new list if None), which is returned."""
        if out is None:
            out = []
        han, skip = self.han, self.skip
        for blk in han.split(text):
            if not blk:
                continue
            if han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in skip.split(blk):
                    if skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def route(self, blk: str) -> list[int]:
        """For each position of *blk*, where the best word starting there ends (jieba's DAG + calc).

        A position's one-character entry decides whether any word starts there; the longer
        fragments are looked up in the part of their first two characters, each once.
        """
        n, unknown = len(blk), 0.0 - self.logtotal  # an unknown character: log(1) - log(total)
        score = [0.0] * (n + 1)
        end = list(range(n))
        single = self.dictionary.singles.get
        decoded, entries = self.dictionary.decoded, self.dictionary.entries
        for k in range(n - 1, -1, -1):
            lp = single(blk[k])
            if lp is None:  # no word starts here
                score[k] = unknown + score[k + 1]
                continue
            best = lp + score[k + 1] if lp < 0.0 else None  # a word, not only a prefix
            if k + 1 < n:
                i = k + 2
                frag = blk[k:i]
                part = decoded.get(frag)
                get = (entries(frag) if part is None else part).get
                while True:  # every longer prefix in the dictionary
                    lp = get(frag)
                    if lp is None:
                        break
                    if lp < 0.0:
                        s = lp + score[i]
                        if best is None or s >= best:
                            best, end[k] = s, i - 1
                    if i >= n:
                        break
                    i += 1
                    frag = blk[k:i]
            score[k] = unknown + score[k + 1] if best is None else best
        return end

    def is_word(self, text: str) -> bool:
        """In the dictionary as a word (not only as the prefix of one): jieba's ``bool(FREQ.get(text))``."""
        lp = self.dictionary.get(text)
        return lp is not None and lp < 0.0

    def _cut_block(self, blk: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG``: the best route's words, single characters in a row via :meth:`_flush`."""
        end = self.route(blk)
        n, x, buf = len(blk), 0, ""
        while x < n:
            y = end[x] + 1
            if y - x == 1:
                buf += blk[x]
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(blk[x:y])
            x = y
        if buf:
            self._flush(buf, out)

    def _flush(self, buf: str, out: list[str]) -> None:
        """One character as it is; a known word split into characters; an unknown run to the HMM."""
        if len(buf) == 1:
            out.append(buf)
        elif self.is_word(buf):
            out.extend(buf)
        else:
            _hmm_cut(buf, out)


# ---------------------------------------------------------------- jieba's HMM, faster

_MIN_FLOAT = -3.14e100  # jieba.finalseg.MIN_FLOAT: the log-probability of an unseen character
_HMM: tuple | None = None


def _hmm_model() -> tuple:
    """jieba's HMM (``jieba.finalseg``, cached with the dictionary): start and transition
    log-probabilities as plain floats, the four emission tables, and its two regexes."""
    global _HMM
    if _HMM is None:
        m = _model()
        _HMM = (tuple(m["start"]), tuple(m["moves"]), tuple(m["emit"]), re.compile(*m["hmm_han"]),
                re.compile(*m["hmm_skip"]))
    return _HMM


def _viterbi(obs: str) -> list[str]:
    """jieba's ``finalseg.viterbi(obs, 'BMES', …)`` path: each character's state, B/M/E/S.

    The same floating-point sums in the same order, and ties go the same way (jieba takes the
    ``max`` of ``(prob, state)`` tuples, so the later letter wins a tie); previous states are kept
    as back-pointers instead of copied paths.
    """
    (sB, sM, sE, sS), (EB, SB, MM, BM, SS, ES, BE, ME), (eB, eM, eE, eS), *_ = _hmm_model()
    c, low = obs[0], _MIN_FLOAT
    vB, vM, vE, vS = sB + eB.get(c, low), sM + eM.get(c, low), sE + eE.get(c, low), sS + eS.get(c, low)
    back = []
    for c in obs[1:]:
        mB, mM, mS, mE = eB.get(c, low), eM.get(c, low), eS.get(c, low), eE.get(c, low)
        b1, b2 = vE + EB + mB, vS + SB + mB  # B after E or S
        m1, m2 = vM + MM + mM, vB + BM + mM  # M after M or B
        s1, s2 = vS + SS + mS, vE + ES + mS  # S after S or E
        e1, e2 = vB + BE + mE, vM + ME + mE  # E after B or M
        pB, vB = ("S", b2) if b2 >= b1 else ("E", b1)
        pM, vM = ("M", m1) if m1 >= m2 else ("B", m2)
        pS, vS = ("S", s1) if s1 >= s2 else ("E", s2)
        pE, vE = ("M", e2) if e2 >= e1 else ("B", e1)
        back.append((pB, pM, pS, pE))
    state = "S" if vS >= vE else "E"
    path = [state]
    for step in reversed(back):
        state = step["BMSE".index(state)]
        path.append(state)
    path.reverse()
    return path


def _hmm_cut(text: str, out: list[str]) -> None:
    """Append what ``jieba.finalseg.cut(text)`` yields (jieba's words for a run it does not know).

    >>> from jieba import finalseg
    >>> out = []; _hmm_cut("浙里办好", out); out == list(finalseg.cut("浙里办好"))
    True
    """
    *_, han, skip = _hmm_model()
    finalseg = sys.modules.get("jieba.finalseg")  # jieba's words to split (del_word), if jieba is in use
    force_split = finalseg.Force_Split_Words if finalseg is not None else ()
    for blk in han.split(text):
        if han.match(blk):
            states, begin, nexti = _viterbi(blk), 0, 0
            words = []
            for i, pos in enumerate(states):
                if pos == "B":
                    begin = i
                elif pos == "E":
                    words.append(blk[begin:i + 1])
                    nexti = i + 1
                elif pos == "S":
                    words.append(blk[i])
                    nexti = i + 1
            if nexti < len(blk):
                words.append(blk[nexti:])
            for word in words:
                if word in force_split:
                    out.extend(word)
                else:
                    out.append(word)
        else:
            out.extend(x for x in skip.split(blk) if x)


def _fast_cut() -> _JiebaCut:
    global _FAST_CUT
    if _FAST_CUT is None:
        _FAST_CUT = _JiebaCut(_dictionary())
    return _FAST_CUT


def _jieba_cut(text: str) -> list[str]:
    """What jieba's ``lcut(text)`` returns (default dictionary, HMM on), computed by :class:`_JiebaCut`."""
    return _fast_cut().cut(text)


_FAST_CUT: _JiebaCut | None = None


# ---------------------------------------------------------------- numbers

_UNITS = (
    "个百分点", "百分点", "元", "美元", "周年", "年", "个月", "月", "日", "天", "小时", "分钟", "秒", "岁",
    "倍", "人次", "人", "户", "家", "个", "项", "所",
    "座", "条", "批", "名", "位", "种", "类", "届", "次", "件", "台", "辆", "套", "张", "处",
    "片", "块", "株", "册", "篇", "轮", "栋", "床", "平方公里", "平方米", "公里",
    "千米", "米", "亩", "公顷", "吨", "千瓦时", "千瓦", "吉瓦", "兆瓦", "标箱",
    "立方米", "度", "微克/立方米", "微克", "公斤", "千克", "斤", "号线",
)
_MAGNITUDE = r"[十百千万亿]{1,3}[余多]?"
_NUMBER = (  # digits, %, 余/多, then magnitude + unit (3000万千瓦), or a magnitude alone (3.2万)
    r"(?<![0-9A-Za-z.])\d+(?:\.\d+)?(?![0-9A-Za-z.])[%‰]?[余多]?"
    rf"(?:(?:{_MAGNITUDE})?(?:{'|'.join(sorted(_UNITS, key=len, reverse=True))})|{_MAGNITUDE})?"
)
_NUMBER_RE = re.compile(_NUMBER)
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

    Terms are indexed by first character; a regex over those first characters, each followed by
    one of the terms' second characters, finds candidate positions at C speed. A term that starts (ends) with an ASCII letter or digit matches only when
    the text before (after) it is not one, so ``415X`` never matches inside ``2415X1``.
    """

    def __init__(self, terms: Iterable[str]):
        by_first: dict[str, list[str]] = {}
        for t in set(terms):
            if t:
                by_first.setdefault(t[0], []).append(t)
        for lst in by_first.values():
            lst.sort(key=lambda w: (-len(w), w))
        self.by_first = by_first
        firsts = "".join(sorted(by_first))
        seconds = "".join(sorted({t[1] for lst in by_first.values() for t in lst if len(t) > 1}))
        if any(len(t) == 1 for lst in by_first.values() for t in lst) or not seconds:
            self.candidates = re.compile(f"[{re.escape(firsts)}]|\\d") if firsts else re.compile(r"\d")
        else:  # a term can start only where its first and second characters are
            self.candidates = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])|\\d")

    def _term_at(self, text: str, i: int) -> str | None:
        for term in self.by_first.get(text[i], ()):
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
        pos = 0
        n = len(text)
        while pos < n:
            m = self.candidates.search(text, pos)
            if m is None:
                break
            i = m.start()
            term = self._term_at(text, i)
            if term is not None:
                out.append((i, i + len(term), False))
                pos = i + len(term)
                continue
            if text[i].isdigit():
                num = _NUMBER_RE.match(text, i)
                if num is not None:
                    out.append((i, num.end(), True))
                    pos = num.end()
                    continue
                pos = i + 1
                while pos < n and (text[pos].isascii() and text[pos].isalnum() or text[pos] == "."):
                    pos += 1  # skip the rest of an alphanumeric run such as 5G or PM2.5
                continue
            pos = i + 1
        return out

    def cut(self, text: str) -> list[str]:
        """Segment one piece of text: forced spans as they are, jieba in between (no whitespace)."""
        out: list[str] = []
        last = 0
        cut = _fast_cut().cut
        for start, end, _ in self.spans(text):
            if start > last:
                cut(text[last:start], out)
            out.append(text[start:end])
            last = end
        if last < len(text):
            cut(text[last:], out)
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


def plain_cut(text: str) -> list[str]:
    """What jieba alone makes of *text* (its default dictionary, no lexicon, no quoted terms).

    For showing why the lexicon and quoted-term discovery matter; silent, and never jieba's
    global tokenizer.

    >>> "八八战略" in plain_cut("忠实践行八八战略")
    False
    """
    return _jieba_cut(text)


def _to_force(quoted: Iterable[str]) -> set[str]:
    """The quoted terms that jieba, given the bare term, would not return as one word."""
    cutter = _fast_cut()
    return {t for t in quoted if not cutter.is_word(t) or cutter.cut(t) != [t]}


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
    """The table :func:`tokens` returns, as plain lists keyed by column (no pandas): the corpus path.

    A :class:`TokenColumns`: a mapping of the columns that also holds each distinct token's flags.

    >>> from zjtext.report import report_from_text
    >>> cols = token_columns(report_from_text("各位代表：\\n推进“星河织梦”工程。"))
    >>> cols["token"][3:8], cols["is_quoted_term"][5]
    (['推进', '“', '星河织梦', '”', '工程'], True)
    """
    quoted = frozenset(quoted_terms(report))
    matcher = _matcher_with(frozenset(_to_force(quoted)))
    para, sent, pos, sect, top, kind, words = [], [], [], [], [], [], []
    for p in report.paragraphs:
        first = len(words)
        for s_idx, sentence in enumerate(p.sentences or (p.text,), 1):
            cut = matcher.cut(sentence)
            words += cut
            pos.extend(range(1, len(cut) + 1))
            sent.extend(repeat(s_idx, len(cut)))
        n = len(words) - first
        para.extend(repeat(p.index, n))
        sect.extend(repeat(" > ".join(p.section), n))
        top.extend(repeat(p.top_section, n))
        kind.extend(repeat(p.kind, n))
    columns = [[report.report_id] * len(words), para, sent, pos, sect, top, kind, words]
    return TokenColumns(dict(zip(TOKEN_COLUMNS, columns)), _flags(set(words), quoted))


class TokenColumns(Mapping):
    """The columns of a tokens table (:data:`TOKEN_COLUMNS` → list), plus :attr:`flags`: each
    distinct token's six flags (:data:`FLAG_COLUMNS`, in that order), which are the same at every
    occurrence of the token in one report, so that counting can judge each word once.

    The six flag columns are built from :attr:`flags` when first read: the corpus path (keywords,
    slogans, ``tokens.csv``) works from :attr:`flags` and never needs them.

    >>> cols = TokenColumns({"token": ["八八战略", "的"]},
    ...                     {"八八战略": (False, True, False, False, False, False), "的": (True,) + (False,) * 5})
    >>> cols["token"], cols["is_policy_term"], cols.flags["的"][0]
    (['八八战略', '的'], [True, False], True)
    """

    def __init__(self, columns: dict[str, list], flags: dict[str, tuple[bool, ...]]):
        self._columns, self.flags = columns, flags

    def __getitem__(self, name: str) -> list:
        found = self._columns.get(name)
        if found is None and name in FLAG_COLUMNS:
            flag = itemgetter(FLAG_COLUMNS.index(name))
            found = self._columns[name] = list(map({w: flag(f) for w, f in self.flags.items()}.__getitem__,
                                                   self._columns["token"]))
        if found is None:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter([c for c in TOKEN_COLUMNS if c in self._columns or c in FLAG_COLUMNS])

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
