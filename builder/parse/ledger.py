"""Lossless accounting: every input line is placed in the model or named as layout noise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Use = Literal[
    "content",  # text placed in the model (where says which field)
    "heading",  # a part or section heading, or a table's title
    "label",  # a table's label cell, e.g. 项目编码 or 一级指标
    "blank",  # an empty or whitespace-only line
    "bookmark",  # a line holding only Word bookmarks
    "page_number",  # a page number left by the conversion
    "repeated",  # a repeated fragment: page headers, stray title copies and their rows
    "unaccounted",  # only in reports: a line no step placed (a parser bug; tests forbid it)
]

NOISE: frozenset[str] = frozenset({"blank", "bookmark", "page_number", "repeated"})


@dataclass(frozen=True)
class LineUse:
    """How one input line was used."""

    line: int
    use: Use
    where: str


class Ledger:
    """Collects how each line was used while a document is parsed.

    Marks are appended to a log of line ranges and replayed only when a report is asked
    for: marking sits on the parser's hot path, reporting does not.
    """

    __slots__ = ("_line_count", "_log")

    def __init__(self, line_count: int) -> None:
        self._line_count = line_count
        self._log: list[tuple[int, int, Use, str]] = []

    def mark(self, line: int, use: Use, where: str = "") -> None:
        self._log.append((line, line, use, where))

    def mark_range(self, first: int, last: int, use: Use, where: str = "") -> None:
        """Mark lines first..last (inclusive) alike."""
        self._log.append((first, last, use, where))

    def _replay(self) -> list[tuple[Use, str] | None]:
        # The last mark wins: a cell first seen as content may turn out to be a label.
        uses: list[tuple[Use, str] | None] = [None] * (self._line_count + 1)
        for first, last, use, where in self._log:
            uses[first : last + 1] = [(use, where)] * (last + 1 - first)
        return uses

    def unaccounted(self) -> list[int]:
        """Lines (1-based) that no step placed or classified."""
        uses = self._replay()
        return [n for n in range(1, len(uses)) if uses[n] is None]

    def report(self) -> list[LineUse]:
        """One entry per line in order; lines nobody used appear as use 'unaccounted'."""
        return [
            LineUse(n, *(entry or ("unaccounted", "")))
            for n, entry in enumerate(self._replay())
            if n > 0
        ]
