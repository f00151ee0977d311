"""The notebooks: the paired copies are in step, they ship with the package, and their defaults write nothing."""
from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

from zjtext.site import execute

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "zjtext" / "notebooks"


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_every_notebook_has_both_copies():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(p.stem for p in SOURCES.glob("*.py"))
    assert execute.notebook_names() == sorted(p.stem for p in SOURCES.glob("*.py"))


@pytest.mark.parametrize("name", sorted(p.stem for p in SOURCES.glob("*.py")))
def test_paired_copies_are_in_step(name):
    """An edit made to one copy and not synced (``jupytext --sync notebooks/*.ipynb``, or
    ``make notebooks``) fails here."""
    ipynb = jupytext.read(NOTEBOOKS / f"{name}.ipynb")
    py = jupytext.read(SOURCES / f"{name}.py")
    assert _cells(ipynb) == _cells(py), f"{name}: notebooks/{name}.ipynb and zjtext/notebooks/{name}.py differ; run make notebooks"


@pytest.mark.parametrize("name", execute.notebook_names())
def test_defaults_write_nothing_and_paths_are_parameters(name):
    """Opened as they are (Jupyter, nbval), the notebooks save no table and no figure: the checkout's
    data/processed/ and reports/ stay as they were; under ``zjtext run`` every path is a parameter."""
    nb = execute.read_notebook(name)
    [params] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    names = {line.split("=")[0].strip() for line in params.source.splitlines() if "=" in line}
    assert "out_dir = None" in params.source
    assert {"out_dir"} <= names and ({"report_path", "processed_dir"} <= names or "report_paths" in names)
    if "processed_dir" in names:
        assert "processed_dir = None" in params.source
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for fixed in ("data/processed", "reports/", "PROJECT_ROOT", "__file__"):
        assert fixed not in code, f"{name}: {fixed}"


def test_notebooks_are_package_data():
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "notebooks/*.py" in conf["package-data"]["zjtext"]
    assert "resources/**/*" in conf["package-data"]["zjtext"]


def test_a_saved_chart_is_shown_as_the_png_saved_at_the_figure_inline_size(tmp_path):
    """With ``out_dir`` the cell shows the PNG file's bytes (not a third drawing), as wide on screen as
    the figure drawn inline; without, the figure itself (drawn inline by Jupyter)."""
    import pandas as pd
    from IPython.display import Image

    from zjtext import charts
    from zjtext.notebook import save_and_show

    fig = charts.headline_targets(pd.DataFrame(), source={"region": "浙江省", "year": 2024})
    assert save_and_show(fig, None, "headline_targets") is fig
    saved: list = []
    shown = save_and_show(fig, tmp_path, "headline_targets", saved)
    assert [p.name for p in saved] == ["headline_targets.png", "headline_targets.svg"]
    assert isinstance(shown, Image) and shown.data == saved[0].read_bytes()
    assert shown.width == round(fig.get_figwidth() * fig.dpi)  # 800 CSS pixels for 1200 saved
    assert int.from_bytes(shown.data[16:20], "big") == round(fig.get_figwidth() * charts.DPI)


def test_setup_draws_charts_inline_whatever_mplbackend_says(monkeypatch):
    """``setup()`` before matplotlib is imported (it is not imported then, which saves notebooks
    without charts its import) still makes every chart an inline image under ``MPLBACKEND=Agg``."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import sys\nfrom zjtext.notebook import setup\nsetup()\n'matplotlib.pyplot' in sys.modules"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nfig"),
    ])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "False"
    assert any("image/png" in o.get("data", {}) for o in nb.cells[1].outputs)


@pytest.mark.parametrize("name", sorted(p.stem for p in SOURCES.glob("*.py")))
def test_markdown_reads_in_chinese(name):
    """What an analyst reads in JupyterLab: no English sentence (four or more English words in a row,
    code spans aside), no parameter names, no word for the machinery (本笔记本, papermill)."""
    import re

    nb = jupytext.read(SOURCES / f"{name}.py")
    [params] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    parameters = {line.split("=")[0].strip() for line in params.source.splitlines() if re.match(r"^\w+\s*=", line)}
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"`[^`]*`", "", cell.source)
        assert not re.search(r"[A-Za-z][A-Za-z'-]*(?:[ ,.;:]+[A-Za-z][A-Za-z'-]*){3,}", text), (name, text[:80])
        assert not {"本笔记本", "papermill"} & set(re.findall(r"本笔记本|papermill", text)), name
        assert not [p for p in parameters if re.search(rf"(?<![A-Za-z_]){p}(?![A-Za-z_])", cell.source)], name
