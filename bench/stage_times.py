"""Where ``zjtext process --jobs 1`` spends its time, stage by stage (``make bench``, before the targets).

    .venv/bin/python bench/stage_times.py [--corpus DIR] [--reps N]

The floor ratio of ``bench/run_bench.py`` is one number for the whole run; this splits the work
the same run does (same corpus) into its stages, each timed in one interpreter, best of ``--reps``
passes: imports, building the segmenter, loading the reports, segmenting, counting tokens for the
keyword tables, extracting metrics, the headline table, the results table, writing every table as
CSV (the rows made beforehand, so this is the writing alone) and the two corpus tables. Start-up and
teardown of the interpreter are timed from outside. The jieba script of the floor ratio is split the same way (import, dictionary, cut).
Results go to ``bench/results/stages.json``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_bench import CORPUS, ENV, PY, RESULTS, ROOT, corpus_folder, report_texts  # noqa: E402

_ZJTEXT = r"""
import json, sys, tempfile, time
from pathlib import Path
t = {}
s = time.perf_counter()
from zjtext import keywords, metrics, tables
from zjtext.match import result_rows
from zjtext.process import expand, write_corpus_tables
from zjtext.report import load_report
from zjtext.store import write_rows
t["import zjtext (process stages)"] = time.perf_counter() - s
from zjtext.segment import _jieba, token_chunks
s = time.perf_counter(); _jieba(); t["build the segmenter (rjieba)"] = time.perf_counter() - s
files = expand([sys.argv[1]])
s = time.perf_counter(); reports = [load_report(f) for f in files]; t["load and clean the reports"] = time.perf_counter() - s
s = time.perf_counter(); chunks = [list(token_chunks(r)) for r in reports]; t["segment (tokens table)"] = time.perf_counter() - s
s = time.perf_counter()
for cs in chunks:
    c = keywords.TokenCounts()
    for ch in cs:
        c.add(ch)
    c.vocabulary_rows(); c.keyword_rows(); c.slogan_rows()
t["count tokens (vocabulary, keywords, slogans)"] = time.perf_counter() - s
s = time.perf_counter(); ms = [metrics.metric_rows(r) for r in reports]; t["extract metrics"] = time.perf_counter() - s
s = time.perf_counter(); hs = [metrics.headline_rows(r, m) for r, m in zip(reports, ms)]; t["headline table"] = time.perf_counter() - s
s = time.perf_counter(); [result_rows(r, m, h) for r, m, h in zip(reports, ms, hs)]; t["results table"] = time.perf_counter() - s
made = [[(n, cols, list(rows)) for n, (cols, rows) in tables.report_rows(r).items()] for r in reports]
out = Path(tempfile.mkdtemp())
s = time.perf_counter()
for r, tabs in zip(reports, made):
    for n, cols, rows in tabs:
        write_rows(cols, rows, out / r.report_id / f"{n}.csv")
t["write every table (csv module, atomic)"] = time.perf_counter() - s
s = time.perf_counter(); write_corpus_tables(out, [r.report_id for r in reports]); t["corpus tables (two CSV files)"] = time.perf_counter() - s
t["rows written"] = sum(len(rows) for tabs in made for _, _, rows in tabs)
print(json.dumps(t))
"""

_JIEBA = r"""
import json, logging, sys, time
texts = json.load(open(sys.argv[1], encoding="utf-8"))
t = {}
s = time.perf_counter(); import jieba; t["import jieba"] = time.perf_counter() - s
jieba.setLogLevel(logging.CRITICAL)
s = time.perf_counter(); jieba.initialize(); t["load the dictionary (cached)"] = time.perf_counter() - s
s = time.perf_counter()
for text in texts:
    jieba.lcut(text)
t["jieba.lcut every report"] = time.perf_counter() - s
print(json.dumps(t))
"""


def _best(script: str, arg: str, reps: int) -> dict[str, float]:
    runs = []
    for _ in range(reps):
        done = subprocess.run([PY, "-c", script, arg], capture_output=True, text=True, env=ENV, cwd=ROOT, check=True)
        runs.append(json.loads(done.stdout))
    return {k: min(r[k] for r in runs) for k in runs[0]}


def _bare(reps: int) -> float:
    best = float("inf")
    for _ in range(reps):
        s = time.perf_counter()
        subprocess.run([PY, "-c", "pass"], env=ENV, check=True)
        best = min(best, time.perf_counter() - s)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="zjtext-stages-") as tmp:
        folder, desc = corpus_folder(args.corpus, Path(tmp))
        texts = Path(tmp) / "texts.json"
        texts.write_text(json.dumps(report_texts(folder), ensure_ascii=False), encoding="utf-8")
        _best(_JIEBA, str(texts), 1)  # jieba's first run builds its dictionary cache
        res = {"corpus": desc, "python start-up (python -c pass)": _bare(args.reps),
               "zjtext": _best(_ZJTEXT, str(folder), args.reps), "jieba script": _best(_JIEBA, str(texts), args.reps)}
    for side in ("zjtext", "jieba script"):
        print(f"{side}:")
        for stage, v in res[side].items():
            print(f"  {stage:48} {v:8.3f}" if isinstance(v, float) else f"  {stage:48} {v:8}")
    print(f"python start-up: {res['python start-up (python -c pass)']:.3f} s (both sides)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stages.json").write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written: {(RESULTS / 'stages.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
