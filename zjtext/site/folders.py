"""A page set's folder (a report's, a comparison's, the corpus page's): what it was made from, and
built whole or not at all.

A folder is built in a hidden folder next to its place (``.<name>.<pid>.<random>.partial``) and moved
into place when complete, with ``run.json``: the stamp of what it was made from (input bytes, zjtext
version and code, the notebooks) and its pages. A folder whose stamp matches is reused as it is.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from ..process import code_stamp
from ..store import write_text
from . import execute as ex

PARTIAL_SUFFIX = ".partial"  # a report's folder while it is built: .<id>.<pid>.<random>.partial
STAMP = "run.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stamp(inputs: Sequence[Path], with_code: bool) -> dict:
    """What decides whether outputs can be reused: input bytes, zjtext version, code and notebooks."""
    return {"inputs": [sha256(p) for p in inputs], **code_stamp(), "notebooks": ex.notebooks_digest(), "with_code": with_code}


def reusable(folder: Path, stamp: dict) -> list[Path] | None:
    """The pages of ``folder`` when its stamp matches and they all exist, else None."""
    try:
        saved = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = [folder / p for p in saved.get("pages", [])]
    if {k: saved.get(k) for k in stamp} != stamp or not pages or not all(p.is_file() for p in pages):
        return None
    return pages


def stage(final: Path) -> Path:
    """A hidden folder next to ``final`` to build it in."""
    final.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{final.name}.{os.getpid()}.", suffix=PARTIAL_SUFFIX, dir=final.parent))
    ex.PARTIAL.add(stage)
    return stage


def finish(stage: Path, final: Path, stamp: dict, pages: Sequence[Path]) -> list[Path]:
    """Stamp the built folder and move it into place (the old one goes only once the new one is there)."""
    names = sorted((p.relative_to(stage).as_posix() for p in pages), key=lambda n: (n != "index.html", n))
    stamp = {**stamp, "pages": names}
    write_text(json.dumps(stamp, ensure_ascii=False, indent=1) + "\n", stage / STAMP)
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.{os.getpid()}.old")
        os.replace(final, old)
    os.replace(stage, final)
    ex.PARTIAL.discard(stage)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return [final / p for p in stamp["pages"]]


def abandon(stage: Path) -> None:
    shutil.rmtree(stage, ignore_errors=True)
    ex.PARTIAL.discard(stage)


def keep_failed(stage: Path, final: Path, name: str) -> Path | None:
    """Keep a failed notebook for inspection: ``final/notebooks/<name>.ipynb``."""
    failed = stage / "notebooks" / f"{name}.ipynb"
    if not failed.exists():
        return None
    kept = final / "notebooks" / f"{name}.ipynb"
    kept.parent.mkdir(parents=True, exist_ok=True)
    (final / STAMP).unlink(missing_ok=True)  # what is there is no longer this input's complete output
    os.replace(failed, kept)
    return kept


def relative(path: Path, start: Path) -> str:
    """``path`` as seen from ``start`` (executed notebooks record no machine paths)."""
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
