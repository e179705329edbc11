"""Shared paths and loaders for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.corpus import load_regions

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SITE_DATA = ROOT / "site_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def regions() -> dict[str, str]:
    return load_regions(SITE_DATA)
