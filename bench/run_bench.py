"""Speed and memory benchmark (``make bench``): the targets of issues #13 and #17, PASS/FAIL each.

    .venv/bin/python bench/run_bench.py [--corpus DIR] [--reps N] [--copies N] [--sizes MB ...]

Corpus: the reports in ``../shared/corpus/2026/*.txt`` when present, else the seed report copied
ten times under different names (so the run works on a fresh clone). Measured in one run:

* **floor ratio** — ``zjtext process --jobs 1 --force`` end to end (a fresh interpreter: start-up,
  imports, the segmenter, the work, every table written) against a plain script that imports
  jieba and runs ``jieba.lcut`` over the same report texts (a fresh interpreter too; the texts as
  zjtext loads them, read from a JSON file). Target: ≤ 0.5×.
* **parallel ratio** — ``--jobs 2`` against ``--jobs 1``, end to end, on the corpus copied
  ``--copies`` times (fifty reports by default). Target: ≤ 0.6×. The ratio on the corpus itself is
  shown too: start-up, imports and building the segmenter are paid once by both, so on ten reports
  they weigh more.
* **import** — ``python -c "import zjtext"`` minus ``python -c pass``. Target: < 0.1 s.
* **memory** — peak RSS of ``zjtext process --jobs 1`` on generated inputs of about 5 MB and 50 MB
  (the seed report's paragraphs repeated; nothing from the corpus). Target: ≤ 20 × the input's
  bytes + 150 MB.
* **against a baseline** (``--baseline DIR``, a checkout of an earlier commit, e.g. made with
  ``git worktree add /tmp/base 1863e14``) — that checkout's ``zjtext process --jobs 1`` and today's,
  back to back in each of eleven rounds, so each pair meets one load; the median over the rounds of
  today's CPU seconds over the baseline's. Target: no slower (≤ 1.00×).

Timings are the best of ``--reps`` runs (other work on a shared machine only ever adds time),
taken in alternating rounds so that such load falls on both sides of a ratio alike; each round
waits (up to 30 s) for other processes to go quiet. CPU seconds are shown beside the first ratio:
they move less with other load. Peak RSS is
the largest ``ru_maxrss`` of the command's processes, read by a small launcher process. Results go
to ``bench/results/latest.json`` (and a copy named after the time of the run).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = next((p / "shared" / "corpus" / "2026" for p in ROOT.parents if (p / "shared" / "corpus" / "2026").is_dir()),
              ROOT.parent / "shared" / "corpus" / "2026")
SEED = ROOT / "data" / "raw" / "zhejiang-2024.html"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
_cli = Path(PY).parent / "zjtext"
CLI = [str(_cli)] if _cli.exists() else [PY, "-m", "zjtext.cli"]
#: Commands run as on a user's machine: with bytecode caching (this sandbox sets PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

FLOOR_RATIO, PARALLEL_RATIO, IMPORT_S = 0.5, 0.6, 0.1
BASELINE_ROUNDS = 11  # rounds of today against --baseline: the median of paired ratios needs more than five
MEMORY_PER_BYTE, MEMORY_FIXED_MB = 20, 150

_FLOOR_SCRIPT = """
import json, logging, sys
texts = json.load(open(sys.argv[1], encoding="utf-8"))
import jieba
jieba.setLogLevel(logging.CRITICAL)
for text in texts:
    jieba.lcut(text)
"""

# Runs a command and prints the largest peak RSS (KB) of its processes: a launcher this small keeps
# Linux's carry-over of the parent's peak RSS through exec out of the figure.
_PEAK = ("import resource, subprocess, sys\n"
         "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
         "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def _cpu_ticks() -> tuple[int, int]:
    with open("/proc/stat") as fh:
        v = [int(x) for x in fh.readline().split()[1:]]
    return sum(v) - v[3] - v[4], sum(v)  # busy, total (idle and iowait are the 4th and 5th)


QUIET = {"waited_s": 0.0, "busy_rounds": 0}


def wait_for_quiet(most: float = 30.0, busy_cores: float = 0.5) -> None:
    """Wait (at most *most* seconds) until other processes use less than *busy_cores* of CPU.

    Other sessions share the machine; a round started while they compute measures them too. The
    time waited and the rounds started on a busy machine anyway go into the results.
    """
    if not Path("/proc/stat").exists():
        return
    end = time.monotonic() + most
    while True:
        b0, t0 = _cpu_ticks()
        time.sleep(0.5)
        b1, t1 = _cpu_ticks()
        QUIET["waited_s"] += 0.5
        if (b1 - b0) / max(t1 - t0, 1) * (os.cpu_count() or 1) < busy_cores:
            return
        if time.monotonic() > end:
            QUIET["busy_rounds"] += 1
            return


def wall(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the command's processes) for one run of *argv*;
    a failing command stops the benchmark with its message."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(argv)} exited {done.returncode}: "
                         + (done.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1])
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def peak_mb(argv: list[str]) -> float:
    """Largest peak RSS (MB) of *argv*'s processes."""
    done = subprocess.run([PY, "-c", _PEAK, *argv], capture_output=True, text=True, env=ENV, cwd=ROOT)
    rc, kb = done.stdout.split()
    if rc != "0":
        raise SystemExit(f"error: {' '.join(argv)} exited {rc}")
    return int(kb) / 1024


def rounds(commands: dict[str, list[str]], reps: int) -> dict[str, dict]:
    """Run every command once per round, *reps* rounds (each after waiting for a quiet machine);
    each command's best and worst wall seconds, and its CPU seconds in the best run."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(reps):
        wait_for_quiet()
        for name, argv in commands.items():
            times[name].append(wall(argv))
    return {name: {"best": min(t)[0], "worst": max(t)[0], "cpu_of_best": min(t)[1], "runs": [w for w, _ in t],
                   "cpu_runs": [c for _, c in t]} for name, t in times.items()}


# ---------------------------------------------------------------- inputs

def corpus_folder(folder: Path, tmp: Path) -> tuple[Path, str]:
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if files:
        return folder, f"{len(files)} reports in {folder}"
    src = tmp / "seed-x10"
    src.mkdir()
    for i in range(10):
        shutil.copy(SEED, src / f"seed-copy-{i:02d}.html")
    return src, f"the seed report copied 10 times ({folder} not found)"


def copies(folder: Path, tmp: Path, n: int) -> Path:
    """The corpus copied *n* times under new names (new report ids)."""
    out = tmp / f"corpus-x{n}"
    out.mkdir()
    for f in sorted(p for p in folder.iterdir() if p.is_file()):
        for i in range(n):
            shutil.copy(f, out / f"{f.stem}-copy{i}{f.suffix}")
    return out


def report_texts(folder: Path) -> list[str]:
    """Each report's text as zjtext loads it (body and notes, one paragraph per line)."""
    from zjtext import load_report
    from zjtext.process import expand

    return ["\n".join(p.text for p in load_report(f).paragraphs) for f in expand([folder])]


def long_input(mb: float, tmp: Path) -> Path:
    """A report of about *mb* MB: the seed report's paragraphs repeated under a salutation."""
    from zjtext import load_report

    block = "\n".join(p.text for p in load_report(SEED).body) + "\n"
    head = "政府工作报告\n各位代表：\n"
    folder = tmp / f"long-{mb:g}mb"
    folder.mkdir()
    path = folder / f"long-{mb:g}mb-2024.txt"
    path.write_text(head + block * max(1, int(mb * 1e6) // len(block.encode("utf-8"))), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the measurements

#: Runs ``zjtext`` from the checkout named by its first argument (its ``zjtext/`` ahead of this one).
_FROM_CHECKOUT = "import sys; sys.path.insert(0, sys.argv.pop(1)); from zjtext.cli import main; sys.exit(main())"


def measure(folder: Path, tmp: Path, reps: int, n_copies: int, sizes: list[float],
            baseline: Path | None = None) -> dict:
    texts = tmp / "texts.json"
    corpus = report_texts(folder)
    texts.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    floor_cmd = [PY, "-c", _FLOOR_SCRIPT, str(texts)]
    wall(floor_cmd)  # jieba builds its dictionary cache on its first run: a plain script's usual state

    def process_cmd(src: Path, jobs: int, launcher: list[str] = CLI, out: str = "") -> list[str]:
        out = out or f"out-{src.name}-j{jobs}"
        return launcher + ["process", str(src), "--out", str(tmp / out), "--jobs", str(jobs), "--force"]

    res: dict = {"reports": len(corpus), "characters": sum(map(len, corpus))}
    t = rounds({"jieba_script": floor_cmd, "process_j1": process_cmd(folder, 1), "process_j2": process_cmd(folder, 2)},
               reps)
    res["corpus"] = t
    if baseline is not None:  # today and the baseline back to back in each round: a pair meets one load
        res["against_baseline"] = rounds({
            "today": process_cmd(folder, 1, out="out-today"),
            "baseline": process_cmd(folder, 1, [PY, "-c", _FROM_CHECKOUT, str(baseline)], "out-baseline")},
            max(reps, BASELINE_ROUNDS))
    many = copies(folder, tmp, n_copies)
    res["copies"] = rounds({"process_j1": process_cmd(many, 1), "process_j2": process_cmd(many, 2)}, reps)
    res["copies"]["reports"] = sum(1 for _ in many.iterdir())
    bare = rounds({"bare": [PY, "-c", "pass"], "import": [PY, "-c", "import zjtext"]}, 7)
    res["import"] = {"seconds": bare["import"]["best"] - bare["bare"]["best"], **bare}
    res["memory"] = []
    for mb in sizes:
        path = long_input(mb, tmp)
        peak = peak_mb(process_cmd(path.parent, 1))
        size = path.stat().st_size
        res["memory"].append({"input_bytes": size, "peak_mb": peak,
                              "limit_mb": (MEMORY_PER_BYTE * size) / 2 ** 20 + MEMORY_FIXED_MB})
        path.unlink()
    return res


def verdicts(res: dict) -> list[tuple[str, str, str, str]]:
    """(measure, value, target, PASS/FAIL) rows."""
    def ok(passed: bool) -> str:
        return "PASS" if passed else "FAIL"

    c = res["corpus"]
    floor = c["process_j1"]["best"] / c["jieba_script"]["best"]
    rows = [("process --jobs 1 / jieba.lcut script (end to end)",
             f"{c['process_j1']['best']:.2f} s / {c['jieba_script']['best']:.2f} s = {floor:.2f}x",
             f"<= {FLOOR_RATIO}x", ok(floor <= FLOOR_RATIO))]
    cpu = c["process_j1"]["cpu_of_best"] / c["jieba_script"]["cpu_of_best"]
    rows.append(("  the same in CPU seconds (user + system)",
                 f"{c['process_j1']['cpu_of_best']:.2f} s / {c['jieba_script']['cpu_of_best']:.2f} s = {cpu:.2f}x",
                 "(shown)", ""))
    par = c["process_j2"]["best"] / c["process_j1"]["best"]
    rows.append((f"process --jobs 2 / --jobs 1, {res['reports']} reports",
                 f"{c['process_j2']['best']:.2f} s / {c['process_j1']['best']:.2f} s = {par:.2f}x",
                 "(shown)", ""))
    m = res["copies"]
    par = m["process_j2"]["best"] / m["process_j1"]["best"]
    rows.append((f"process --jobs 2 / --jobs 1, {m['reports']} reports",
                 f"{m['process_j2']['best']:.2f} s / {m['process_j1']['best']:.2f} s = {par:.2f}x",
                 f"<= {PARALLEL_RATIO}x", ok(par <= PARALLEL_RATIO)))
    if "against_baseline" in res:
        now, base = res["against_baseline"]["today"], res["against_baseline"]["baseline"]
        paired = statistics.median(a / b for a, b in zip(now["cpu_runs"], base["cpu_runs"]))
        rows.append((f"process --jobs 1, today / baseline {res.get('baseline', '')}, CPU, median of "
                     f"{len(now['cpu_runs'])} paired rounds",
                     f"{paired:.2f}x (best {now['cpu_of_best']:.2f} s / {base['cpu_of_best']:.2f} s)",
                     "<= 1.00x", ok(paired <= 1.0)))
    imp = res["import"]["seconds"]
    rows.append(("import zjtext (fresh interpreter, minus start-up)", f"{imp:.3f} s", f"< {IMPORT_S} s",
                 ok(imp < IMPORT_S)))
    for mem in res["memory"]:
        rows.append((f"peak RSS, process --jobs 1, {mem['input_bytes'] / 1e6:.1f} MB input", f"{mem['peak_mb']:.0f} MB",
                     f"<= {mem['limit_mb']:.0f} MB", ok(mem["peak_mb"] <= mem["limit_mb"])))
    return rows


def _revision(checkout: Path) -> str:
    """The short commit hash of a checkout (its folder name when git cannot say)."""
    done = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else checkout.name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--reps", type=int, default=5, help="rounds of each timing (best taken; default 5)")
    ap.add_argument("--copies", type=int, default=5, help="the corpus copied N times for --jobs 2 (default 5)")
    ap.add_argument("--sizes", type=float, nargs="*", default=[5, 50], metavar="MB",
                    help="sizes of the generated long inputs for peak memory (default 5 50)")
    ap.add_argument("--baseline", type=Path, metavar="DIR",
                    help="a checkout of an earlier commit: its process --jobs 1 timed in the same rounds")
    args = ap.parse_args()
    if args.baseline is not None and not (args.baseline / "zjtext" / "cli.py").is_file():
        raise SystemExit(f"error: {args.baseline}: not a zjtext checkout (no zjtext/cli.py)")
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="zjtext-bench-") as tmp:
        folder, desc = corpus_folder(args.corpus, Path(tmp))
        res = measure(folder, Path(tmp), args.reps, args.copies, args.sizes, args.baseline)
    if args.baseline is not None:
        res["baseline"] = _revision(args.baseline)
    import jieba

    import zjtext

    chars = res["characters"]
    meta = {"started": started, "corpus": desc, "characters": chars, "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "waited_for_quiet_s": QUIET["waited_s"], "rounds_on_a_busy_machine": QUIET["busy_rounds"],
            "python": platform.python_version(), "reps": args.reps, "zjtext": zjtext.__version__,
            "jieba": jieba.__version__, "machine": platform.machine()}
    table = verdicts(res)
    width = [max(len(r[i]) for r in table) for i in range(4)]
    print(f"zjtext benchmark — {desc}, {chars:,} characters; {meta['cpus']} cores; best of {args.reps}; "
          f"load average {tuple(round(x, 1) for x in meta['load_average'] or ())}; waited {QUIET['waited_s']:.0f} s "
          f"for quiet, {QUIET['busy_rounds']} rounds started on a busy machine")
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, width)))
    out = {"meta": meta, "results": res, "table": [dict(zip(("measure", "value", "target", "result"), r)) for r in table]}
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    (RESULTS / f"run-{started.replace(':', '')}.json").write_text(text, encoding="utf-8")
    print(f"written: {(RESULTS / 'latest.json').relative_to(ROOT)}")
    return 0 if all(r[3] != "FAIL" for r in table) else 1


if __name__ == "__main__":
    raise SystemExit(main())
