"""Each report's share of the shared downloads, kept in the work folder by the report's key.

A share is a few sections of bytes (builder/downloads/shares.py); one file per report holds
them, behind a header of each section's length and CRC-32, so that one section is read
without the others and a file cut short or changed is noticed and made again. A file is
written under a temporary name and renamed, so a build stopped halfway leaves whole files or
none. Without a folder the shares are held in memory (a small site, or a test).
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

SUFFIX = ".share"
_COUNT = struct.Struct("<I")
_SECTION = struct.Struct("<QI")  # length, CRC-32


class ShareStore:
    """Shares by key: read from ``folder`` when kept there whole, else made and kept."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._memory: dict[str, list[bytes]] = {}
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def section(self, key: str, number: int, make: Callable[[], Sequence[bytes]]) -> bytes:
        """Section ``number`` of the share kept under ``key``; ``make`` gives every section
        of it when it is not kept, or not whole."""
        if self._folder is None:
            if key not in self._memory:
                self._memory[key] = list(make())
            return self._memory[key][number]
        found = _read_section(self._folder / f"{key}{SUFFIX}", number)
        if found is not None:
            return found
        sections = list(make())
        _write(self._folder, key, sections)
        return sections[number]

    def keep_only(self, keys: Collection[str]) -> None:
        """Remove the kept shares of any other key, and what a stopped build left."""
        if self._folder is None:
            return
        wanted = {f"{key}{SUFFIX}" for key in keys}
        with os.scandir(self._folder) as entries:
            for entry in entries:
                if entry.name not in wanted:
                    os.unlink(entry.path)


def _read_section(path: Path, number: int) -> bytes | None:
    try:
        with path.open("rb") as file:
            head = file.read(_COUNT.size)
            if len(head) < _COUNT.size:
                return None
            (count,) = _COUNT.unpack(head)
            if number >= count:
                return None
            table = file.read(_SECTION.size * count)
            if len(table) < _SECTION.size * count:
                return None
            sections = [_SECTION.unpack_from(table, i * _SECTION.size) for i in range(count)]
            start = _COUNT.size + len(table) + sum(length for length, _ in sections[:number])
            end = start + sum(length for length, _ in sections[number:])
            if os.fstat(file.fileno()).st_size != end:
                return None
            length, crc = sections[number]
            file.seek(start)
            data = file.read(length)
    except OSError:
        return None
    return data if len(data) == length and zlib.crc32(data) == crc else None


def _write(folder: Path, key: str, sections: Sequence[bytes]) -> None:
    head = _COUNT.pack(len(sections)) + b"".join(
        _SECTION.pack(len(data), zlib.crc32(data)) for data in sections
    )
    partial = folder / f"{key}{SUFFIX}.tmp"
    with partial.open("wb") as out:
        out.write(head)
        for data in sections:
            out.write(data)
    os.replace(partial, folder / f"{key}{SUFFIX}")
