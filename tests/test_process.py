"""zjtext process: per-report tables, corpus tables, caching, job-count independence, failures."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from zjtext.paths import DEFAULT_REPORT
from zjtext.process import TABLES, process
from zjtext.store import read_csv


@pytest.fixture()
def inputs(tmp_path, fixtures_dir):
    src = tmp_path / "raw"
    src.mkdir()
    shutil.copy(DEFAULT_REPORT, src)
    shutil.copy(fixtures_dir / "synthetic-zhejiang-2025.txt", src)
    shutil.copy(fixtures_dir / "scraped-2026.txt", src)
    return src


def _snapshot(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.csv"))}


def test_process_writes_every_table_and_corpus_tables(inputs, tmp_path):
    out = tmp_path / "out"
    results = process([inputs], out, jobs=1, progress=False)
    assert [r.status for r in results] == ["processed"] * 3
    for rid in ("zhejiang-2024", "synthetic-zhejiang-2025", "scraped-2026"):
        for table in TABLES:
            assert (out / rid / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    corpus = read_csv(out / "corpus_metrics.csv")
    assert list(corpus.columns[:3]) == ["report_id", "region", "year"]
    assert set(corpus.report_id) == {"zhejiang-2024", "synthetic-zhejiang-2025", "scraped-2026"}
    assert set(corpus.loc[corpus.report_id == "zhejiang-2024", "year"]) == {2024}
    keywords = read_csv(out / "corpus_keywords.csv")
    assert {"report_id", "region", "year", "keyword", "count"} <= set(keywords.columns)


def test_unchanged_inputs_are_skipped_and_force_redoes(inputs, tmp_path):
    out = tmp_path / "out"
    process([inputs], out, jobs=1, progress=False)
    again = process([inputs], out, jobs=1, progress=False)
    assert [r.status for r in again] == ["unchanged"] * 3
    (inputs / "scraped-2026.txt").write_text((inputs / "scraped-2026.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = {r.report_id: r.status for r in process([inputs], out, jobs=1, progress=False)}
    assert changed == {"zhejiang-2024": "unchanged", "synthetic-zhejiang-2025": "unchanged", "scraped-2026": "processed"}
    assert {r.status for r in process([inputs], out, jobs=1, force=True, progress=False)} == {"processed"}


def test_changed_zjtext_code_redoes_reports_and_corpus_tables(inputs, tmp_path, monkeypatch):
    """A checkout updated without a new version number (git pull, an edit) never keeps stale tables."""
    import zjtext.process as proc

    out = tmp_path / "out"
    process([inputs], out, jobs=1, progress=False)
    stamp = (out / "corpus.json").read_text(encoding="utf-8")
    monkeypatch.setattr(proc, "code_digest", lambda: "another-code")
    assert {r.status for r in process([inputs], out, jobs=1, progress=False)} == {"processed"}
    assert (out / "corpus.json").read_text(encoding="utf-8") != stamp
    assert {r.status for r in process([inputs], out, jobs=1, progress=False)} == {"unchanged"}


def test_results_do_not_depend_on_job_count(inputs, tmp_path):
    process([inputs], tmp_path / "one", jobs=1, progress=False)
    process([inputs], tmp_path / "two", jobs=2, progress=False)
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


def test_a_bad_report_fails_alone(inputs, tmp_path):
    (inputs / "broken.html").write_bytes(b"")
    results = process([inputs], tmp_path / "out", jobs=2, progress=False)
    failed = [r for r in results if r.status == "failed"]
    assert len(failed) == 1 and failed[0].error.endswith("broken.html: the file is empty (nothing but whitespace)")
    assert sum(r.status == "processed" for r in results) == 3


def test_corpus_tables_are_the_same_built_from_cache_or_afresh(inputs, tmp_path):
    """Corpus tables built partly from reports skipped as unchanged equal a fresh full run's bytes."""
    out = tmp_path / "out"
    process([inputs / "scraped-2026.txt"], out, jobs=1, progress=False)  # one report cached beforehand
    results = process([inputs], out, jobs=2, progress=False)
    assert sorted(r.status for r in results) == ["processed", "processed", "unchanged"]
    process([inputs], tmp_path / "fresh", jobs=1, progress=False)
    for name in ("corpus_metrics.csv", "corpus_keywords.csv"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def test_unchanged_reports_are_not_loaded_and_corpus_tables_not_rewritten(inputs, tmp_path, monkeypatch):
    import zjtext.process as proc

    out = tmp_path / "out"
    process([inputs], out, jobs=1, progress=False)
    before = {n: (out / n).stat().st_mtime_ns for n in ("corpus_metrics.csv", "corpus_keywords.csv")}

    def must_not_run(*args):
        raise AssertionError(f"called with {args}")

    monkeypatch.setattr(proc, "load_report", must_not_run)
    monkeypatch.setattr(proc, "write_corpus_tables", must_not_run)
    assert {r.status for r in process([inputs], out, jobs=2, progress=False)} == {"unchanged"}
    assert before == {n: (out / n).stat().st_mtime_ns for n in before}


def test_subset_run_rebuilds_corpus_tables_for_that_subset(inputs, tmp_path):
    out = tmp_path / "out"
    process([inputs], out, jobs=1, progress=False)
    process([inputs / "scraped-2026.txt"], out, jobs=1, progress=False)
    assert set(read_csv(out / "corpus_keywords.csv").report_id) == {"scraped-2026"}


def test_two_inputs_with_one_report_id_the_first_wins(inputs, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(inputs / "scraped-2026.txt", other / "zhejiang-2024.txt")  # same id as the seed's .html
    for jobs in (1, 2):
        results = process([inputs, other], tmp_path / f"out{jobs}", jobs=jobs, progress=False)
        failed = [r for r in results if r.status == "failed"]
        assert [r.source for r in failed] == [str(other / "zhejiang-2024.txt")]
        assert "same report id 'zhejiang-2024'" in failed[0].error
        meta = (tmp_path / f"out{jobs}" / "zhejiang-2024" / "meta.json").read_text(encoding="utf-8")
        assert '"source": "zhejiang-2024.html"' in meta


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers inherit the patch on Linux only")
def test_a_dying_worker_fails_reports_not_the_run(inputs, tmp_path, monkeypatch):
    import zjtext.process as proc

    real = proc._worker

    def dies_on_scraped(args):
        if args[0].endswith("scraped-2026.txt"):
            os._exit(3)  # like a worker killed for memory
        return real(args)

    monkeypatch.setattr(proc, "_worker", dies_on_scraped)
    results = process([inputs], tmp_path / "out", jobs=2, progress=False)
    failed = {r.report_id: r.error for r in results if r.status == "failed"}
    assert "scraped-2026" in failed and "worker process failed" in failed["scraped-2026"]


# ---------------------------------------------------------------- one writer per table, no pandas in process

_REPORTS = ["scraped-2026.txt", "other-site-2025.html", "hostile-2024.txt", "synthetic-zhejiang-2025.txt"]


_CSV_HOSTILE = ('各位代表：\n一、2025年工作回顾\n全省生产总值增长5.5%, 投资"增长"3%,居民收入增长5%。\n'
                '二、2026年工作安排\n主要预期目标是：生产总值增长5%左右，"新"产业,"旧"产业。\n名词解释：\n1."两新"：a,b。')


@pytest.fixture(scope="module", params=[None, "csv-hostile", *_REPORTS], ids=["seed", "csv-hostile", *_REPORTS])
def loaded(request):
    from pathlib import Path

    from zjtext.report import load_report, report_from_text

    fixtures = Path(__file__).parent / "fixtures"
    if request.param == "csv-hostile":  # ASCII commas and quotes in tokens, sections and metrics
        return report_from_text(_CSV_HOSTILE)
    return load_report(DEFAULT_REPORT if request.param is None else fixtures / request.param)


def test_rows_and_dataframes_give_the_same_file_for_every_table(loaded, tmp_path):
    """process writes plain rows (report_rows); the notebooks write DataFrames (report_tables).
    Through the one writer (write_table), both give the same file, byte for byte, for every table."""
    from zjtext.tables import report_rows, report_tables, write_table

    frames = report_tables(loaded)
    rows = report_rows(loaded)
    assert list(frames) == list(rows) == list(TABLES)
    for name in TABLES:
        a = write_table(name, rows[name], tmp_path / "rows" / f"{name}.csv").read_bytes()
        b = write_table(name, frames[name], tmp_path / "frames" / f"{name}.csv").read_bytes()
        assert a == b, name
        assert a.startswith(b"\xef\xbb\xbf")
        assert a.count(b"\n") > 1 or name in ("targets", "slogans"), name  # the table has rows


def test_read_tokens_joins_the_paragraph_columns_back(loaded, tmp_path):
    import pandas as pd

    from zjtext.process import read_tokens
    from zjtext.segment import TOKEN_FILE_COLUMNS, tokens
    from zjtext.tables import report_rows, write_table

    for name, table in report_rows(loaded).items():
        write_table(name, table, tmp_path / f"{name}.csv")
    header = (tmp_path / "tokens.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == list(TOKEN_FILE_COLUMNS)
    pd.testing.assert_frame_equal(read_tokens(tmp_path), tokens(loaded))


def test_vocabulary_is_each_token_once_with_its_count_and_flags(loaded):
    """vocabulary.csv holds what tokens.csv no longer repeats: every distinct token, its count and
    the flags it has at every occurrence."""
    from zjtext.segment import FLAG_COLUMNS
    from zjtext.tables import report_tables

    frames = report_tables(loaded)
    toks, vocab = frames["tokens"], frames["vocabulary"]
    assert vocab["token"].is_unique and set(vocab["token"]) == set(toks["token"])
    assert vocab["count"].sum() == len(toks)
    by_token = vocab.set_index("token")
    assert (toks.groupby("token").size() == by_token["count"].reindex(toks.groupby("token").size().index)).all()
    for flag in FLAG_COLUMNS:
        assert (toks[flag].to_numpy() == by_token.loc[toks["token"], flag].to_numpy()).all(), flag
    counts = vocab["count"].tolist()
    assert counts == sorted(counts, reverse=True)


def test_a_tokens_file_without_its_vocabulary_is_computed_in_a_notebook(tmp_path, capsys):
    """A folder with tokens.csv but no vocabulary.csv (the flags are there): the notebooks compute
    the tokens table and say which notebook saves the missing file."""
    from zjtext.notebook import load_tables
    from zjtext.report import report_from_text
    from zjtext.segment import tokens
    from zjtext.tables import report_rows, write_table

    report = report_from_text("各位代表：\n一、回顾\n实施“星河织梦”工程，增长6%。")
    for name, table in report_rows(report).items():
        if name != "vocabulary":
            write_table(name, table, tmp_path / f"{name}.csv")
    [toks] = load_tables(report, tmp_path, "tokens")
    assert toks.equals(tokens(report))
    out = capsys.readouterr().out
    assert "vocabulary.csv" in out and "01" in out


def test_read_tokens_accepts_a_full_tokens_file(tmp_path):
    import pandas as pd

    from zjtext.process import read_tokens
    from zjtext.report import report_from_text
    from zjtext.segment import tokens
    from zjtext.store import write_csv

    toks = tokens(report_from_text("各位代表：\n一、回顾\n实施“星河织梦”工程，增长6%。"))
    write_csv(toks, tmp_path / "tokens.csv")  # all columns (an older layout); no paragraphs.csv needed
    pd.testing.assert_frame_equal(read_tokens(tmp_path), toks)


def test_process_never_imports_pandas(tmp_path, fixtures_dir):
    assert _modules_loaded_by_process([str(fixtures_dir / "scraped-2026.txt")], tmp_path) == "[]"
    assert (tmp_path / "corpus_metrics.csv").exists()


def test_corpus_tables_put_cells_under_the_right_headers(tmp_path):
    """The corpus tables take each report's cells under the right header, whatever its layout
    (another column order, a cell with a line break, CRLF line ends)."""
    import csv
    import json

    from zjtext.process import write_corpus_tables
    from zjtext.store import write_rows

    tables = {
        "a-2025": (["report_id", "indicator", "value"], [["a-2025", "生产总值", "5.5"], ["a-2025", "说明,含逗号", ""]]),
        "b-2025": (["report_id", "indicator", "value"], [["b-2025", "多行\n单元格", "1.0"], ["b-2025", '引"号', "2.0"]]),
        "c-2025": (["report_id", "value", "indicator"], [["c-2025", "3.0", "顺序不同"]]),
        "d-2025": (["report_id", "indicator", "value"], [["d-2025", "回车换行", "4.0"]]),
    }
    for rid, (cols, rows) in tables.items():
        write_rows(cols, rows, tmp_path / rid / "metrics.csv")
        write_rows(["keyword", "count"], [[f"词{rid[0]}", 1]], tmp_path / rid / "keywords.csv")
        (tmp_path / rid / "meta.json").write_text(json.dumps({"region": "某省", "year": 2025}), encoding="utf-8")
    crlf = tmp_path / "d-2025" / "metrics.csv"
    crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))
    write_corpus_tables(tmp_path, list(tables))
    with open(tmp_path / "corpus_metrics.csv", encoding="utf-8-sig", newline="") as fh:
        got = list(csv.reader(fh))
    assert got == [
        ["report_id", "region", "year", "indicator", "value"],
        ["a-2025", "某省", "2025", "生产总值", "5.5"], ["a-2025", "某省", "2025", "说明,含逗号", ""],
        ["b-2025", "某省", "2025", "多行\n单元格", "1.0"], ["b-2025", "某省", "2025", '引"号', "2.0"],
        ["c-2025", "某省", "2025", "顺序不同", "3.0"], ["d-2025", "某省", "2025", "回车换行", "4.0"],
    ]
    assert (tmp_path / "corpus_keywords.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "a-2025,某省,2025,词a,1"


# ---------------------------------------------------------------- interrupts, dead parents, full disks, memory

_LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals, /proc and forked workers: Linux")


def _copies(tmp_path, n: int):
    """*n* copies of the seed report under different names (different report ids)."""
    src = tmp_path / "many"
    src.mkdir()
    for i in range(n):
        shutil.copy(DEFAULT_REPORT, src / f"copy-{i:03d}-2024.html")
    return src


def _start(src, out, *extra):
    import subprocess

    return subprocess.Popen([sys.executable, "-m", "zjtext.cli", "process", str(src), "--out", str(out), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for(condition, seconds: float) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _complete_outputs_only(out):
    assert not [p.name for p in out.rglob("*.tmp")]
    for meta in out.glob("*/meta.json"):
        assert all((meta.parent / f"{t}.csv").is_file() for t in TABLES), meta.parent


@_LINUX
def test_ctrl_c_stops_jobs_2_at_once_with_one_line_and_complete_files(tmp_path):
    """Ctrl-C (SIGINT to the process group, as a terminal sends it) stops the run: the workers stop
    too, one `interrupted:` line, exit 130, no half-written file, the remaining reports not done."""
    import signal
    import time

    n = 80
    src, out = _copies(tmp_path, n), tmp_path / "out"
    proc = _start(src, out, "--jobs", "2")
    assert _wait_for(lambda: len(_children(proc.pid)) == 2 and any(out.glob("*/meta.json")), 120)
    workers = _children(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)
    t = time.monotonic()
    _, err = proc.communicate(timeout=60)
    stopped_after = time.monotonic() - t
    assert proc.returncode == 130
    assert len(err.strip().splitlines()) == 1 and err.startswith("interrupted: "), err
    try:
        assert _wait_for(lambda: not any(map(_alive, workers)), 10)
    finally:
        for pid in filter(_alive, workers):
            os.kill(pid, signal.SIGKILL)
    assert len(list(out.glob("*/meta.json"))) < n
    _complete_outputs_only(out)
    assert stopped_after < 20  # generous on a loaded machine; the benchmark is for speed


@_LINUX
def test_workers_end_when_the_parent_is_killed(tmp_path):
    import signal

    src, out = _copies(tmp_path, 80), tmp_path / "out"
    proc = _start(src, out, "--jobs", "2")
    assert _wait_for(lambda: len(_children(proc.pid)) == 2 and any(out.glob("*/meta.json")), 120)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    try:
        assert _wait_for(lambda: not any(map(_alive, workers)), 20), "orphan workers are still running"
    finally:
        for pid in filter(_alive, workers):  # do not leave them behind when the test fails
            os.kill(pid, signal.SIGKILL)


def test_the_next_run_removes_temporary_files_a_killed_run_left(inputs, tmp_path):
    import subprocess
    import time

    out = tmp_path / "out"
    process([inputs], out, jobs=1, progress=False)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)  # a process that has ended
    folder = out / "zhejiang-2024"
    stale = [folder / f".tokens.csv.{dead}.k3j2h1g0.tmp", out / f".corpus_metrics.csv.{dead}.a1b2c3d4.tmp",
             folder / ".metrics.csv.x9y8z7w6.tmp"]  # the last: no process id (older runs), two hours old
    live = folder / f".keywords.csv.{os.getpid()}.q1w2e3r4.tmp"  # a run in progress: left alone
    for p in [*stale, live]:
        p.write_text("half a file", encoding="utf-8")
    old = time.time() - 7200
    os.utime(stale[-1], (old, old))
    process([inputs], out, jobs=1, progress=False)  # unchanged reports: only the temporary files to mend
    assert [p.exists() for p in stale] == [False] * len(stale) and live.exists()


def test_no_progress_bar_unless_stderr_is_a_terminal(tmp_path, fixtures_dir):
    import subprocess

    code = ("from zjtext.process import process\n"  # progress asked for, but stderr is a pipe
            f"res = process([{str(fixtures_dir / 'scraped-2026.txt')!r}, {str(DEFAULT_REPORT)!r}], {str(tmp_path)!r},"
            " progress=True)\n"
            "assert [r.status for r in res] == ['processed'] * 2, res\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""


def test_a_full_disk_names_the_report_and_what_was_kept(tmp_path, fixtures_dir, monkeypatch):
    """ENOSPC while writing metrics.csv (the fifth table): the error line names the report, the
    reason and the complete tables kept; no temporary file stays; the next run does the report again."""
    import errno

    from zjtext import store

    real = store.csv.writer
    calls = []

    class FullDisk:
        def __init__(self, fh, **kw):
            self.inner = real(fh, **kw)
            calls.append(1)

        def writerow(self, row):
            return self.inner.writerow(row)

        def writerows(self, rows):
            if len(calls) == 5:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.inner.writerows(rows)

    src = fixtures_dir / "scraped-2026.txt"
    out = tmp_path / "out"
    monkeypatch.setattr(store.csv, "writer", FullDisk)
    [res] = process([src], out, jobs=1, progress=False)
    monkeypatch.undo()
    assert res.status == "failed"
    assert res.error.startswith(f"{src}: no space left on device while writing {out / 'scraped-2026'}")
    assert "kept paragraphs.csv, tokens.csv, vocabulary.csv, keywords.csv (complete)" in res.error
    assert not list(out.rglob("*.tmp")) and not (out / "scraped-2026" / "meta.json").exists()
    assert [r.status for r in process([src], out, jobs=1, progress=False)] == ["processed"]


def test_memory_stays_a_small_multiple_of_a_long_input(tmp_path, seed):
    """A long report (the seed's paragraphs repeated to 2 MB): the tokens table is never held
    whole, so the peak memory of `process` stays under 20x the input plus 150 MB (the benchmark
    checks 5 MB and 50 MB)."""
    import subprocess

    block = "\n".join(p.text for p in seed.body) + "\n"
    text = "政府工作报告\n各位代表：\n" + block * (2_000_000 // len(block.encode("utf-8")))
    src = tmp_path / "long-2024.txt"
    src.write_text(text, encoding="utf-8")
    code = ("import sys\nfrom zjtext.process import process\n"
            "res = process([sys.argv[1]], sys.argv[2], jobs=1, progress=False)\n"
            "assert res[0].status == 'processed', res\n"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))\n")
    if not os.path.exists("/proc/self/status"):
        pytest.skip("peak memory is read from /proc")
    done = subprocess.run([sys.executable, "-c", code, str(src), str(tmp_path / "out")], capture_output=True,
                          text=True, check=True)
    peak = int(done.stdout.strip()) * 1024
    assert peak <= 20 * src.stat().st_size + 150 * 2 ** 20, f"{peak / 2 ** 20:.0f} MB"


def test_process_judges_last_years_targets_without_pandas_as_the_views_do(tmp_path, fixtures_dir):
    """With two consecutive reports of a region, process writes the newer one's tracking.csv (last
    year's targets judged), still without pandas; the views' own judging reads the same verdicts."""
    from zjtext.store import read_csv
    from zjtext.views import read_processed, tracking_table

    files = [str(fixtures_dir / f"nation-style-{y}.txt") for y in (2031, 2032)]
    assert _modules_loaded_by_process(files, tmp_path) == "[]"
    assert not (tmp_path / "nation-style-2031" / "tracking.csv").exists()
    written = read_csv(tmp_path / "nation-style-2032" / "tracking.csv")
    old, new = read_processed(tmp_path)
    judged = tracking_table(old, new)
    assert set(written["previous_report_id"]) == {"nation-style-2031"} and len(written) == len(judged) >= 5
    for column in ("indicator_key", "target", "actual", "verdict", "reason_code", "reason"):
        assert written[column].fillna("").astype(str).tolist() == judged[column].fillna("").astype(str).tolist(), column


def _modules_loaded_by_process(files: list[str], out) -> str:
    """Process FILES into OUT in a fresh interpreter; which of pandas/numpy it imported (printed list)."""
    import subprocess

    code = ("import sys\nfrom zjtext.process import process\n"
            f"res = process({files!r}, {str(out)!r}, jobs=1, progress=False)\n"
            "assert all(r.status == 'processed' for r in res), res\n"
            "print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
