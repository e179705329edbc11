"""`check` over many copies of one report stays linear: each copy's error names the first
place only, never every other copy (500 copies once printed 15.7 MB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from tests.conftest import CONTENT, SITE_DATA

SEED = CONTENT / "2022/130529/131001.txt"


def check_output(folder: Path, copies: int, capsys: pytest.CaptureFixture[str]) -> list[str]:
    folder.mkdir()
    for n in range(copies):
        (folder / f"copy{n:03d}.txt").write_bytes(SEED.read_bytes())
    main(["check", str(folder), "--site-data", str(SITE_DATA)])
    return capsys.readouterr().out.splitlines()


def test_each_copy_is_one_line_naming_only_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = check_output(tmp_path / "small", 20, capsys)
    large = check_output(tmp_path / "large", 120, capsys)
    assert len(large) - len(small) == 100  # one more line per copy
    longest = max(map(len, small))
    assert max(map(len, large)) <= longest + 2  # a line does not grow with the copies
    errors = [line for line in large if " error " in line]
    assert len(errors) == 119  # every copy but the first is held back, each by name
    assert all("copy000.txt" in line for line in errors)
