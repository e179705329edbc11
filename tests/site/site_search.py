"""Query a built site's search index with the site's own scripts, in headless Chromium.

This is the search engine the visitor's browser runs (assets/search.js over the site's
search-index/), without the search box around it: the tests ask it
questions and read the ranked pages, their titles and excerpts. The browser tests
(tests/browser) check the box, the result list and the clicks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from tests.site.serving import serve

_SEARCH = """async ([query, limit]) => {
  const results = await window.budgetSearch(query);
  const pages = await Promise.all(results.slice(0, limit).map((r) => r.data()));
  return pages.map((p) => ({ url: p.url, title: p.meta.title, excerpt: p.excerpt }));
}"""


@dataclass(frozen=True)
class Hit:
    location: str  # the page's address relative to the site root, e.g. "projects/<code>/"
    title: str
    excerpt: str  # HTML: the page's text, escaped, with <mark> around matched words


class SiteSearch:
    """Search a served site the way its pages do."""

    def __init__(self, page: Page, root_url: str) -> None:
        self.page = page
        page.goto(f"{root_url}/404.html")  # any page: each loads the search script

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The first ``limit`` pages, best first."""
        found: list[dict[str, Any]] = self.page.evaluate(_SEARCH, [query, limit])
        return [Hit(f["url"].lstrip("/"), f["title"], f["excerpt"]) for f in found]


@contextlib.contextmanager
def site_search(browser: Browser, site_dir: Path) -> Iterator[SiteSearch]:
    """Serve site_dir and open it in a fresh browser context for as long as the block runs."""
    with serve(site_dir) as url:
        context = browser.new_context()
        try:
            yield SiteSearch(context.new_page(), url)
        finally:
            context.close()
