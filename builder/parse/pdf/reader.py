"""The PDF reader: a report's PDF → the text Tika prints of its Word file, with places.

Pages are read in order (builder/parse/pdf/pages.py), with the paragraph and table cell
of each character when the PDF is tagged (tags.py); on each, the ruled tables and the
prose around them are found (grid.py), page headers and footers left out
(furniture.py), prose lines unwrapped into paragraphs across page breaks (wrap.py) and
tables joined over page breaks into the rows Word holds (tables.py). The result reads
as a .docx does: a line per paragraph, a line per cell, a blank line per row end, so
that the one parser reads it. Each line's place is its page, and for a table line the
table and row (``page 3, table 2, row 5``), counted as a person counts them.
Pure: bytes in, text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from builder.contract import places
from builder.contract.errors import ReportError
from builder.parse.lines import Text
from builder.parse.pdf.furniture import furniture
from builder.parse.pdf.grid import Grid, tables
from builder.parse.pdf.pages import OCR, read_pages
from builder.parse.pdf.tables import Table, extend, render, start
from builder.parse.pdf.wrap import HANGING, Line, lines_of, opened


@dataclass
class _Out:
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    prose: list[tuple[int, Line]] = field(default_factory=list)
    """Prose lines not yet written: a paragraph may run on over a page break."""
    table: Table | None = None
    """The table not yet written: it may run on over a page break."""
    tables: int = 0


def read_pdf(data: bytes, source: str) -> Text:
    """A PDF's bytes → report text with the place of each line; ReportError if unreadable."""
    pages = read_pages(data, source)
    laid: list[tuple[list[Grid], list[Line]]] = []
    for page in pages:
        grids, outside = tables(page.rules, page.chars)
        laid.append((grids, lines_of(outside)))
    height = max(page.height for page in pages)
    noise = furniture([prose for _, prose in laid], height)
    kept = [[line for line in prose if line not in noise] for _, prose in laid]
    everything = [line for prose in kept for line in prose]
    if not everything and not any(grids for grids, _ in laid):
        raise ReportError(source, 1, f"expected a report's text: this PDF {OCR}")
    # The margin is where lines start that are not indented; when every paragraph is
    # one indented line, only the page header, which is set from the margin, shows it.
    left = min((line.x0 for line in [*everything, *noise]), default=0.0)
    # A line ending in a stop may hang it past the margin (LibreOffice's hanging
    # punctuation): the column's edge is where lines of characters end.
    right = _right_edge([line.x1 for line in everything if line.text[-1] not in HANGING])
    right = right or _right_edge([line.x1 for line in everything])
    # A short report may have no two lines that reach the right margin: it is taken to
    # be as wide as the left one, as the page sizes of Word and WPS set it.
    right = max(right, min(page.width for page in pages) - left)
    out = _Out()
    for page, (grids, _), prose in zip(pages, laid, kept, strict=True):
        items: list[tuple[float, Grid | Line]] = [(g.top, g) for g in grids]
        items += [(line.top, line) for line in prose]
        items.sort(key=lambda item: item[0])
        for n, (_, item) in enumerate(items):
            if isinstance(item, Line):
                _write_table(out)
                out.prose.append((page.number, item))
                continue
            _write_prose(out, left, right)
            if n == 0 and out.table is not None and out.table.continued_by(item):
                extend(out.table, item, page.number)
            else:
                _write_table(out)
                out.tables += 1
                out.table = start(out.tables, item, page.number)
        if items and isinstance(items[-1][1], Line):
            _write_table(out)
    _write_table(out)
    _write_prose(out, left, right)
    return Text("".join(f"{line}\n" for line in out.lines), tuple(out.places))


def _write_table(out: _Out) -> None:
    if out.table is not None:
        lines, where = render(out.table)
        out.lines += lines
        out.places += where
        out.table = None


def _write_prose(out: _Out, left: float, right: float) -> None:
    pages = {id(line): page for page, line in out.prose}
    for text, first in opened([line for _, line in out.prose], left, right, body=True):
        out.lines.append(text)
        out.places.append(places.page(pages[id(first)]))
    out.prose = []


def _right_edge(ends: list[float]) -> float:
    """Where the text column ends: the furthest line end that two lines reach (one line
    may run past it, squeezed by Latin punctuation)."""
    ends = sorted(ends, reverse=True)
    for first, second in pairwise(ends):
        if first - second <= 0.5:
            return first
    return ends[0] if ends else 0.0
