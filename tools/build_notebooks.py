"""Bring the paired notebooks in step and execute them (``make notebooks``).

The notebooks' source is ``zjtext/notebooks/*.py`` (jupytext percent format, shipped with the package);
``notebooks/*.ipynb`` are their paired copies, committed with outputs for readers and for nbval.
Edit either one (JupyterLab with jupytext keeps both in step; see ``jupytext.toml``). This tool:

1. syncs each pair with jupytext (the copy edited last wins) — a notebook only in one place is paired;
2. executes each ``.ipynb`` in ``notebooks/`` with its default parameters (the seed report; they write
   nothing: ``processed_dir`` and ``out_dir`` are None), no timings recorded, stable cell ids.

    .venv/bin/python tools/build_notebooks.py            # sync and execute
    .venv/bin/python tools/build_notebooks.py 04-charts  # sync all, execute one
    .venv/bin/python tools/build_notebooks.py --no-execute
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "zjtext" / "notebooks"


def sync() -> list[Path]:
    """Sync every pair (jupytext --sync); returns the .ipynb files."""
    names = sorted({p.stem for p in NOTEBOOKS.glob("[0-9]*.ipynb")} | {p.stem for p in SOURCES.glob("[0-9]*.py")})
    paths = []
    for name in names:
        ipynb, py = NOTEBOOKS / f"{name}.ipynb", SOURCES / f"{name}.py"
        paired = ipynb if ipynb.exists() else py
        subprocess.run([sys.executable, "-m", "jupytext", "--quiet", "--sync", str(paired)], check=True, cwd=ROOT)
        paths.append(ipynb)
    return paths


def execute(path: Path) -> None:
    """Run a notebook in place with its default parameters, working directory its folder."""
    from nbclient import NotebookClient

    from zjtext.site.execute import KERNEL_ENV

    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):  # stable ids keep re-executions diff-free
        cell.id = f"c{i:02d}"
    client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,  # no timestamps
                            resources={"metadata": {"path": str(path.parent)}})
    import os

    saved = {k: os.environ.get(k) for k in KERNEL_ENV}
    os.environ.update(KERNEL_ENV)
    try:
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    nbformat.write(nb, path)


if __name__ == "__main__":
    only = [a for a in sys.argv[1:] if not a.startswith("--")]  # names, e.g. 06-panel-and-series
    for p in sync():
        if only and p.stem not in only:
            continue
        if "--no-execute" not in sys.argv:
            execute(p)
        print(p.relative_to(ROOT))
