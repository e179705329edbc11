"""The two Word tables of one project: its 绩效目标表 head and its indicator rows.

Stored as Word stores them: a grid (w:tblGrid), cells that span columns (w:gridSpan),
cells merged down a column (w:vMerge restart, then continue with an empty paragraph),
a deleted row (w:trPr/w:del) under tracked changes. Used by tests/support/docx_writer.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from builder.contract.model import Indicator, MoneyUnit, Project
from builder.parse.rows import INDICATOR_HEADER
from builder.parse.values import YUAN_PER
from tests.support.docx_package import CHANGE, deleted, exact, goal_list, paragraph, runs

if TYPE_CHECKING:
    from tests.support.docx_writer import DocxStyle, _Body

Merge = Literal["restart", "continue", ""]

_HEAD_GRID = (1500, 1000, 1200, 1500, 1200, 1100, 1300)
_INDICATOR_GRID = (1200, 1300, 1600, 2000, 1300, 1400)


def unit_of(project: Project, style: DocxStyle) -> MoneyUnit:
    """The unit the project's amounts are printed in."""
    return style.money_unit or project.money_unit


def plan_cells(project: Project, style: DocxStyle) -> list[str]:
    """The spending plan as printed: amounts in the printed unit, percentages as they are."""
    raws = [e.raw for e in project.spending_plan]
    unit = unit_of(project, style)
    if project.spending_plan_basis != "amount" or unit == project.money_unit:
        return raws
    factor = YUAN_PER[project.money_unit] / YUAN_PER[unit]
    return [exact(Decimal(raw.replace(",", "")) * factor) if raw else "" for raw in raws]


def _amount(yuan: Decimal, project: Project, style: DocxStyle) -> str:
    return exact(yuan / YUAN_PER[unit_of(project, style)])


def _table(grid: tuple[int, ...], rows: list[str]) -> str:
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        '<w:tblBorders><w:insideH w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>'
        f"<w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _row(cells: list[str], props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


class _Cells:
    """Cells of one table, written through the body (its tracked changes and ids)."""

    def __init__(self, body: _Body, grid: tuple[int, ...]) -> None:
        self.body = body
        self.style = body.style
        self.grid = grid

    def cell(
        self,
        text: str,
        column: int,
        span: int = 1,
        merge: Merge = "",
        *,
        numbered: int = 0,
        runs_on: bool = False,
    ) -> str:
        """A w:tc at grid ``column``. ``numbered``: the cell's lines are the goals of that
        project, numbered by its list; ``runs_on``: with tracked changes, its first line
        is two paragraphs, the first's mark deleted."""
        style, body = self.style, self.body
        width = sum(self.grid[column : column + span])
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if merge:
            props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
        lines = text.split("\n") if text and merge != "continue" else []
        if numbered:
            number = (
                f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{goal_list(numbered)}"/></w:numPr>'
            )
            content = "".join(paragraph(body.text(line), number) for line in lines)
        elif style.soft_breaks and len(lines) > 1:
            content = paragraph("<w:r><w:br/></w:r>".join(body.text(line) for line in lines))
        else:
            if runs_on and style.tracked_changes and lines and len(lines[0]) >= 2:
                half = len(lines[0]) // 2
                mark = f'<w:rPr><w:del w:id="{body.next_id()}" {CHANGE}/></w:rPr>'
                content = paragraph(runs(lines[0][:half]), mark)
                lines = [lines[0][half:], *lines[1:]]
            else:
                content = ""
            content += "".join(paragraph(body.text(line)) for line in lines)
        if not lines:
            content = "<w:p/>"
        elif style.empty_paragraphs and (numbered or runs_on or len(lines) > 1):
            content += "<w:p/>"  # Word's habit: an empty paragraph left at a cell's end
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"

    def row(self, *cells: tuple[str, int] | tuple[str, int, Merge]) -> str:
        """A row of (text, span[, merge]) cells, laid on the grid left to right."""
        out, column = [], 0
        for text, span, *merge in cells:
            out.append(self.cell(text, column, span, merge[0] if merge else ""))
            column += span
        return _row(out)


def goals_table(body: _Body, project: Project, number: int, unit_label: str) -> str:
    """The head of the 绩效目标表: unit, code and name, money, purpose, plan and goals."""
    style = body.style
    c = _Cells(body, _HEAD_GRID)
    unit = unit_of(project, style)
    other = "0" if project.other_yuan == 0 else _amount(project.other_yuan, project, style)
    rows = [] if style.unit_above else [c.row((unit_label, 5), (f"单位：{unit}", 2))]
    rows += [
        c.row(("项目编码", 1), (project.code, 2), ("项目名称", 1), (project.name, 3)),
        c.row(
            ("预算规模及资金用途", 1, "restart"),
            ("预算数", 1),
            (_amount(project.budget_yuan, project, style), 1),
            ("其中：财政资金", 1),
            (_amount(project.fiscal_yuan, project, style), 1),
            ("其他资金", 1),
            (other, 1),
        ),
        _row([c.cell("", 0, 1, "continue"), c.cell(project.purpose, 1, 6, runs_on=True)]),
        c.row(
            ("资金支出计划（%）", 1, "restart"),
            ("3月底", 2),
            ("6月底", 1),
            ("10月底", 2),
            ("12月底", 1),
        ),
    ]
    raws = plan_cells(project, style)
    rows.append(c.row(("", 1, "continue"), *zip(raws, (2, 1, 2, 1), strict=True)))
    if style.numbered_goals:
        goals = c.cell("\n".join(project.goals), 1, 6, numbered=number)
    else:
        text = "\n".join(f"{n}.{goal}" for n, goal in enumerate(project.goals, start=1))
        goals = c.cell(text, 1, 6)
    rows.append(_row([c.cell("绩效目标", 0), goals]))
    return _table(_HEAD_GRID, rows)


def _merge(rows: tuple[Indicator, ...], index: int, level: int) -> Merge:
    """How cell ``level`` (0: 一级, 1: 二级) of row ``index`` is merged with its neighbours."""

    def same(a: int, b: int) -> bool:
        if a < 0 or b >= len(rows):
            return False
        keys = [(r.level1, r.level2)[: level + 1] for r in (rows[a], rows[b])]
        return keys[0] == keys[1]

    if same(index - 1, index):
        return "continue"
    return "restart" if same(index, index + 1) else ""


def indicator_table(body: _Body, project: Project) -> str:
    """The header row and one row per indicator, 一级 and 二级 merged down their groups."""
    c = _Cells(body, _INDICATOR_GRID)
    rows = [c.row(*((label, 1) for label in INDICATOR_HEADER))]
    indicators = project.indicators
    for index, ind in enumerate(indicators):
        rows.append(
            c.row(
                (ind.level1, 1, _merge(indicators, index, 0)),
                (ind.level2, 1, _merge(indicators, index, 1)),
                (ind.level3, 1),
                (ind.description, 1),
                (ind.value, 1),
                (ind.basis, 1),
            )
        )
        if index == 0 and body.style.tracked_changes:
            rows.append(_deleted_row(c, body, indicators))
    return _table(_INDICATOR_GRID, rows)


def _deleted_row(c: _Cells, body: _Body, indicators: tuple[Indicator, ...]) -> str:
    """An indicator row deleted with tracked changes, after the first: its cells' text
    deleted too; 一级 and 二级 continue the merge that runs through it, if one does."""
    cells = []
    for column in range(6):
        if column < 2 and _merge(indicators, 1, column) == "continue":
            cells.append(c.cell("", column, 1, "continue"))
            continue
        width = _INDICATOR_GRID[column]
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"<w:p>{deleted(body.next_id())}</w:p></w:tc>"
        )
    return _row(cells, f'<w:del w:id="{body.next_id()}" {CHANGE}/>')
