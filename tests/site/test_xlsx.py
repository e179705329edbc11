"""The SpreadsheetML writer: a package a spreadsheet opens, read back with openpyxl.

The built site's workbook is checked part by part (well-formed XML, every part declared and
linked), for the look the downloads page promises (bold header, widths, frozen first row,
money format), and small workbooks check text and numbers exactly.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.downloads.sheets.workbook import MONEY_FORMAT, ZIP_EPOCH
from builder.downloads.sheets.xlsx import (
    MONEY,
    PLAIN,
    Sheet,
    Value,
    XlsxWriter,
    cell_styles,
    column_letter,
    row_xml,
    xlsx_bytes,
)
from builder.downloads.tables import TABLES
from builder.parse.controls import visible
from builder.publish.build import Built

PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def built_workbook(built: Built) -> bytes:
    return (built.site_dir / "data" / "budget-goals.xlsx").read_bytes()


def one_sheet(values: list[Value], styles: list[int] | None = None) -> Any:
    """A workbook of one row holding ``values``, read back with openpyxl."""
    header = [f"列{n}" for n in range(len(values))]
    sheet = Sheet("表", [10] * len(values), header, [values], styles or [PLAIN] * len(values))
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sheet], ZIP_EPOCH, MONEY_FORMAT)))["表"]


def test_every_part_is_well_formed_declared_and_linked(built: Built) -> None:
    with zipfile.ZipFile(io.BytesIO(built_workbook(built))) as archive:
        names = archive.namelist()
        trees = {name: ElementTree.fromstring(archive.read(name)) for name in names}
    assert names[0] == "[Content_Types].xml"
    types = trees["[Content_Types].xml"]
    declared = {e.get("PartName") for e in types.iter(f"{CONTENT_TYPES}Override")}
    xml_parts = {f"/{n}" for n in names if n.endswith(".xml") and n != "[Content_Types].xml"}
    assert declared == xml_parts
    linked = {"_rels/.rels", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    for rels, base in (("_rels/.rels", ""), ("xl/_rels/workbook.xml.rels", "xl/")):
        for link in trees[rels].iter(PACKAGE_RELS):
            target = base + str(link.get("Target"))
            assert target in names, (rels, target)
            linked.add(target)
    assert linked == set(names)
    assert [f"xl/worksheets/sheet{n}.xml" in names for n in range(1, 5)] == [True] * 4


def test_the_built_workbook_has_bold_headers_widths_frozen_rows_and_money_format(
    built: Built,
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(built_workbook(built)))
    for table, sheet in zip(TABLES, book.worksheets, strict=True):
        assert sheet.title == table.title
        assert sheet.freeze_panes == "A2"
        columns = table.column_list()
        for index, column in enumerate(columns, start=1):
            header = sheet.cell(1, index)
            assert header.value == column.name
            assert header.font.b and header.alignment.vertical == "top", column.name
            width = sheet.column_dimensions[column_letter(index - 1)].width
            assert width == {"string": 18, "integer": 8, "number": 14}[column.type] or (
                width == 40 and column.name.endswith(("用途", "描述", "目标", "依据"))
            ), column.name
            for row in range(2, min(sheet.max_row, 30) + 1):
                cell = sheet.cell(row, index)
                if isinstance(cell.value, int | float):
                    assert cell.number_format == (MONEY_FORMAT if column.money else "General")
    project = book["项目"]
    assert project.column_dimensions["A"].width == 18  # 项目编码, a key column
    assert 40 in {d.width for d in project.column_dimensions.values()}  # 资金用途


def test_money_is_stored_with_its_exact_decimal_digits() -> None:
    sheet = Sheet(
        "项目", [14, 14], ["预算数（元）", "年度"], [[Decimal("1234.50"), 2024]], [MONEY, PLAIN]
    )
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes([sheet], ZIP_EPOCH, MONEY_FORMAT))) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<row><c s="2"><v>1234.50</v></c><c><v>2024</v></c></row>' in xml


def test_numbers_read_back_as_numbers_and_non_numbers_as_text() -> None:
    values: list[Value] = [Decimal("1E+3"), Decimal("-0.01"), 12.5, 2024, Decimal("NaN"), None]
    row = next(one_sheet(values, [MONEY, MONEY, PLAIN, PLAIN, PLAIN, MONEY]).iter_rows(min_row=2))
    assert [c.value for c in row] == [1000, -0.01, 12.5, 2024, "NaN", None]
    assert [c.data_type for c in row[:4]] == ["n"] * 4
    assert row[0].number_format == MONEY_FORMAT and row[2].number_format == "General"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_characters="\ufffe\uffff"),
            min_size=1,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_text_reads_back_as_the_site_shows_it(texts: list[str]) -> None:
    row = next(one_sheet(list(texts)).iter_rows(min_row=2))
    assert [c.value for c in row] == [visible(t) for t in texts]
    assert {c.data_type for c in row} == {"s"}


def test_an_empty_cell_keeps_the_place_of_those_after_it() -> None:
    # No cell carries its reference (A2, B2): a reader counts the cells, empty ones too.
    row = next(one_sheet(["甲", None, "乙", None, Decimal("5")]).iter_rows(min_row=2))
    assert [c.value for c in row] == ["甲", None, "乙", None, 5]
    assert [c.column_letter for c in row] == ["A", "B", "C", "D", "E"]


def test_a_row_is_the_same_xml_wherever_it_is_written() -> None:
    rows: list[list[Value]] = [["A&B", None, 1], ["x<y", "=1", Decimal("2.50")]]
    styles = cell_styles([PLAIN, PLAIN, MONEY])
    xml = [row_xml(row, styles) for row in rows]
    for order in (rows, rows[::-1]):
        sheet = Sheet("表", [10] * 3, ["一", "二", "三"], order, [PLAIN, PLAIN, MONEY])
        with zipfile.ZipFile(io.BytesIO(xlsx_bytes([sheet], ZIP_EPOCH, MONEY_FORMAT))) as book:
            written = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert all(part in written for part in xml)
    read = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sheet], ZIP_EPOCH, MONEY_FORMAT)))
    assert [[c.value for c in r] for r in read["表"].iter_rows(min_row=2)] == [
        ["x<y", "=1", 2.5],
        ["A&B", None, 1],
    ]


def test_column_letters_run_past_z() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_sheets_are_added_in_the_order_of_their_titles() -> None:
    sheet = Sheet("二", [10], ["编码"], [["x"]], [PLAIN])
    book = XlsxWriter(["一", "二"], ZIP_EPOCH, MONEY_FORMAT)
    with pytest.raises(ValueError, match="in order"):
        book.add(sheet)
    book.add(Sheet("一", [10], ["编码"], [["y"]], [PLAIN]))
    with pytest.raises(ValueError, match="expected 2 sheets"):
        book.finish()
    book.add(sheet)
    read = openpyxl.load_workbook(io.BytesIO(book.finish()))
    assert [[c.value for c in row] for row in read["二"].iter_rows()] == [["编码"], ["x"]]
