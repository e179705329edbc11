"""The XLSX workbook of the download tables: one sheet per table, byte-stable.

Money cells are numbers (format ``#,##0.00``) so that a spreadsheet can add them up: the file
stores the decimal digits of the amount, and an amount of up to 15 significant digits is also
exact as the spreadsheet's double. A longer amount could not be held exactly, so it is written
as text instead: exactness wins over convenience.

openpyxl stamps the creation and modification time into docProps/core.xml and the current
time into every zip entry; both are replaced by a fixed time so that the same data gives the
same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from builder.controls import visible
from builder.errors import ReportError
from builder.model import Document
from builder.site import catalog
from builder.site.build_date import source_date_epoch
from builder.site.tables import Cell, Column, Table

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""The earliest time a zip entry can carry; used when SOURCE_DATE_EPOCH is not set."""

MONEY_FORMAT = "#,##0.00"
EXACT_DIGITS = 15  # a double holds every decimal of up to 15 significant digits exactly
MAX_TEXT = 32767  # the most characters a spreadsheet cell holds; openpyxl cuts longer text
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

    A cell holds at most 32,767 characters (openpyxl would silently cut the rest).
    Control characters are not checked here: ``_text`` shows them the way the site does.
    """
    columns = table.column_list()
    for entry, row in rows:
        for column, value in zip(columns, row, strict=True):
            if not isinstance(value, str):
                continue
            where = (entry.doc.source, entry.project.line)
            if len(value) > MAX_TEXT:
                raise ReportError(
                    *where, f"expected at most {MAX_TEXT} characters in {column.name}"
                )


def _cell(sheet: WriteOnlyWorksheet, column: Column[Any], value: Cell) -> SheetCell | Cell:
    """The cell to append: a plain value where openpyxl's own typing is right (the fast path)."""
    if isinstance(value, str):
        # XML 1.0 cannot hold control characters: they appear as on the site, [U+0007],
        # and the intake warns about each line; the JSON and CSV keep them as they are.
        value = visible(value)
        if not value.startswith("="):
            return value
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # text such as "=100%" is an indicator value, never a formula
        return cell
    if isinstance(value, Decimal) and not exact_number(value):
        cell = WriteOnlyCell(sheet, format(value, "f"))
        cell.data_type = "s"
        return cell
    if not column.money:
        return value
    cell = WriteOnlyCell(sheet)
    cell.value = value
    cell.number_format = MONEY_FORMAT
    return cell


def _sheet(book: Workbook, table: Table[Any], rows: Sequence[list[Cell]]) -> None:
    sheet = book.create_sheet(table.title)
    columns = table.column_list()
    for index, column in enumerate(columns, start=1):
        wide = column.type == "string" and column.name not in table.key
        width = _WIDE if wide and column.name.endswith(("用途", "描述", "目标", "依据")) else None
        sheet.column_dimensions[get_column_letter(index)].width = width or _WIDTH[column.type]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.name)
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, c, v) for c, v in zip(columns, row, strict=True)])


def workbook_bytes(
    tables: Sequence[Table[Any]], docs: Sequence[Document], stamp: datetime
) -> bytes:
    """The workbook: one sheet per table in the given order, every time set to ``stamp``."""
    found = [(table, table.located_rows(docs)) for table in tables]
    # Checked before the workbook is started, so that a failure leaves nothing half written.
    for table, rows in found:
        check_text(table, rows)
    book = Workbook(write_only=True)
    book.properties.creator = "budgetsite"
    naive = stamp.astimezone(UTC).replace(tzinfo=None)
    book.properties.created = naive
    book.properties.modified = naive
    for table, rows in found:
        _sheet(book, table, [cells for _entry, cells in rows])
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps the modification time with now.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return fixed_zip_times(raw.getvalue(), naive)


def fixed_zip_times(data: bytes, stamp: datetime) -> bytes:
    """The same zip with every entry dated ``stamp``, entries and contents in the same order."""
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
