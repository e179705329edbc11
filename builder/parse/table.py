"""第二部分: one 项目支出绩效目标表 per project: a project's fields read from its table's rows.

The rows come from builder.parse.rows; this reads the eight rows above the indicators (the
usual layout in one match, anything else row by row with errors that say what is wrong) and
puts the project together.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, NamedTuple

from builder.contract.codes import PROJECT_CODE_CELL
from builder.contract.errors import ReportError
from builder.contract.model import MoneyUnit, SpendingPlanEntry
from builder.parse.ledger import Ledger
from builder.parse.lines import compact
from builder.parse.rows import INDICATOR_HEADER, Row, RowReader, Segment, read_indicators, title_of
from builder.parse.values import PlanError, parse_amount, spending_plan, split_goals, to_yuan

# The unit line: a 6-digit unit code, the unit's name, and usually 本级 ("the unit itself").
UNIT_LINE = re.compile(r"^(\d{6})\s*(.*?)\s*(?:本\s*级)?$")
_MONEY_UNIT = re.compile(r"^单位[：:]\s*(万元|元)$")
_PLAN_HEADER = re.compile(r"^资金支出计划")


# The fields of a Project, unvalidated: the parser validates the whole Document once at
# the end, which pydantic does many times faster than model by model.
ProjectFields = dict[str, Any]


class _Header(NamedTuple):
    """What a table says above its indicator rows."""

    unit_label: str
    money_unit: MoneyUnit
    code: str
    name: str
    budget: Decimal
    fiscal: Decimal
    other: Decimal
    purpose: str
    plan: tuple[SpendingPlanEntry, ...]
    basis: str
    goals: tuple[str, ...]
    budget_line: int
    plan_lines: tuple[int, ...]
    goal_lines: tuple[int, ...]


_HEADER_ROWS = 8  # unit, code, budget, purpose, plan header, plan values, goals, indicator header
_UNIT_ROW: tuple[str | None, ...] = (None, None)
_IDS_ROW: tuple[str | None, ...] = ("项目编码", None, "项目名称", None)
_BUDGET_ROW: tuple[str | None, ...] = (
    "预算规模及资金用途",
    "预算数",
    None,
    "其中：财政资金",
    None,
    "其他资金",
    None,
)
_MERGED_ROW_2: tuple[str | None, ...] = ("", None)
_PLAN_ROW: tuple[str | None, ...] = ("", None, None, None, None)
_GOALS_ROW: tuple[str | None, ...] = ("绩效目标", None)

# A cell: its first line and lines without a tab (\x00 separates the rows matched).
_CELL = r"[^\n\x00]*(?:\n[^\t\n\x00][^\n\x00]*)*"
_ONE_LINE = r"[^\n\x00]*"
# The usual layout of the eight header rows, joined by \x00: one match instead of eight
# row-by-row checks. Anything else goes the checked way, which also explains errors.
_HEADER_LAYOUT = re.compile(
    rf"\t(?P<unit>{_ONE_LINE})\n\t(?P<money>单位[：:] *(?:万元|元)) *"
    rf"\x00\t项目编码\n\t(?P<code>{_ONE_LINE})\n\t项目名称\n\t(?P<name>{_CELL})"
    rf"\x00\t预算规模及资金用途\n\t预算数\n\t(?P<budget>{_ONE_LINE})"
    rf"\n\t其中： *财政 *资金\n\t(?P<fiscal>{_ONE_LINE})\n\t其他资金\n\t(?P<other>{_ONE_LINE})"
    rf"\x00\t *\n\t(?P<purpose>{_CELL})"
    rf"\x00\t(?P<plan_label>资金支出计划{_ONE_LINE})\n\t3月底\n\t6月底\n\t10月底\n\t12月底"
    rf"\x00\t *\n\t(?P<p1>{_ONE_LINE})\n\t(?P<p2>{_ONE_LINE})"
    rf"\n\t(?P<p3>{_ONE_LINE})\n\t(?P<p4>{_ONE_LINE})"
    rf"\x00\t绩效目标\n\t(?P<goals>{_CELL})"
    "\x00\t" + "\n\t".join(INDICATOR_HEADER)
)


def read_project(seg: Segment, source: str, ledger: Ledger) -> tuple[ProjectFields, str]:
    """The fields of the project of one table, and its unit line."""
    if seg.above:
        _unit_row_from_paragraphs(seg, source)
    r = RowReader(seg, source, ledger)
    ledger.mark(seg.title.number, "heading", "table title")
    header = _header_fast(seg, ledger)
    if header is None:
        header = _header_checked(r)
    else:
        r.pos = _HEADER_ROWS
    indicators = read_indicators(r)
    unit = header.money_unit
    project = {
        "code": header.code,
        "name": header.name,
        "title": title_of(seg.title) or seg.title.text,
        "money_unit": unit,
        "budget_yuan": to_yuan(header.budget, unit),
        "fiscal_yuan": to_yuan(header.fiscal, unit),
        "other_yuan": to_yuan(header.other, unit),
        "purpose": header.purpose,
        "spending_plan": header.plan,
        "spending_plan_basis": header.basis,
        "goals": header.goals,
        "indicators": indicators,
        "line": seg.title.number,
        "budget_line": header.budget_line,
        "plan_lines": header.plan_lines,
        "goal_lines": header.goal_lines,
    }
    return project, header.unit_label


def _unit_row_from_paragraphs(seg: Segment, source: str) -> None:
    """The unit line and 单位：元 written as paragraphs above the table, made its first row.

    One of the two may also be the table's first row, a row of one cell. Any other text
    between a title and its table is refused: it would belong to no field.
    """
    parts: dict[str, tuple[int, str]] = {}
    lines = [(line.number, line.text) for line in seg.above]
    first = seg.row(0) if seg.chunks else None
    in_table = first is not None and len(first.texts) == 1
    if in_table and first is not None:
        lines.append((first.line, first.texts[0]))
    for number, text in lines:
        kind = (
            "money" if _MONEY_UNIT.match(compact(text)) else "unit" if UNIT_LINE.match(text) else ""
        )
        if not kind or kind in parts:
            raise ReportError(
                source,
                number,
                f"expected the table '{seg.title.text}' right after its title, or the unit "
                f"line and 单位：元 above it; found '{text[:40]}'",
            )
        parts[kind] = (number, text)
    if len(parts) < 2:
        number, text = lines[-1]
        missing = "单位：元 or 单位：万元" if "money" not in parts else "the unit line"
        raise ReportError(source, number, f"expected {missing} beside '{text[:40]}'")
    (unit_line, unit), (money_line, money) = parts["unit"], parts["money"]
    row = (min(unit_line, money_line), max(unit_line, money_line), f"\t{unit}\n\t{money}")
    seg.chunks[: 1 if in_table else 0] = [row]


def _header_fast(seg: Segment, ledger: Ledger) -> _Header | None:
    """The header of a table in the usual layout with valid values; None otherwise."""
    chunks = seg.chunks
    if len(chunks) <= _HEADER_ROWS:
        return None
    match = _HEADER_LAYOUT.fullmatch("\x00".join([chunk for _, _, chunk in chunks[:_HEADER_ROWS]]))
    if match is None:
        return None
    unit_label = match["unit"].strip()
    code = match["code"].strip()
    budget = parse_amount(match["budget"])
    fiscal = parse_amount(match["fiscal"])
    other_text = match["other"].strip()
    other = parse_amount(other_text) if other_text else Decimal(0)
    if (
        not UNIT_LINE.match(unit_label)
        or not PROJECT_CODE_CELL.match(code)
        or budget is None
        or fiscal is None
        or other is None
    ):
        return None
    try:
        plan, basis = spending_plan((match["p1"], match["p2"], match["p3"], match["p4"]), budget)
    except PlanError:
        return None
    plan_label = compact(match["plan_label"])
    for (line, _, chunk), labels in zip(
        chunks,
        (
            _UNIT_ROW,
            _IDS_ROW,
            _BUDGET_ROW,
            _MERGED_ROW_2,
            (plan_label, "3月底", "6月底", "10月底", "12月底"),
            _PLAN_ROW,
            _GOALS_ROW,
            INDICATOR_HEADER,
        ),
        strict=False,
    ):
        ledger.mark_labels(line, chunk, labels)
    budget_row, plan_row, goals_row = seg.row(2), seg.row(5), seg.row(6)
    goals, goal_lines = split_goals(match["goals"], goals_row.cell_line(1))
    return _Header(
        unit_label=unit_label,
        money_unit="万元" if match["money"].endswith("万元") else "元",
        code=code,
        name=match["name"].strip(),
        budget=budget,
        fiscal=fiscal,
        other=other,
        purpose=match["purpose"].strip(),
        plan=plan,
        basis=basis,
        goals=goals,
        budget_line=budget_row.cell_line(2),
        plan_lines=tuple(plan_row.cell_line(i) for i in range(1, 5)),
        goal_lines=goal_lines,
    )


def _header_checked(r: RowReader) -> _Header:
    """The header read row by row, with an error naming the row or cell that is wrong."""
    source = r.source
    head = r.take("the unit row (unit line | 单位：元 or 单位：万元)", _UNIT_ROW)
    unit_label, money_cell = head.texts
    money = _MONEY_UNIT.match(compact(money_cell))
    if not UNIT_LINE.match(unit_label) or not money:
        raise r.error("the unit row (a unit code and name | 单位：元 or 单位：万元)", head)

    ids = r.take("the row 项目编码 | code | 项目名称 | name", _IDS_ROW)
    code, name = ids.texts[1], ids.texts[3]
    if not PROJECT_CODE_CELL.match(code):
        raise ReportError(
            source,
            ids.cell_line(1),
            "expected a 项目编码 of 8 digits (region and year) and letters or digits, "
            f"found '{code}'",
        )

    budget_row = r.take(
        "the row 预算规模及资金用途 | 预算数 | amount | 其中：财政资金 | amount | "
        "其他资金 | amount",
        _BUDGET_ROW,
    )
    budget = _amount(budget_row, 2, "预算数", source, required=True)
    fiscal = _amount(budget_row, 4, "财政资金", source, required=True)
    other = _amount(budget_row, 6, "其他资金", source, required=False)

    purpose_row = r.take("the 资金用途 row (an empty merged cell | the purpose)", _MERGED_ROW_2)

    plan_head = r.peek()
    if (
        plan_head is None
        or not plan_head.texts
        or not _PLAN_HEADER.match(compact(plan_head.texts[0]))
    ):
        raise r.error("the row 资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底")
    r.take(
        "the row 资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底",
        (compact(plan_head.texts[0]), "3月底", "6月底", "10月底", "12月底"),
    )
    plan_row = r.take("the spending plan values (an empty merged cell and four values)", _PLAN_ROW)
    try:
        plan, basis = spending_plan(tuple(plan_row.texts[1:]), budget)
    except PlanError as exc:
        raise ReportError(
            source,
            plan_row.cell_line(exc.index + 1),
            f"expected a percentage (25%), an amount (35.75) or nothing in the spending plan, "
            f"found '{exc.raw}'",
        ) from None

    goals_row = r.take("the row 绩效目标 | numbered goals", _GOALS_ROW)
    r.take("the indicator header row (一级指标 … 指标值确定依据)", INDICATOR_HEADER)
    goals, goal_lines = split_goals(goals_row.raws[1], goals_row.cell_line(1))
    return _Header(
        unit_label=unit_label,
        money_unit="万元" if money.group(1) == "万元" else "元",
        code=code,
        name=name,
        budget=budget,
        fiscal=fiscal,
        other=other,
        purpose=purpose_row.texts[1],
        plan=plan,
        basis=basis,
        goals=goals,
        budget_line=budget_row.cell_line(2),
        plan_lines=tuple(plan_row.cell_line(i) for i in range(1, 5)),
        goal_lines=goal_lines,
    )


def _amount(row: Row, index: int, what: str, source: str, *, required: bool) -> Decimal:
    text = row.texts[index]
    if not text and not required:
        return Decimal(0)
    amount = parse_amount(text)
    if amount is None:
        raise ReportError(
            source,
            row.cell_line(index),
            f"expected an amount such as 143.00 for {what}, found '{text}'",
        )
    return amount
