"""The March run: N distinct reports in one ``zjtext run`` session, against one report alone.

    .venv/bin/python bench/march_bench.py [--corpus DIR] [--jobs N] [--reps R] [--label NAME]

Each March a data desk drops the provincial reports into ``data/raw/`` and runs ``make report``. This
benchmark copies N distinct reports (the shared 2026 provinces, ``DIR/2026/*.txt``, and the shared
national years, ``DIR/national/china-*.txt``, from 2010 on: 22 reports) into a temporary input folder
(never into the checkout) and times the real console script, ``zjtext run INPUT --out TMP --jobs N``
(default: every core), in a subprocess:

* **one report alone**: the median-sized report of the N, into an empty folder (median of ``--reps``);
* **N reports** into an empty folder: target ≤ N/5 × one report;
* **rerun, nothing changed**: target ≤ 0.2 × one report;
* **rerun, one report changed** (a paragraph appended to one provincial report: its own pages and the
  corpus page are redone, the comparison of the national years is not): target ≤ 1.5 × one report;
* **CPU time** of each (the command and every process it started, reaped: ``getrusage``), and its
  ratio to one report's: what the machine's other work does not change much;
* **peak memory**: the largest sum of the resident sizes of the run's whole process tree (the command,
  its workers and their notebook kernels), sampled every 0.1 s during the N-report run: ≤ 1.5 GB.

The machine is shared: the 1-minute load average per core is recorded before and after every timing.
Other work only adds time, so ratios are what the targets judge. Results go to
``bench/results/march.json`` (``--label NAME``: ``bench/results/march-NAME.json``).
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZJTEXT = Path(sys.executable).parent / "zjtext"
RESULTS = ROOT / "bench" / "results"
#: ``shared/corpus`` beside the checkout (or in a folder above it), else ``$ZJTEXT_CORPUS``.
CORPUS = next((p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus" / "2026").is_dir()),
              Path(os.environ.get("ZJTEXT_CORPUS", ROOT.parent / "shared" / "corpus")))
PEAK_LIMIT_MB = 1536


def _load() -> float:
    return round(os.getloadavg()[0] / (os.cpu_count() or 1), 2)


def march_inputs(corpus: Path) -> list[Path]:
    """The shared 2026 provinces and the national reports from 2010 on, sorted by name."""
    provinces = sorted((corpus / "2026").glob("*.txt"))
    national = sorted(p for p in (corpus / "national").glob("china-*.txt") if p.stem[-4:].isdigit() and int(p.stem[-4:]) >= 2010)
    return provinces + national


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(stat.parent.name))
    return kids


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MB (Linux /proc)."""
    kids, todo, total = _children(), [pid], 0
    while todo:
        p = todo.pop()
        todo += kids.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def timed_run(inputs: list[Path] | Path, out: Path, jobs: int) -> dict:
    """One ``zjtext run``: its wall time, the peak RSS of its process tree, the load before and after."""
    args = [str(ZJTEXT), "run", *map(str, inputs if isinstance(inputs, list) else [inputs]), "--out", str(out), "--jobs", str(jobs)]
    before = _load()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    took = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"error: {' '.join(args)}: {stderr.strip()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run and every process it started and reaped
    cpu_s = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    return {"s": round(took, 2), "cpu_s": round(cpu_s, 2), "peak_mb": round(peak[0]), "load_before": before,
            "load_after": _load(), "lines": len(stdout.splitlines())}


def one_alone(report: Path, jobs: int, reps: int) -> list[dict]:
    runs = []
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(timed_run(report, Path(tmp) / "out", jobs))
    return runs


def march(inputs: list[Path], jobs: int, changed: Path) -> dict:
    """N reports into an empty folder, the unchanged rerun, the rerun with ``changed`` edited."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "raw"
        folder.mkdir()
        for p in inputs:
            shutil.copy(p, folder / p.name)
        out = Path(tmp) / "out"
        full = timed_run(folder, out, jobs)
        rerun = timed_run(folder, out, jobs)
        edited = folder / changed.name
        edited.write_bytes(edited.read_bytes() + "\n全省上下要再接再厉，奋力完成今年各项目标任务。\n".encode("utf-8"))
        one_changed = timed_run(folder, out, jobs)
    return {"n_reports": full, "rerun_unchanged": rerun, "rerun_one_changed": one_changed}


def main(argv: list[str]) -> int:
    def opt(name: str, default):
        return type(default)(argv[argv.index(name) + 1]) if name in argv else default

    corpus, jobs, reps = Path(opt("--corpus", str(CORPUS))), opt("--jobs", os.cpu_count() or 1), opt("--reps", 3)
    label = opt("--label", "")
    inputs = march_inputs(corpus)
    if len(inputs) < 20:
        raise SystemExit(f"error: {corpus}: {len(inputs)} reports found, the March benchmark needs 20 or more")
    by_size = sorted(inputs, key=lambda p: p.stat().st_size)
    single = by_size[len(by_size) // 2]
    changed = sorted(p for p in inputs if p.parent.name == "2026")[0]
    alone = one_alone(single, jobs, reps)
    one = statistics.median(r["s"] for r in alone)
    m = march(inputs, jobs, changed)
    n = len(inputs)
    ratios = {"n_reports": round(m["n_reports"]["s"] / one, 2), "rerun_unchanged": round(m["rerun_unchanged"]["s"] / one, 3),
              "rerun_one_changed": round(m["rerun_one_changed"]["s"] / one, 2)}
    one_cpu = statistics.median(r["cpu_s"] for r in alone)
    cpu_ratios = {k: round(m[k]["cpu_s"] / one_cpu, 2) for k in ratios}
    targets = {"n_reports": n / 5, "rerun_unchanged": 0.2, "rerun_one_changed": 1.5}
    peak = max(r["peak_mb"] for r in [*alone, *m.values()])
    verdicts = {k: ratios[k] <= targets[k] for k in targets} | {"peak_mb": peak <= PEAK_LIMIT_MB}
    meta = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "python": platform.python_version(),
            "cpus": os.cpu_count(), "jobs": jobs, "reps_one_alone": reps, "n": n, "one_report": single.name,
            "changed_report": changed.name, "inputs": [p.name for p in inputs]}
    result = {"meta": meta, "one_alone": alone, "one_report_s": one, "one_report_cpu_s": one_cpu, **m,
              "ratios_to_one_report": ratios, "cpu_ratios_to_one_report": cpu_ratios,
              "targets": targets, "peak_mb": peak, "peak_limit_mb": PEAK_LIMIT_MB, "pass": verdicts}
    print(f"one report alone ({single.name}): {one:.1f} s (median of {reps}: {[r['s'] for r in alone]})")
    for key in targets:
        print(f"{key:<20}{m[key]['s']:>8.1f} s {ratios[key]:>7.2f}× one (target ≤ {targets[key]:.2f}×)  "
              f"{'PASS' if verdicts[key] else 'FAIL'}  load {m[key]['load_before']}→{m[key]['load_after']}  "
              f"cpu {m[key]['cpu_s']:.0f} s = {cpu_ratios[key]:.2f}× one's")
    print(f"peak memory (process tree) {peak} MB (limit {PEAK_LIMIT_MB} MB)  {'PASS' if verdicts['peak_mb'] else 'FAIL'}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / (f"march-{label}.json" if label else "march.json")
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"-> {path.relative_to(ROOT)}")
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
