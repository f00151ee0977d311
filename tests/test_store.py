"""zjtext.store: atomic files, one CSV writer, and the temporary files of killed runs."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from zjtext.store import CSV_ENCODING, atomic_file, read_csv, remove_stale_temps, write_csv, write_rows


def test_write_csv_gives_the_bytes_pandas_gives(tmp_path):
    """The one CSV writer (csv module) writes a DataFrame as pandas' own to_csv does: floats,
    missing values, booleans, quotes, commas and line breaks in cells."""
    import pandas as pd

    df = pd.DataFrame({
        "指标": ["生产总值", 'a "quoted", cell', "两行\n文字", "", None],
        "value": [6.1, 6019945000000.0, None, 1e-05, 0.5],
        "count": [1, 2, 3, 4, 5],
        "flag": [True, False, True, False, True],
    })
    path = write_csv(df, tmp_path / "t.csv")
    assert path.read_bytes() == df.to_csv(index=False, lineterminator="\n").encode(CSV_ENCODING)
    assert read_csv(path)["count"].tolist() == [1, 2, 3, 4, 5]


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "t.csv"
    write_rows(["a"], [[1]], path)
    before = path.read_bytes()

    def rows():
        yield [2]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_rows(["a"], rows(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_interrupt_inside_atomic_file_removes_the_temporary_file(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with atomic_file(tmp_path / "x.txt") as fh:
            fh.write("half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_temporary_files_name_their_writer_and_only_dead_writers_files_are_removed(tmp_path):
    with atomic_file(tmp_path / "x.txt") as fh:
        [temp] = [p for p in tmp_path.iterdir()]
        assert temp.name.startswith(f".x.txt.{os.getpid()}.") and temp.name.endswith(".tmp")
        assert remove_stale_temps(tmp_path) == []  # this process is alive: its file stays
        fh.write("done")
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)
    orphan = tmp_path / f".y.csv.{dead}.abcd1234.tmp"
    orphan.write_text("half", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == [orphan]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]
