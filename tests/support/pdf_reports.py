"""Document → a real PDF report, printed by LibreOffice from the test .docx writer's file.

The .docx (tests/support/docx_writer.py) is laid out the way department files are before
it is printed: every table ruled on all sides (exported PDFs draw the grid the reader
rebuilds tables from), the indicator header row marked "repeat as header row"
(``w:tblHeader``), and the page size, font, font size and column widths of a PdfLayout.
LibreOffice converts all the files of one call in one run, in a private profile, as
builder/engines/libreoffice.py does; the PDFs are cached for the test session, since each
costs LibreOffice about a second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from builder.contract.model import Document
from tests.support.docx_package import DOCUMENT, with_parts
from tests.support.docx_writer import DocxStyle, write_docx
from tests.support.soffice import convert

A4 = (11906, 16838)
A5 = (8391, 11906)
LETTER = (12240, 15840)
"""Page sizes in twentieths of a point, as w:pgSz stores them."""

TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
"""LibreOffice's PDF filter with its "tagged PDF" option."""

_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


@dataclass(frozen=True)
class PdfLayout:
    """How the printed report is laid out; each field varies what real PDFs vary."""

    page: tuple[int, int] = A4
    font: str = "Noto Serif CJK SC"
    size: int = 21
    """Font size in half points (21: 五号, 10.5 pt)."""
    widths: float = 1.0
    """Every table column's width times this: below 1, cells wrap into more lines."""
    header_rows: bool = True
    """The indicator table's header row repeats at the top of each page (w:tblHeader)."""
    head_header_rows: int = 0
    """The first rows of the 绩效目标表 head that repeat at the top of each page."""
    indent: bool = True
    """Body paragraphs start indented two characters (首行缩进), as official documents do:
    what tells a paragraph that ends at the margin from one that wraps."""
    tagged: bool = False
    """The PDF records its structure (paragraphs, table cells), as Word's export does by
    default ("document structure tags for accessibility"); LibreOffice's does not."""
    docx: DocxStyle = field(default_factory=DocxStyle)


def _scaled(match: re.Match[str], factor: float) -> str:
    return f'{match[1]}w:w="{round(int(match[2]) * factor)}"'


def laid_out(docx: bytes, layout: PdfLayout) -> bytes:
    """The writer's .docx with full table rules and the layout's page, font and widths."""
    return with_parts(
        docx,
        {
            DOCUMENT: lambda xml: _document(xml, layout),
            "word/styles.xml": lambda xml: _styles(xml, layout),
        },
    )


def _document(xml: str, layout: PdfLayout) -> str:
    xml = re.sub(
        r"<w:tblBorders>.*?</w:tblBorders>", f"<w:tblBorders>{_BORDERS}</w:tblBorders>", xml
    )
    if layout.widths != 1.0:
        xml = re.sub(r'(<w:(?:gridCol|tcW) )w:w="(\d+)"', lambda m: _scaled(m, layout.widths), xml)
    width, height = layout.page
    xml = re.sub(r'<w:pgSz w:w="\d+" w:h="\d+"/>', f'<w:pgSz w:w="{width}" w:h="{height}"/>', xml)
    if layout.indent:
        xml = _indented(xml)
    tables = xml.split("<w:tbl>")
    for n, table in enumerate(tables[1:], start=1):
        indicator = "一级指标" in table.split("</w:tr>", 1)[0]
        repeat = (1 if layout.header_rows else 0) if indicator else layout.head_header_rows
        rows = table.split("<w:tr>")
        for r in range(1, min(repeat, len(rows) - 1) + 1):
            rows[r] = "<w:trPr><w:tblHeader/></w:trPr>" + rows[r]
        tables[n] = "<w:tr>".join(rows)
    return "<w:tbl>".join(tables)


def _indented(xml: str) -> str:
    """Body paragraphs (not those in tables) with a first-line indent of two characters."""
    pieces = re.split(r"(<w:tbl>.*?</w:tbl>)", xml, flags=re.S)
    indent = '<w:ind w:firstLineChars="200" w:firstLine="420"/>'
    for n in range(0, len(pieces), 2):
        piece = re.sub(r"<w:p><w:pPr>", f"<w:p><w:pPr>{indent}", pieces[n])
        pieces[n] = re.sub(r"<w:p>(?!<w:pPr>)", f"<w:p><w:pPr>{indent}</w:pPr>", piece)
    return "".join(pieces)


def _styles(xml: str, layout: PdfLayout) -> str:
    font = layout.font
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        f'<w:sz w:val="{layout.size}"/><w:szCs w:val="{layout.size}"/>'
        "</w:rPr></w:rPrDefault></w:docDefaults>"
    )
    return re.sub(r"(<w:styles [^>]*>)", lambda m: m[1] + defaults, xml, count=1)


def report_docx(document: Document, layout: PdfLayout = PdfLayout()) -> bytes:
    """The .docx LibreOffice prints for ``document`` in ``layout``."""
    return laid_out(write_docx(document, layout.docx), layout)


_CACHE: dict[tuple[str, PdfLayout], bytes] = {}


def pdfs(documents: Mapping[str, tuple[Document, PdfLayout]]) -> dict[str, bytes]:
    """Each (Document, layout) by name → its PDF, converted once per test session."""
    keys = {name: (doc.model_dump_json(), layout) for name, (doc, layout) in documents.items()}
    missing = {
        name: report_docx(*documents[name]) for name, key in keys.items() if key not in _CACHE
    }
    for tagged in (False, True):
        batch = {
            name: docx for name, docx in missing.items() if documents[name][1].tagged == tagged
        }
        if batch:
            for name, data in convert(batch, TAGGED if tagged else "pdf").items():
                _CACHE[keys[name]] = data
    return {name: _CACHE[key] for name, key in keys.items()}
