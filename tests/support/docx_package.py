"""WordprocessingML pieces for the test .docx writer: runs, fields, and the package's parts.

tests/support/docx_writer.py writes the body (word/document.xml) from the runs,
paragraphs and fields made here; package() wraps it in the package Word saves:
[Content_Types].xml, the relationships, styles.xml with a numbered heading style,
numbering.xml with the lists the body refers to, and a header and a footer with a PAGE
field, which are parts of their own that the reader never reads.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

HEADING_STYLE = "ReportHeading"
"""A paragraph style numbered 一、二、三、 through styles.xml (w:pStyle → w:numPr)."""
HEADING_LIST = 1
"""The w:numId of the section headings' list (Chinese counting, ``%1、``)."""
TITLE_LIST = 2
"""The w:numId of the table titles' list (decimal, ``%1.``)."""
FOOTER_TEXT = ("第", "页")
"""The footer's text around its PAGE field: 第 1 页."""
HEADER_TEXT = "预算绩效目标公开（页眉）"


CHANGE = 'w:author="审核人" w:date="2022-01-10T09:00:00Z"'
"""Who made a tracked change, and when."""
DELETED = "（审核时删去的文字）"
"""Text every tracked deletion holds: never in what the reader returns."""


def runs(text: str, props: str = "") -> str:
    """A run of text; tabs become w:tab, as Word stores them."""
    inner = []
    for n, part in enumerate(text.split("\t")):
        if n:
            inner.append("<w:tab/>")
        if part:
            space = ' xml:space="preserve"' if part != part.strip() else ""
            inner.append(f"<w:t{space}>{escape(part)}</w:t>")
    return f"<w:r>{props}{''.join(inner)}</w:r>" if inner else ""


def paragraph(inline: str, props: str = "") -> str:
    """A w:p of runs, with its properties (w:pPr) if any."""
    return f"<w:p><w:pPr>{props}</w:pPr>{inline}</w:p>" if props else f"<w:p>{inline}</w:p>"


def complex_field(instruction: str, result: str = "") -> str:
    """A complex field: begin, its instruction, separate, its result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def deleted(n: int) -> str:
    """Tracked deleted text (w:del around w:delText), change id ``n``."""
    return f'<w:del w:id="{n}" {CHANGE}><w:r><w:delText>{DELETED}</w:delText></w:r></w:del>'


def exact(value: Decimal) -> str:
    """An amount with two decimals, or as many as it needs to stay exact."""
    text = f"{value:.2f}"
    return text if Decimal(text) == value else format(value.normalize(), "f")


def goal_list(project: int) -> int:
    """The w:numId of project ``project``'s goals: one list instance each, restarted at 1."""
    return 10 + project


def _numbering(projects: int) -> str:
    def abstract(n: int, fmt: str, text: str) -> str:
        return (
            f'<w:abstractNum w:abstractNumId="{n}"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        )

    goals = "".join(
        f'<w:num w:numId="{goal_list(p)}"><w:abstractNumId w:val="3"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for p in range(1, projects + 1)
    )
    return (
        f'{_XML}<w:numbering xmlns:w="{W_NS}">'
        + abstract(1, "chineseCounting", "%1、")
        + abstract(2, "decimal", "%1.")
        + abstract(3, "decimal", "%1.")
        + f'<w:num w:numId="{HEADING_LIST}"><w:abstractNumId w:val="1"/></w:num>'
        + f'<w:num w:numId="{TITLE_LIST}"><w:abstractNumId w:val="2"/></w:num>'
        + goals
        + "</w:numbering>"
    )


def _styles(numbered: bool) -> str:
    num = (
        f'<w:numPr><w:numId w:val="{HEADING_LIST}"/></w:numPr>'  # level from the style: 0
        if numbered
        else ""
    )
    return (
        f'{_XML}<w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="{HEADING_STYLE}"><w:name w:val="报告标题"/>'
        f'<w:basedOn w:val="Heading1"/><w:pPr>{num}</w:pPr></w:style>'
        "</w:styles>"
    )


def _page_part(kind: str, text: str) -> str:
    return f'{_XML}<w:{kind} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{text}</w:{kind}>'


def _footer() -> str:
    before, after = FOOTER_TEXT
    page = (
        f'<w:r><w:t xml:space="preserve">{before} </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {after}</w:t></w:r>'
    )
    return _page_part("ftr", f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{page}</w:p>')


def _header() -> str:
    return _page_part("hdr", f"<w:p><w:r><w:t>{escape(HEADER_TEXT)}</w:t></w:r></w:p>")


SECTION_WITH_FOOTER = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rId10"/>'
    '<w:footerReference w:type="default" r:id="rId11"/>'
    '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
)
SECTION = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'


def package(body: str, *, lists: int | None, numbered: bool, footer: bool) -> bytes:
    """The .docx bytes of a body (the children of w:body, its w:sectPr included).

    ``lists``: how many goal lists numbering.xml defines (None: no numbering.xml);
    ``numbered``: whether the heading style carries numbering; ``footer``: whether the
    header and footer parts the body's w:sectPr refers to (SECTION_WITH_FOOTER) are written.
    """
    document = (
        f'{_XML}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>'
    )
    parts = {
        "word/document.xml": document,
        "word/styles.xml": _styles(numbered),
    }
    rels = [("rId1", "styles", "styles.xml")]
    if lists is not None:
        parts["word/numbering.xml"] = _numbering(lists)
        rels.append(("rId2", "numbering", "numbering.xml"))
    if footer:
        parts["word/header1.xml"] = _header()
        parts["word/footer1.xml"] = _footer()
        rels += [("rId10", "header", "header1.xml"), ("rId11", "footer", "footer1.xml")]
    overrides = {
        "word/document.xml": f"{_CT}.document.main+xml",
        "word/styles.xml": f"{_CT}.styles+xml",
        "word/numbering.xml": f"{_CT}.numbering+xml",
        "word/header1.xml": f"{_CT}.header+xml",
        "word/footer1.xml": f"{_CT}.footer+xml",
    }
    types = (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="/{name}" ContentType="{overrides[name]}"/>' for name in parts
        )
        + "</Types>"
    )
    relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    root_rels = (
        f'{_XML}<Relationships xmlns="{relationships}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document_rels = (
        f'{_XML}<Relationships xmlns="{relationships}">'
        + "".join(
            f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
            for rid, kind, target in rels
        )
        + "</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("word/_rels/document.xml.rels", document_rels)
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return out.getvalue()


DOCUMENT = "word/document.xml"


def part(raw: bytes, name: str = DOCUMENT) -> str:
    """One part of a .docx package, as text."""
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        return package.read(name).decode("utf-8")


def with_parts(raw: bytes, edits: Mapping[str, Callable[[str], str]]) -> bytes:
    """The package with each named part replaced by its edit; every other part as it was."""
    source, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = source.read(item)
            edit = edits.get(item.filename)
            package.writestr(item, edit(data.decode("utf-8")).encode("utf-8") if edit else data)
    return out.getvalue()
