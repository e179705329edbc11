"""WordprocessingML for the body reader: the tags it meets, and questions about one element.

Merged, deleted or hidden is each a property Word stores in a fixed place; one function
per question keeps those places in one module.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, T = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t"
TAB, BR, CR = f"{W}tab", f"{W}br", f"{W}cr"
FLD_CHAR, INSTR, FLD_SIMPLE = f"{W}fldChar", f"{W}instrText", f"{W}fldSimple"
SYM = f"{W}sym"
R_RUN, RPR, PPR, TCPR, TRPR = f"{W}r", f"{W}rPr", f"{W}pPr", f"{W}tcPr", f"{W}trPr"
SDT, SDT_CONTENT = f"{W}sdt", f"{W}sdtContent"
SKIPPED = frozenset(
    {
        f"{W}del",  # tracked deletion
        f"{W}moveFrom",  # the old place of moved text
        f"{W}delInstrText",
        f"{W}delText",
        PPR,
        RPR,
        TCPR,
        TRPR,
        f"{W}drawing",
        f"{W}pict",
        f"{W}object",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
        f"{W}footnoteReference",
        f"{W}endnoteReference",
        f"{W}commentReference",
    }
)
HIDDEN = (f"{W}vanish", f"{W}webHidden")
PROPERTIES = frozenset({PPR, RPR, TCPR, TRPR})
SPECIAL = tuple(
    sorted(
        (SKIPPED - PROPERTIES)
        | {*HIDDEN, TAB, BR, CR, FLD_CHAR, INSTR, FLD_SIMPLE, SYM, f"{W}noBreakHyphen"}
    )
)
"""What a paragraph's text needs more than its w:t for; most paragraphs hold none of it.
Properties are left out: every run may have them, and w:vanish inside them is listed."""


def content(element: etree._Element) -> etree._Element:
    inner = element.find(SDT_CONTENT)
    return inner if inner is not None else element


def children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, also inside content controls and custom XML around them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, f"{W}customXml"):
            yield from children(content(child), tag)


def cells(tr: etree._Element) -> list[etree._Element]:
    return list(children(tr, TC))


def cell_paragraphs(tc: etree._Element) -> Iterator[etree._Element]:
    for child in tc:
        if child.tag == P:
            yield child
        elif child.tag == TBL:
            for tr in children(child, TR):
                if not row_deleted(tr):
                    for inner in cells(tr):
                        yield from cell_paragraphs(inner)
        elif child.tag in (SDT, f"{W}customXml"):
            yield from cell_paragraphs(content(child))


def continues_merge(tc: etree._Element) -> bool:
    props = tc[0] if len(tc) and tc[0].tag == TCPR else None  # w:tcPr comes first
    merge = props.find(f"{W}vMerge") if props is not None else None
    return merge is not None and merge.get(f"{W}val", "continue") == "continue"


def merge_continuations(body: etree._Element) -> set[etree._Element]:
    """Every cell of ``body`` that continues a vertical merge: one pass in C over w:vMerge."""
    found = (next(m.iterancestors(TC), None) for m in body.iter(f"{W}vMerge"))
    return {tc for tc in found if tc is not None and continues_merge(tc)}


def row_deleted(tr: etree._Element) -> bool:
    return tr.find(f"{TRPR}/{W}del") is not None


def mark_deleted(p: etree._Element) -> bool:
    props = p[0] if len(p) and p[0].tag == PPR else None  # w:pPr comes first
    marks = props.find(RPR) if props is not None else None
    return marks is not None and marks.find(f"{W}del") is not None


def run_hidden(run: etree._Element) -> bool:
    props = run.find(RPR)
    if props is None:
        return False
    for tag in HIDDEN:
        flag = props.find(tag)
        if flag is not None and flag.get(f"{W}val", "true") not in ("0", "false", "off"):
            return True
    return False


def hidden_runs(body: etree._Element) -> set[etree._Element]:
    """Every hidden run of ``body``: one pass in C over the hidden-text flags."""
    found = (next(f.iterancestors(R_RUN), None) for f in body.iter(*HIDDEN))
    return {run for run in found if run is not None and run_hidden(run)}


_SYMBOL_FONT = {
    0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈",
    0xB0: "°", 0xB7: "•", 0xA5: "∞", 0xD6: "√", 0xAE: "→", 0x3C: "<", 0x3E: ">", 0x3D: "=",
    0x25: "%", 0x2B: "+", 0x2D: "-",
}  # fmt: skip
"""The characters of Word's Symbol font a report uses (≥ from 插入 → 符号), as Unicode."""


def symbol_text(sym: etree._Element) -> str:
    """The character a w:sym shows: from the Symbol font's table, or the code point itself
    in a text font; '' for a dingbat font (Wingdings) or a character not known."""
    font = (sym.get(f"{W}font") or "").strip().lower()
    try:
        code = int(sym.get(f"{W}char") or "", 16)
    except ValueError:
        return ""
    if font == "symbol":
        return _SYMBOL_FONT.get(code & 0xFF if 0xF000 <= code <= 0xF0FF else code, "")
    if font.startswith(("wingdings", "webdings")) or 0xE000 <= code <= 0xF8FF:
        return ""  # pictures, or a private-use code of a symbol font: no text
    return chr(code) if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""


def plain_text(p: etree._Element) -> str:
    """The text of a paragraph's w:t elements, joined (no fields, tabs or breaks in it)."""
    # Parsed XML text is always str; the stubs allow bytes for trees built by hand.
    return "".join(cast("Iterator[str]", p.itertext(T)))
