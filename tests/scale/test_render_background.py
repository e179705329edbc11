"""The downloads made in a second process while the pages render: the same files."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from builder.contract.errors import EnvironmentFailure, ReportError
from builder.contract.model import Document
from builder.contract.settings import Settings
from builder.downloads import files as data
from builder.downloads.shares import Joined
from builder.downloads.sheets.workbook import ZIP_EPOCH
from builder.render import catalog
from builder.render import site as render_site
from builder.render.site import Files
from tests.support.reading import load_content

SETTINGS = Settings(title="预算绩效目标公开", publisher="", description="")
MADE_BY = "made-by-process"


def in_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, downloads: object, reports: int = 3
) -> list[Document]:
    """Reports to render, with the downloads made by ``downloads`` in a second process."""
    written = write_corpus(reports, 7, tmp_path)
    docs = load_content(tmp_path / "content", written.regions)
    monkeypatch.setattr(render_site, "BACKGROUND_MIN", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr("builder.render.site.shared_downloads", downloads)
    return docs


def data_files_with_pid(
    docs: Sequence[Document],
    stamp: datetime,
    settings: Settings | None = None,
    scratch: Path | None = None,
    joined: Joined | None = None,
) -> Iterator[data.Download]:
    """The downloads plus the id of the process that made them (module level: picklable)."""
    yield from data.shared_downloads(docs, stamp, settings, scratch, joined)
    yield MADE_BY, str(os.getpid())


def test_background_downloads_equal_the_serial_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = in_background(tmp_path, monkeypatch, data_files_with_pid, reports=12)
    with monkeypatch.context() as serially:
        serially.setattr(render_site, "BACKGROUND_MIN", 10_000)
        serially.setattr("builder.render.site.shared_downloads", data.shared_downloads)
        serial = render_site.render_site(docs, SETTINGS, {})
    background = render_site.render_site(docs, SETTINGS, {})
    assert background.pop(MADE_BY) != str(os.getpid())  # made in another process
    assert list(background) == list(serial)
    assert background == serial
    assert "data/budget-goals.xlsx" in background


def test_downloads_made_into_a_folder_are_written_there_and_not_returned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = in_background(tmp_path, monkeypatch, data.shared_downloads, reports=12)
    serial = dict(data.whole(data.shared_downloads(docs, ZIP_EPOCH, SETTINGS)))
    into = tmp_path / "made"
    with render_site.rendering(docs, SETTINGS, {}, into=into) as (pages, downloads):
        assert sum(1 for _ in pages) > len(docs)
        assert downloads() == {}
    written = {
        p.relative_to(into).as_posix(): p.read_bytes() for p in into.rglob("*") if p.is_file()
    }
    assert written == {n: c.encode() if isinstance(c, str) else c for n, c in serial.items()}


def test_all_json_made_a_report_at_a_time_is_the_list_dumped_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = in_background(tmp_path, monkeypatch, data.shared_downloads, reports=4)
    whole = [doc.model_dump(mode="json") for doc in catalog.sorted_docs(docs)]
    assert data.all_json(docs) == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert data.all_json([]) == json.dumps([], ensure_ascii=False, indent=2) + "\n"


def failing_downloads(
    docs: Sequence[Document],
    stamp: datetime,
    settings: Settings | None = None,
    scratch: Path | None = None,
    joined: Joined | None = None,
) -> Files:
    raise ReportError(docs[0].source, 7, "expected at most 32767 characters in 指标值")


def test_an_error_in_the_background_is_raised_with_its_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = in_background(tmp_path, monkeypatch, failing_downloads)
    with pytest.raises(ReportError) as raised:
        render_site.render_site(docs, SETTINGS, {})
    assert (raised.value.source, raised.value.line) == (docs[0].source, 7)
    assert str(raised.value) == f"{docs[0].source}:7: expected at most 32767 characters in 指标值"


class Unpicklable(Exception):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(first)  # pickles as (first,), so it cannot be rebuilt
        self.second = second


def downloads_that_crash(
    docs: Sequence[Document],
    stamp: datetime,
    settings: Settings | None = None,
    scratch: Path | None = None,
    joined: Joined | None = None,
) -> Files:
    os._exit(3)


def downloads_with_an_odd_error(
    docs: Sequence[Document],
    stamp: datetime,
    settings: Settings | None = None,
    scratch: Path | None = None,
    joined: Joined | None = None,
) -> Files:
    raise Unpicklable("odd", "error")


@pytest.mark.parametrize(
    ("work", "error", "message"),
    [
        (downloads_that_crash, EnvironmentFailure, "make the downloads: the process ended"),
        (downloads_with_an_odd_error, RuntimeError, "Unpicklable: odd"),
    ],
)
def test_a_lost_background_process_is_an_error_not_a_hang(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    work: object,
    error: type[Exception],
    message: str,
) -> None:
    docs = in_background(tmp_path, monkeypatch, work)
    with pytest.raises(error, match=message):
        render_site.render_site(docs, SETTINGS, {})


def slow_downloads(docs: Sequence[Document], stamp: datetime) -> Files:
    time.sleep(60)
    return {}


def failing_page(*args: object) -> str:
    raise ReportError("2021/130102/101001.txt", 1, "expected a page")


def test_a_failing_page_render_stops_the_background_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = in_background(tmp_path, monkeypatch, slow_downloads)
    monkeypatch.setattr(render_site, "render_data", failing_page)
    started = time.monotonic()
    with pytest.raises(ReportError):
        render_site.render_site(docs, SETTINGS, {})
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []
