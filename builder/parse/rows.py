"""A 绩效目标表's rows: Tika's lines grouped into rows of cells, repeats folded, read in order.

Tika writes every cell on its own line starting with a tab, ends a row with a blank line,
writes an empty ``\\t`` line for a cell that continues a vertically merged cell, and puts
further paragraphs of a cell on the following lines without a tab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from builder.contract.errors import ReportError
from builder.parse.ledger import Ledger
from builder.parse.lines import Line, cells_of, clean_block, compact
from builder.parse.narrative import mark_noise
from builder.parse.values import parse_target

TITLE = re.compile(r"^(?:\d{1,3}\s*[.、．]\s*)?(.+?)绩效目标表$")
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")


class Row:
    """A table row: where it starts, its cells as printed and stripped.

    Plain lists rather than an object per cell: rows are built for every table line.
    """

    __slots__ = ("_key", "body", "last_line", "line", "raws", "texts")

    def __init__(self, line: int, last_line: int, body: str) -> None:
        """``body``: the row's lines (``line`` to ``last_line``), starting with a tab."""
        self.line = line
        self.last_line = last_line
        self.body = body
        self.raws = cells_of(body)
        self.texts = [raw.strip() for raw in self.raws]
        self._key: tuple[str, ...] | None = None

    @property
    def key(self) -> tuple[str, ...]:
        """The cells without whitespace, for matching labels such as 其中：财政    资金."""
        if self._key is None:
            self._key = tuple(compact(t) for t in self.texts)
        return self._key

    def cell_line(self, index: int) -> int:
        """The line the cell ``index`` starts on."""
        return self.line + sum(raw.count("\n") + 1 for raw in self.raws[:index])


Chunk = tuple[int, int, str]
"""A row as found: its first and last line, and its text (starting with the first tab)."""


@dataclass
class Segment:
    """A table's title line and the rows that follow it up to the next title.

    Rows are kept as chunks of text and made into Row objects only when read as such:
    the many indicator rows are read straight from their chunks.
    """

    title: Line
    chunks: list[Chunk]
    end_line: int
    above: list[Line] = field(default_factory=list)
    """Lines of text between the title and the table's first row (table.read_project reads
    them as the unit line, or refuses them)."""
    code_cells: int = 1
    """How many cells 项目编码 the rows hold: one, unless a table's title was lost."""

    def row(self, index: int) -> Row:
        return Row(*self.chunks[index])


def title_of(line: Line) -> str | None:
    """The project title (without numbering and 绩效目标表) if the line is a table title."""
    if line.is_cell or not line.text.endswith("绩效目标表"):
        return None
    match = TITLE.match(line.text)
    return match.group(1).strip() if match else None


_SPACES = frozenset(" \u3000")


def segment(title: Line, raws: list[str], ledger: Ledger, source: str) -> Segment:
    """Group the lines after a table's title into rows of cells.

    Rows are separated by blank lines (empty or spaces; a lone tab is a cell). Blank lines
    are emptied, the lines joined, and the text split at empty lines: tables are most of a
    report, and str.split is far faster than a regular expression or a loop over lines.
    """
    first = title.number + 1
    end = title.number + len(raws)
    if raws:
        ledger.mark_region(first, end, "table cell", blank=" \u3000")
    # Word often leaves a single space on a blank line: empty those in one pass.
    body = "\n".join(raws).replace("\n \n", "\n\n")
    if "\n " in body or "\n\u3000" in body or body[:1] in _SPACES:
        # Some other line starts with a space: a blank line, unless it holds text. Empty
        # every line of spaces so that the split below sees it as blank.
        body = "\n".join(
            [raw if raw[:1] not in _SPACES or raw.strip(" \u3000") else "" for raw in raws]
        )
    chunks: list[Chunk] = []
    above: list[Line] = []
    line = first
    for part in body.split("\n\n"):
        newlines = part.count("\n")
        # A run of blank lines leaves newlines at the start of the next part.
        chunk = part.lstrip("\n") if part[:1] == "\n" else part
        start = line + len(part) - len(chunk)
        line += newlines + 2
        if chunk[:1] == "\t":
            chunks.append((start, line - 2, clean_block(chunk)))
        elif chunk:
            after_noise = _chunk_after_noise(
                chunk, start, title, ledger, source, None if chunks else above
            )
            if after_noise is not None:
                chunks.append(after_noise)
    seg = Segment(title, chunks, end, above, body.count("\t项目编码"))
    _drop_broken_head(seg, ledger)
    return seg


def _chunk_after_noise(
    chunk: str, line: int, title: Line, ledger: Ledger, source: str, above: list[Line] | None
) -> Chunk | None:
    """The row in a chunk that starts with text outside any cell (a page number, a
    bookmark); None if the chunk holds only such noise. Other text is kept in ``above``
    while no row has been read, and refused after."""
    head, tab, rest = chunk.partition("\n\t")
    for number, raw in enumerate(head.split("\n"), start=line):
        text_line = Line(number, raw)
        if mark_noise(text_line, ledger):
            continue
        if above is not None:
            above.append(text_line)
        else:
            raise ReportError(
                source,
                number,
                f"expected a table cell (a line starting with a tab) in the table "
                f"'{title.text}', found text outside the table",
            )
    if not tab:
        return None
    line += head.count("\n") + 1
    return (line, line + rest.count("\n"), clean_block(tab[1:] + rest))


def merge_repeats(segments: list[Segment], ledger: Ledger) -> list[Segment]:
    """Fold a stray copy of a table's title, and the rows it repeats, into the table.

    Word repeats a table's title and first rows when a table is broken across pages by a
    copy-paste (seed family of 004): a title equal to the previous one whose rows start with
    the same unit and code rows is the same table, not a new project.
    """
    merged: list[Segment] = []
    for seg in segments:
        prev = merged[-1] if merged else None
        if prev is not None and _repeats(prev, seg):
            ledger.mark(seg.title.number, "repeated", "stray copy of the table's title")
            same = 0
            while (
                same < len(seg.chunks)
                and same < len(prev.chunks)
                and seg.row(same).key == prev.row(same).key
            ):
                first, last, _ = seg.chunks[same]
                ledger.mark_range(first, last, "repeated", "row repeated after title")
                same += 1
            if same == len(prev.chunks):
                # Not a table broken across pages: a head that broke off and starts over.
                _warn_broken_off(prev.title.number, seg.title.number, ledger)
            prev.chunks.extend(seg.chunks[same:])
            prev.end_line = seg.end_line
        else:
            merged.append(seg)
    return merged


def _drop_broken_head(seg: Segment, ledger: Ledger) -> None:
    """Rows that start the table, break off and start over with the same rows: the first
    copy carries nothing new and is dropped."""
    first_row = seg.chunks[0][2] if len(seg.chunks) >= 4 else None
    again = next((n for n in range(1, min(9, len(seg.chunks))) if seg.chunks[n][2] == first_row), 0)
    if not again:
        return
    copy = [c for _, _, c in seg.chunks[:again]]
    if [c for _, _, c in seg.chunks[again : 2 * again]] != copy:
        return
    first, last = seg.chunks[0][0], seg.chunks[again - 1][1]
    ledger.mark_range(first, last, "repeated", "table head that broke off")
    _warn_broken_off(first, seg.chunks[again][0], ledger)
    del seg.chunks[:again]


def _warn_broken_off(first: int, again: int, ledger: Ledger) -> None:
    ledger.warn(
        first,
        f"the table's head starts here, breaks off and starts over at line {again}; "
        f"the first copy holds nothing the second lacks and is left out",
    )


def _repeats(prev: Segment, seg: Segment) -> bool:
    return (
        compact(prev.title.text) == compact(seg.title.text)
        and len(seg.chunks) >= 2
        and len(prev.chunks) >= 2
        and seg.row(0).key == prev.row(0).key
        and seg.row(1).key == prev.row(1).key
    )


class RowReader:
    """Reads a segment's rows in their fixed order, with errors that say what was expected."""

    def __init__(self, seg: Segment, source: str, ledger: Ledger) -> None:
        self.seg = seg
        self.count = len(seg.chunks)
        self.pos = 0
        self.source = source
        self.ledger = ledger

    def error(self, expected: str, row: Row | None = None) -> ReportError:
        if row is None and self.pos < self.count:
            row = self.seg.row(self.pos)
        if row is None:
            line = self.seg.end_line
            found = "the table ends here"
        else:
            line = row.line
            found = "found " + " | ".join(t or "(empty)" for t in row.texts[:7])
        return ReportError(self.source, line, f"expected {expected}; {found}")

    def take(self, expected: str, labels: tuple[str | None, ...]) -> Row:
        """The next row, checked against its label cells (None: any value)."""
        if self.pos >= self.count:
            raise self.error(expected)
        row = self.seg.row(self.pos)
        if len(row.texts) != len(labels):
            raise self.error(expected)
        for got, want in zip(row.texts, labels, strict=True):
            if want is not None and got != want and compact(got) != want:
                raise self.error(expected)
        self.pos += 1
        self.ledger.mark_labels(row.line, row.body, labels)
        return row

    def peek(self) -> Row | None:
        return self.seg.row(self.pos) if self.pos < self.count else None


def read_indicators(r: RowReader) -> list[dict[str, Any]]:
    """Indicator rows, with 一级/二级 filled in from the merged cell above.

    Read straight from the row chunks: a report has dozens of these rows.
    """
    result: list[dict[str, Any]] = []
    level1 = level2 = ""
    for index in range(r.pos, r.count):
        line, last, chunk = r.seg.chunks[index]
        texts = list(map(str.strip, cells_of(chunk)))
        if texts[0] == INDICATOR_HEADER[0] and r.seg.row(index).key == INDICATOR_HEADER:
            # A header row repeated at a page break.
            r.ledger.mark_range(line, last, "repeated", "indicator header repeated")
            continue
        if len(texts) != 6:
            raise r.error(
                f"an indicator row of 6 cells ({' | '.join(INDICATOR_HEADER)}), "
                f"found {len(texts)} cells",
                r.seg.row(index),
            )
        if texts[0]:
            level1, level2 = texts[0], ""
        if texts[1]:
            level2 = texts[1]
        if not level1 or not level2:
            raise r.error(
                "一级指标 and 二级指标 in the first indicator row of a group", r.seg.row(index)
            )
        result.append(
            {
                "level1": level1,
                "level2": level2,
                "level3": texts[2],
                "description": texts[3],
                "value": texts[4],
                "target": parse_target(texts[4]),
                "basis": texts[5],
                "line": line,
            }
        )
    r.pos = r.count
    if not result:
        raise r.error("at least one indicator row after the header")
    return result
