"""``build --for-disk``: a site opened from disk, where every link must name a file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.engines.disk_links import disk_href, disk_links
from builder.publish.build import Built
from tests.site.building import disk_built_once
from tests.site.html_tree import load


def test_folder_links_name_their_index_and_other_links_stay() -> None:
    assert disk_href("../projects/X/") == "../projects/X/index.html"
    assert disk_href("./") == "./index.html"
    assert disk_href(".") == "./index.html"
    assert disk_href("..") == "../index.html"
    assert disk_href("../X/#指标-完成率") == "../X/index.html#指标-完成率"
    for unchanged in ("#top", "../131001.json", "https://example.org/a/", "/abs/", "", "a.csv"):
        assert disk_href(unchanged) == unchanged
    assert disk_links('<a href="x/">x</a><a href="y.json">') == (
        '<a href="x/index.html">x</a><a href="y.json">'
    )


def internal_links(page: Path) -> list[str]:
    root = load(page)
    found = [n.attrs.get("href") or "" for n in root.iter() if n.tag in ("a", "link")]
    return [h for h in found if h and not h.startswith("#") and not urlsplit(h).scheme]


def test_every_internal_link_of_every_page_leads_to_a_file() -> None:
    site: Built = disk_built_once()
    pages = sorted(site.site_dir.rglob("index.html"))
    assert len(pages) > 60
    checked = 0
    for page in pages:
        if "search-index" in page.parts:
            continue
        for href in internal_links(page):
            target = (page.parent / unquote(urlsplit(href).path)).resolve()
            assert target.is_file(), f"{page.relative_to(site.site_dir)}: {href}"
            checked += 1
    assert checked > 2000
