"""Use the header's search box like a visitor, and count what the first search downloads."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field

from playwright.sync_api import Page, Response, expect

# One result per page, in Material's result markup.
RESULT_PAGES = ".md-search-result__list > li > a.md-search-result__link"
GZIP_MAGIC = b"\x1f\x8b"


def search(page: Page, query: str) -> list[str]:
    """Type into the header's search box; the result links (relative to the host), in order."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    results = page.locator(RESULT_PAGES)
    expect(results.first).to_be_visible(timeout=30_000)
    hrefs: list[str] = results.evaluate_all("els => els.map(e => e.href)")
    return [re.sub(r"^https?://[^/]+/", "", re.split(r"[?#]", href)[0]) for href in hrefs]


@dataclass
class Downloads:
    """The responses of the search index (…/search-index/…) a page received, with their sizes."""

    files: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)

    def record(self, response: Response) -> None:
        if "/search-index/" in response.url and response.ok:
            body = response.body()
            name = response.url.split("?")[0]
            self.files[name] = len(body)
            # The index's shards and results are gzip already; its meta.json is sent
            # gzipped by a web server that compresses JSON (the test server does not).
            self.gzipped[name] = (
                len(body)
                if body.startswith(GZIP_MAGIC)
                else min(len(body), len(gzip.compress(body)))
            )

    @property
    def total(self) -> int:
        """Bytes as stored in the site folder."""
        return sum(self.files.values())

    @property
    def wire(self) -> int:
        """Bytes a web server that gzips JSON sends."""
        return sum(self.gzipped.values())


def first_search(page: Page, url: str, query: str) -> tuple[list[str], Downloads]:
    """Open url in a fresh page, search once; the results and every search file fetched."""
    page.goto(url, wait_until="networkidle")
    downloads = Downloads()
    page.on("response", downloads.record)
    found = search(page, query)
    page.wait_for_load_state("networkidle")
    return found, downloads
