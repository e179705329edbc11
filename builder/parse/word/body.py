"""The Word reader: a .docx's body → the report text the one parser reads.

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
- bookmarks, proofing marks, hidden text and drawings are not text; a symbol (``w:sym``,
  ≥ inserted from the Symbol font) is its Unicode character;
- automatic numbering is rendered from numbering.xml (builder/parse/word/numbering.py), since
  its digits are not in the text;
- soft line breaks (``w:br``) end a line, as a new paragraph would;
- headers and footers are in parts of their own, never read;
- empty paragraphs inside a cell are dropped (a blank line would end the row), and a
  layout table (one cell per row) is read as the paragraphs it holds.

Every line gets a place a person can find in Word (builder/contract/places.py).
Pure: bytes in, text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from builder.contract import places
from builder.contract.errors import ReportError
from builder.parse.lines import Text
from builder.parse.word.elements import (
    BR,
    CR,
    FLD_CHAR,
    FLD_SIMPLE,
    INSTR,
    R_RUN,
    SDT,
    SKIPPED,
    SPECIAL,
    SYM,
    TAB,
    TBL,
    TCPR,
    TR,
    P,
    T,
    W,
    cell_paragraphs,
    cells,
    children,
    content,
    hidden_runs,
    mark_deleted,
    merge_continuations,
    plain_text,
    row_deleted,
    symbol_text,
)
from builder.parse.word.numbering import Numbering
from builder.parse.word.package import Package


def read_docx(data: bytes, source: str) -> Text:
    """A .docx's bytes → report text with the place of each line; ReportError if not Word."""
    package = Package(data, source)
    body = package.main().find(f"{W}body")
    if body is None:
        raise ReportError(source, 1, "expected a Word document body (w:body); found none")
    lists = package.optional("word/numbering.xml")
    # Styles matter only for the numbering they carry: without lists, they are not read.
    styles = package.optional("word/styles.xml") if lists is not None else None
    numbering = Numbering.of(lists, styles)
    if lists is not None:
        numbering.find_candidates(body)
    # Questions most elements answer "no" to, each asked once of the whole body, in C.
    reader = _Reader(
        numbering, _complex_paragraphs(body), merge_continuations(body), hidden_runs(body)
    )
    reader.blocks(body)
    reader.flush()
    last = next((child for child in reversed(body) if child.tag in (P, TBL)), None)
    if last is not None and last.tag == TBL and reader.places:
        # Word always writes a paragraph after a table; a file written by a library may not.
        # The text reader takes a table's end without one for a file cut short, but a
        # .docx is whole XML: give it the empty paragraph Word would have written.
        reader.emit("", reader.places[-1])
    return Text("".join(f"{line}\n" for line in reader.lines), tuple(reader.places))


@dataclass
class _Field:
    instruction: str = ""
    in_result: bool = False


@dataclass
class _Reader:
    """Walks the body once, writing lines and their places."""

    numbering: Numbering
    complex: set[etree._Element]
    """The paragraphs whose text needs more than their w:t (see SPECIAL)."""
    merged: set[etree._Element]
    """The cells that continue a vertical merge: empty, their text is the first cell's."""
    hidden: set[etree._Element]
    """The hidden runs (w:vanish, w:webHidden)."""
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    in_hidden_field: bool = False
    """Whether the text now read is a field's instruction or a table of contents."""
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
            if tag == P:
                self.body_paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag in (SDT, f"{W}customXml"):
                self.blocks(content(child))

    def body_paragraph(self, p: etree._Element) -> None:
        text = self.carried + self.paragraph_text(p)
        if mark_deleted(p):
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
        rows = [cells(tr) for tr in children(tbl, TR) if not row_deleted(tr)]
        if all(len(row) <= 1 for row in rows):
            for row in rows:  # a layout table: read as the blocks it holds
                for tc in row:
                    self.blocks(tc)
            return
        self.flush()
        self.table_count += 1
        # The hot loop of the reader: a report is mostly table cells.
        out, at, table, merged = self.lines, self.places, self.table_count, self.merged
        for r, row in enumerate(rows, start=1):
            place = ""
            for c, tc in enumerate(row, start=1):
                place = places.cell(table, r, c)
                lines = [] if tc in merged else self.cell_lines(tc)
                out.append(f"\t{lines[0]}" if lines else "\t")
                at.append(place)
                for line in lines[1:]:
                    out.append(line)
                    at.append(place)
            out.append("")
            at.append(place)

    def cell_lines(self, tc: etree._Element) -> list[str]:
        """The cell's paragraphs (nested tables' too), one line each, without empty ones."""
        paragraphs = []
        for child in tc:
            if child.tag == P and child not in self.complex:
                paragraphs.append(child)
            elif child.tag != TCPR or self.fields:
                # A nested table, a content control, a field running on: read in full.
                return self._cell_lines_in_full(tc)
        lines: list[str] = []
        numbering = self.numbering
        numbered = numbering.candidates
        for p in paragraphs:  # the common case: paragraphs of plain runs
            label = numbering.label(p) if p in numbered else ""
            text = plain_text(p).strip()
            if text:
                lines.append(label + text)
        return lines

    def _cell_lines_in_full(self, tc: etree._Element) -> list[str]:
        lines: list[str] = []
        carried = ""
        for p in cell_paragraphs(tc):
            text = carried + self.paragraph_text(p)
            if mark_deleted(p):
                carried = text
                continue
            carried = ""
            lines += [s for line in text.split("\n") if (s := line.replace("\t", " ").strip())]
        if carried.strip():
            lines.append(carried.strip())
        return lines

    def paragraph_text(self, p: etree._Element) -> str:
        label = self.numbering.label(p) if self.numbering.candidates else ""
        if not self.fields and p not in self.complex:
            text = plain_text(p)  # the common case, walked in C
        else:
            parts: list[str] = []
            self._runs(p, parts)
            text = "".join(parts)
        if label and text.strip():
            return label + text
        return text

    def _fields_changed(self) -> None:
        self.in_hidden_field = any(
            not f.in_result or f.instruction.lstrip().upper().startswith("TOC") for f in self.fields
        )

    def _runs(self, parent: etree._Element, parts: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag in SKIPPED:
                continue
            if tag == T:
                if child.text and not self.in_hidden_field:
                    parts.append(child.text)
            elif tag == R_RUN:
                if child not in self.hidden:
                    self._runs(child, parts)
            elif tag == TAB:
                if not self.in_hidden_field:
                    parts.append("\t")
            elif tag in (BR, CR):
                if child.get(f"{W}type") not in ("page", "column") and not self.in_hidden_field:
                    parts.append("\n")
            elif tag == FLD_CHAR:
                self._field_char(child)
            elif tag == INSTR:
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].instruction += child.text or ""
                    self._fields_changed()
            elif tag == FLD_SIMPLE:
                instruction = (child.get(f"{W}instr") or "").strip().upper()
                if not instruction.startswith("TOC"):
                    self._runs(child, parts)
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == SYM:
                if not self.in_hidden_field:
                    parts.append(symbol_text(child))
            elif len(child):
                # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:sdt, w:customXml, …
                self._runs(content(child), parts)

    def _field_char(self, char: etree._Element) -> None:
        kind = char.get(f"{W}fldCharType")
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].in_result = True
        elif kind == "end" and self.fields:
            self.fields.pop()
        self._fields_changed()


def _complex_paragraphs(body: etree._Element) -> set[etree._Element]:
    # One pass over the whole tree in C, filtered by tag, instead of one per paragraph.
    found: set[etree._Element] = set()
    for special in body.iter(*SPECIAL):
        found.update(special.iterancestors(P))
    return found
