"""LibreOffice headless: older and other word-processor files (.doc, .wps, .rtf, .odt) → .docx.

The one reader of Word files reads .docx (builder/parse/word/body.py); every other format is
first converted by LibreOffice, the way a clerk would "save as .docx". All files of a
build go to one soffice run, in a private temporary profile: soffice refuses to start
while another instance holds the user's profile, so parallel builds would collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from builder.contract.errors import EnvironmentFailure, ReportError
from builder.parse.readers import CONVERTED_TO_DOCX

CONVERTED = CONVERTED_TO_DOCX
"""The suffixes LibreOffice turns into .docx before they are read."""
TIMEOUT_S = 600
"""How long one soffice run may take: about 0.2 s a file, and a minute to spare."""
INSTALL = (
    "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) "
    "or save the file as .docx in Word or WPS"
)


def soffice() -> str | None:
    """The LibreOffice program on PATH, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(files: Mapping[str, bytes]) -> dict[str, bytes | ReportError]:
    """Each file's bytes (by source; the suffix says the format) → its .docx bytes or why not."""
    if not files:
        return {}
    program = soffice()
    if program is None:
        return {
            source: ReportError(source, 1, f"expected LibreOffice to read this file: {INSTALL}")
            for source in files
        }
    with tempfile.TemporaryDirectory(prefix="budgetsite-soffice-") as tmp:
        work = Path(tmp)
        inputs, outputs = work / "in", work / "out"
        inputs.mkdir()
        names: dict[str, str] = {}
        for n, (source, data) in enumerate(sorted(files.items())):
            # Numbered names: sources may hold characters or spaces a command line mangles.
            name = f"{n:06d}{Path(source.rstrip()).suffix.lower()}"
            (inputs / name).write_bytes(data)
            names[source] = name
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outputs),
            *(str(inputs / name) for name in names.values()),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EnvironmentFailure(program, f"expected soffice to convert files: {exc}") from None
        out: dict[str, bytes | ReportError] = {}
        for source, name in names.items():
            made = outputs / f"{Path(name).stem}.docx"
            if made.is_file() and made.stat().st_size > 0:
                out[source] = made.read_bytes()
            else:
                out[source] = ReportError(
                    source,
                    1,
                    "expected a word-processor document LibreOffice can open; it could not",
                )
        return out
