"""Local check (not a test): every report in ../shared/corpus/2026 loads cleanly.

Prints, per report: metadata, paragraph count, the top-level sections, the first and last body
paragraphs, the notes count, and any line that still looks like page chrome.

    .venv/bin/python bench/corpus_load_check.py [FOLDER]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from zjtext import load_report
from zjtext import clean

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "2026"
CHROME_WORDS = re.compile(r"^(下载|打印|全屏|收藏|【|】|来源|时间|字号|阅读量|当前位置|首页|>|分享|责任编辑|扫一扫)")


def main() -> int:
    bad = 0
    for path in sorted(CORPUS.glob("*.txt")):
        r = load_report(path)
        m = r.meta
        print(f"== {m.report_id}: {m.title!r} year={m.year} region={m.region} date={m.date} "
              f"speaker={m.speaker} meeting={m.meeting}")
        print(f"   paragraphs={len(r.body)} notes={len(r.notes)} first={r.body[0].text[:20]!r} "
              f"last={r.body[-1].text[:24]!r}")
        for s in r.sections():
            print("   §", s[:50])
        chrome = [p.text for p in r.paragraphs if CHROME_WORDS.match(p.text) or clean.is_chrome_end(p.text)]
        if chrome or not r.body[0].text.startswith("各位代表"):
            bad += 1
            print("   !! chrome left:", chrome[:5])
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
