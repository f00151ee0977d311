"""Every `zjtext` subcommand end to end: output columns, formats, exit codes, one-line errors."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from zjtext import cli
from zjtext.paths import DEFAULT_REPORT

SEED = str(DEFAULT_REPORT)


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def as_csv(text: str) -> pd.DataFrame:
    assert text.startswith("\ufeff"), "CSV output carries a BOM so Excel shows the Chinese"
    return pd.read_csv(io.StringIO(text.lstrip("\ufeff")), keep_default_na=False, na_values=[""])


def test_segment_csv_has_the_tokens_columns(capsys):
    status, out, _ = run(capsys, "segment", SEED, "--format", "csv")
    df = as_csv(out)
    assert status == 0
    assert {"report_id", "paragraph", "sentence", "section", "token", "is_stopword", "is_policy_term"} <= set(df.columns)
    assert "八八战略" in set(df.token) and "八八" not in set(df.token)


def test_keywords_top_n_and_policy_verbs(capsys):
    status, out, _ = run(capsys, "keywords", SEED, "--top", "30", "--format", "csv")
    df = as_csv(out)
    assert status == 0 and list(df.columns[:4]) == ["rank", "keyword", "count", "per_10k"] and len(df) == 30
    assert "推进" not in set(df.keyword)
    _, out, _ = run(capsys, "keywords", SEED, "--include-policy-verbs", "--format", "json")
    assert "推进" in {r["keyword"] for r in json.loads(out)}


def test_metrics_and_targets(capsys):
    status, out, _ = run(capsys, "metrics", SEED, "--format", "csv")
    df = as_csv(out)
    assert status == 0 and list(df.columns[:16]) == [
        "report_id", "paragraph", "section", "sentence", "indicator", "surface", "number", "unit", "multiplier",
        "base_unit", "value", "value_max", "category", "qualifier", "change", "period"]
    _, out, _ = run(capsys, "targets", SEED, "--format", "csv")
    targets = as_csv(out)
    assert list(targets.columns[:8]) == ["indicator", "period", "value", "value_max", "base_unit", "qualifier", "surface", "sentence"]
    main = targets[targets.period == "target"]
    assert ("生产总值", 5.5, "approx") in set(zip(main.indicator, main.value, main.qualifier))
    assert ("城镇调查失业率", 5.0, "at_most") in set(zip(main.indicator, main.value, main.qualifier))


def test_compare_targets_table(capsys, fixtures_dir):
    status, out, _ = run(capsys, "compare", SEED, str(fixtures_dir / "synthetic-zhejiang-2025.txt"), "--what", "targets", "--format", "csv")
    df = as_csv(out)
    assert status == 0 and {"indicator", "target", "actual", "verdict"} <= set(df.columns)
    assert set(df.verdict) <= {"met", "met (within 左右)", "missed", "not reported", "not comparable"}


def test_compare_other_region_is_a_one_line_error(capsys, fixtures_dir):
    status, out, err = run(capsys, "compare", SEED, str(fixtures_dir / "scraped-2026.txt"), "--what", "targets")
    assert status == 1 and out == "" and err.startswith("error: ") and err.count("\n") == 1


def test_process_writes_tables_and_reports_failures(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("   ", encoding="utf-8")
    status, out, err = run(capsys, "process", SEED, str(bad), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert status == 1 and out.startswith("1 processed, 0 unchanged, 1 failed")
    assert f"error: {bad}: the file is empty" in err
    assert (tmp_path / "out" / "zhejiang-2024" / "metrics.csv").exists()


@pytest.mark.parametrize("command", ["segment", "keywords", "metrics", "targets"])
def test_missing_file_is_one_line_error(capsys, tmp_path, command):
    status, out, err = run(capsys, command, str(tmp_path / "nope.html"))
    assert status == 1 and out == "" and err == f"error: {tmp_path / 'nope.html'}: no such file\n"


@pytest.mark.parametrize("command, option", [("process", "--out"), ("panel", "--processed"),
                                             ("series", "--processed"), ("run", "--out")])
def test_a_folder_without_reports_is_a_one_line_error_and_nothing_is_written(capsys, tmp_path, command, option):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("不是报告", encoding="utf-8")
    status, out, err = run(capsys, command, str(empty), option, str(tmp_path / "out"))
    assert status == 1 and out == ""
    assert err == f"error: {empty}: no report file in this folder (.html, .htm or .txt)\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command, option", [("process", "--out"), ("panel", "--processed"),
                                             ("series", "--processed"), ("run", "--out")])
def test_an_output_folder_that_is_a_file_is_a_one_line_error(capsys, tmp_path, command, option):
    in_the_way = tmp_path / "out.csv"
    in_the_way.write_text("keep me", encoding="utf-8")
    status, _, err = run(capsys, command, SEED, option, str(in_the_way / "sub"))
    assert status == 1
    assert err == f"error: {in_the_way}: this is a file, not a folder; choose another output folder\n"
    assert in_the_way.read_text(encoding="utf-8") == "keep me"


def test_targets_table_reads_in_chinese_with_whole_names_and_targets_in_words_apart(capsys, tmp_path):
    """`targets --format table` is for reading: Chinese headers, names never cut, and a target stated
    only in words listed under 文字表述的目标 (its clause is no name and no figure)."""
    report = tmp_path / "yangli-2031.txt"
    report.write_text(
        "2031年样例省政府工作报告\n各位代表：\n一、2030年工作回顾\n全省生产总值增长4.8%，规模以上工业战略性新兴产业增加值增长9.1%。\n"
        "二、2031年主要目标\n今年主要预期目标是：全省生产总值增长5%左右；农村居民人均可支配收入增速快于城镇居民。\n", encoding="utf-8")
    status, out, _ = run(capsys, "targets", str(report), "--format", "table")
    lines = out.splitlines()
    assert status == 0 and lines[0].split() == ["指标", "时期", "原文数值", "数值", "单位"]
    assert "规模以上工业战略性新兴产业增加值" in out, "a name of up to 20 characters is shown whole"
    words = lines[lines.index("文字表述的目标：") + 1:]
    assert [w.strip() for w in words] == ["农村居民人均可支配收入增速快于城镇居民"]
    assert "增速快于城镇居民" not in "\n".join(lines[:lines.index("文字表述的目标：")])


@pytest.mark.parametrize("bad", ["missing", "binary", "folder"])
@pytest.mark.parametrize("command", ["targets", "compare-old", "compare-new"])
def test_targets_and_compare_refuse_a_bad_file_in_one_line(capsys, tmp_path, command, bad):
    """`targets` and `compare` go through the producer; a file it cannot read is one line, exit 1."""
    path = tmp_path / "nope-2025.txt"
    reason = "no such file"
    if bad == "binary":
        path.write_bytes(bytes(range(256)) * 8)
        reason = "this is binary data, not a report page"
    elif bad == "folder":
        path = tmp_path / "folder"
        path.mkdir()
        (path / "x-2025.txt").write_text("2025年某省政府工作报告\n各位代表：\n生产总值增长5%。\n", encoding="utf-8")
        reason = "not a file"
    args = {"targets": ["targets", str(path)], "compare-old": ["compare", str(path), SEED],
            "compare-new": ["compare", SEED, str(path)]}[command]
    status, out, err = run(capsys, *args, "--processed", str(tmp_path / "p"))
    assert (status, out, err) == (1, "", f"error: {path}: {reason}\n")
    assert not (tmp_path / "p" / "x-2025").exists()
