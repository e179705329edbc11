"""Each shipped report → its reviewed JSON in tests/golden/.

Regenerate after a reviewed change with ``UPDATE_GOLDEN=1 pytest tests/parse/test_golden.py``
and read the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from builder.intake.files import report_files
from tests.conftest import CONTENT, GOLDEN
from tests.support.reading import parse_file

SEEDS = report_files(CONTENT)


def golden_path(report: Path) -> Path:
    return GOLDEN / (report.relative_to(CONTENT).as_posix().replace("/", "_")[:-4] + ".json")


@pytest.mark.parametrize("report", SEEDS, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_seed_matches_golden(report: Path, regions: dict[str, str]) -> None:
    document = parse_file(report, regions, CONTENT).document
    actual = json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    path = golden_path(report)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def test_every_golden_file_has_its_seed() -> None:
    expected = {golden_path(p).name for p in SEEDS}
    assert {p.name for p in GOLDEN.glob("*.json")} == expected
