"""Checks that no block of a report is lost unseen: a table before any title, missing or
misordered section headings, a file that ends inside a table, counts that disagree.

Each case here once parsed to wrong data with no message: a table whose title was lost
ran into 第一部分's text, measures whose heading was lost ran into the last sub-goal, a
truncated file lost its last indicator rows. The parser still reads what it can; these
say where the blocks went, so that a person can put the missing line back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from builder.contract.errors import ReportError
from builder.parse.ledger import Ledger
from builder.parse.lines import Line, compact
from builder.parse.narrative import Paragraph, starts_with_label
from builder.parse.rows import Segment

SECTION_ORDER = ("overall_goal", "sub_goals", "measures")
HEADINGS: Mapping[str, str] = {
    "overall_goal": "一、总体绩效目标",
    "sub_goals": "二、分项绩效目标",
    "measures": "三、工作保障措施",
}
_CODE_ROW = re.compile(
    r"^\t[ \u3000]*项[ \u3000]*目[ \u3000]*编[ \u3000]*码[ \u3000]*$", re.MULTILINE
)


_NO_TITLE = (
    "expected a title line ending in 绩效目标表 above this project's table; found its "
    "项目编码 row with no title above it"
)


def refuse_table_in_part_one(line: Line, source: str) -> None:
    """A 项目编码 cell before the first table title: the title of that table is missing."""
    if compact(line.text) == "项目编码":
        raise ReportError(source, line.number, _NO_TITLE)


def no_tables(text: str, source: str, line_count: int) -> ReportError:
    """The error for a file without table titles: at a table's 项目编码 row if it has one."""
    match = _CODE_ROW.search(text)
    if match is not None:
        return ReportError(source, text.count("\n", 0, match.start()) + 1, _NO_TITLE)
    return ReportError(
        source,
        line_count or 1,
        "expected a 项目支出绩效目标表: a title line ending in 绩效目标表 followed by "
        "table cells (lines starting with a tab); none found",
    )


def drop_title_copy(part_one: list[Line], title: Line, ledger: Ledger) -> list[Line]:
    """第一部分 without a copy of the first table's title just above it (a title typed or
    pasted twice): it carries nothing new, and would be read as the measures' last line."""
    for index in range(len(part_one) - 1, -1, -1):
        line = part_one[index]
        if line.is_noise:
            continue
        if compact(line.text) != compact(title.text):
            return part_one
        ledger.mark(line.number, "repeated", "copy of the first table's title")
        ledger.warn(line.number, f"a copy of the title at line {title.number}: left out")
        return part_one[:index] + part_one[index + 1 :]
    return part_one


def check_heading_order(headings: Mapping[str, int], ledger: Ledger) -> None:
    """Warn at a heading found after one that should follow it (``headings``: in file order)."""
    found = list(headings)
    for index, section in enumerate(found):
        for later in found[index + 1 :]:
            if SECTION_ORDER.index(later) < SECTION_ORDER.index(section):
                ledger.warn(
                    headings[later],
                    f"expected {HEADINGS[later]} before {HEADINGS[section]} (line "
                    f"{headings[section]}); the text under each heading is read as its section",
                )


def check_missing_sections(
    headings: Mapping[str, int],
    bodies: Mapping[str, Sequence[Paragraph]],
    first_title: int,
    ledger: Ledger,
) -> None:
    """Warn where a missing heading's blocks went: into the section above it."""
    if "overall_goal" not in headings and headings:
        ledger.warn(
            min(headings.values()),
            f"no {HEADINGS['overall_goal']} heading: the report has no overall goal",
        )
    if "sub_goals" not in headings and "overall_goal" in headings:
        overall = bodies.get("overall_goal", ())
        if len(overall) > 1:
            ledger.warn(
                overall[1].line,
                f"no {HEADINGS['sub_goals']} heading: the text from here to "
                f"{_end(headings, 'measures', first_title)} is read as part of "
                f"{HEADINGS['overall_goal']}",
            )
        else:
            ledger.warn(
                headings["overall_goal"],
                f"no {HEADINGS['sub_goals']} heading: the report has no sub-goals",
            )
    if "measures" not in headings and headings:
        above = "sub_goals" if "sub_goals" in headings else "overall_goal"
        line = _where_measures_start(bodies.get(above, ()), headings[above])
        ledger.warn(
            line,
            f"no {HEADINGS['measures']} heading: the text from line {line} to the first "
            f"table (line {first_title}) is read as part of {HEADINGS[above]}; if the "
            f"measures are among it, put the heading above them",
        )


def _end(headings: Mapping[str, int], section: str, first_title: int) -> str:
    if section in headings:
        return f"{HEADINGS[section]} (line {headings[section]})"
    return f"the first table (line {first_title})"


def _where_measures_start(body: Sequence[Paragraph], heading: int) -> int:
    """The best guess at where a lost 工作保障措施 heading stood: after the last labelled
    paragraph (绩效标准：… ends a sub-goal), else the last paragraph."""
    if not body:
        return heading
    labelled = [n for n, para in enumerate(body) if starts_with_label(para.text)]
    if labelled and labelled[-1] + 1 < len(body):
        return body[labelled[-1] + 1].line
    return body[-1].line


TABLE_END_LINES = 2
"""Lines after a table's last cell in Tika's text: the row's end, then the empty paragraph
Word always writes after a table. Fewer at the end of a file: the file was cut."""


def check_file_end(last: Segment, line_count: int, ledger: Ledger) -> None:
    """Warn when a file ends inside its last table: its last rows may be missing."""
    last_cell = last.chunks[-1][1] if last.chunks else last.title.number
    if line_count - last_cell < TABLE_END_LINES:
        ledger.warn(
            line_count,
            f"the file ends inside the table '{last.title.text}' (line {last.title.number}): "
            f"rows after line {last_cell} may be missing; Word ends every table with an "
            f"empty paragraph",
        )


def check_code_rows(segments: Sequence[Segment], ledger: Ledger) -> None:
    """One 项目编码 row per table title: a second is a table whose title was lost."""
    for seg in segments:
        if seg.code_cells <= 1:  # the common case, counted when the rows were cut
            continue
        lines = [
            first
            for first, _, chunk in seg.chunks
            if chunk.startswith("\t项") and _CODE_ROW.match(chunk.split("\n", 1)[0])
        ]
        if len(lines) > 1:
            ledger.warn(
                lines[1],
                f"a second 项目编码 row in the table '{seg.title.text}' (line "
                f"{seg.title.number}): the table of this row may have lost its title",
            )
