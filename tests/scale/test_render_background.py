"""The downloads made in a second process while the pages render: the same files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from builder.corpus import load_content
from builder.model import Document
from builder.site import data, render_site
from builder.site.render_site import Files, Settings

SETTINGS = Settings(title="预算绩效目标公开", publisher="", description="")
MADE_BY = "made-by-process"


def data_files_with_pid(docs: Sequence[Document], stamp: datetime) -> Files:
    """The downloads plus the id of the process that made them (module level: picklable)."""
    return {**data.data_files(docs, stamp), MADE_BY: str(os.getpid())}


def test_background_downloads_equal_the_serial_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = write_corpus(12, 7, tmp_path)
    docs = load_content(tmp_path / "content", written.regions)
    serial = render_site.render_site(docs, SETTINGS, {})
    monkeypatch.setattr(render_site, "BACKGROUND_MIN", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr("builder.site.render_site.data_files", data_files_with_pid)
    background = render_site.render_site(docs, SETTINGS, {})
    assert background.pop(MADE_BY) != str(os.getpid())  # made in another process
    assert list(background) == list(serial)
    assert background == serial
    assert "data/budget-goals.xlsx" in background
