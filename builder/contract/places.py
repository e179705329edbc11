"""Places in a file without lines: how a Word paragraph, a table cell or a PDF page is named.

One grammar, made here and read here: ``paragraph 12`` and ``table 2, row 5, cell 3``,
counted from 1 as a person counts them in Word; ``page 3`` and ``page 3, table 2, row 5``
in a PDF, whose cells are not counted (a cell merged across is one of several). Messages
are in English like every ``file:place: what was expected``; the site shows the same
place in Chinese.
"""

from __future__ import annotations

import re


def paragraph(number: int) -> str:
    """The ``number``-th paragraph of the body, tables not counted."""
    return f"paragraph {number}"


def cell(table: int, row: int, column: int) -> str:
    """Cell ``column`` of row ``row`` of the ``table``-th table."""
    return f"table {table}, row {row}, cell {column}"


def page(number: int) -> str:
    """The ``number``-th page of a PDF."""
    return f"page {number}"


def page_row(number: int, table: int, row: int) -> str:
    """Row ``row`` of the ``table``-th table, as printed on page ``number`` of a PDF."""
    return f"page {number}, table {table}, row {row}"


_PARAGRAPH = re.compile(r"paragraph (\d+)")
_CELL = re.compile(r"table (\d+), row (\d+), cell (\d+)")
_PAGE = re.compile(r"page (\d+)")
_PAGE_ROW = re.compile(r"page (\d+), table (\d+), row (\d+)")


def in_chinese(place: str) -> str:
    """A place as the site shows it: 第 12 段, 第 2 个表格第 5 行第 3 格, 第 3 页,
    第 3 页第 2 个表格第 5 行."""
    if m := _PARAGRAPH.fullmatch(place):
        return f"第 {m[1]} 段"
    if m := _CELL.fullmatch(place):
        return f"第 {m[1]} 个表格第 {m[2]} 行第 {m[3]} 格"
    if m := _PAGE.fullmatch(place):
        return f"第 {m[1]} 页"
    if m := _PAGE_ROW.fullmatch(place):
        return f"第 {m[1]} 页第 {m[2]} 个表格第 {m[3]} 行"
    return place


def line_or_place(line: int, place: str) -> str:
    """Where, in Chinese: the place when the file has one, else the line."""
    return in_chinese(place) if place else f"第 {line} 行"
