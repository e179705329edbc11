"""Lossless accounting: every input line is placed in the model or named as layout noise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from builder.parse.lines import cells_of

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

    __slots__ = ("_labels", "_log", "_raws", "_regions", "warnings")

    def __init__(self, raws: list[str]) -> None:
        self._raws = raws
        self._regions: list[tuple[int, int, str, str | None]] = []
        self._log: list[tuple[int, int, Use, str]] = []
        self._labels: list[tuple[int, str, tuple[str | None, ...]]] = []
        self.warnings: list[tuple[int, str]] = []
        """(line, message) of what parsed but looks wrong: data kept, a person told."""

    def warn(self, line: int, message: str) -> None:
        """Record a warning at ``line``: the parse goes on, and the file is published."""
        self.warnings.append((line, message))

    def mark(self, line: int, use: Use, where: str = "") -> None:
        self._log.append((line, line, use, where))

    def mark_range(self, first: int, last: int, use: Use, where: str = "") -> None:
        """Mark lines first..last (inclusive) alike."""
        self._log.append((first, last, use, where))

    def mark_region(self, first: int, last: int, where: str, *, blank: str | None = None) -> None:
        """Mark lines first..last as content, but blank lines as blank.

        A line is blank when stripping ``blank`` (all whitespace when None; in a table a
        lone tab is an empty cell, so there only spaces) leaves nothing. Decided when a
        report is asked for, from the lines themselves: this saves a mark per line on the
        hot path. Any other mark of a line in a region wins over the region's.
        """
        self._regions.append((first, last, where, blank))

    def mark_labels(self, line: int, row: str, labels: tuple[str | None, ...]) -> None:
        """Mark the label cells of a table row that starts at ``line``.

        ``row`` is the row as printed (cells start with a tab; a cell's later paragraphs
        follow on lines without one); a label's line is found only when a report is asked for.
        """
        self._labels.append((line, row, labels))

    def _replay(self) -> list[tuple[Use, str] | None]:
        # The last mark wins (a cell first seen as content may turn out to be a label);
        # label cells are marked last: they are read from rows already marked as content.
        uses: list[tuple[Use, str] | None] = [None] * (len(self._raws) + 1)
        for first, last, where, blank in self._regions:
            for n in range(first, last + 1):
                empty = not self._raws[n - 1].strip(blank)
                uses[n] = ("blank", "") if empty else ("content", where)
        for first, last, use, where in self._log:
            uses[first : last + 1] = [(use, where)] * (last + 1 - first)
        for line, row, labels in self._labels:
            for cell, label in zip(cells_of(row), labels, strict=True):
                if label:
                    uses[line] = ("label", label)
                line += cell.count("\n") + 1
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
