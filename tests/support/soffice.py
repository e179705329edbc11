"""LibreOffice in tests: its program (a skip without it, a failure in CI) and conversions.

Fixtures that need a file only LibreOffice makes (a Word 97 .doc, a PDF) convert the
writer's .docx with ``convert``, in one soffice run with a private profile, as the build
converts in builder/engines/libreoffice.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pytest


def soffice() -> str:
    """LibreOffice's program; the test is skipped without it, except in CI, where it fails."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice (scripts/install-system-deps)")
        pytest.skip("needs LibreOffice (scripts/install-system-deps)")
    return program


def convert(files: Mapping[str, bytes], target: str = "pdf") -> dict[str, bytes]:
    """Word files by name → the files LibreOffice makes of them (``target``: a filter, such
    as ``pdf`` or ``doc:MS Word 97``)."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="budgetsite-soffice-test-") as tmp:
        work = Path(tmp)
        names = {name: work / f"{n:04d}.docx" for n, name in enumerate(sorted(files))}
        for name, path in names.items():
            path.write_bytes(files[name])
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(work / "out"),
                *map(str, names.values()),
            ],
            capture_output=True,
            timeout=600,
            check=True,
        )
        suffix = target.split(":", 1)[0]
        return {
            name: (work / "out" / f"{path.stem}.{suffix}").read_bytes()
            for name, path in names.items()
        }
