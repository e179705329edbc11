"""``budgetsite parse`` as a user runs it: a real process, JSON on stdout, errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import CONTENT, FIXTURES, ROOT

BUDGETSITE = [sys.executable, "-m", "builder.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BUDGETSITE, *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def test_parse_all_shipped_content() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in CONTENT.rglob("*.txt"))
    result = run("parse", *files)
    assert result.returncode == 0, result.stderr
    documents: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(documents) == 5
    projects = [p for d in documents for p in d["projects"]]
    assert len(projects) == 24
    assert sum(int(p["budget_yuan"]) for p in projects) == 4131000
    assert "车辆保险费" in result.stdout  # Chinese is not escaped
    # The public field names of DESIGN.md §3.
    assert set(documents[0]) >= {
        "source",
        "year",
        "region",
        "unit",
        "overall_goal",
        "sub_goals",
        "measures",
        "projects",
    }
    assert set(projects[0]) >= {
        "code",
        "name",
        "money_unit",
        "budget_yuan",
        "fiscal_yuan",
        "other_yuan",
        "purpose",
        "spending_plan",
        "goals",
        "indicators",
    }
    assert set(projects[0]["indicators"][0]) >= {
        "level1",
        "level2",
        "level3",
        "description",
        "value",
        "target",
        "basis",
    }
    assert {d["source"] for d in documents} == {
        "2021/130303/101001.txt",
        "2021/130303/201001.txt",
        "2021/130303/213001.txt",
        "2022/130303/131001.txt",
        "2022/130529/131001.txt",
    }


def test_money_is_never_a_float() -> None:
    result = run("parse", "content/2022/130303/131001.txt")
    document = json.loads(result.stdout)

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key.endswith("_yuan") or key == "number":
                    assert isinstance(item, str | int), (key, item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    assert document["projects"][0]["budget_yuan"] == "8000"


def test_a_file_outside_content_parses(tmp_path: Path) -> None:
    copy = tmp_path / "report.txt"
    copy.write_bytes((FIXTURES / "variants/2023_jvlu_education_gbk_crlf.txt").read_bytes())
    result = run("parse", str(copy))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["year"], document["region"]["code"]) == (2023, "130529")


def test_accounting_report() -> None:
    result = run("parse", "--accounting", "content/2021/130303/201001.txt")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["unaccounted"] == []
    assert report["lines"] == len(report["uses"]) == 886
    assert report["counts"]["page_number"] == 1
    assert report["counts"]["repeated"] == 6
    assert sum(report["counts"].values()) == report["lines"]


def test_bad_input_is_one_line_on_stderr_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("会议纪要\n", encoding="utf-8")
    result = run("parse", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().startswith(f"{bad}:1: error: expected")
    assert "Traceback" not in result.stderr


def test_missing_file_is_an_error_not_a_traceback() -> None:
    result = run("parse", "no/such/file.txt")
    assert result.returncode == 1
    assert "no/such/file.txt" in result.stderr and "Traceback" not in result.stderr
