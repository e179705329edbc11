"""A small SpreadsheetML (XLSX) writer: sheets of text and numbers, nothing else.

The workbook is a zip of a few XML parts written directly as text. A general library builds an
object per cell and costs about ten microseconds a cell; the download workbook needs only text,
numbers, one bold header row, a money format, column widths and a frozen first row.

Text goes into one shared-strings table, each distinct text once: the context columns repeat
on every row, so this is both faster to write and smaller than text inline in each cell
(``t="inlineStr"``). No cell is ever a formula, so text such as ``=100%`` stays text. Every
zip entry carries the same fixed time, so the same sheets give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from builder.downloads.xlsx_parts import DECLARATION, MAIN, REL, escape, package_parts
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


def _row(
    number: int,
    letters: Sequence[str],
    values: Sequence[Value],
    styles: Sequence[str],
    strings: dict[str, int],
) -> str:
    cells = [f'<row r="{number}">']
    append = cells.append
    for letter, value, style in zip(letters, values, styles, strict=True):
        if value is None:
            if style:
                append(f'<c r="{letter}{number}"{style}/>')
            continue
        if isinstance(value, str):
            text = value
        else:
            digits = number_text(value)
            if digits is not None:
                append(f'<c r="{letter}{number}"{style}><v>{digits}</v></c>')
                continue
            text = str(value)  # not a finite number: kept as text rather than lost
        index = strings.get(text)
        if index is None:
            index = strings[text] = len(strings)
        append(f'<c r="{letter}{number}"{style} t="s"><v>{index}</v></c>')
    append("</row>")
    return "".join(cells)


def sheet_chunks(sheet: Sheet, strings: dict[str, int]) -> Iterator[str]:
    """The worksheet part in pieces of at most ``ROWS_PER_CHUNK`` rows: widths, the frozen
    header row, then every row.

    Text goes into ``strings`` (text → index in the shared-strings table), added as first met.
    """
    letters = [column_letter(i) for i in range(len(sheet.header))]
    styles = [f' s="{s}"' if s else "" for s in sheet.styles]
    header = _row(1, letters, sheet.header, [f' s="{HEADER}"'] * len(letters), strings)
    last = f"{letters[-1]}{len(sheet.rows) + 1}" if letters else "A1"
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(sheet.widths, start=1)
    )
    yield "".join(
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
            f"<sheetData>{header}",
        ]
    )
    chunk: list[str] = []
    for number, row in enumerate(sheet.rows, start=2):
        chunk.append(_row(number, letters, row, styles, strings))
        if len(chunk) == ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk.clear()
    chunk.append("</sheetData></worksheet>")
    yield "".join(chunk)


ROWS_PER_CHUNK = 1000
"""Rows of a worksheet compressed at a time: a large sheet's XML is never held whole."""


def shared_strings_xml(strings: dict[str, int]) -> str:
    """The shared-strings part: every text in the order of its index."""
    # XML 1.0 cannot hold control characters: they appear as on the site, [U+0007], and the
    # intake warns about each line; the JSON and CSV keep them as they are.
    items = "".join(
        f'<si><t xml:space="preserve">{escape(visible(text))}</t></si>' for text in strings
    )
    return f'{DECLARATION}<sst xmlns="{MAIN}" uniqueCount="{len(strings)}">{items}</sst>'


class XlsxWriter:
    """A workbook written one sheet at a time, each compressed as its rows are made: a large
    workbook's sheets, as XML or as rows, are never all held.

    The titles are known first, as the workbook part lists them before any sheet. The
    shared-strings table comes last, after the sheets that fill it. Every zip entry and both
    document times are set to ``stamp``, so the same sheets give the same bytes.
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
        self._strings: dict[str, int] = {}
        self._raw = io.BytesIO()
        self._archive = zipfile.ZipFile(self._raw, "w", zipfile.ZIP_DEFLATED)
        for name, text in package_parts(self._titles, stamp, money_format):
            self._write(name, [text])

    def add(self, sheet: Sheet) -> None:
        """The next sheet, which must carry the next of the titles given."""
        if self._added == len(self._titles) or sheet.title != self._titles[self._added]:
            raise ValueError(f"expected the sheets {self._titles} in order, got {sheet.title}")
        self._added += 1
        self._write(f"xl/worksheets/sheet{self._added}.xml", sheet_chunks(sheet, self._strings))

    def finish(self) -> bytes:
        """The workbook file, once every sheet is added."""
        if self._added != len(self._titles):
            raise ValueError(f"expected {len(self._titles)} sheets, got {self._added}")
        self._write("xl/sharedStrings.xml", [shared_strings_xml(self._strings)])
        self._archive.close()
        return self._raw.getvalue()

    def _write(self, name: str, chunks: Iterable[str]) -> None:
        entry = zipfile.ZipInfo(name, date_time=self._date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        with self._archive.open(entry, "w") as out:
            for chunk in chunks:
                out.write(chunk.encode("utf-8"))


def xlsx_bytes(sheets: Sequence[Sheet], stamp: datetime, money_format: str) -> bytes:
    """The workbook file of these sheets (see XlsxWriter)."""
    book = XlsxWriter([sheet.title for sheet in sheets], stamp, money_format)
    for sheet in sheets:
        book.add(sheet)
    return book.finish()
