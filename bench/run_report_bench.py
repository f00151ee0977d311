"""`make report` benchmark: the seed report from a warm venv, a rerun with nothing changed, Ctrl-C.

    .venv/bin/python bench/run_report_bench.py [--reps N]

What is measured, each time with the real console script in a subprocess (interpreter start-up,
imports, kernels, export), into a temporary ``--out`` (the checkout is not touched):

* **first run**: ``zjtext run data/raw/zhejiang-2024.html --out TMP`` into an empty folder (what
  ``make report`` does on a fresh clone once the venv exists and zjtext's cache folder holds what any
  run leaves there: matplotlib's font list, the cut of the Chinese font pages' fonts are cut from).
  Target ≤ 15 s.
* **rerun, nothing changed**: the same command again (the report is reused). Target ≤ 2 s.
* **Ctrl-C**: ``zjtext run SEED OTHER --jobs 2``, SIGINT once its kernels run; time until the command
  has exited. Target ≤ 2 s, exit status 130.

The machine's load (1-minute average per core) is recorded with the figures: other work on a shared
machine only adds time, so the best of ``--reps`` runs is kept. Results go to
``bench/results/run_report.json``.
"""
from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZJTEXT = Path(sys.executable).parent / "zjtext"
SEED = ROOT / "data" / "raw" / "zhejiang-2024.html"
OTHER = ROOT / "tests" / "fixtures" / "synthetic-zhejiang-2025.txt"
RESULTS = ROOT / "bench" / "results" / "run_report.json"
TARGETS = {"first_run_s": 15.0, "rerun_unchanged_s": 2.0, "interrupt_s": 2.0}


def _load() -> float:
    return round(os.getloadavg()[0] / (os.cpu_count() or 1), 2)


def _timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(args)}: {done.stderr.strip()}")
    return took, done


def first_and_rerun() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        first, _ = _timed([str(ZJTEXT), "run", str(SEED), "--out", str(out)])
        rerun, done = _timed([str(ZJTEXT), "run", str(SEED), "--out", str(out)])
        assert "unchanged" in done.stdout, done.stdout
    return first, rerun


def _kernels_running(pid: int) -> bool:
    """Whether ``pid`` has started a kernel (a grandchild running ipykernel)."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"ipykernel" in (proc / "cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


def interrupt() -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([str(ZJTEXT), "run", str(SEED), str(OTHER), "--jobs", "2", "--out", str(Path(tmp) / "out")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        while time.time() < deadline and not _kernels_running(proc.pid):
            time.sleep(0.1)
        time.sleep(2.0)
        start = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        return time.perf_counter() - start, proc.returncode


def main(argv: list[str]) -> int:
    reps = int(argv[argv.index("--reps") + 1]) if "--reps" in argv else 3
    runs = [first_and_rerun() for _ in range(reps)]
    stops = [interrupt() for _ in range(reps)]
    res = {"first_run_s": round(min(r[0] for r in runs), 2), "rerun_unchanged_s": round(min(r[1] for r in runs), 2),
           "interrupt_s": round(min(s[0] for s in stops), 2), "interrupt_exit_status": sorted({s[1] for s in stops})}
    meta = {"date": time.strftime("%Y-%m-%d"), "python": platform.python_version(), "cpus": os.cpu_count(),
            "load_per_cpu_after": _load(), "reps": reps, "all_first_runs_s": [round(r[0], 2) for r in runs]}
    print(f"{'measure':<22}{'best (s)':>10}{'target':>10}  verdict")
    ok = True
    for key, target in TARGETS.items():
        passed = res[key] <= target
        ok &= passed
        print(f"{key:<22}{res[key]:>10.2f}{target:>10.1f}  {'PASS' if passed else 'FAIL'}")
    print(f"interrupt exit status: {res['interrupt_exit_status']}; load per CPU: {meta['load_per_cpu_after']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"meta": meta, "results": res, "targets": TARGETS}, indent=1) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
