"""The Word reader: a .docx's own structure → the report text the one parser reads.

It renders the document the way Apache Tika renders it, so that a .docx and Tika's text
of it feed the same table reader and parser: a line per body paragraph; for each table
row, a line per cell (a tab before the cell's first paragraph, its later paragraphs on
lines of their own), an empty cell where a vertical merge continues (``w:vMerge``), and
a blank line at the row's end. A cell spanning columns (``w:gridSpan``) is one cell, as
Tika prints it.

What Word files carry, and how it is read:
- tracked changes read as accepted: inserted text (``w:ins``, ``w:moveTo``) counts,
  deleted text (``w:del``, ``w:moveFrom``, deleted rows) does not, and a paragraph whose
  mark was deleted runs on into the next;
- fields: their instructions (``TC``, ``TOC``, ``PAGE``) are not text; a table of
  contents is a copy of the headings, so its result is left out too;
- bookmarks, proofing marks, hidden text and drawings are not text;
- automatic numbering is rendered from numbering.xml (builder/parse/numbering.py), since
  its digits are not in the text;
- soft line breaks (``w:br``) end a line, as a new paragraph would;
- headers and footers are in parts of their own, never read;
- empty paragraphs inside a cell are dropped (a blank line would end the row), and a
  layout table (one cell per row) is read as the paragraphs it holds.

Every line gets a place a person can find in Word (builder/contract/places.py).
Pure: bytes in, text out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from builder.contract import places
from builder.contract.errors import ReportError
from builder.parse.lines import Text
from builder.parse.numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_P, _TBL, _TR, _TC, _T = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t"
_TAB, _BR, _CR = f"{W}tab", f"{W}br", f"{W}cr"
_FLD_CHAR, _INSTR, _FLD_SIMPLE = f"{W}fldChar", f"{W}instrText", f"{W}fldSimple"
_R_RUN, _RPR, _PPR, _TCPR, _TRPR = f"{W}r", f"{W}rPr", f"{W}pPr", f"{W}tcPr", f"{W}trPr"
_SDT, _SDT_CONTENT = f"{W}sdt", f"{W}sdtContent"
_SKIPPED = frozenset(
    {
        f"{W}del",  # tracked deletion
        f"{W}moveFrom",  # the old place of moved text
        f"{W}delInstrText",
        f"{W}delText",
        _PPR,
        _RPR,
        _TCPR,
        _TRPR,
        f"{W}drawing",
        f"{W}pict",
        f"{W}object",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
        f"{W}footnoteReference",
        f"{W}endnoteReference",
        f"{W}commentReference",
    }
)
_HIDDEN = (f"{W}vanish", f"{W}webHidden")
_MAX_PART = 256 * 1024 * 1024
"""The largest document.xml read: a report is well under 10 MB; a zip bomb is not read."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_MAIN = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


def read_docx(data: bytes, source: str) -> Text:
    """A .docx's bytes → report text with the place of each line; ReportError if not Word."""
    package = _package(data, source)
    body = _root(package, _main_part(package, source), source).find(f"{W}body")
    if body is None:
        raise ReportError(source, 1, "expected a Word document body (w:body); found none")
    reader = _Reader(
        Numbering.of(
            _optional(package, "word/numbering.xml", source),
            _optional(package, "word/styles.xml", source),
        )
    )
    reader.blocks(body)
    reader.flush()
    return Text("".join(f"{line}\n" for line in reader.lines), tuple(reader.places))


def _package(data: bytes, source: str) -> zipfile.ZipFile:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReportError(
                source,
                1,
                "expected a .docx without a password: this one is encrypted; remove the "
                "password in Word (文件 → 信息 → 保护文档) and save again",
            )
        raise ReportError(
            source,
            1,
            "expected a .docx; this is an older Word .doc (or another OLE file) named .docx: "
            "save it as .docx, or name it .doc so that LibreOffice converts it",
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReportError(
            source, 1, "expected a .docx (a zip package); the file is not one, or it is damaged"
        ) from None


def _main_part(package: zipfile.ZipFile, source: str) -> str:
    names = set(package.namelist())
    rels = _optional(package, "_rels/.rels", source)
    if rels is not None:
        for rel in rels:
            if rel.get("Type") in (_MAIN, _STRICT_MAIN):
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    if "xl/workbook.xml" in names:
        raise ReportError(source, 1, "expected a Word document; this is an Excel workbook")
    if any(n.startswith("ppt/") for n in names):
        raise ReportError(source, 1, "expected a Word document; this is a PowerPoint file")
    raise ReportError(source, 1, "expected a Word document: the package has no word/document.xml")


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _root(package: zipfile.ZipFile, name: str, source: str) -> etree._Element:
    try:
        info = package.getinfo(name)
        if info.file_size > _MAX_PART:
            raise ReportError(
                source,
                1,
                f"expected {name} of at most {_MAX_PART // 2**20} MB unpacked; "
                f"it is {info.file_size // 2**20} MB",
            )
        if info.flag_bits & 0x1:
            raise ReportError(source, 1, "expected a .docx without a password: it is encrypted")
        return etree.fromstring(package.read(info), _PARSER)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ReportError(
            source, 1, f"expected a readable .docx: {name} is damaged ({exc})"
        ) from None
    except etree.XMLSyntaxError as exc:
        raise ReportError(source, 1, f"expected well-formed XML in {name}: {exc}") from None


def _optional(package: zipfile.ZipFile, name: str, source: str) -> etree._Element | None:
    try:
        package.getinfo(name)
    except KeyError:
        return None
    return _root(package, name, source)


@dataclass
class _Field:
    instruction: str = ""
    in_result: bool = False


@dataclass
class _Reader:
    """Walks the body once, writing lines and their places."""

    numbering: Numbering
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    paragraph_count: int = 0
    table_count: int = 0
    carried: str = ""
    """Text of a paragraph whose mark was deleted: it runs on into the next paragraph."""

    def emit(self, line: str, place: str) -> None:
        self.lines.append(line)
        self.places.append(place)

    def flush(self) -> None:
        if self.carried:
            self.paragraph_count += 1
            self._body_lines(self.carried, places.paragraph(self.paragraph_count))
            self.carried = ""

    def blocks(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.body_paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag in (_SDT, f"{W}customXml"):
                self.blocks(_content(child))

    def body_paragraph(self, p: etree._Element) -> None:
        text = self.carried + self.paragraph_text(p)
        if _mark_deleted(p):
            self.carried = text
            return
        self.carried = ""
        if text.strip():
            self.paragraph_count += 1
        self._body_lines(text, places.paragraph(max(self.paragraph_count, 1)))

    def _body_lines(self, text: str, place: str) -> None:
        for line in text.split("\n"):
            # A tab opens a cell in the text the parser reads: never at a paragraph's start.
            self.emit(line.lstrip("\t"), place)

    def table(self, tbl: etree._Element) -> None:
        rows = [tr for tr in _children(tbl, _TR) if not _row_deleted(tr)]
        if all(len(_cells(tr)) <= 1 for tr in rows):
            for tr in rows:  # a layout table: read as the blocks it holds
                for tc in _cells(tr):
                    self.blocks(tc)
            return
        self.flush()
        self.table_count += 1
        for r, tr in enumerate(rows, start=1):
            place = ""
            for c, tc in enumerate(_cells(tr), start=1):
                place = places.cell(self.table_count, r, c)
                lines = [] if _continues_merge(tc) else self.cell_lines(tc)
                first, *rest = lines or [""]
                self.emit(f"\t{first}", place)
                for line in rest:
                    self.emit(line, place)
            self.emit("", place)

    def cell_lines(self, tc: etree._Element) -> list[str]:
        """The cell's paragraphs (nested tables' too), one line each, without empty ones."""
        lines: list[str] = []
        carried = ""
        for p in _cell_paragraphs(tc):
            text = carried + self.paragraph_text(p)
            if _mark_deleted(p):
                carried = text
                continue
            carried = ""
            lines += [s for line in text.split("\n") if (s := line.replace("\t", " ").strip())]
        if carried.strip():
            lines.append(carried.strip())
        return lines

    def paragraph_text(self, p: etree._Element) -> str:
        parts: list[str] = []
        label = self.numbering.label(p)
        self._runs(p, parts)
        text = "".join(parts)
        if label and text.strip():
            return label + text
        return text

    def _hidden(self) -> bool:
        return any(
            not f.in_result or f.instruction.lstrip().upper().startswith("TOC") for f in self.fields
        )

    def _runs(self, parent: etree._Element, parts: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == _T:
                if child.text and not self._hidden():
                    parts.append(child.text)
            elif tag == _R_RUN:
                if not _run_hidden(child):
                    self._runs(child, parts)
            elif tag == _TAB:
                if not self._hidden():
                    parts.append("\t")
            elif tag in (_BR, _CR):
                if child.get(f"{W}type") not in ("page", "column") and not self._hidden():
                    parts.append("\n")
            elif tag == _FLD_CHAR:
                self._field_char(child)
            elif tag == _INSTR:
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].instruction += child.text or ""
            elif tag == _FLD_SIMPLE:
                instruction = (child.get(f"{W}instr") or "").strip().upper()
                if not instruction.startswith("TOC"):
                    self._runs(child, parts)
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif len(child):
                # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:sdt, w:customXml, …
                self._runs(_content(child), parts)

    def _field_char(self, char: etree._Element) -> None:
        kind = char.get(f"{W}fldCharType")
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].in_result = True
        elif kind == "end" and self.fields:
            self.fields.pop()


def _content(element: etree._Element) -> etree._Element:
    inner = element.find(_SDT_CONTENT)
    return inner if inner is not None else element


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, also inside content controls and custom XML around them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, f"{W}customXml"):
            yield from _children(_content(child), tag)


def _cells(tr: etree._Element) -> list[etree._Element]:
    return list(_children(tr, _TC))


def _cell_paragraphs(tc: etree._Element) -> Iterator[etree._Element]:
    for child in tc:
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            for tr in _children(child, _TR):
                if not _row_deleted(tr):
                    for inner in _cells(tr):
                        yield from _cell_paragraphs(inner)
        elif child.tag in (_SDT, f"{W}customXml"):
            yield from _cell_paragraphs(_content(child))


def _continues_merge(tc: etree._Element) -> bool:
    merge = tc.find(f"{_TCPR}/{W}vMerge")
    return merge is not None and merge.get(f"{W}val", "continue") == "continue"


def _row_deleted(tr: etree._Element) -> bool:
    return tr.find(f"{_TRPR}/{W}del") is not None


def _mark_deleted(p: etree._Element) -> bool:
    return p.find(f"{_PPR}/{_RPR}/{W}del") is not None


def _run_hidden(run: etree._Element) -> bool:
    props = run.find(_RPR)
    if props is None:
        return False
    for tag in _HIDDEN:
        flag = props.find(tag)
        if flag is not None and flag.get(f"{W}val", "true") not in ("0", "false", "off"):
            return True
    return False
