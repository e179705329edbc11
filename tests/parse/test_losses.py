"""The text reader loses nothing silently: each way a report once lost blocks unseen now
parses right or says where, as file:line (builder/parse/losses.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builder.contract.errors import ReportError
from builder.parse import Parsed, parse_with_ledger
from tests.conftest import CONTENT
from tests.support.dumps import without_lines

SOURCE = "2021/130303/201001.txt"
SEED = (CONTENT / SOURCE).read_text(encoding="utf-8")
FIRST_TITLE = 136  # 1.车辆保险费绩效目标表
SECOND_TITLE = 243


def edited(edit: Callable[[list[str]], object], text: str = SEED) -> str:
    lines = text.split("\n")
    edit(lines)
    return "\n".join(lines)


def parse(text: str, regions: dict[str, str]) -> Parsed:
    return parse_with_ledger(text, SOURCE, regions)


def error_of(text: str, regions: dict[str, str]) -> str:
    with pytest.raises(ReportError) as info:
        parse(text, regions)
    return str(info.value)


def line_of(text: str) -> int:
    """1-based number of the seed line that is exactly ``text``."""
    return SEED.split("\n").index(text) + 1


def test_the_seed_parses_without_warnings(regions: dict[str, str]) -> None:
    parsed = parse(SEED, regions)
    assert len(parsed.document.projects) == 7
    assert parsed.warnings == ()


@pytest.mark.parametrize("title", [FIRST_TITLE, SECOND_TITLE])
def test_a_note_between_title_and_table_is_an_error_after_any_title(
    title: int, regions: dict[str, str]
) -> None:
    text = edited(lambda lines: lines.insert(title, "说明：本表金额单位为元"))
    assert error_of(text, regions).startswith(
        f"{SOURCE}:{title + 1}: expected the table '"
    ) and "found '说明：本表金额单位为元'" in error_of(text, regions)


@pytest.mark.parametrize(
    "layout",
    ["both as paragraphs", "with a blank line between", "unit line only", "单位 only"],
)
def test_the_unit_line_as_paragraphs_above_the_table_reads_the_same(
    layout: str, regions: dict[str, str]
) -> None:
    unit, money = FIRST_TITLE, FIRST_TITLE + 1  # 0-based indexes of the unit row's cells

    def move(lines: list[str]) -> None:
        if layout == "单位 only":  # 单位：元 above, the unit line as a one-cell row
            lines[unit], lines[money] = lines[money][1:], lines[unit]
            lines.insert(money, "")
            return
        lines[unit] = lines[unit][1:]
        if layout != "unit line only":
            lines[money] = lines[money][1:]
        if layout != "both as paragraphs":
            lines.insert(money, "")

    parsed = parse(edited(move), regions)
    assert parsed.warnings == ()
    assert without_lines(parsed.document.model_dump()) == without_lines(
        parse(SEED, regions).document.model_dump()
    )


def test_a_table_without_its_title_is_an_error_at_its_code_row(regions: dict[str, str]) -> None:
    text = edited(lambda lines: lines.pop(FIRST_TITLE - 1))
    code_row = FIRST_TITLE + 3  # the 项目编码 cell, one line up after the deletion
    assert error_of(text, regions) == (
        f"{SOURCE}:{code_row}: expected a title line ending in 绩效目标表 above this "
        "project's table; found its 项目编码 row with no title above it"
    )


def test_a_missing_measures_heading_says_where_the_measures_went(
    regions: dict[str, str],
) -> None:
    heading = line_of("三、工作保障措施 TC 工作保障措施 \\f A \\l 1 ")
    parsed = parse(edited(lambda lines: lines.pop(heading - 1)), regions)
    ((line, message),) = parsed.warnings
    assert abs(line - heading) <= 3
    assert message.startswith("no 三、工作保障措施 heading: the text from line")
    assert "is read as part of 二、分项绩效目标" in message


def test_a_missing_sub_goals_heading_says_where_the_sub_goals_went(
    regions: dict[str, str],
) -> None:
    heading = line_of("二、分项绩效目标 TC 分项绩效目标 \\f A \\l 1 ")
    parsed = parse(edited(lambda lines: lines.pop(heading - 1)), regions)
    ((line, message),) = parsed.warnings
    assert abs(line - heading) <= 3
    assert "no 二、分项绩效目标 heading" in message and "一、总体绩效目标" in message
    assert parsed.document.sub_goals == ()


def test_headings_out_of_order_are_a_warning_at_the_later_one(regions: dict[str, str]) -> None:
    one = line_of("一、总体绩效目标 TC 总体绩效目标 \\f A \\l 1 ")
    two = line_of("二、分项绩效目标 TC 分项绩效目标 \\f A \\l 1 ")

    def swap(lines: list[str]) -> None:
        lines[one - 1], lines[two - 1] = lines[two - 1], lines[one - 1]

    ((line, message),) = parse(edited(swap), regions).warnings
    assert line == two
    assert message.startswith(f"expected 一、总体绩效目标 before 二、分项绩效目标 (line {one})")


def test_a_file_cut_at_a_row_boundary_warns_that_rows_may_be_missing(
    regions: dict[str, str],
) -> None:
    lines = SEED.split("\n")
    row_end = next(n for n in range(len(lines) - 40, 0, -1) if lines[n] == "")
    cut = "\n".join(lines[: row_end + 1]) + "\n"  # the row's cells and its end, no more
    parsed = parse(cut, regions)
    ((line, message),) = parsed.warnings
    assert line == row_end + 1
    assert message.startswith("the file ends inside the table '7.")
    assert len(parsed.document.projects[-1].indicators) < len(
        parse(SEED, regions).document.projects[-1].indicators
    )


def test_a_head_that_breaks_off_and_starts_over_is_left_out_with_a_warning(
    regions: dict[str, str],
) -> None:
    head = slice(FIRST_TITLE, FIRST_TITLE + 8)  # the unit row and the code row, with ends

    for with_title in (False, True):
        lines = SEED.split("\n")
        copy = ([lines[FIRST_TITLE - 1]] if with_title else []) + lines[head]
        lines[FIRST_TITLE + 8 : FIRST_TITLE + 8] = copy
        parsed = parse("\n".join(lines), regions)
        ((line, message),) = parsed.warnings
        assert line == FIRST_TITLE + (0 if with_title else 1)
        assert "breaks off and starts over" in message
        assert without_lines(parsed.document.model_dump()) == without_lines(
            parse(SEED, regions).document.model_dump()
        )


def test_a_title_typed_twice_is_left_out_with_a_warning(regions: dict[str, str]) -> None:
    text = edited(lambda lines: lines.insert(FIRST_TITLE - 1, lines[FIRST_TITLE - 1]))
    parsed = parse(text, regions)
    assert parsed.warnings == (
        (FIRST_TITLE, f"a copy of the title at line {FIRST_TITLE + 1}: left out"),
    )
    assert parsed.document.measures == parse(SEED, regions).document.measures
