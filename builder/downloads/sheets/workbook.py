"""The XLSX workbook of the download tables: one sheet per table, byte-stable.

Money cells are numbers (format ``#,##0.00``) so that a spreadsheet can add them up: the file
stores the decimal digits of the amount, and an amount of up to 15 significant digits is also
exact as the spreadsheet's double. A longer amount could not be held exactly, so it is written
as text instead: exactness wins over convenience.

The file is written by builder.downloads.sheets.xlsx; the creation and modification time in
docProps/core.xml and the time of every zip entry are one fixed time, so that the same data
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from builder.contract.errors import ReportError
from builder.contract.model import MAX_TEXT
from builder.downloads.columns import Cell, Table
from builder.downloads.sheets.xlsx import (
    MONEY,
    PLAIN,
    Sheet,
    Value,
    XlsxWriter,
    cell_styles,
    row_xml,
)
from builder.intake.build_date import source_date_epoch
from builder.render import catalog

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""The earliest time a zip entry can carry; used when SOURCE_DATE_EPOCH is not set."""

MONEY_FORMAT = "#,##0.00"
EXACT_DIGITS = 15  # a double holds every decimal of up to 15 significant digits exactly
_WIDTH = {"string": 18, "integer": 8, "number": 14}
_WIDE = 40  # free-text columns


def stamp_from_env(environ: Mapping[str, str]) -> datetime:
    """The time written into the workbook: SOURCE_DATE_EPOCH if set, else a fixed time."""
    seconds = source_date_epoch(environ)
    if seconds is None:
        return ZIP_EPOCH
    return max(ZIP_EPOCH, datetime.fromtimestamp(seconds, tz=UTC))


def exact_number(value: Decimal) -> bool:
    """True when a spreadsheet number holds the amount exactly."""
    digits = value.normalize().as_tuple().digits
    return value.is_finite() and len(digits) <= EXACT_DIGITS


def check_text(table: Table[Any], rows: Sequence[tuple[catalog.Entry, list[Cell]]]) -> None:
    """Stop on text the workbook cannot hold, rather than lose part of it.

    A cell holds at most 32,767 characters (Excel would silently cut the rest).
    Control characters are not checked here: ``_text`` shows them the way the site does.
    """
    columns = table.column_list()
    for entry, row in rows:
        for column, value in zip(columns, row, strict=True):
            if isinstance(value, str) and len(value) > MAX_TEXT:
                raise ReportError(
                    entry.doc.source,
                    entry.project.line,
                    f"expected at most {MAX_TEXT} characters in {column.name}",
                )


def cell_value(value: Cell) -> Value:
    """The value the workbook stores: an amount too long for a spreadsheet number as text."""
    if isinstance(value, Decimal) and not exact_number(value):
        return format(value, "f")
    # Text is never written as a formula, so "=100%" stays an indicator value; control
    # characters are shown as on the site, [U+0007] (builder.downloads.sheets.xlsx).
    return value


def _widths(table: Table[Any]) -> list[float]:
    widths: list[float] = []
    for column in table.column_list():
        wide = column.type == "string" and column.name not in table.key
        width = _WIDE if wide and column.name.endswith(("用途", "描述", "目标", "依据")) else None
        widths.append(width or _WIDTH[column.type])
    return widths


def _styles(table: Table[Any]) -> list[int]:
    return [MONEY if column.money else PLAIN for column in table.column_list()]


def rows_xml(table: Table[Any], rows: Iterable[Sequence[Cell]]) -> str:
    """These rows of the table's sheet as XML (builder.downloads.sheets.xlsx.row_xml)."""
    styles = cell_styles(_styles(table))
    return "".join(row_xml([cell_value(v) for v in row], styles) for row in rows)


def table_sheet(table: Table[Any], rows: Sequence[Sequence[Cell]]) -> Sheet:
    """The table's sheet holding these rows, as the workbook stores them."""
    stored = [[cell_value(v) for v in row] for row in rows]
    return Sheet(table.title, _widths(table), table.headers(), stored, _styles(table))


def new_workbook(tables: Sequence[Table[Any]], stamp: datetime) -> XlsxWriter:
    """A workbook of one sheet per table, in this order, to be added with add_table."""
    return XlsxWriter([table.title for table in tables], stamp, MONEY_FORMAT)


def add_table(book: XlsxWriter, table: Table[Any], count: int, rows: Iterable[bytes]) -> None:
    """The table's sheet: ``count`` rows, given as rows_xml in UTF-8, checked by check_text."""
    book.add_rows(table.title, _widths(table), table.headers(), count, rows)
