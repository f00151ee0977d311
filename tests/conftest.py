"""Shared fixtures: the seed report loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from zjtext import load_report
from zjtext.paths import DEFAULT_REPORT

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "2026"


@pytest.fixture(scope="session")
def seed():
    """The default report (Zhejiang 2024), loaded once."""
    return load_report(DEFAULT_REPORT)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
