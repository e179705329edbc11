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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from builder.parse.controls import visible

Value = str | int | float | Decimal | None
"""A cell: text, a number, or nothing."""

PLAIN, HEADER, MONEY = 0, 1, 2
"""Cell styles, as indexes into the cellXfs of styles.xml."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MONEY_FORMAT_ID = 164  # the first id free for custom number formats


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title, column widths, header row, rows and each column's number style."""

    title: str
    widths: Sequence[float]
    header: Sequence[str]
    rows: Sequence[Sequence[Value]]
    styles: Sequence[int]  # PLAIN or MONEY for each column


def escape(text: str) -> str:
    """``text`` safe inside an XML element or a double-quoted attribute."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


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


def sheet_xml(sheet: Sheet, strings: dict[str, int]) -> str:
    """The worksheet part: widths, the frozen header row, then every row.

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
    parts = [
        _DECLARATION,
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0">',
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>',
        "</sheetView></sheetViews>",
        '<sheetFormatPr defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        f"<sheetData>{header}",
    ]
    parts.extend(
        _row(n, letters, row, styles, strings) for n, row in enumerate(sheet.rows, start=2)
    )
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def shared_strings_xml(strings: dict[str, int]) -> str:
    """The shared-strings part: every text in the order of its index."""
    # XML 1.0 cannot hold control characters: they appear as on the site, [U+0007], and the
    # intake warns about each line; the JSON and CSV keep them as they are.
    items = "".join(
        f'<si><t xml:space="preserve">{escape(visible(text))}</t></si>' for text in strings
    )
    return f'{_DECLARATION}<sst xmlns="{_MAIN}" uniqueCount="{len(strings)}">{items}</sst>'


def _content_types(count: int) -> str:
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = [
        ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", "spreadsheetml.styles+xml"),
        ("/xl/sharedStrings.xml", "spreadsheetml.sharedStrings+xml"),
    ]
    parts = [
        _DECLARATION,
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    parts.extend(
        f'<Override PartName="{name}" ContentType="application/vnd.openxmlformats-'
        f'officedocument.{kind}"/>'
        for name, kind in overrides
    )
    parts.extend(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
        for n in range(1, count + 1)
    )
    parts.append(
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.extended-properties+xml"/></Types>'
    )
    return "".join(parts)


def _relationships(targets: Sequence[tuple[str, str]]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_DECLARATION}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _core(stamp: datetime) -> str:
    when = stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_DECLARATION}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:creator>budgetsite</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_APP = (
    f"{_DECLARATION}<Properties"
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>budgetsite</Application></Properties>"
)


def _styles(money_format: str) -> str:
    return (
        f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="1"><numFmt numFmtId="{_MONEY_FORMAT_ID}"'
        f' formatCode="{escape(money_format)}"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"'
        ' applyAlignment="1"><alignment vertical="top"/></xf>'
        f'<xf numFmtId="{_MONEY_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0"'
        ' applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _workbook(titles: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name="{escape(title)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, title in enumerate(titles, start=1)
    )
    return (
        f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>'
    )


def parts(sheets: Sequence[Sheet], stamp: datetime, money_format: str) -> list[tuple[str, str]]:
    """Every part of the package as (zip path, XML text), in the order they are stored."""
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships/metadata"
    sheet_links = [
        (f"{office}/worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(sheets) + 1)
    ]
    strings: dict[str, int] = {}
    worksheets = [
        (f"xl/worksheets/sheet{n}.xml", sheet_xml(sheet, strings))
        for n, sheet in enumerate(sheets, start=1)
    ]
    book_links = [
        *sheet_links,
        (f"{office}/styles", "styles.xml"),
        (f"{office}/sharedStrings", "sharedStrings.xml"),
    ]
    return [
        ("[Content_Types].xml", _content_types(len(sheets))),
        (
            "_rels/.rels",
            _relationships(
                [
                    (f"{office}/officeDocument", "xl/workbook.xml"),
                    (f"{package}/core-properties", "docProps/core.xml"),
                    (f"{office}/extended-properties", "docProps/app.xml"),
                ]
            ),
        ),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(stamp)),
        ("xl/workbook.xml", _workbook([s.title for s in sheets])),
        ("xl/_rels/workbook.xml.rels", _relationships(book_links)),
        ("xl/styles.xml", _styles(money_format)),
        ("xl/sharedStrings.xml", shared_strings_xml(strings)),
        *worksheets,
    ]


def xlsx_bytes(sheets: Sequence[Sheet], stamp: datetime, money_format: str) -> bytes:
    """The workbook file, every zip entry and both document times set to ``stamp``."""
    naive = stamp.astimezone(UTC)
    date_time = (naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts(sheets, stamp, money_format):
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text.encode("utf-8"))
    return raw.getvalue()
