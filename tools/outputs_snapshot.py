"""Print a listing (path, SHA-256) of the checkout's data/processed/ and reports/.

``make test`` takes one before and one after the test suite and nbval and fails when they differ:
tests and the notebooks' default parameters never write there.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

for folder in (ROOT / "data" / "processed", ROOT / "reports"):
    for path in sorted(folder.rglob("*")) if folder.exists() else []:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        print(path.relative_to(ROOT).as_posix(), digest)
