"""Many copies of one report: one error naming each copy once, and one copy published.

A unit or 项目编码 that several files claim is one error at the first file, naming each
later file once, so that the output grows by one name per file (500 copies once printed
15.7 MB, then one line per copy repeating the first file's name).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import main
from builder.contract import paths
from tests.conftest import CONTENT, ROOT, SITE_DATA

ONE_PROJECT = CONTENT / "2022/130529/131001.txt"
SEVEN_PROJECTS = CONTENT / "2021/130303/201001.txt"


def copies(folder: Path, seed: Path, count: int, *, units: bool = False) -> list[str]:
    """``count`` copies of ``seed`` in ``folder``; with ``units``, each another unit's report.

    Another unit's copy claims no unit of another file, only its 项目编码s.
    """
    folder.mkdir(parents=True)
    text = seed.read_text("utf-8")
    names = [f"copy{n:03d}.txt" for n in range(count)]
    for n, name in enumerate(names):
        body = text.replace(f"\t{seed.stem}", f"\t{900100 + n}") if units else text
        (folder / name).write_text(body, encoding="utf-8")
    return names


def check(folder: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    main(["check", str(folder), "--site-data", str(SITE_DATA), *options])
    return capsys.readouterr().out


def project_codes(seed: Path) -> list[str]:
    return re.findall(r"^\t项目编码\n\t(\w+)$", seed.read_text("utf-8"), re.MULTILINE)


def test_copies_of_a_report_are_one_error_naming_each_copy_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "copies"
    names = copies(folder, ONE_PROJECT, 120)
    out = check(folder, capsys)
    errors = [line for line in out.splitlines() if " error " in line]
    assert errors == [
        f"{folder.as_posix()}/copy000.txt:34: parse-error error expected one report per unit; "
        "2022/130529/131001 is also reported by 119 later files, left off the site: "
        + ", ".join(f"{name}:34" for name in names[1:])
    ]
    assert all(out.count(name) == 1 for name in names[1:])
    found = json.loads(check(folder, capsys, "--format", "json"))
    assert [f["source"] for f in found if f["level"] == "error"] == [f"{folder}/copy000.txt"]
    text = json.dumps(found, ensure_ascii=False)
    assert all(text.count(name) == 1 for name in names[1:])


def test_a_code_in_many_files_is_one_duplicate_code_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "copies"
    names = copies(folder, SEVEN_PROJECTS, 120, units=True)
    out = check(folder, capsys).splitlines()
    duplicates = [line for line in out if " duplicate-code " in line]
    codes = project_codes(SEVEN_PROJECTS)
    assert len(codes) == 7
    assert [re.findall(r"项目编码 in one file only; (\w+)", line) for line in duplicates] == [
        [code] for code in codes
    ]
    for line in duplicates:
        assert line.startswith(f"{folder.as_posix()}/copy000.txt:")
        assert all(line.count(name) == 1 for name in names[1:])
    whole = "\n".join(out)
    assert all(whole.count(name) == len(codes) for name in names[1:])  # in no other line


def test_the_output_grows_by_one_name_per_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies(tmp_path / "small", ONE_PROJECT, 20)
    copies(tmp_path / "large", ONE_PROJECT, 120)
    small = check(tmp_path / "small", capsys).replace("/small/", "/")
    large = check(tmp_path / "large", capsys).replace("/large/", "/")
    assert len(large.splitlines()) == len(small.splitlines())
    name = len(", copy100.txt:34")
    assert len(large) - len(small) == 100 * name + 1  # and one more digit in the count


@pytest.mark.parametrize("units", [False, True], ids=["same unit", "other units"])
def test_build_keeps_one_copy_and_lists_the_others(tmp_path: Path, units: bool) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    names = copies(content, SEVEN_PROJECTS, 4, units=units)
    command = [sys.executable, "-m", "builder.cli", "build", "--keep-going"]
    folders = ["--content", str(content), "--output", str(site), "--work", str(tmp_path / "w")]
    result = subprocess.run(
        [*command, *folders, "--site-data", str(SITE_DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == (7 if units else 1)  # one per claimed code, or the unit
    assert all(line.startswith(f"{content}/copy000.txt:") for line in errors)
    assert "3 file(s) with errors were left out" in result.stderr
    published = json.loads((site / paths.ALL_DATA_JSON).read_text("utf-8"))
    assert [doc["source"] for doc in published] == ["copy000.txt"]
    page = (site / "problems/index.html").read_text("utf-8")
    assert re.findall(r"<li>(copy\d+\.txt)</li>", page) == names[1:]
