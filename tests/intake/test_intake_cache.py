"""Unchanged reports are taken in unread, from the work folder (incremental/intake_cache.py)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from builder.contract.problems import Problem
from builder.intake import content as intake_content
from builder.intake.content import Intake, read_content
from tests.conftest import CONTENT
from tests.support.docx_writer import write_docx
from tests.support.reading import load_content

DAY_AGO = time.time() - 86_400


def corpus(tmp_path: Path, regions: dict[str, str]) -> Path:
    """The seeds, one of them as a Word file (its lines have places) and one with a control
    character (a warning of its own); every file last changed a day ago."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("pages"))
    seeds = sorted(folder.rglob("*.txt"))
    doc = load_content(CONTENT, regions)[0]
    word = folder / Path(doc.source).with_suffix(".docx")
    (folder / doc.source).unlink()
    word.write_bytes(write_docx(doc))
    warned = next(p for p in seeds if p.exists())
    warned.write_text(warned.read_text("utf-8").replace("。", "。\x0b", 1), "utf-8")
    for path in folder.rglob("*.*"):
        os.utime(path, (DAY_AGO, DAY_AGO))
    return folder


def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources each read_content call opens."""
    opened: list[str] = []
    read = intake_content._read

    def counted(
        files: Sequence[tuple[str, Path]], problems: list[Problem], max_bytes: int
    ) -> list[tuple[str, bytes]]:
        opened.extend(source for source, _path in files)
        return read(files, problems, max_bytes)

    monkeypatch.setattr(intake_content, "_read", counted)
    return opened


def same(a: Intake, b: Intake) -> None:
    assert a.documents == b.documents
    assert a.problems == b.problems
    assert {s: t.places for s, t in a.places.items()} == {s: t.places for s, t in b.places.items()}


def test_an_unchanged_report_is_not_read_again_and_gives_the_same(
    tmp_path: Path, regions: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = corpus(tmp_path, regions), tmp_path / "cache"
    opened = spy(monkeypatch)
    first = read_content(folder, regions, cache=cache)
    assert len(opened) == 5 and first.places and any(p.level == "warning" for p in first.problems)
    opened.clear()
    again = read_content(folder, regions, cache=cache)
    assert opened == []
    same(again, first)
    same(again, read_content(folder, regions))  # and as without any cache

    changed = sorted(folder.rglob("*.txt"))[-1]
    changed.write_text(changed.read_text("utf-8").replace("。", "；", 1), "utf-8")
    opened.clear()
    read_content(folder, regions, cache=cache)
    assert opened == [changed.relative_to(folder).as_posix()]


def test_a_file_changed_just_now_is_read_again_until_its_stat_can_be_trusted(
    tmp_path: Path, regions: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system may keep times to the second: a second change within it would leave
    # the stat as it was. So an entry written within RACY_NS of its file's change is not kept.
    folder, cache = corpus(tmp_path, regions), tmp_path / "cache"
    fresh = sorted(folder.rglob("*.txt"))[0]
    os.utime(fresh)  # now
    opened = spy(monkeypatch)
    read_content(folder, regions, cache=cache)
    opened.clear()
    read_content(folder, regions, cache=cache)
    assert opened == [fresh.relative_to(folder).as_posix()]


def test_other_regions_mean_every_report_is_read_again(
    tmp_path: Path, regions: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = corpus(tmp_path, regions), tmp_path / "cache"
    read_content(folder, regions, cache=cache)
    opened = spy(monkeypatch)
    renamed = {code: name + "（新）" for code, name in regions.items()}
    read_content(folder, renamed, cache=cache)
    assert len(opened) == 5


def test_a_report_with_an_error_is_read_every_time(
    tmp_path: Path, regions: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = corpus(tmp_path, regions), tmp_path / "cache"
    broken = sorted(folder.rglob("*.txt"))[-1]
    broken.write_text("不是一份报告\n", "utf-8")
    os.utime(broken, (DAY_AGO, DAY_AGO))
    first = read_content(folder, regions, cache=cache)
    assert any(p.source.endswith(broken.name) and p.level == "error" for p in first.problems)
    opened = spy(monkeypatch)
    same(read_content(folder, regions, cache=cache), first)
    assert opened == [broken.relative_to(folder).as_posix()]
