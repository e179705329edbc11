"""Broken input: every problem named with file and line, nothing from other files lost."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from builder.intake.content import read_content, take_in
from tests.conftest import CONTENT, FIXTURES

BROKEN = FIXTURES / "broken"
CASES: list[dict[str, Any]] = tomllib.loads((BROKEN / "expected.toml").read_text("utf-8"))["case"]
SHIPPED = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.txt"))


def test_every_case_folder_has_an_expectation() -> None:
    folders = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
    assert folders == sorted(case["name"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_broken_case_alone(case: dict[str, Any], regions: dict[str, str]) -> None:
    folder = BROKEN / case["name"]
    intake = read_content(folder, regions)
    assert [str(p) for p in intake.problems] == case["problems"]
    assert [d.source for d in intake.documents] == case["published"]
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*.txt")}
    assert list(intake.failed) == sorted(files - set(case["published"]))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_broken_case_beside_the_shipped_content(
    case: dict[str, Any], regions: dict[str, str], tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(BROKEN / case["name"], content, dirs_exist_ok=True)
    intake = read_content(content, regions)
    assert [str(p) for p in intake.problems] == case["problems"]
    assert [d.source for d in intake.documents] == sorted([*SHIPPED, *case["published"]])


def test_all_cases_at_once_report_every_problem(regions: dict[str, str], tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for case in CASES:
        shutil.copytree(BROKEN / case["name"], content, dirs_exist_ok=True)
    intake = read_content(content, regions)
    expected = sorted(p for case in CASES for p in case["problems"])
    assert sorted(str(p) for p in intake.problems) == expected
    published = [p for case in CASES for p in case["published"]]
    assert [d.source for d in intake.documents] == sorted([*SHIPPED, *published])


def test_two_files_claiming_one_unit_keep_the_first_in_path_order(
    regions: dict[str, str],
) -> None:
    case = BROKEN / "duplicate-unit/2022/130529"
    files = [(f"2022/130529/{p.name}", p.read_bytes()) for p in sorted(case.iterdir())]
    forward, backward = take_in(files, regions), take_in(reversed(files), regions)
    assert forward == backward
    assert [d.source for d in forward.documents] == ["2022/130529/900008.txt"]


def test_an_unreadable_file_is_an_error_not_a_crash(
    regions: dict[str, str], tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "2022/130529/900020.txt").mkdir()  # a folder named like a report
    # A dangling link that stays inside content/: kept, so that reading it says what is wrong.
    (content / "2022/130529/900021.txt").symlink_to(content / "missing.txt")
    intake = read_content(content, regions)
    assert [str(p) for p in intake.problems] == [
        "2022/130529/900021.txt:1: error: expected a readable file: No such file or directory"
    ]
    assert [d.source for d in intake.documents] == SHIPPED
