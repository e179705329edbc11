"""The search record of a page that is not a project's or a unit's, read from its HTML.

Hand-written pages, year and region pages, the lists and the quality pages are found by their
own text (inside ``data-search-body``, overrides/main.html), less what other pages hold or
what every page of a kind says alike: column headers, charts, the lists of projects, the
quality findings and the 链接 buttons.
"""

from __future__ import annotations

from typing import cast

import lxml.html
from lxml.etree import _Element

from builder.search.records import PAGE, Record

_LEFT_OUT = (
    "//thead",
    "//*[@data-search-ignore]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' bs-chart ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' bs-projects ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' bs-unit-projects ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' bs-findings ')]",
)
_BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "dt", "dd")


def _text(element: _Element) -> str:
    return " ".join(" ".join(str(t) for t in element.itertext()).split())


def _find(element: _Element, path: str) -> list[_Element]:
    return cast(list[_Element], element.xpath(path))


def page_record(url: str, html: bytes) -> Record | None:
    """The page's record, or None for a page left out of search (no data-search-body)."""
    # The site writes UTF-8 (MkDocs); read as such whatever the page declares.
    tree = lxml.html.document_fromstring(html.decode("utf-8", errors="replace"))
    found = _find(tree, "//*[@data-search-body]")
    if not found:
        return None
    body = found[0]
    for path in _LEFT_OUT:
        for element in _find(body, "." + path):
            cast(lxml.html.HtmlElement, element).drop_tree()
    lines: list[str] = []
    for element in body.iter(*_BLOCKS):
        # A block inside another (a list in a list item) is read with its parent.
        if any(str(a.tag) in _BLOCKS for a in element.iterancestors()):
            continue
        text = _text(element)
        if text:
            lines.append(text)
    heading = body.find(".//h1")
    title = _text(heading) if heading is not None else (tree.findtext(".//title") or url)
    return Record(
        url=url, kind=PAGE, title=title, names=(title,), texts=tuple(lines), lines=tuple(lines)
    )
