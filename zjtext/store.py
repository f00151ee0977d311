"""Atomic, Excel-friendly writing of processed files; raw data is never written.

Every file is written to a temporary file in the target folder and renamed into place, so a reader
never sees half a file and an interrupted run leaves the old file intact. CSVs are UTF-8 with BOM.

>>> import tempfile, pandas as pd
>>> d = Path(tempfile.mkdtemp())
>>> p = write_csv(pd.DataFrame({"词": ["八八战略"]}), d / "x.csv")
>>> p.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
True
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

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


def write_bytes(data: bytes, path: Path | str) -> Path:
    """Write bytes atomically (temporary file + rename) and return the path."""
    path = Path(path)
    _check_not_raw(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes owner-only files; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(text: str, path: Path | str, encoding: str = "utf-8") -> Path:
    """Write text atomically."""
    return write_bytes(text.encode(encoding), path)


def write_csv(df: "pd.DataFrame", path: Path | str) -> Path:
    """Write a DataFrame as UTF-8-with-BOM CSV (no index), atomically."""
    return write_text(df.to_csv(index=False, lineterminator="\n"), path, encoding=CSV_ENCODING)


def write_rows(columns: Sequence[str], rows: Iterable[Sequence], path: Path | str) -> Path:
    """Write rows of plain Python values as the same CSV :func:`write_csv` makes of a DataFrame.

    For the corpus path, which never imports pandas. Cells are written by the ``csv`` module as
    pandas writes them: ``None`` empty, floats with ``repr`` (6.1, 6019945000000.0), booleans as
    True/False. Cells must be plain ``str``/``int``/``float``/``bool``/``None`` (no NaN, no numpy
    scalars); ``tests/test_process.py`` checks that both writers give the same bytes for every table.

    >>> import tempfile
    >>> p = write_rows(["词", "值"], [("八八战略", 6.1), ("共同富裕", None)], Path(tempfile.mkdtemp()) / "x.csv")
    >>> p.read_text(encoding=CSV_ENCODING)
    '词,值\\n八八战略,6.1\\n共同富裕,\\n'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return write_text(buf.getvalue(), path, encoding=CSV_ENCODING)


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
