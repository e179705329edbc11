"""A failure to write (a full disk) names the folder being written and the reason, never a
file inside the installed packages, and never an empty place."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from builder.cli import main
from builder.publish import build
from tests.conftest import CONTENT, SITE_DATA

SEED = "2022/130529/131001.txt"


@pytest.mark.parametrize(
    ("filename", "shown"),
    [
        ("/venv/lib/python3.11/site-packages/mkdocs/lunr/wordcut.js", ""),
        (None, ""),
        ("work/docs/index.md", " (at {work}/docs/index.md)"),
    ],
)
def test_a_full_disk_names_the_site_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    filename: str | None,
    shown: str,
) -> None:
    content, site, work = tmp_path / "content", tmp_path / "site", tmp_path / "work"
    (content / SEED).parent.mkdir(parents=True)
    shutil.copy(CONTENT / SEED, content / SEED)
    where = str(tmp_path / filename) if filename and filename.startswith("work/") else filename

    def full(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(errno.ENOSPC, "No space left on device", where)

    monkeypatch.setattr(build, "DocsFolder", full)
    args = ["build", "--content", str(content), "--output", str(site), "--work", str(work)]
    assert main([*args, "--site-data", str(SITE_DATA)]) == 1
    err = capsys.readouterr().err
    expected = f"budgetsite: {site}: expected to write the site: No space left on device"
    assert err == expected + shown.format(work=work) + "\n"
