"""sitemap.xml: the address of every page, for search engines (only with site.toml ``url``)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from builder.contract import paths

MOST = 50_000
"""URLs one sitemap file may hold (sitemaps.org); more are split under a sitemap index."""
NAME = "sitemap.xml"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_XMLNS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def page_address(url: str, page: str) -> str:
    """The absolute address of a page's source path (``projects/X/index.md``) under url."""
    folder = posixpath.dirname(page)
    return url + (quote(folder) + "/" if folder else "")


def sitemaps(url: str, pages: Iterable[str]) -> dict[str, str]:
    """File name → text: sitemap.xml listing every page, sorted, or an index of parts."""
    found = sorted(page_address(url, p) for p in pages if posixpath.basename(p) == paths.INDEX)
    chunks = [found[start : start + MOST] for start in range(0, len(found), MOST)] or [[]]
    if len(chunks) == 1:
        return {NAME: _urlset(chunks[0])}
    files = {f"sitemap-{n}.xml": _urlset(chunk) for n, chunk in enumerate(chunks, start=1)}
    listed = "".join(f"<sitemap><loc>{escape(url + name)}</loc></sitemap>\n" for name in files)
    return {NAME: f"{_HEAD}<sitemapindex {_XMLNS}>\n{listed}</sitemapindex>\n", **files}


def _urlset(addresses: Iterable[str]) -> str:
    listed = "".join(f"<url><loc>{escape(a)}</loc></url>\n" for a in addresses)
    return f"{_HEAD}<urlset {_XMLNS}>\n{listed}</urlset>\n"
