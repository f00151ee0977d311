"""The one producer of a ``zjtext run``: every report's tables made once (``zjtext process`` into
``OUT/tables/``, last year's targets judged where last year's report is in the run), and what each
report's folder, notebooks and front page read of them."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Sequence

from ..report import ReportError, report_id_for
from .pages import FrontTables

#: Where ``zjtext run`` keeps the producer's tables (as ``zjtext process`` writes them, so ``zjtext panel
#: --processed OUT/tables`` reads them too): every front page, notebook and comparison of the run reads
#: them; nothing segments or extracts again.
TABLES_DIR = "tables"


def produce(files: Sequence[Path], root: Path, jobs: int | None = 1) -> list:
    """The one producer: every table of every report (``zjtext process``: a report whose input and
    zjtext are unchanged is not read again), last year's targets judged where last year's report is
    among ``files``, into ``root``. Returns process's result for each file."""
    from ..process import process

    return process(files, out=root, jobs=jobs, progress=False)


def report_tables(path: Path, previous: Path | None, rid: str, stage: Path, root: Path):
    """Copy the report's tables from the producer's folder ``root`` into ``stage/data/`` (the notebooks
    read them there) and return what the front page reads: the tables and last year's report's
    metadata (None without one). Tables not in ``root`` (a report built outside :func:`zjtext.site.run.run`)
    are made there first, for the report and ``previous``. A report that cannot be processed raises
    :class:`zjtext.report.ReportError`."""
    if not (root / rid / "meta.json").is_file():
        produce([*([previous] if previous is not None else []), path], root)
    if not (root / rid / "meta.json").is_file():
        raise ReportError(path, f"no tables for {rid}: the report could not be processed")
    data = stage / "data"
    data.mkdir(parents=True, exist_ok=True)
    for csv in sorted((root / rid).glob("*.csv")):
        shutil.copyfile(csv, data / csv.name)
    last = previous and root / report_id_for(previous) / "meta.json"
    last_year = json.loads(last.read_text(encoding="utf-8")) if last and last.is_file() else None
    return FrontTables.read(data), last_year


def tables_params(out: Path, target_dir: Path) -> dict:
    """The parameters that point notebooks 05 and 06 (run in ``target_dir``) at the producer's tables."""
    return {"processed_dir": Path(os.path.relpath(out / TABLES_DIR, target_dir)).as_posix(), "tables_ready": True}
