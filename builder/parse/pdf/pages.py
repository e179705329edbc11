"""A PDF's pages as the reader needs them: each page's characters with their boxes, and its rules.

PDFium (pypdfium2, the library pdfplumber itself renders with; BSD/Apache) reads the
file: its C parser is eight times faster than a pure-Python one, which is what makes
several reports a second possible. What comes out is plain data in points, y growing down
the page as a person reads: a character's loose box (the font's full height, so that the
characters of one line share a top and a bottom), and the straight horizontal and
vertical strokes a table is ruled with. A file that is not a PDF, is cut short, needs a
password or has no text layer is a ReportError naming the file, never a traceback.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from builder.contract import places
from builder.contract.errors import ReportError
from builder.parse.pdf.tags import Tag, tags

THIN = 2.5
"""A filled or stroked shape at most this thick (points) is a rule, not a shaded area."""
OCR = (
    "has no text layer (a scan or a picture of the pages); expected a PDF exported from "
    "Word, WPS or LibreOffice: run OCR on it first (e.g. ocrmypdf -l chi_sim), or use the "
    "Word file"
)


class Char:
    """One character on a page: its text and its box in points from the page's top left."""

    __slots__ = ("base", "bottom", "size", "tag", "text", "top", "x0", "x1")

    def __init__(
        self,
        text: str,
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        size: float,
        base: float,
        tag: Tag | None = None,
    ) -> None:
        self.text = text
        self.tag = tag
        """Its paragraph and cell in a tagged PDF (tags.py); None in an untagged one."""
        self.base = base
        """The baseline's y: Latin and Chinese glyphs of one line share it, not their boxes."""
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.size = size

    def __repr__(self) -> str:
        return f"Char({self.text!r}, {self.x0:.1f}, {self.top:.1f})"


@dataclass(frozen=True)
class Rule:
    """A straight stroke: horizontal (``at`` is its y, ``low``..``high`` its x) or vertical."""

    horizontal: bool
    at: float
    low: float
    high: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def read_pages(data: bytes, source: str) -> list[Page]:
    """The pages of a PDF's bytes; ReportError when they cannot be read as a report's pages."""
    if not data.lstrip(b"\x00\t\n\r ")[:1024].count(b"%PDF-"):
        kind = "an empty file" if not data.strip() else "not a PDF (no %PDF- header)"
        raise ReportError(source, 1, f"expected a PDF report; this is {kind}")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            why = "it is encrypted with a password; expected a PDF that opens without one"
        elif code == raw.FPDF_ERR_SECURITY:
            why = "it uses an encryption this reader does not know; save it again without one"
        else:
            why = "it is damaged or cut short (PDFium could not open it); export it again"
        raise ReportError(source, 1, f"expected a PDF report: {why}") from None
    try:
        pages = [_page(document, n, source) for n in range(len(document))]
    finally:
        document.close()
    if not pages:
        raise ReportError(source, 1, "expected a PDF report; it has no pages")
    if not any(page.chars for page in pages):
        raise ReportError(source, 1, f"expected text: this PDF {OCR}")
    return pages


def _page(document: Any, index: int, source: str) -> Page:
    try:
        page = document[index]
    except pdfium.PdfiumError:
        raise ReportError(
            source, 1, "expected a PDF page; this one is damaged", place=places.page(index + 1)
        ) from None
    try:
        width, height = page.get_size()
        out = Page(index + 1, width, height)
        textpage = page.get_textpage()
        try:
            out.chars = _chars(textpage, height, tags(page))
        finally:
            textpage.close()
        out.rules = _rules(page, height)
        return out
    finally:
        page.close()


def _chars(textpage: Any, height: float, marks: dict[int, Tag]) -> list[Char]:
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    box = raw.FS_RECTF()
    pbox = ctypes.byref(box)
    chars: list[Char] = []
    unicode, generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    loose, size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
    origin, x, y = raw.FPDFText_GetCharOrigin, ctypes.c_double(), ctypes.c_double()
    text_object, mark = raw.FPDFText_GetTextObject, raw.FPDFPageObj_GetMarkedContentID
    px, py = ctypes.byref(x), ctypes.byref(y)
    for i in range(count):
        code = unicode(handle, i)
        # PDFium adds spaces and line ends of its own guessing: the reader makes its own.
        if code in (0, 0xFFFE, 0xFFFF) or code < 0x20 or generated(handle, i) == 1:
            continue
        if 0xD800 <= code < 0xDC00:  # the first half of a character beyond the BMP
            following = unicode(handle, i + 1) if i + 1 < count else 0
            if 0xDC00 <= following < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)
            else:
                continue
        elif 0xDC00 <= code < 0xE000:
            continue
        if not loose(handle, i, pbox) or not origin(handle, i, px, py):
            continue
        top, bottom = height - box.top, height - box.bottom
        tag = marks.get(mark(text_object(handle, i))) if marks else None
        chars.append(
            Char(
                chr(code), box.left, top, box.right, bottom, size(handle, i), height - y.value, tag
            )
        )
    return chars


def _rules(page: Any, height: float) -> list[Rule]:
    rules: list[Rule] = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        if right - left <= THIN and top - bottom > THIN:
            rules.append(Rule(False, (left + right) / 2, height - top, height - bottom))
        elif top - bottom <= THIN and right - left > THIN:
            rules.append(Rule(True, height - (top + bottom) / 2, left, right))
        elif right - left > THIN and top - bottom > THIN:
            rules.extend(_segments(obj.raw, height))
    return rules


def _segments(path: Any, height: float) -> list[Rule]:
    """The straight horizontal and vertical pieces of a path (a rectangle's four sides)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(path, ctypes.byref(matrix)):
        return []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(path, ctypes.byref(fill), ctypes.byref(stroke))
    if not stroke.value:
        return []  # a shaded area: its sides are not drawn
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int, bool]] = []
    for n in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, n)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px = matrix.a * x.value + matrix.c * y.value + matrix.e
        py = matrix.b * x.value + matrix.d * y.value + matrix.f
        closes = bool(raw.FPDFPathSegment_GetClose(segment))
        points.append((px, height - py, raw.FPDFPathSegment_GetType(segment), closes))
    rules: list[Rule] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for px, py, kind, closes in points:
        if kind == raw.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = (px, py)
            continue
        if kind == raw.FPDF_SEGMENT_LINETO:
            rules.extend(_rule(previous, (px, py)))
        previous = (px, py)
        if closes and start is not None:
            rules.extend(_rule(previous, start))
    return rules


def _rule(a: tuple[float, float], b: tuple[float, float]) -> list[Rule]:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.5 and abs(x0 - x1) > THIN:
        return [Rule(True, y0, min(x0, x1), max(x0, x1))]
    if abs(x0 - x1) < 0.5 and abs(y0 - y1) > THIN:
        return [Rule(False, x0, min(y0, y1), max(y0, y1))]
    return []
