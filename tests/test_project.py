"""Project hygiene: dependency lists agree, the CLI answers, raw data stays immutable."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from zjtext import cli
from zjtext.paths import DEFAULT_REPORT, RAW_DIR
from zjtext.store import RawDataWriteError, read_csv, write_csv, write_text

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\s\[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _conda_names() -> set[str]:
    import yaml  # PyYAML comes with papermill

    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = set()
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        names |= {_name(i) for i in items if not i.startswith("-e") and _name(i) not in ("pip", "python")}
    return names


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    assert _conda_names() == wanted


def test_environment_yml_installs_the_project_itself():
    assert re.search(r"^\s+- -e \.\s*$", (PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"), re.M)


def test_seed_report_is_in_data_raw():
    assert DEFAULT_REPORT.is_file() and DEFAULT_REPORT.parent == RAW_DIR


def test_store_refuses_raw_and_writes_bom_csv(tmp_path):
    import pandas as pd

    with pytest.raises(RawDataWriteError):
        write_text("x", RAW_DIR / "oops.txt")
    assert not (RAW_DIR / "oops.txt").exists()
    path = write_csv(pd.DataFrame({"指标": ["生产总值"], "值": [5.5]}), tmp_path / "sub" / "t.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(path).to_dict("records") == [{"指标": "生产总值", "值": 5.5}]
    assert [p.name for p in path.parent.iterdir()] == ["t.csv"]  # no temporary file left behind


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zjtext.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=PROJECT_ROOT)


def test_cli_clean_csv_columns_and_content():
    out = run_cli("clean", str(DEFAULT_REPORT), "--format", "csv")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == "report_id,paragraph,kind,section,text"
    assert lines[1] == "zhejiang-2024,1,body,,各位代表："
    assert "zhejiang-2024,3,heading,一、2023年工作回顾,一、2023年工作回顾" in lines
    assert any("二、2024年目标任务和重点工作 > （一）聚焦聚力提升政策引导保障成效 > 迭代升级" in ln for ln in lines)


def test_cli_clean_json_and_table():
    import json

    records = json.loads(run_cli("clean", str(DEFAULT_REPORT), "--format", "json").stdout)
    assert records[0] == {"report_id": "zhejiang-2024", "paragraph": 1, "kind": "body", "section": "", "text": "各位代表："}
    table = run_cli("clean", str(DEFAULT_REPORT), "--format", "table").stdout
    assert table.splitlines()[0].split() == ["paragraph", "kind", "section", "text"]  # the key columns
    wide = run_cli("clean", str(DEFAULT_REPORT), "--format", "table", "--wide").stdout
    assert wide.splitlines()[0].split() == ["report_id", "paragraph", "kind", "section", "text"]


@pytest.mark.parametrize("content, reason", [(b"", "empty"), (b"%PDF-1.5\n", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary")])
def test_cli_bad_input_is_one_line_error(tmp_path, content, reason):
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    out = run_cli("clean", str(bad))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith(f"error: {bad}: ") and reason in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_cli_usage_errors_exit_2():
    for args in (("clean",), ("nonsense",), ("clean", "x", "--format", "xml")):
        out = run_cli(*args)
        assert out.returncode == 2 and out.stderr.startswith("error: ") and out.stderr.count("\n") == 1


def test_cli_help_and_version(capsys):
    assert cli.main(["--help"]) == 0
    assert "clean" in capsys.readouterr().out
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("zjtext ")
