"""第二部分: one 项目支出绩效目标表 per project, read from Tika's table layout.

Tika writes every cell on its own line starting with a tab, ends a row with a blank line,
writes an empty ``\\t`` line for a cell that continues a vertically merged cell, and puts
further paragraphs of a cell on the following lines without a tab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from builder.contract.errors import ReportError
from builder.contract.model import MoneyUnit, SpendingPlanEntry
from builder.parse.ledger import Ledger
from builder.parse.lines import Line, cells_of, clean_block, compact
from builder.parse.narrative import mark_noise
from builder.parse.values import PlanError, parse_amount, parse_target, spending_plan, to_yuan

TITLE = re.compile(r"^(?:\d{1,3}\s*[.、．]\s*)?(.+?)绩效目标表$")
# The unit line: a 6-digit unit code, the unit's name, and usually 本级 ("the unit itself").
UNIT_LINE = re.compile(r"^(\d{6})\s*(.*?)\s*(?:本\s*级)?$")
_MONEY_UNIT = re.compile(r"^单位[：:]\s*(万元|元)$")
# 1. / 1、 / （1） / ① — the numbering styles goals are written in.
_GOAL_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳])\s*")
_PROJECT_CODE = re.compile(r"^\d{8}[0-9A-Za-z]{4,}$")
_PLAN_HEADER = re.compile(r"^资金支出计划")
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
            after_noise = _chunk_after_noise(chunk, start, title, ledger, source)
            if after_noise is not None:
                chunks.append(after_noise)
    return Segment(title, chunks, end)


def _chunk_after_noise(
    chunk: str, line: int, title: Line, ledger: Ledger, source: str
) -> Chunk | None:
    """The row in a chunk that starts with text outside any cell (a page number, a
    bookmark); None if the chunk holds only such noise."""
    head, tab, rest = chunk.partition("\n\t")
    for number, raw in enumerate(head.split("\n"), start=line):
        if not mark_noise(Line(number, raw), ledger):
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
            prev.chunks.extend(seg.chunks[same:])
            prev.end_line = seg.end_line
        else:
            merged.append(seg)
    return merged


def _repeats(prev: Segment, seg: Segment) -> bool:
    return (
        compact(prev.title.text) == compact(seg.title.text)
        and len(seg.chunks) >= 2
        and len(prev.chunks) >= 2
        and seg.row(0).key == prev.row(0).key
        and seg.row(1).key == prev.row(1).key
    )


class _Reader:
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
    r = _Reader(seg, source, ledger)
    ledger.mark(seg.title.number, "heading", "table title")
    header = _header_fast(seg, ledger)
    if header is None:
        header = _header_checked(r)
    else:
        r.pos = _HEADER_ROWS
    indicators = _indicators(r)
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
        or not _PROJECT_CODE.match(code)
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


def _header_checked(r: _Reader) -> _Header:
    """The header read row by row, with an error naming the row or cell that is wrong."""
    source = r.source
    head = r.take("the unit row (unit line | 单位：元 or 单位：万元)", _UNIT_ROW)
    unit_label, money_cell = head.texts
    money = _MONEY_UNIT.match(compact(money_cell))
    if not UNIT_LINE.match(unit_label) or not money:
        raise r.error("the unit row (a unit code and name | 单位：元 or 单位：万元)", head)

    ids = r.take("the row 项目编码 | code | 项目名称 | name", _IDS_ROW)
    code, name = ids.texts[1], ids.texts[3]
    if not _PROJECT_CODE.match(code):
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


def split_goals(cell: str, first_line: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Numbered 绩效目标 lines → one goal each, numbering removed, and each goal's line.

    An unnumbered line continues the goal above it; when no line is numbered, each line is
    a goal of its own. ``first_line`` is the source line the cell starts on.
    """
    lines = [(n, ln.strip()) for n, ln in enumerate(cell.split("\n"), first_line) if ln.strip()]
    numbered = any(_GOAL_NUMBER.match(ln) for _, ln in lines)
    goals: list[str] = []
    starts: list[int] = []
    for number, ln in lines:
        match = _GOAL_NUMBER.match(ln)
        if match or not numbered or not goals:
            goals.append(ln[match.end() :].strip() if match else ln)
            starts.append(number)
        else:
            goals[-1] = f"{goals[-1]}\n{ln}"
    return tuple(goals), tuple(starts)


def _indicators(r: _Reader) -> list[dict[str, Any]]:
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
