"""zjtext from a wheel, not the checkout: ``pip install .`` into a fresh venv, ``zjtext run`` from another
directory writes nothing outside ``--out`` and the cache folder it names (ZJTEXT_CACHE_DIR)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _snapshot(root: Path) -> dict:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) if p.is_file() else None
            for p in sorted(root.rglob("*"))}


def _build_wheel(tmp: Path) -> Path:
    """Build from a copy of the sources (building in place would write build/ into the checkout)."""
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "zjtext", src / "zjtext", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp / "dist"), str(src)],
                   check=True, capture_output=True)
    [wheel] = (tmp / "dist").glob("zjtext-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new venv holding the wheel; its dependencies are those of this venv (a .pth file names our
    site-packages, whose own .pth files, e.g. an editable zjtext, are not read)."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz-deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    return venv


@pytest.mark.slow
def test_wheel_in_fresh_venv_runs_from_anywhere_and_writes_only_out(tmp_path, fixtures_dir):
    venv = _fresh_venv(tmp_path, _build_wheel(tmp_path))
    where = {name: tmp_path / name for name in ("elsewhere", "home", "tmp", "inputs")}
    for folder in where.values():
        folder.mkdir()
    report = where["inputs"] / "test-2024.txt"
    shutil.copy(fixtures_dir / "hostile-2024.txt", report)
    watched = {**where, "checkout-data": ROOT / "data", "checkout-reports": ROOT / "reports"}
    before = {name: _snapshot(folder) for name, folder in watched.items()}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZJTEXT_", "MPL", "XDG_", "JUPYTER", "IPYTHON"))}
    env.update(HOME=str(where["home"]), TMPDIR=str(where["tmp"]), ZJTEXT_CACHE_DIR=str(tmp_path / "cache"),
               PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))  # nbconvert's templates, as pip installs them
    out = tmp_path / "OUT"
    done = subprocess.run([str(venv / "bin" / "zjtext"), "run", str(report), "--out", str(out)], cwd=where["elsewhere"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    probe = subprocess.run([str(venv / "bin" / "python"), "-c", "import zjtext; print(zjtext.__file__)"],
                           cwd=where["elsewhere"], env=env, capture_output=True, text=True)
    assert probe.stdout.startswith(str(venv)), probe.stdout  # the wheel's copy ran, not the checkout's
    assert sorted(p.name for p in (out / "test-2024").glob("*.html")) == [
        "01-load-and-segment.html", "02-keyword-frequency.html", "03-metric-extraction.html", "04-charts.html",
        "index.html"]
    assert {name: _snapshot(folder) for name, folder in watched.items()} == before
    for nb in out.rglob("*.ipynb"):
        assert str(tmp_path) not in nb.read_text(encoding="utf-8"), nb
