"""``budgetsite check`` as a user runs it: a real process, findings on stdout, exit status."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.quality.documents import WELL_FORMED

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<rule>[a-z0-9-]+) (error|warning|info) .+$")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_shipped_content_has_errors() -> None:
    result = run()  # default: content/
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    assert any(
        line.startswith("content/2022/130303/131001.txt:212: value-not-target error ")
        and "「人」" in line
        and "综合事务管理" in line
        for line in lines
    )
    assert any(
        line.startswith("content/2021/130303/201001.txt:79: sentence-copied warning ")
        for line in lines
    )
    assert result.stderr == ""


def test_well_formed_report_is_clean() -> None:
    result = run(str(WELL_FORMED.relative_to(ROOT)))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert run("--strict", str(WELL_FORMED.relative_to(ROOT))).returncode == 0


def test_strict_fails_on_warnings() -> None:
    seed = "content/2022/130529/131001.txt"  # one warning: 经费成本 143万元 is not ≤
    plain = run(seed)
    assert plain.returncode == 0
    assert plain.stdout.startswith(f"{seed}:98: cost-not-upper-bound warning ")
    assert run("--strict", seed).returncode == 1


def test_json_format() -> None:
    result = run("--format", "json", "content/2021/130303/213001.txt")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and findings
    first = findings[0]
    assert set(first) == {
        "rule",
        "level",
        "source",
        "line",
        "project",
        "subject",
        "value",
        "message",
        "place",
    }
    assert first["place"] == ""  # a text file: the line is the place
    repeated = [f for f in findings if f["rule"] == "goal-repeated"]
    assert [(f["line"], f["value"]) for f in repeated] == [
        (90, "公务用车正常运转"),
        (91, "公务用车正常运转"),
    ]
    assert repeated[0]["project"] == "130303210B2L85R7NSB45"


def test_a_duplicate_code_is_reported_at_the_first_file_naming_the_second(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(WELL_FORMED, first)
    # Another unit's report (else it is the same unit's, an error found first) with a code
    # the first report has.
    other_unit = WELL_FORMED.read_text("utf-8").replace("\t131001", "\t131002")
    second.write_text(other_unit, encoding="utf-8")
    result = run(str(tmp_path))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if " duplicate-code " in line]
    assert lines == [
        f"{first.as_posix()}:38: duplicate-code error expected each 项目编码 in one file only; "
        "13052922P00584010142P is also in 1 later file, left off the site: b.txt:38"
    ]  # the other file named as build names it


def test_a_broken_file_is_reported_and_the_others_still_checked(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    text = WELL_FORMED.read_text(encoding="utf-8").replace("\t项目编码\n", "\t项目代码\n")
    broken.write_text(text, encoding="utf-8")
    result = run(str(broken), "content/2022/130529/131001.txt")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert re.match(rf"^{re.escape(broken.as_posix())}:\d+: parse-error error expected ", lines[0])
    assert any(" cost-not-upper-bound warning " in line for line in lines[1:])
    assert "Traceback" not in result.stderr
