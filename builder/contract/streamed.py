"""A large file given in parts, each made or read as it is written: never held whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True)
class Streamed:
    """A file's text in parts, made as they are taken (once: the parts may be a generator).

    all.json and the CSV downloads are 10–190 MB at 3,000 reports, the findings of the
    quality section 80 MB; as one Python string such a text takes twice its size and its
    UTF-8 as much again.
    """

    parts: Iterable[str]

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class StreamedBytes:
    """A large binary file in parts (the SQLite download, 440 MB at 10,000 reports), read from
    where it was made as they are taken."""

    parts: Iterable[bytes]

    def whole(self) -> bytes:
        return b"".join(self.parts)


CHUNK = 1 << 20


def chunks_of(handle: BinaryIO) -> Iterator[bytes]:
    """An open file's bytes in chunks, to its end; it is closed then."""
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk
