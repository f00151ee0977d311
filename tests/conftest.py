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


@pytest.fixture(autouse=True)
def _processed_default_in_tmp(tmp_path_factory, monkeypatch):
    """``zjtext targets``, ``compare``, ``panel`` and ``series`` keep the producer's tables in
    ``data/processed/`` of the working directory unless ``--processed`` says where: in tests that
    default is a fresh temporary folder, so no test writes into the checkout."""
    monkeypatch.setattr("zjtext.cli.PROCESSED_DIR", tmp_path_factory.mktemp("processed"))
