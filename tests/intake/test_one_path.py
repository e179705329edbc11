"""``check``, ``parse`` and ``build`` take reports in by one path: the same problems, same lines."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONTENT, FIXTURES, ROOT

BROKEN = FIXTURES / "broken"
CASES: list[dict[str, Any]] = tomllib.loads((BROKEN / "expected.toml").read_text("utf-8"))["case"]
BUILD_LINE = re.compile(r"^(.+?):(\d+): (error|warning): (.*)$")
CHECK_LINE = re.compile(
    r"^(.+?):(\d+): (parse-error|duplicate-code|input-warning) (error|warning) (.*)$"
)


def budgetsite(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder.cli", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def build_problems(content: Path, tmp_path: Path) -> set[tuple[str, int, str, str]]:
    work, site = tmp_path / "work", tmp_path / "site"
    result = budgetsite(
        "build",
        "--content",
        str(content),
        "--output",
        str(site),
        "--work",
        str(work),
        "--keep-going",
    )
    assert "Traceback" not in result.stderr
    found = set()
    for line in result.stderr.splitlines():
        match = BUILD_LINE.match(line)
        if match and not line.startswith("budgetsite:"):
            found.add((match[1], int(match[2]), match[3], match[4]))
    return found


def check_problems(content: Path) -> set[tuple[str, int, str, str]]:
    result = budgetsite("check", str(content))
    assert "Traceback" not in result.stderr
    found = set()
    for line in result.stdout.splitlines():
        match = CHECK_LINE.match(line)
        if match:
            found.add((match[1], int(match[2]), match[4], match[5]))
    return found


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_check_and_build_report_the_same_problems_at_the_same_lines(
    case: dict[str, Any], tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(BROKEN / case["name"], content, dirs_exist_ok=True)
    expected = set()
    for text in case["problems"]:
        match = BUILD_LINE.match(text)
        assert match is not None
        expected.add(((content / match[1]).as_posix(), int(match[2]), match[3], match[4]))
    assert build_problems(content, tmp_path) == expected
    assert check_problems(content) == expected


def test_parse_stops_on_the_same_problems(tmp_path: Path) -> None:
    case = BROKEN / "duplicate-code"
    files = sorted(str(p) for p in case.rglob("*.txt"))
    result = budgetsite("parse", "--content", str(case), *files)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{case.as_posix()}/2022/130529/900006.txt:38: error: expected each 项目编码 in one "
        "file only; 13052922FIX0000000006 is also in 1 later file, left off the site: "
        "2022/130529/900007.txt:38"
    ]


def test_a_cell_too_long_for_the_downloads_is_refused_by_all_three_alike(tmp_path: Path) -> None:
    # Three good reports and one whose 绩效指标描述 is longer than a spreadsheet cell holds.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    report = content / "2022/130529/131001.txt"
    lines = report.read_text("utf-8").split("\n")
    row = next(n for n, line in enumerate(lines) if line == "\t会议培训次数")
    lines[row + 1] = "\t" + "长" * 40_000
    report.write_text("\n".join(lines), encoding="utf-8")
    wanted = (
        f"{report.as_posix()}:{row + 2}: error: expected at most 32767 characters in description"
    )
    built = budgetsite(
        "build",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "site"),
        "--work",
        str(tmp_path / "work"),
        "--keep-going",
    )
    assert built.returncode == 0, built.stderr
    assert wanted in built.stderr.splitlines()
    checked = budgetsite("check", str(content))
    assert any(
        line.startswith(f"{report.as_posix()}:{row + 2}: parse-error error expected at most")
        for line in checked.stdout.splitlines()
    )
    parsed = budgetsite("parse", str(report), "--content", str(content))
    assert parsed.returncode == 1 and wanted in parsed.stderr.splitlines()
