"""A page's rules → its tables: the grid they draw, and the cells, merged ones included.

Exported reports rule every cell, so the strokes are the table: strokes that touch form
one table; the distinct x of its vertical strokes and y of its horizontal ones are its
grid; two neighbouring grid squares belong to one cell when no stroke runs between them.
A cell therefore spans the grid rows and columns a merged Word cell spans (``w:vMerge``
down, ``w:gridSpan`` across). Every character whose middle lies in a table goes to its
cell; the rest are the page's prose. Strokes that form no grid (an underline, a rule
under a heading) are not a table.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.parse.pdf.pages import Char, Rule

SNAP = 2.0
"""Strokes this close (points) are one: double borders, half-point offsets between cells."""


@dataclass(eq=False)
class Cell:
    """One cell: grid rows ``row``..``row_end`` and columns ``col``..``col_end`` (exclusive)."""

    row: int
    row_end: int
    col: int
    col_end: int
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[Char] = field(default_factory=list)


@dataclass(eq=False)
class Grid:
    """One ruled table on one page."""

    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    squares: list[list[Cell]]
    """The cell of each grid square, by row then column."""

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def rows(self) -> list[list[Cell]]:
        """The cells covering each grid row, left to right (a merged cell in each it spans)."""
        out = []
        for row in self.squares:
            cells: list[Cell] = []
            for cell in row:
                if not cells or cells[-1] is not cell:
                    cells.append(cell)
            out.append(cells)
        return out

    def cell_at(self, x: float, y: float) -> Cell | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        r = min(bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        c = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        return self.squares[r][c]


def _merged(rules: Sequence[Rule]) -> list[Rule]:
    """Collinear strokes that overlap or nearly touch → one stroke each."""
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.horizontal, round(r.at / SNAP), r.low)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.horizontal == rule.horizontal
            and abs(last.at - rule.at) <= SNAP
            and rule.low <= last.high + SNAP
        ):
            out[-1] = Rule(last.horizontal, last.at, last.low, max(last.high, rule.high))
        else:
            out.append(rule)
    return out


def _touch(h: Rule, v: Rule) -> bool:
    return v.low - SNAP <= h.at <= v.high + SNAP and h.low - SNAP <= v.at <= h.high + SNAP


def _groups(rules: list[Rule]) -> list[list[Rule]]:
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, r in enumerate(rules) if r.horizontal]
    vertical = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in horizontal:
        for j in vertical:
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= SNAP:
            continue
        out.append(value)
    return out


def _grid(rules: list[Rule]) -> Grid | None:
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    xs, ys = _positions([r.at for r in vs]), _positions([r.at for r in hs])
    if len(xs) < 2 or len(ys) < 2:
        return None

    def ruled(lines: list[Rule], at: float, middle: float) -> bool:
        return any(
            abs(r.at - at) <= SNAP and r.low - SNAP <= middle <= r.high + SNAP for r in lines
        )

    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def closed(r: int, c: int) -> bool:
        """Whether the square's column, up and down from it as far as no rule crosses it,
        is ruled where it meets the table's top or bottom."""
        middle_x = (xs[c] + xs[c + 1]) / 2
        up, down = r, r
        while up > 0 and not ruled(hs, ys[up], middle_x):
            up -= 1
        while down < rows - 1 and not ruled(hs, ys[down + 1], middle_x):
            down += 1
        return (up > 0 or ruled(hs, ys[0], middle_x)) and (
            down < rows - 1 or ruled(hs, ys[-1], middle_x)
        )

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(cols):
            middle_x = (xs[c] + xs[c + 1]) / 2
            # LibreOffice leaves cells merged down into a table's last row unruled on all
            # sides, over every row they span: those squares are outside what is drawn, a
            # cell each, not one cell.
            if (
                c + 1 < cols
                and not ruled(vs, xs[c + 1], middle_y)
                and closed(r, c)
                and closed(r, c + 1)
            ):
                parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows and not ruled(hs, ys[r + 1], middle_x):
                parent[find(r * cols + c)] = find((r + 1) * cols + c)
    spans: dict[int, list[int]] = {}
    for i in range(rows * cols):
        r, c = divmod(i, cols)
        span = spans.setdefault(find(i), [r, r + 1, c, c + 1])
        span[0], span[1] = min(span[0], r), max(span[1], r + 1)
        span[2], span[3] = min(span[2], c), max(span[3], c + 1)
    made = {
        root: Cell(r0, r1, c0, c1, xs[c0], ys[r0], xs[c1], ys[r1])
        for root, (r0, r1, c0, c1) in spans.items()
    }
    squares = [[made[find(r * cols + c)] for c in range(cols)] for r in range(rows)]
    cells = sorted(made.values(), key=lambda cell: (cell.row, cell.col))
    return Grid(xs, ys, cells, squares)


def tables(rules: Sequence[Rule], chars: Sequence[Char]) -> tuple[list[Grid], list[Char]]:
    """The page's tables, top to bottom, their cells holding their characters; and the
    characters outside every table."""
    grids = [g for group in _groups(_merged(rules)) if (g := _grid(group)) is not None]
    grids.sort(key=lambda g: g.top)
    outside: list[Char] = []
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for grid in grids:
            cell = grid.cell_at(x, y)
            if cell is not None:
                cell.chars.append(ch)
                break
        else:
            outside.append(ch)
    return grids, outside
