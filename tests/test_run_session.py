"""A run of many reports: kernels kept across reports (and still the same bytes), progress lines as
reports finish, the corpus page's tables reused, the shared worker helpers."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from zjtext import workers
from zjtext.paths import DEFAULT_REPORT
from zjtext.site import execute as ex
from zjtext.site import run as site_run


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _kernel_pids() -> set[int]:
    return {getattr(k.km, "_zjtext_pid", None) for kernels in ex._KEPT.values() for k in kernels._kernels}


def test_kernels_kept_across_reports_give_the_same_bytes_as_a_fresh_run(tmp_path, fixtures_dir):
    """One process runs the seed, then another report, in the same kernels (one for 01–03, one for the
    charts): the second report's folder (pages, executed notebooks, tables, figures) is byte for byte
    what a fresh process makes of it alone."""
    second = fixtures_dir / "hostile-2024.txt"
    ws = ex.Workspace()
    ex.set_workspace(ws)
    try:
        first = site_run.run_report(DEFAULT_REPORT, tmp_path / "kept")
        pids = _kernel_pids()
        again = site_run.run_report(second, tmp_path / "kept")
        assert _kernel_pids() == pids and len(pids) == 2, "the kernels were not kept"
        ex.close_kept_kernels()
        fresh = site_run.run_report(second, tmp_path / "fresh")
        assert _kernel_pids().isdisjoint(pids)
    finally:
        ex.close_kept_kernels()
        ex.set_workspace(None)
        ws.close()
    assert not (first.error or again.error or fresh.error), (first.error, again.error, fresh.error)
    kept, alone = _files(tmp_path / "kept" / "hostile-2024"), _files(tmp_path / "fresh" / "hostile-2024")
    assert kept.keys() == alone.keys() and len(kept) > 10
    assert [p for p in kept if kept[p] != alone[p]] == []


def _one_notebook(folder: Path, code: str, monkeypatch) -> None:
    folder.mkdir()
    source = folder / "01-ok.py"
    source.write_text('# %% tags=["parameters"]\nreport_path = ""\nprocessed_dir = None\nout_dir = None\n\n'
                      f"# %%\n{code}\n", encoding="utf-8")
    monkeypatch.setattr(ex, "_notebook_files", lambda: {"01-ok": source})


def _another_province(fixtures_dir: Path, path: Path) -> None:
    """A report of its own (a copy of one report would be built once: the same report under two names)."""
    text = (fixtures_dir / "hostile-2024.txt").read_text(encoding="utf-8")
    path.write_text(text if path.stem.startswith("a") else text.replace("测试省", "样例省"), encoding="utf-8")


def _two_provinces_one_notebook(tmp_path: Path, monkeypatch, fixtures_dir: Path) -> list[str]:
    """Two provinces' reports run through one trivial notebook, with no corpus page (not the subject here)."""
    _one_notebook(tmp_path / "notebooks", "print('ok')", monkeypatch)
    reports = []
    for name in ("a-2024.txt", "b-2024.txt"):
        _another_province(fixtures_dir, tmp_path / name)
        reports.append(str(tmp_path / name))
    monkeypatch.setattr(site_run, "corpus_worthy", lambda reports: False)
    return reports


def test_a_log_gets_one_plain_line_per_report_as_it_finishes(tmp_path, monkeypatch, capsys, fixtures_dir):
    """Off a terminal: no bar, one line per report with its count; a reused report is told first."""
    reports = _two_provinces_one_notebook(tmp_path, monkeypatch, fixtures_dir)
    assert site_run.run_command(reports[1:], out=tmp_path / "out", jobs=1) == 0
    capsys.readouterr()
    assert site_run.run_command(reports, out=tmp_path / "out", jobs=1) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert [line.split(":")[0] for line in out.splitlines()] == ["b-2024", "a-2024"]
    assert out.splitlines()[0].endswith("(unchanged, kept)  [1/2]") and out.splitlines()[1].endswith("[2/2]")


def test_run_tells_each_result_as_it_is_known(tmp_path, monkeypatch, fixtures_dir):
    _one_notebook(tmp_path / "notebooks", "print('ok')", monkeypatch)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    told = []
    results = site_run.run([fixtures_dir / "hostile-2024.txt", empty], out=tmp_path / "out", jobs=2,
                           on_result=lambda r, n, total: told.append((r.report_id, n, total)))
    assert sorted(rid for rid, _, _ in told) == sorted(r.report_id for r in results)
    assert [n for _, n, _ in told] == [1, 2] and {t for _, _, t in told} == {2}


def test_the_tables_of_the_last_run_are_reused(tmp_path, fixtures_dir):
    """The run's producer keeps its tables (OUT/tables): a rerun with one report changed processes that
    report only, and the corpus page and the comparisons read them (nothing processes again)."""
    reports = []
    for name in ("synthetic-zhejiang-2025.txt", "hostile-2024.txt"):
        shutil.copy(fixtures_dir / name, tmp_path / name)
        reports.append(tmp_path / name)
    tables = tmp_path / "out" / site_run.TABLES_DIR
    assert [r.status for r in site_run.produce(reports, tables)] == ["processed", "processed"]
    before = (tables / "hostile-2024" / "meta.json").read_bytes()
    reports[1].write_bytes(reports[1].read_bytes() + "\n新增的一段话。\n".encode("utf-8"))
    assert [r.status for r in site_run.produce(reports, tables)] == ["unchanged", "processed"]
    assert (tables / "hostile-2024" / "meta.json").read_bytes() != before
    assert site_run.tables_params(tmp_path / "out", tmp_path / "out" / "corpus") == {
        "processed_dir": "../tables", "tables_ready": True}


def test_over_first_orders_long_tasks_first(tmp_path):
    small, big = tmp_path / "s.txt", tmp_path / "b.txt"
    small.write_text("x", encoding="utf-8")
    big.write_text("x" * 100, encoding="utf-8")
    tasks = [("report", (small,)), ("report", (big,)), ("corpus", ([small, big],))]
    assert [t[0] for t in site_run.over_first(tasks)] == ["corpus", "report", "report"]
    assert site_run.over_first(tasks)[1][1][0] == big


def _square(x: int) -> int:
    if x == 3:
        os._exit(1)  # a worker that dies
    return x * x


def test_run_tasks_hands_over_results_and_a_dead_worker_fails_only_its_tasks():
    seen = []
    serial = workers.run_tasks(_square, [1, 2], None, lambda i, r: seen.append(i), lambda i, e: None)
    assert serial == [1, 4] and seen == [0, 1]
    pool = workers.make_pool(2)
    with pool:
        got = workers.run_tasks(_square, [2, 3], pool, lambda i, r: None, lambda i, e: f"died: {type(e).__name__}")
    assert got[1].startswith("died:")


def test_a_comparison_built_beside_a_report_that_failed_is_removed_when_unused(tmp_path):
    """Built beside the reports over a, b, c; c then failed: the comparison of a, b goes elsewhere
    (compare/b/), so compare/c/ (linked from nowhere) is removed; a reused folder is never touched."""
    from types import SimpleNamespace

    a, b, c = (tmp_path / f"{n}.txt" for n in "abc")
    built, kept = tmp_path / "compare" / "c", tmp_path / "compare" / "x"
    for folder in (built, kept):
        folder.mkdir(parents=True)
    beside = [("compare", ([a, b, c], built, tmp_path)), ("compare", ([a, c], kept, tmp_path))]
    final = [("compare", ([a, b], tmp_path / "compare" / "b", tmp_path))]
    done = {site_run._key(beside[0]): site_run.RunResult("a, b, c", "compare"),
            site_run._key(beside[1]): site_run.RunResult("a, c", "compare", reused=True)}
    site_run._Session._drop_unused(SimpleNamespace(out=tmp_path), beside, final, done)
    assert not built.exists() and kept.exists()


def test_a_terminal_gets_a_bar_with_the_count_and_lines_above_it(tmp_path, monkeypatch, capsys, fixtures_dir):
    import sys

    reports = _two_provinces_one_notebook(tmp_path, monkeypatch, fixtures_dir)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert site_run.run_command(reports, out=tmp_path / "out", jobs=1) == 0
    out, err = capsys.readouterr()
    assert sorted(line.split(":")[0] for line in out.splitlines()) == ["a-2024", "b-2024"]
    assert "[" not in out  # the count is the bar's, on stderr
    assert "2/2" in err and "left" in err
