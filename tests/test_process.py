"""zjtext process: per-report tables, corpus tables, caching, job-count independence, failures."""
from __future__ import annotations

import shutil

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
