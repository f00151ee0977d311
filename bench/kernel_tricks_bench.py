"""What the kernels' speed tricks buy (``zjtext.site.execute.TRICKS``), and kernels kept across reports.

    .venv/bin/python bench/kernel_tricks_bench.py [--reps R]

One process runs reports with :func:`zjtext.site.run.run_report` (what a ``zjtext run`` worker does),
under four settings, taken in turn R times (default 3) so that the machine's load falls on each alike:

* ``all``: the default, imports preloaded while each kernel starts and then frozen (``gc.freeze``);
* ``no-freeze``: imports preloaded, nothing frozen;
* ``no-preload``: kernels start bare (each notebook imports what it needs);
* ``kept``: the default, the seed run in kernels that have just run another report (kept across
  reports, as a ``zjtext run`` worker keeps them).

For the seed report it records the wall time and the CPU time of this process and of its kernels
(``/proc/<pid>/stat``: less sensitive to other work on the machine than the wall time). Medians go
to ``bench/results/kernel_tricks.json``.
"""
from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "kernel_tricks.json"
SEED = ROOT / "data" / "raw" / "zhejiang-2024.html"
SECOND = ROOT / "tests" / "fixtures" / "synthetic-zhejiang-2025.txt"


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _kernels_cpu() -> float:
    """CPU seconds the kept kernels have used so far (Linux /proc)."""
    from zjtext.site import execute as ex

    total = 0.0
    for kernels in ex._KEPT.values():
        for kernel in kernels._kernels:
            pid = getattr(kernel.km, "_zjtext_pid", None)
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, ValueError, IndexError):
                continue
    return total


def one(setting: str, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its kernels) of the seed under ``setting``."""
    from zjtext.site import execute as ex
    from zjtext.site import run as site_run

    ex.TRICKS.update(imports=setting != "no-preload", freeze=setting not in ("no-preload", "no-freeze"))
    if setting == "kept":
        site_run.run_report(SECOND, out / "first", force=True)
    start, own, kernels = time.perf_counter(), _own_cpu(), _kernels_cpu()
    result = site_run.run_report(SEED, out / "measured", force=True)
    wall, cpu = time.perf_counter() - start, _own_cpu() - own + _kernels_cpu() - kernels
    ex.close_kept_kernels()
    if result.error:
        raise SystemExit(f"error: {result.error}")
    return wall, cpu


def main(argv: list[str]) -> int:
    from zjtext.site import execute as ex
    from zjtext.workers import limit_malloc_arenas

    reps = int(argv[argv.index("--reps") + 1]) if "--reps" in argv else 3
    settings = ("all", "no-freeze", "no-preload", "kept")
    limit_malloc_arenas()
    ex.skip_slow_imports()
    times: dict[str, list[tuple[float, float]]] = {s: [] for s in settings}
    loads = [round(os.getloadavg()[0] / (os.cpu_count() or 1), 2)]
    ws = ex.Workspace()
    ex.set_workspace(ws)
    try:
        for _ in range(reps):
            for setting in settings:
                with tempfile.TemporaryDirectory() as tmp:
                    times[setting].append(one(setting, Path(tmp)))
    finally:
        ex.close_kept_kernels()
        ex.set_workspace(None)
        ws.close()
    loads.append(round(os.getloadavg()[0] / (os.cpu_count() or 1), 2))
    res = {s: {"wall_s": round(statistics.median(w for w, _ in t), 2), "cpu_s": round(statistics.median(c for _, c in t), 2),
               "all_wall_s": [round(w, 2) for w, _ in t], "all_cpu_s": [round(c, 2) for _, c in t]} for s, t in times.items()}
    for s, r in res.items():
        print(f"{s:<12} wall {r['wall_s']:>6.2f} s   cpu {r['cpu_s']:>6.2f} s")
    meta = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "python": platform.python_version(),
            "cpus": os.cpu_count(), "reps": reps, "load_per_cpu_before_after": loads,
            "measured": SEED.name, "kept_after": SECOND.name}
    RESULTS.write_text(json.dumps({"meta": meta, "results": res}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"-> {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
