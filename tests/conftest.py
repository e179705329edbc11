"""Shared paths and loaders for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, sync_playwright

from benchmarks.make_corpus import write_corpus
from builder.intake.site_data import load_regions
from tests.site.serving import CHROMIUM, CHROMIUM_ARGS
from tests.support.synth_corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SITE_DATA = ROOT / "site_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


class Synthetic(NamedTuple):
    """A synthetic corpus written under a test's folder, and where its site is built."""

    corpus: Corpus
    content: Path
    site_data: Path
    site: Path
    work: Path


def synthetic(tmp_path: Path, reports: int, seed: int) -> Synthetic:
    """Write ``reports`` synthetic reports (benchmarks/make_corpus.py) under tmp_path/corpus."""
    corpus = write_corpus(reports, seed, tmp_path / "corpus")
    folder = tmp_path / "corpus"
    return Synthetic(
        corpus, folder / "content", folder / "site_data", tmp_path / "site", tmp_path / "work"
    )


def site_files(root: Path) -> dict[str, bytes]:
    """Every file under root, by its path relative to root: two folders compared byte for byte."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def regions() -> dict[str, str]:
    return load_regions(SITE_DATA)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, once per session: for the search tests and the browser tests."""
    assert Path(CHROMIUM).exists(), "run scripts/install-system-deps (make check does)"
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
