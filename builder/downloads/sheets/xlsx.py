"""A small SpreadsheetML (XLSX) writer: sheets of text and numbers, nothing else.

The workbook is a zip of a few XML parts written directly as text. A general library builds an
object per cell and costs about ten microseconds a cell; the download workbook needs only text,
numbers, one bold header row, a money format, column widths and a frozen first row.

Text is written in its cell (``t="inlineStr"``), and neither a row nor a cell carries its
reference (``r="B7"``): a reader counts them, so every cell is written, empty ones too. A
row's XML then depends on its values alone, and a report's rows made by one build can be
written anywhere in the next one's sheets (builder/downloads/shares.py). With one
shared-strings table, as before, each text was numbered by where the whole workbook first
met it. Deflate takes the repeated texts well: at 3,000 reports the workbook is 16 MB, against
31 MB with shared strings. No cell is ever a formula, so text such as ``=100%`` stays text.
Every zip entry carries the same fixed time, so the same sheets give the same bytes.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from builder.downloads.sheets.parts import DECLARATION, MAIN, REL, escape, package_parts
from builder.parse.controls import visible

Value = str | int | float | Decimal | None
"""A cell: text, a number, or nothing."""

PLAIN, HEADER, MONEY = 0, 1, 2
"""Cell styles, as indexes into the cellXfs of styles.xml."""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title, column widths, header row, rows and each column's number style."""

    title: str
    widths: Sequence[float]
    header: Sequence[str]
    rows: Sequence[Sequence[Value]]
    styles: Sequence[int]  # PLAIN or MONEY for each column


def column_letter(index: int) -> str:
    """The letters of the 0-based column ``index``: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def number_text(value: int | float | Decimal) -> str | None:
    """The number as the XML stores it, or None when it is not a finite number."""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else None
    if isinstance(value, float):
        return repr(value) if value - value == 0 else None
    return str(value)


def cell_styles(styles: Sequence[int]) -> list[str]:
    """Each column's style as the attribute its cells carry."""
    return [f' s="{style}"' if style else "" for style in styles]


def row_xml(values: Sequence[Value], styles: Sequence[str]) -> str:
    """One row: a cell per value, in order, empty ones too; ``styles`` from cell_styles."""
    cells = ["<row>"]
    append = cells.append
    for value, style in zip(values, styles, strict=True):
        if value is None:
            append(f"<c{style}/>")
            continue
        if isinstance(value, str):
            text = value
        else:
            digits = number_text(value)
            if digits is not None:
                append(f"<c{style}><v>{digits}</v></c>")
                continue
            text = str(value)  # not a finite number: kept as text rather than lost
        # XML 1.0 cannot hold control characters: they appear as on the site, [U+0007], and
        # the intake warns about each line; the JSON and CSV keep them as they are.
        text = escape(visible(text))
        append(f'<c{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
    append("</row>")
    return "".join(cells)


def sheet_start(widths: Sequence[float], header: Sequence[str], count: int) -> str:
    """A worksheet part up to its first row of data: the range it fills (``count`` rows
    below the header), the frozen header row, the column widths and the header."""
    last = f"{column_letter(len(header) - 1)}{count + 1}" if header else "A1"
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(widths, start=1)
    )
    return "".join(
        [
            DECLARATION,
            f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">',
            f'<dimension ref="A1:{last}"/>',
            '<sheetViews><sheetView workbookViewId="0">',
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>',
            "</sheetView></sheetViews>",
            '<sheetFormatPr defaultRowHeight="15"/>',
            f"<cols>{cols}</cols>" if cols else "",
            "<sheetData>",
            row_xml(header, cell_styles([HEADER] * len(header))),
        ]
    )


SHEET_END = "</sheetData></worksheet>"


def sheet_rows(sheet: Sheet) -> Iterator[str]:
    """The sheet's rows as XML, in pieces of at most ``ROWS_PER_CHUNK`` rows: a large
    sheet's XML is never held whole."""
    styles = cell_styles(sheet.styles)
    for start in range(0, len(sheet.rows), ROWS_PER_CHUNK):
        chunk = sheet.rows[start : start + ROWS_PER_CHUNK]
        yield "".join(row_xml(row, styles) for row in chunk)


ROWS_PER_CHUNK = 1000


class XlsxWriter:
    """A workbook written one sheet at a time, each compressed as its rows are made: a large
    workbook's sheets, as XML or as rows, are never all held.

    The titles are known first, as the workbook part lists them before any sheet. Every zip
    entry and both document times are set to ``stamp``, so the same sheets give the same
    bytes.
    """

    def __init__(self, titles: Sequence[str], stamp: datetime, money_format: str) -> None:
        naive = stamp.astimezone(UTC)
        self._date_time = (
            naive.year,
            naive.month,
            naive.day,
            naive.hour,
            naive.minute,
            naive.second,
        )
        self._titles = list(titles)
        self._added = 0
        self._raw = io.BytesIO()
        self._archive = zipfile.ZipFile(self._raw, "w", zipfile.ZIP_DEFLATED)
        for name, text in package_parts(self._titles, stamp, money_format):
            self._write(name, [text])

    def add(self, sheet: Sheet) -> None:
        """The next sheet, which must carry the next of the titles given."""
        self.add_rows(sheet.title, sheet.widths, sheet.header, len(sheet.rows), sheet_rows(sheet))

    def add_rows(
        self,
        title: str,
        widths: Sequence[float],
        header: Sequence[str],
        count: int,
        rows: Iterable[str | bytes],
    ) -> None:
        """The next sheet, its ``count`` rows given as XML (row_xml), compressed as they come;
        ``title`` must be the next of the titles given."""
        if self._added == len(self._titles) or title != self._titles[self._added]:
            raise ValueError(f"expected the sheets {self._titles} in order, got {title}")
        self._added += 1
        parts = itertools.chain([sheet_start(widths, header, count)], rows, [SHEET_END])
        self._write(f"xl/worksheets/sheet{self._added}.xml", parts)

    def finish(self) -> bytes:
        """The workbook file, once every sheet is added."""
        if self._added != len(self._titles):
            raise ValueError(f"expected {len(self._titles)} sheets, got {self._added}")
        self._archive.close()
        return self._raw.getvalue()

    def _write(self, name: str, chunks: Iterable[str | bytes]) -> None:
        entry = zipfile.ZipInfo(name, date_time=self._date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        with self._archive.open(entry, "w") as out:
            for chunk in chunks:
                out.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def xlsx_bytes(sheets: Sequence[Sheet], stamp: datetime, money_format: str) -> bytes:
    """The workbook file of these sheets (see XlsxWriter)."""
    book = XlsxWriter([sheet.title for sheet in sheets], stamp, money_format)
    for sheet in sheets:
        book.add(sheet)
    return book.finish()
