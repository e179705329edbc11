"""Ruled tables across pages → rows of cells as Word holds them, then as Tika prints them.

A table that runs over a page break is printed as pieces, one per page; they are joined
back into one table when the piece is the first thing on its page, the one before was
the last thing on its own, and its columns are the table's columns. Then:
- the rows Word repeats at the top of each page ("repeat as header row", ``w:tblHeader``)
  are layout: a piece's first rows that equal the table's first rows are left out;
- a row Word split over the break continues at the top of the next page, its finished
  cells empty there: the piece's first row joins the row above when each of its cells
  with text lies under a cell whose text ran to the bottom of its page, and its text
  runs on mid-paragraph (in every cell, or plainly in all but one: see _continues);
- a cell merged down (``w:vMerge``) prints its text at its first row and an empty cell
  below; one merged across (``w:gridSpan``) is one cell.
A tagged PDF names each piece's table cell (tags.py), which settles what the break cut:
text at the top of a page in a cell begun before it goes back to that cell. Untagged,
a whole row whose cells fill their columns looks the same as one cut by the break.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.contract import places
from builder.parse.pdf.grid import SNAP, Cell, Grid
from builder.parse.pdf.wrap import Line, latin, lines_of, paragraphs, wrapped

PADDING = 5.7
"""The most a cell's inner margin is taken to be (Word's default is 0.19 cm, 5.4 pt)."""


@dataclass(eq=False)
class Slot:
    """One cell of one row: its lines (from every page it is printed on) and its column."""

    x0: float
    x1: float
    starts: bool
    """Whether the cell begins in this row; False where a merge from above continues."""
    lines: list[Line] = field(default_factory=list)
    full: bool = False
    """Whether its text runs to the bottom of the cell, as a cell cut by a page break does."""


@dataclass(eq=False)
class Row:
    page: int
    slots: list[Slot]


@dataclass(eq=False)
class Table:
    number: int
    xs: list[float]
    padding: float
    rows: list[Row] = field(default_factory=list)
    heads: list[tuple[tuple[bool, str], ...]] = field(default_factory=list)
    """What each of the first rows says, for the header rows repeated on later pages."""

    def texts(self, slot: Slot) -> list[str]:
        """A cell's paragraphs: its lines unwrapped within its inner width."""
        return paragraphs(slot.lines, slot.x0 + self.padding, slot.x1 - self.padding)

    def says(self, row: Row) -> tuple[tuple[bool, str], ...]:
        return tuple((s.starts, "\n".join(self.texts(s))) for s in row.slots)

    def continued_by(self, grid: Grid) -> bool:
        """Whether ``grid`` has this table's columns: some of them, or all and more (the
        piece before held only rows of wide merged cells, as a head's first rows are)."""
        if abs(grid.xs[0] - self.xs[0]) > SNAP or abs(grid.xs[-1] - self.xs[-1]) > SNAP:
            return False

        def within(xs: list[float], others: list[float]) -> bool:
            return all(any(abs(x - other) <= SNAP for other in others) for x in xs)

        return within(grid.xs, self.xs) or within(self.xs, grid.xs)


def _padding(grid: Grid) -> float:
    gaps = [min(c.x0 for c in cell.chars) - cell.x0 for cell in grid.cells if cell.chars]
    return max(0.0, min([PADDING, *gaps]))


def _rows(grid: Grid, page: int) -> list[Row]:
    out: list[Row] = []
    text: dict[int, list[Line]] = {id(c): lines_of(c.chars) for c in grid.cells}
    last = len(grid.ys) - 2
    for r, cells in enumerate(grid.rows()):
        slots = []
        for cell in cells:
            starts = cell.row == r
            slot = Slot(cell.x0, cell.x1, starts, text[id(cell)] if starts else [])
            if r == last:
                slot.full = _full(cell, text[id(cell)])
            slots.append(slot)
        out.append(Row(page, slots))
    return out


def _full(cell: Cell, lines: list[Line]) -> bool:
    return bool(lines) and cell.bottom - lines[-1].bottom < 0.8 * lines[-1].size


def start(number: int, grid: Grid, page: int) -> Table:
    """A new table from its first piece."""
    table = Table(number, list(grid.xs), _padding(grid))
    table.rows = _rows(grid, page)
    table.heads = [table.says(row) for row in table.rows[:8]]
    return table


def extend(table: Table, grid: Grid, page: int) -> None:
    """The table continued by its piece on the next page."""
    table.xs = sorted(
        {*table.xs, *(x for x in grid.xs if all(abs(x - m) > SNAP for m in table.xs))}
    )
    rows = _rows(grid, page)
    repeated = 0
    while (
        repeated < len(rows) - 1
        and repeated < len(table.heads)
        and table.says(rows[repeated]) == table.heads[repeated]
    ):
        repeated += 1
    rows = rows[repeated:]
    if rows and table.rows:
        settled = _by_tags(table, rows[0])
        if settled is not None:
            if settled:
                rows.pop(0)
        elif _continues(table.rows[-1], rows[0], table.padding):
            _join(table.rows[-1], rows.pop(0))
        else:
            _spilled(table.rows[-1], rows[0], table.padding)
    table.rows.extend(rows)


def _by_tags(table: Table, row: Row) -> bool | None:
    """In a tagged PDF, the text of ``row`` (first on its page) that belongs to cells begun
    on the pages before goes back to them (a row cut by the break, a label merged down
    and cut); whether nothing of the row is left. None when its text is not tagged."""
    slots = [slot for slot in row.slots if slot.lines]
    tags = [slot.lines[0].tag() for slot in slots]
    cells = [tag.cell for tag in tags if tag is not None and tag.cell is not None]
    if not slots or len(cells) < len(slots):
        return None
    owners: dict[tuple[int, ...], Slot] = {}
    for earlier in table.rows:
        for slot in earlier.slots:
            tag = slot.lines[-1].tag(last=True) if slot.starts and slot.lines else None
            if tag is not None and tag.cell is not None:
                owners[tag.cell] = slot
    above = table.rows[-1]
    # A cell of the row cut at the foot that printed nothing there still has its row's tag.
    cut = {tag.row for s in above.slots if s.lines and (tag := s.lines[0].tag()) is not None}
    moved = 0
    for slot, cell in zip(slots, cells, strict=True):
        owner = owners.get(cell)
        if owner is None and cell[:-1] in cut:
            owner = _under(slot, above)
        if owner is not None:
            owner.lines.extend(slot.lines)
            slot.lines = []
            moved += 1
    return moved == len(slots)


def _under(slot: Slot, above: Row) -> Slot | None:
    """The slot of ``above`` over the most of ``slot``'s width."""
    best, most = None, 0.0
    for candidate in above.slots:
        overlap = min(slot.x1, candidate.x1) - max(slot.x0, candidate.x0)
        if overlap > most:
            best, most = candidate, overlap
    return best if most > 0.5 * (slot.x1 - slot.x0) else None


def _continues(above: Row, row: Row, padding: float) -> bool:
    """Whether ``row``, first on its page, is the rest of ``above``, cut by the break."""
    if not any(s.lines for s in row.slots):
        return False
    runs_on: list[bool] = []
    plainly = 0
    for slot in row.slots:
        over = _under(slot, above)
        if slot.lines:
            if over is None or not over.full or not over.lines:
                return False
            left, right = over.x0 + padding, over.x1 - padding
            runs_on.append(wrapped(over.lines[-1], slot.lines[0], left, right))
            plainly += runs_on[-1] and not latin(slot.lines[0].text[0])
    # Every cell's text runs on mid-paragraph; or all but one do, the cut of that one fell
    # between its paragraphs, and the others plainly run on: a Chinese character (or a
    # bracket) that did not fit. A Latin word that would not have fitted is no proof:
    # 100.00% under a 12月底 that fills its narrow column is a new row. Nor is a row whose
    # cells all fill it: it looks cut at its foot though it is whole.
    fresh = runs_on.count(False)
    return (
        fresh == 0
        or (fresh == 1 and len(runs_on) > 1 and plainly == len(runs_on) - 1)
        or _between_paragraphs(above, row)
    )


def _between_paragraphs(above: Row, row: Row) -> bool:
    """Whether ``row`` is one cell's next paragraphs, cut from a row of one-line cells.

    Geometry cannot tell this from a new row under cells merged down from ``above``: so
    only the case where it is one cell that goes on, the row's cells are ``above``'s
    cells and every other cell is empty. A new row of that shape would be a row of one
    value under merged labels, which no report of this family has (the parser refuses
    a 绩效目标 row with an empty label), while a 绩效目标 cell of several paragraphs
    cut after its first is common.
    """
    if len(row.slots) != len(above.slots) or len(row.slots) < 2:
        return False
    for slot, over in zip(row.slots, above.slots, strict=True):
        if abs(slot.x0 - over.x0) > SNAP or abs(slot.x1 - over.x1) > SNAP:
            return False
    going_on = [(s, o) for s, o in zip(row.slots, above.slots, strict=True) if s.lines]
    if len(going_on) != 1:
        return False
    _, over = going_on[0]
    return over.full and bool(over.lines)


def _spilled(above: Row, row: Row, padding: float) -> None:
    """A merged cell's text that ran on over the break (its first row on one page, the
    next on the other) goes back to the cell; the row itself is a row of its own."""
    for slot in row.slots:
        over = _under(slot, above)
        if slot.lines and over is not None and over.full and over.lines:
            first = slot.lines[0]
            if latin(first.text[0]):
                # A number under a column heading that fills its cell (12月底 over
                # 100.00%) is that column's value: it would not have fitted beside the
                # heading either. The labels merged down are Chinese.
                continue
            others = [len(o.lines) for o in above.slots if o is not over and o.starts and o.lines]
            if others and len(over.lines) > max(others):
                # The row is as tall as this cell's text, which therefore ended there: a
                # label merged down runs on only when the row, set by its other cells, is
                # shorter than the label.
                continue
            last = over.lines[-1]
            # Only a line filled to the cell's edge: a short cell may look full to wrapped().
            if (over.x1 - over.x0 - 2 * padding) - (last.x1 - last.x0) < 0.5 * last.size:
                over.lines.extend(slot.lines)
                slot.lines = []


def _join(above: Row, row: Row) -> None:
    for slot in row.slots:
        over = _under(slot, above)
        if over is not None:
            over.lines.extend(slot.lines)


def render(table: Table) -> tuple[list[str], list[str]]:
    """The table as Tika prints it, and the place of each line."""
    lines: list[str] = []
    where: list[str] = []
    if all(len(row.slots) <= 1 for row in table.rows):
        # A layout table (one cell a row): read as the paragraphs it holds, as Word's is.
        for row in table.rows:
            for slot in row.slots:
                for text in table.texts(slot) if slot.starts else []:
                    lines.append(text)
                    where.append(places.page(row.page))
        return lines, where
    for r, row in enumerate(table.rows, start=1):
        place = places.page_row(row.page, table.number, r)
        for slot in row.slots:
            texts = table.texts(slot) if slot.starts else []
            lines.append(f"\t{texts[0]}" if texts else "\t")
            lines.extend(texts[1:])
            where.extend([place] * max(1, len(texts)))
        lines.append("")
        where.append(place)
    return lines, where
