"""Local check (not part of the tests): do quoted terms come out of `zjtext.segment.tokens` whole?

For every report in the shared 2026 corpus: of the distinct terms in Chinese quotation marks “…”
with 2–10 characters, which share appears as a single token (at least once) in the tokens table?
Two populations are reported:

* ``terms``: quoted strings that the discovery rule accepts (no 。！？；，、： inside); target ≥ 98%.
* ``all``: every quoted string of 2–10 characters, lists such as “简约、安全、精彩” included (these
  cannot be one token by design; shown so the exclusion is visible).

For comparison, ``jieba``: the share of accepted terms that plain jieba (no lexicon, no discovery)
cuts as one token somewhere in the same report.

Usage: .venv/bin/python bench/quoted_terms_check.py [FOLDER]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from zjtext import load_report
from zjtext.paths import report_files
from zjtext.segment import find_quoted, plain_cut, tokens

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "2026"
QUOTE = re.compile(r"“([^“”]{2,10})”")


def check(path: Path) -> tuple[str, int, int, int, int, int, list[str]]:
    report = load_report(path)
    text = "\n".join(p.text for p in report.paragraphs)
    raw = {m.group(1) for m in QUOTE.finditer(text)}
    accepted = {t for t in find_quoted(text) if len(t) <= 10}
    found = set(tokens(report)["token"])
    jieba_words = set(plain_cut(text))
    missed = sorted(accepted - found)
    return (report.report_id, len(accepted), len(accepted & found), len(raw), len(raw & found),
            len(accepted & jieba_words), missed)


def main(folder: Path = CORPUS) -> int:
    rows = [check(p) for p in report_files(folder)]
    print(f"{'report':<16}{'terms':>7}{'whole':>7}{'share':>8}{'all':>6}{'share':>8}{'jieba':>8}")
    for rid, n, ok, n_all, ok_all, jb, missed in rows:
        print(f"{rid:<16}{n:>7}{ok:>7}{ok / n:>8.1%}{n_all:>6}{ok_all / n_all:>8.1%}{jb / n:>8.1%}"
              + (f"  missed: {', '.join(missed)}" if missed else ""))
    n, ok = sum(r[1] for r in rows), sum(r[2] for r in rows)
    n_all, ok_all = sum(r[3] for r in rows), sum(r[4] for r in rows)
    jb = sum(r[5] for r in rows)
    print(f"{'overall':<16}{n:>7}{ok:>7}{ok / n:>8.1%}{n_all:>6}{ok_all / n_all:>8.1%}{jb / n:>8.1%}")
    return 0 if ok / n >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
