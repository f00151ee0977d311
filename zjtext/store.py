"""Atomic, Excel-friendly writing of processed files; raw data is never written.

Every file is written to a hidden temporary file in the target folder and renamed into place, so a
reader never sees half a file and an interrupted run leaves the old file intact; the temporary files
of a killed run are removed by the next (:func:`remove_stale_temps`). CSVs are UTF-8 with BOM, and
every CSV goes through one writer (:func:`write_rows`); the corpus tables copy records it wrote.

>>> import tempfile, pandas as pd
>>> d = Path(tempfile.mkdtemp())
>>> p = write_csv(pd.DataFrame({"词": ["八八战略"]}), d / "x.csv")
>>> p.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
True
"""
from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator, Sequence

from .paths import is_raw_path

if TYPE_CHECKING:  # pandas is imported lazily to keep `import zjtext` light
    import pandas as pd

CSV_ENCODING = "utf-8-sig"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


class RawDataWriteError(PermissionError):
    """Raised when code tries to write under data/raw/, which is immutable."""


def _check_not_raw(path: Path) -> None:
    if not is_raw_path(path):
        return
    raise RawDataWriteError(f"{path}: refusing to write under data/raw/ (raw data is immutable)")


_TEMP_SUFFIX = ".tmp"


def _temp_prefix(path: Path) -> str:
    """Temporary files are hidden and name their writer: ``.<name>.<pid>.<random>.tmp``."""
    return f".{path.name}.{os.getpid()}."


@contextmanager
def atomic_file(path: Path | str, mode: str = "w", encoding: str | None = None) -> Iterator[IO]:
    """An open file that appears at *path* only when the block ends without an error.

    It is written as a hidden temporary file in the same folder (named after this process: see
    :func:`remove_stale_temps`) and renamed into place; on any error or interrupt it is removed and
    the old file, if any, stays. Text mode writes ``\\n`` line ends on every platform.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> with atomic_file(d / "a.txt") as fh:
    ...     _ = fh.write("一行\\n")
    >>> [p.name for p in d.iterdir()], (d / "a.txt").read_text(encoding="utf-8")
    (['a.txt'], '一行\\n')
    """
    path = Path(path)
    _check_not_raw(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=_TEMP_SUFFIX, dir=path.parent)
    try:
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        elif (encoding or "").lower().replace("_", "-") == CSV_ENCODING:
            # Python's utf-8-sig encoder is pure Python, called on every write: the BOM by hand, then C's utf-8
            fh = os.fdopen(fd, mode, encoding="utf-8", newline="")
            fh.write("\ufeff")
        else:
            fh = os.fdopen(fd, mode, encoding=encoding or "utf-8", newline="")
        with fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes owner-only files; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temps(folder: Path | str, suffix: str = _TEMP_SUFFIX) -> list[Path]:
    """Remove the hidden temporary files that a killed run left in *folder*; return them.

    A temporary file names the process that writes it (:func:`atomic_file`); it is stale when that
    process no longer runs. One without a process id (an older layout) is stale after an hour.
    Other processes' files in progress are left alone. With another *suffix*, the same for hidden
    folders named the same way (``zjtext run`` builds a report's pages in ``.<id>.<pid>.<random>.partial``).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / ".tokens.csv.999999999.abc.tmp").write_text("half")
    >>> _ = (d / f".tokens.csv.{os.getpid()}.def.tmp").write_text("mine, in progress")
    >>> [p.name for p in remove_stale_temps(d)]
    ['.tokens.csv.999999999.abc.tmp']
    >>> (d / ".zhejiang-2024.999999999.xyz.partial").mkdir()
    >>> [p.name for p in remove_stale_temps(d, ".partial")]
    ['.zhejiang-2024.999999999.xyz.partial']
    """
    import shutil
    import time

    removed = []
    try:
        candidates = list(Path(folder).glob(f".*{suffix}"))
    except OSError:
        return removed
    for p in candidates:
        parts = p.name.split(".")  # '', name…, pid, random, suffix
        pid = int(parts[-3]) if len(parts) > 4 and parts[-3].isdigit() else None
        try:
            stale = not _is_running(pid) if pid is not None else time.time() - p.stat().st_mtime > 3600
            if stale:
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p)
                else:
                    p.unlink()
                removed.append(p)
        except OSError:
            continue
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    return True


def write_bytes(data: bytes, path: Path | str) -> Path:
    """Write bytes atomically (temporary file + rename) and return the path."""
    with atomic_file(path, "wb") as fh:
        fh.write(data)
    return Path(path)


def write_text(text: str, path: Path | str, encoding: str = "utf-8") -> Path:
    """Write text atomically."""
    return write_bytes(text.encode(encoding), path)


def write_rows(columns: Sequence[str], rows: Iterable[Sequence], path: Path | str) -> Path:
    """Write a header and rows as CSV (UTF-8 with BOM, ``\\n`` line ends), atomically: every CSV
    file zjtext writes goes through here (the corpus tables copy records written here).

    Cells are written by the ``csv`` module: ``None`` empty, floats with ``repr`` (6.1,
    6019945000000.0), booleans as True/False. *rows* may be any iterable (a generator is written as
    it goes, never held whole).

    >>> import tempfile
    >>> p = write_rows(["词", "值"], [("八八战略", 6.1), ("共同富裕", None)], Path(tempfile.mkdtemp()) / "x.csv")
    >>> p.read_text(encoding=CSV_ENCODING)
    '词,值\\n八八战略,6.1\\n共同富裕,\\n'
    """
    with atomic_file(path, "w", encoding=CSV_ENCODING) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return Path(path)


def frame_rows(df: "pd.DataFrame") -> Iterator[tuple]:
    """A DataFrame's rows as plain Python values (missing values as None), for :func:`write_rows`.

    >>> import pandas as pd
    >>> list(frame_rows(pd.DataFrame({"a": [1.5, None], "b": ["x", None], "c": [True, False]})))
    [(1.5, 'x', True), (None, None, False)]
    """
    columns = []
    for name in df.columns:
        series = df[name]
        values = series.tolist()
        if series.hasnans:
            values = [None if missing else v for v, missing in zip(values, series.isna().tolist())]
        columns.append(values)
    return zip(*columns)


def write_csv(df: "pd.DataFrame", path: Path | str) -> Path:
    """Write a DataFrame as UTF-8-with-BOM CSV (no index), atomically (with :func:`write_rows`)."""
    return write_rows([str(c) for c in df.columns], frame_rows(df), path)


def read_csv(path: Path | str, **kwargs) -> "pd.DataFrame":
    """Read a CSV written by :func:`write_csv`: BOM-aware; in text columns an empty field is ``""``
    (as it was written), in numeric columns it is NaN; words such as "NA" stay words.

    >>> import tempfile, pandas as pd
    >>> p = write_csv(pd.DataFrame({"a": ["", "x"], "b": [1.5, None]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> read_csv(p).to_dict("list")
    {'a': ['', 'x'], 'b': [1.5, nan]}
    """
    import pandas as pd

    kwargs.setdefault("keep_default_na", False)
    kwargs.setdefault("na_values", [""])
    df = pd.read_csv(path, encoding=CSV_ENCODING, **kwargs)
    for col in df.columns:
        if not pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col]):
            df[col] = df[col].fillna("")
    return df
