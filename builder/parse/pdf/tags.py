"""A tagged PDF's structure: the paragraph and table cell each piece of a page's text is in.

Word ("document structure tags for accessibility", on by default) and LibreOffice (with
tagged export) record what the writer typed: each paragraph a P element, each table cell
a TD (or TH) in a TR, the printed text pointing to its element by a marked-content id.
That settles what the page alone cannot: whether a cell's line that fills its column
ends its paragraph, and whether text at the top of a page is the rest of the row cut at
the foot of the page before. An element is named by its path of child positions from
the tree's root; PDFium gives each page the whole tree's positions (the children on
other pages are empty places), so one paragraph or cell has one name on every page.
Untagged PDFs have no tree, and their text no tags: the reader then goes by the page.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as raw

_INLINE = frozenset(
    [
        "Span",
        "Quote",
        "Note",
        "Reference",
        "BibEntry",
        "Code",
        "Link",
        "Annot",
        "Ruby",
        "RB",
        "RT",
        "RP",
        "Warichu",
        "WT",
        "WP",
    ]
)
"""Elements inside a paragraph (a run of other formatting), not paragraphs themselves."""
_PARAGRAPHS = frozenset(["P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Lbl", "LBody", "Caption"])
"""Elements that hold one paragraph. Text right inside any other (a Div, a Sect, a TD
without a P, a type of a producer's own) may be several paragraphs: its tag does not
tell where they end, and the page is read as an untagged one is."""
_CELLS = frozenset(("TD", "TH"))


@dataclass(frozen=True, slots=True)
class Tag:
    """Where a piece of text is in the document's structure."""

    paragraph: tuple[int, ...] | None
    """The paragraph, if the text is in an element that holds one."""
    cell: tuple[int, ...] | None
    """The table cell the paragraph is in, if any; its row is the cell's parent."""

    @property
    def row(self) -> tuple[int, ...] | None:
        return self.cell[:-1] if self.cell is not None else None


def tags(page: Any) -> dict[int, Tag]:
    """Each marked-content id of a page (a pypdfium2 PdfPage) → its Tag; empty when untagged."""
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return {}
    out: dict[int, Tag] = {}
    buffer = ctypes.create_string_buffer(64)
    try:
        for n in range(raw.FPDF_StructTree_CountChildren(tree)):
            element = raw.FPDF_StructTree_GetChildAtIndex(tree, n)
            if element:
                _walk(element, (n,), None, None, buffer, out)
    finally:
        raw.FPDF_StructTree_Close(tree)
    return out


def _kind(element: Any, buffer: Any) -> str:
    size = raw.FPDF_StructElement_GetType(element, buffer, len(buffer))
    return bytes(buffer.raw[: max(0, size - 2)]).decode("utf-16-le", "replace")


def _walk(
    element: Any,
    path: tuple[int, ...],
    paragraph: tuple[int, ...] | None,
    cell: tuple[int, ...] | None,
    buffer: Any,
    out: dict[int, Tag],
) -> None:
    kind = _kind(element, buffer)
    if kind not in _INLINE:
        paragraph = path if kind in _PARAGRAPHS else None
    if kind in _CELLS:
        cell = path
    for n in range(raw.FPDF_StructElement_CountChildren(element)):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, n)
        if child:
            _walk(child, (*path, n), paragraph, cell, buffer, out)
            continue
        mcid = raw.FPDF_StructElement_GetChildMarkedContentID(element, n)
        if mcid >= 0:
            out[mcid] = Tag(paragraph, cell)
