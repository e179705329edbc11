"""Lossless accounting: every input line is placed in the model or named as layout noise."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Ledger:
    """Collects one LineUse per line while a document is parsed."""

    uses: dict[int, LineUse] = field(default_factory=dict)

    def mark(self, line: int, use: Use, where: str = "") -> None:
        # The last use wins: a cell first seen as content may turn out to be a label.
        self.uses[line] = LineUse(line, use, where)

    def unaccounted(self, line_count: int) -> list[int]:
        """Lines (1-based) that no step placed or classified."""
        return [n for n in range(1, line_count + 1) if n not in self.uses]

    def report(self, line_count: int) -> list[LineUse]:
        """One entry per line in order; lines nobody used appear as use 'unaccounted'."""
        return [
            self.uses.get(n, LineUse(n, "unaccounted", "")) for n in range(1, line_count + 1)
        ]
