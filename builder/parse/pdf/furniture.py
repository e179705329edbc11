"""Page headers, footers and page numbers: what every page repeats, which is not content.

Word prints its header and footer parts on each page; in the PDF they are lines like any
other. A line is furniture when it is among the first or last two lines of a page and
the same text (its digits aside: 第 1 页, 第 2 页) stands at the same height on at least
two pages; then every line as high up as the highest header, or as low as the lowest
footer, is furniture too (a first page with a header of its own). A page number alone at
the foot of a page is furniture even in a one-page file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.parse.pdf.wrap import Line

_PAGE_NUMBER = re.compile(
    r"^(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–]?\s*\d{1,4}\s*[-—–]?|\d+\s*/\s*\d+)$"
)
EDGE = 2
"""How many lines at the top and at the bottom of a page may be its header or footer."""


def _key(line: Line) -> tuple[str, int]:
    return (re.sub(r"\d+", "#", "".join(line.text.split())), round(line.top / 3))


def furniture(pages: Sequence[Sequence[Line]], height: float) -> set[Line]:
    """The header, footer and page-number lines among each page's prose lines (top to
    bottom) on pages ``height`` points high: a header in the top third, a footer below."""
    body_top, body_bottom = height / 3, height * 2 / 3
    seen: dict[tuple[str, int], set[int]] = {}
    for n, lines in enumerate(pages):
        for line in {*lines[:EDGE], *lines[-EDGE:]}:
            seen.setdefault(_key(line), set()).add(n)
    repeated = {key for key, on in seen.items() if len(on) >= 2}
    out: set[Line] = set()
    header_bottom, footer_top = -1.0, float("inf")
    for lines in pages:
        for line in {*lines[:EDGE], *lines[-EDGE:]}:
            if _key(line) not in repeated:
                continue
            if line.bottom <= body_top:
                header_bottom = max(header_bottom, line.bottom)
                out.add(line)
            elif line.top >= body_bottom:
                footer_top = min(footer_top, line.top)
                out.add(line)
    for lines in pages:
        for line in lines:
            if line.bottom <= header_bottom + 1 or line.top >= footer_top - 1:
                out.add(line)
        if lines and lines[-1].top >= body_bottom and _PAGE_NUMBER.match(lines[-1].text):
            out.add(lines[-1])
    return out
