"""Source lines and the layout noise Word leaves inside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
# A Word TOC field left in the text: "一、总体绩效目标 TC 总体绩效目标 \f A \l 1".
_FIELD_CODE = re.compile(r"\s+TC\s+.*?\\f\s+\S+\s+\\l\s+\d+\s*$")
_PAGE_NUMBER = re.compile(r"^(\d{1,4}|-\s*\d{1,4}\s*-|第\s*\d+\s*页(\s*共\s*\d+\s*页)?)$")


@dataclass(frozen=True)
class Line:
    """One input line: its number, the raw text and the text without Word noise."""

    number: int
    raw: str
    text: str

    @property
    def is_cell(self) -> bool:
        """True for a table cell's first line, which Tika starts with a tab."""
        return self.raw.startswith("\t")

    @property
    def is_blank(self) -> bool:
        return not self.raw.strip()

    @property
    def is_bookmark_only(self) -> bool:
        return bool(_BOOKMARK.search(self.raw)) and not self.text

    @property
    def is_page_number(self) -> bool:
        return bool(_PAGE_NUMBER.match(self.text))


def clean(raw: str) -> str:
    """The line's text without bookmarks, field codes and surrounding whitespace."""
    return _FIELD_CODE.sub("", _BOOKMARK.sub("", raw)).strip()


def split_lines(text: str) -> list[Line]:
    """The text's lines, numbered from 1; a final newline does not make an extra line."""
    raws = text.split("\n")
    if raws and raws[-1] == "":
        raws.pop()
    if raws and raws[0].startswith("\ufeff"):
        raws[0] = raws[0][1:]
    return [Line(n, raw, clean(raw)) for n, raw in enumerate(raws, start=1)]


def compact(text: str) -> str:
    """Text without any whitespace, for comparing labels such as 其中：财政    资金."""
    return "".join(text.split())
