"""Source lines and the layout noise Word leaves inside them."""

from __future__ import annotations

import re
from typing import NamedTuple

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
# A Word TOC field left in the text: "一、总体绩效目标 TC 总体绩效目标 \f A \l 1".
_FIELD_CODE = re.compile(r"\s+TC\s+.*?\\f\s+\S+\s+\\l\s+\d+\s*$")
# Page numbers start with a digit, a dash or 第: a cheap test before the pattern.
_PAGE_NUMBER_START = frozenset("0123456789-第")
_PAGE_NUMBER = re.compile(r"^(\d{1,4}|-\s*\d{1,4}\s*-|第\s*\d+\s*页(\s*共\s*\d+\s*页)?)$")


class Line:
    """One input line: its number, the raw text and the text without Word noise.

    A plain slotted class: one is made per input line, on the parser's hot path.
    """

    __slots__ = ("is_cell", "number", "raw", "text")

    def __init__(self, number: int, raw: str) -> None:
        self.number = number
        self.raw = raw
        # A table cell's first line, which Tika starts with a tab.
        self.is_cell = raw.startswith("\t")
        self.text = clean(raw) if "[" in raw or "\\" in raw else raw.strip()

    def __repr__(self) -> str:
        return f"Line({self.number}, {self.raw!r})"

    @property
    def is_blank(self) -> bool:
        return not self.text and not self.raw.strip()

    @property
    def is_bookmark_only(self) -> bool:
        return not self.text and "[bookmark:" in self.raw

    @property
    def is_page_number(self) -> bool:
        text = self.text
        return bool(text) and text[0] in _PAGE_NUMBER_START and bool(_PAGE_NUMBER.match(text))

    @property
    def is_noise(self) -> bool:
        """A blank, bookmark-only or page-number line."""
        return not self.text or self.is_page_number


# The same field code inside a table row of several lines: only spaces and tabs may
# surround it, so that it never reaches across a line end.
_FIELD_CODE_IN_BLOCK = re.compile(
    r"[ \t]+TC[ \t]+[^\n]*?\\f[ \t]+\S+[ \t]+\\l[ \t]+\d+[ \t]*$", re.MULTILINE
)


def clean_block(text: str) -> str:
    """Lines of text without bookmarks and field codes; line ends are kept."""
    if "[bookmark:" in text:
        text = _BOOKMARK.sub("", text)
    if "\\l" in text:
        text = _FIELD_CODE_IN_BLOCK.sub("", text)
    return text


def cells_of(row: str) -> list[str]:
    """A table row's cells as printed: the row starts with a tab, each cell with one."""
    return row[1:].split("\n\t")


def clean(raw: str) -> str:
    """The line's text without bookmarks, field codes and surrounding whitespace."""
    if "[bookmark:" in raw:
        raw = _BOOKMARK.sub("", raw)
    if "\\l" in raw:
        raw = _FIELD_CODE.sub("", raw)
    return raw.strip()


def normalize_newlines(text: str) -> str:
    """Text with CR LF and lone CR line ends turned into LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_lines(text: str) -> list[str]:
    """The text's raw lines (line n at index n-1); a final newline makes no extra line."""
    raws = text.split("\n")
    if raws and raws[-1] == "":
        raws.pop()
    if raws and raws[0].startswith("\ufeff"):
        raws[0] = raws[0][1:]
    return raws


def compact(text: str) -> str:
    """Text without any whitespace, for comparing labels such as 其中：财政    资金."""
    return "".join(text.split())


class Text(NamedTuple):
    """A report as the parser reads it, and where each of its lines is in the file."""

    text: str
    places: tuple[str, ...] | None = None
    """The place of line n at index n-1, in words; None: the line number is the place."""

    def place(self, line: int) -> str:
        """Line ``line`` (1-based) as a person finds it in the file; '' for a text file."""
        if self.places is None or not self.places:
            return ""
        return self.places[min(max(line, 1), len(self.places)) - 1]
