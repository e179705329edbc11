"""Text written a piece at a time to a temporary file, then read back once in order.

For a large file whose parts are made one by one before it can be written: findings.csv
takes each report's rows as its pages render (80 MB at 3,000 reports), and the build holds
neither the rows nor the findings they came from.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

BLOCK = 1 << 20
"""Characters read back at a time."""


class Spool:
    """``write`` pieces, then take ``parts()`` once; the file is gone when they are taken."""

    def __init__(self) -> None:
        # Closed by parts(), or when the spool is dropped: its life is not one block's.
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115

    def write(self, text: str) -> None:
        self._file.write(text)

    def parts(self) -> Iterator[str]:
        with self._file as file:
            file.seek(0)
            while block := file.read(BLOCK):
                yield block
