"""The reader seam: one reader per input format, each turning a file's bytes into report text.

Every reader yields the same text the parser reads (Tika's rendering of the Word table
grid: a line per cell, a blank line per row end), so that every format feeds one table
reader and one parser. A new format is a new entry here, with its fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from builder.parse.decode import decode

Reader = Callable[[bytes, str], str]
"""(the file's bytes, its source name) → report text; ReportError for bad input."""

READERS: Mapping[str, Reader] = {
    ".txt": decode,  # the text Apache Tika extracts from a .docx
}
SUFFIXES: tuple[str, ...] = tuple(sorted(READERS))
"""The file suffixes that are reports."""


def reader_for(source: str) -> Reader:
    """The reader of a file by its suffix; text for any suffix not known (a path given)."""
    dot = source.rfind(".")
    suffix = source[dot:].lower() if dot > source.rfind("/") else ""
    return READERS.get(suffix, decode)


def read_text(data: bytes, source: str) -> str:
    """A report file's bytes → the text the parser reads."""
    return reader_for(source)(data, source)
