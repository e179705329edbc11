"""The reader seam: one reader per input format, each turning a file's bytes into report text.

Every reader yields the same text the parser reads (Tika's rendering of the Word table
grid: a line per cell, a blank line per row end), so that every format feeds one table
reader and one parser. A new format is a new entry here, with its fixture.

A reader also says where each line came from when a line number is no help to a person:
a Word file has no lines, so its reader names the paragraph or the table, row and cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from builder.parse.decode import decode
from builder.parse.lines import Text
from builder.parse.pdf import read_pdf
from builder.parse.word import read_docx

Reader = Callable[[bytes, str], Text]
"""(the file's bytes, its source name) → report text; ReportError for bad input."""


def _text_file(data: bytes, source: str) -> Text:
    return Text(decode(data, source))


CONVERTED_TO_DOCX: tuple[str, ...] = (".doc", ".odt", ".rtf", ".wps")
"""Formats intake has LibreOffice convert to .docx first (builder/engines/libreoffice.py):
their reader is the .docx reader, given the converted bytes."""

READERS: Mapping[str, Reader] = {
    ".txt": _text_file,  # the text Apache Tika extracts from a .docx
    ".docx": read_docx,
    ".pdf": read_pdf,  # with a text layer: exported from Word, WPS or LibreOffice
    **dict.fromkeys(CONVERTED_TO_DOCX, read_docx),
}


def suffix_of(source: str) -> str:
    """A file name's suffix in lower case ('.txt' for 'a.TXT'); '' when it has none."""
    name = source.rsplit("/", 1)[-1].rstrip()  # "报告.docx " is a .docx
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def reader_for(source: str) -> Reader:
    """The reader of a file by its suffix; text for any suffix not known (a path given)."""
    return READERS.get(suffix_of(source), _text_file)


def read_text(data: bytes, source: str) -> Text:
    """A report file's bytes → the text the parser reads, with its places."""
    return reader_for(source)(data, source)
