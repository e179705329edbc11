"""The fixed parts of an XLSX package: content types, relationships, document properties,
styles and the workbook part, each as XML text (builder.downloads.sheets.xlsx writes the sheets)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MONEY_FORMAT_ID = 164  # the first id free for custom number formats


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


def _content_types(count: int) -> str:
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = [
        ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", "spreadsheetml.styles+xml"),
    ]
    parts = [
        DECLARATION,
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
    return f'{DECLARATION}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _core(stamp: datetime) -> str:
    when = stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{DECLARATION}<cp:coreProperties"
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
    f"{DECLARATION}<Properties"
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>budgetsite</Application></Properties>"
)


def _styles(money_format: str) -> str:
    return (
        f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
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
        f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/>'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>'
    )


def package_parts(
    titles: Sequence[str], stamp: datetime, money_format: str
) -> list[tuple[str, str]]:
    """Every part of the package but the sheets, as (zip path, XML)."""
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships/metadata"
    sheet_links = [
        (f"{office}/worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(titles) + 1)
    ]
    book_links = [
        *sheet_links,
        (f"{office}/styles", "styles.xml"),
    ]
    return [
        ("[Content_Types].xml", _content_types(len(titles))),
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
        ("xl/workbook.xml", _workbook(titles)),
        ("xl/_rels/workbook.xml.rels", _relationships(book_links)),
        ("xl/styles.xml", _styles(money_format)),
    ]
