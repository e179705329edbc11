"""Bad input: one ReportError saying file:line: what was expected — never a traceback."""

from __future__ import annotations

import pytest

from builder.contract.errors import ReportError
from builder.intake.content import take_in
from builder.parse import decode, parse_document
from tests.conftest import CONTENT

SEED = (CONTENT / "2021/130303/101001.txt").read_text(encoding="utf-8")
LINES = SEED.split("\n")


def cut(after_line: int) -> str:
    """The seed up to and including ``after_line`` (1-based): a table that breaks off."""
    return "\n".join(LINES[:after_line]) + "\n"


def error_of(text: str, source: str = "r.txt") -> ReportError:
    with pytest.raises(ReportError) as info:
        parse_document(text, source)
    return info.value


def test_not_a_report() -> None:
    error = error_of("会议纪要\n今天开会。\n", "notes.txt")
    assert str(error).startswith("notes.txt:2: expected a 项目支出绩效目标表")


def test_empty_file() -> None:
    assert str(error_of("", "empty.txt")).startswith("empty.txt:1: expected")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (65, "expected the row 项目编码"),  # only the unit row
        (71, "expected the row 预算规模及资金用途"),
        (79, "expected the 资金用途 row"),
        (82, "expected the row 资金支出计划"),
        (88, "expected the spending plan values"),
        (94, "expected the row 绩效目标"),
        (100, "expected the indicator header row"),
        (107, "expected at least one indicator row"),
    ],
)
def test_a_table_that_breaks_off(after: int, expected: str) -> None:
    # The seed's first table starts at line 63; cutting the file makes it break off.
    error = error_of(cut(after))
    assert (error.source, error.line) == ("r.txt", after)
    assert expected in error.message and "the table ends here" in error.message, str(error)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "\t100000.00\n\t其中：财政资金",
            "\t十万元\n\t其中：财政资金",
            74,
            "expected an amount such as 143.00 for 预算数, found '十万元'",
        ),
        ("\t50.00%\n\t80.00%", "\t五成\n\t80.00%", 90, "spending plan, found '五成'"),
        ("\t≥90%\n\t年度工作计划\n", "\t≥90%\n", 108, "an indicator row of 6 cells"),
        (
            "\t人大代表活动费\n\n",
            "\t人大代表活动费\n\n这不是表格\n",
            72,
            "expected a table cell",
        ),
    ],
    ids=["bad amount", "bad plan cell", "missing cell", "text outside"],
)
def test_a_bad_cell_or_row_names_its_line(old: str, new: str, line: int, message: str) -> None:
    error = error_of(SEED.replace(old, new, 1))
    assert error.line == line and message in error.message, str(error)


def test_text_before_the_first_heading() -> None:
    error = error_of("关于印发绩效目标的通知\n" + SEED)
    assert error.line == 1 and "expected 第一部分" in error.message


def test_two_units_in_one_file() -> None:
    second_table = (
        "\t101001秦皇岛市山海关区人民代表大会常务委员会本级\n\t单位：元\n\n\t项目编码\n\t1303032"
    )
    text = SEED.replace(
        second_table + "1EDVAT",
        "\t101002另一单位本级\n\t单位：元\n\n\t项目编码\n\t1303032" + "1EDVAT",
        1,
    )
    error = error_of(text)
    assert error.line == 174 and "expected the same unit line as line 64" in error.message


def test_undecodable_bytes_name_their_line() -> None:
    data = "第一部分\n".encode() + b"\x81\x30\n" + b"\xff\xff\xff\n"
    with pytest.raises(ReportError) as info:
        decode(data, "bad.txt")
    assert str(info.value).startswith("bad.txt:")


def test_a_code_twice_in_one_file_is_an_error_at_the_second_table(
    regions: dict[str, str],
) -> None:
    # Intake's check of duplicate codes, the one place it is made (builder/intake/crosscheck.py).
    text = SEED.replace("13030321EDVATPNRXMPQI", "13030321B95PH8DGE1F7C", 1)
    source = "2021/130303/101001.txt"
    intake = take_in([(source, text.encode("utf-8"))], regions)
    assert intake.documents == ()
    [problem] = intake.problems
    assert (problem.source, problem.line, problem.rule_id) == (source, 173, "duplicate-code")
    assert problem.message.startswith("expected each 项目编码 once; 13030321B95PH8DGE1F7C")
