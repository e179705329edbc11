"""Reports named as they came, anywhere under content/: identity from the document itself.

A file in ``content/<year>/<region>/`` is checked against its codes whatever its name,
and one outside that layout keeps the addresses its codes give.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT, ROOT, SITE_DATA

SEED = "2022/130303/131001.txt"
"""山海关区政协办公室, 2022: its first project is 13030322P00397010024Q, its code on line 49."""
NAME = "政协办公室2022年部门绩效目标"
FIRST = "13030322P00397010024Q"


def check(content: Path) -> list[str]:
    """The errors ``budgetsite check content`` prints; it exits 1, never with a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "check", str(content), "--site-data", str(SITE_DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if " error " in line]


def test_a_folder_whose_year_or_region_disagrees_is_an_error_whatever_the_name(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    for folder in ("2021/130303", "2022/130529"):
        (content / folder).mkdir(parents=True)
        shutil.copy(CONTENT / SEED, content / folder / f"{NAME}.txt")
    errors = check(content)
    assert (
        f"{content}/2021/130303/{NAME}.txt:49: parse-error error expected project codes "
        f"of year 2021 (from the file's folder), found none: {FIRST} is year 2022" in errors
    )
    assert (
        f"{content}/2022/130529/{NAME}.txt:49: parse-error error expected project codes "
        f"of region 130529 (from the file's folder), found none: {FIRST} is region 130303" in errors
    )
    assert len(errors) == 2, errors  # held back, so neither is also a second report of the unit
