"""Document → Tika-style report text: the inverse of the parser.

Used by the round-trip tests and to make large synthetic corpora for the benchmarks, so it
writes the layouts real files have: bookmarks or Word field codes on headings, 第二部分
present or missing, merged cells as empty ``\\t`` lines, multi-paragraph cells continued
without a tab, page numbers.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from builder.contract.model import Document, Indicator, Project
from builder.parse.rows import INDICATOR_HEADER
from builder.parse.values import YUAN_PER

HeadingStyle = Literal["bookmark", "field_code", "plain"]
Encoding = Literal["utf-8", "utf-8-sig", "gb18030", "utf-16"]

_SECTION_TITLES = ("一、总体绩效目标", "二、分项绩效目标", "三、工作保障措施")


@dataclass(frozen=True)
class Style:
    """How a report is laid out; every combination occurs in real files."""

    headings: HeadingStyle = "bookmark"
    part_two_marker: bool = True
    table_numbering: str = "."  # "1." or "1、" before a table title
    goal_numbering: str = "."  # "1." or "1、" before each goal
    other_funds_zero: str = "0"  # how 其他资金 of 0 is printed: "0", "" or " "
    page_number: bool = False  # a stray page number after the last table
    crlf: bool = False


def _heading(text: str, style: Style, bookmark: int, level: str) -> str:
    if style.headings == "bookmark":
        return f"[bookmark: _Toc{bookmark:08d}]{text}"
    if style.headings == "field_code":
        name = text.split("、", 1)[-1] if level == "A" else text
        return f"{text} TC {name} \\f {level} \\l 1 "
    return text


def _amount(yuan: Decimal, unit: str) -> str:
    return f"{yuan / YUAN_PER[unit]:.2f}"


def _cell(text: str) -> list[str]:
    """A cell: first paragraph after a tab, further paragraphs on lines of their own."""
    first, *rest = text.split("\n") if text else [""]
    return [f"\t{first}", *rest]


def _row(*cells: str) -> list[str]:
    lines: list[str] = []
    for cell in cells:
        lines.extend(_cell(cell))
    return [*lines, ""]


def _indicator_rows(indicators: tuple[Indicator, ...]) -> list[str]:
    lines: list[str] = []
    previous: Indicator | None = None
    for row in indicators:
        same1 = previous is not None and previous.level1 == row.level1
        same2 = same1 and previous is not None and previous.level2 == row.level2
        lines += _row(
            "" if same1 else row.level1,
            "" if same2 else row.level2,
            row.level3,
            row.description,
            row.value,
            row.basis,
        )
        previous = row
    return lines


def _project(project: Project, number: int, unit_label: str, style: Style, mark: int) -> list[str]:
    unit = project.money_unit
    other = style.other_funds_zero if project.other_yuan == 0 else _amount(project.other_yuan, unit)
    goals = "\n".join(
        f"{n}{style.goal_numbering}{goal}" for n, goal in enumerate(project.goals, start=1)
    )
    title = f"{number}{style.table_numbering}{project.title}绩效目标表"
    return [
        _heading(title, style, mark, "C"),
        *_row(unit_label, f"单位：{unit}"),
        *_row("项目编码", project.code, "项目名称", project.name),
        *_row(
            "预算规模及资金用途",
            "预算数",
            _amount(project.budget_yuan, unit),
            "其中：财政资金",
            _amount(project.fiscal_yuan, unit),
            "其他资金",
            other,
        ),
        *_row("", project.purpose),
        *_row("资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"),
        *_row("", *(entry.raw for entry in project.spending_plan)),
        *_row("绩效目标", goals),
        "",
        " ",
        *_row(*INDICATOR_HEADER),
        *_indicator_rows(project.indicators),
        "",
    ]


def write_report(document: Document, style: Style = Style()) -> str:
    """The report as Tika would extract it from the Word file."""
    lines = [" 第一部分", "部门整体绩效目标", " "]
    bodies = (
        document.overall_goal.split("\n") if document.overall_goal else [],
        sub_goal_lines(document),
        document.measures.split("\n") if document.measures else [],
    )
    for index, (title, body) in enumerate(zip(_SECTION_TITLES, bodies, strict=True)):
        lines.append(_heading(title, style, index + 1, "A"))
        lines.extend(body)
        lines.append("")
    if style.part_two_marker:
        lines += [" 第二部分", " "]
    lines += ["预算项目绩效目标", " ", ""]
    for number, project in enumerate(document.projects, start=1):
        lines += _project(project, number, document.unit.label, style, 10 + number)
    if style.page_number:
        lines.append("1")
    newline = "\r\n" if style.crlf else "\n"
    return newline.join(lines) + newline


def sub_goal_lines(document: Document) -> list[str]:
    """二、分项绩效目标 as printed: the intro, then each block's numbered title and body."""
    lines = document.sub_goals_intro.split("\n") if document.sub_goals_intro else []
    for goal in document.sub_goals:
        lines.append(f"{goal.number}{goal.title}")
        lines.extend(goal.text.split("\n") if goal.text else [])
    return lines


def encode(text: str, encoding: Encoding) -> bytes:
    """The bytes of a report file in one of the encodings real files come in."""
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)
