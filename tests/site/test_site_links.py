"""Every internal link of the built site resolves; nothing points at another host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from builder.intake.site_data import load_settings
from builder.publish.build import Built
from tests.conftest import SITE_DATA
from tests.site.html_tree import Node, load

LINK_ATTRS = ("href", "src")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def links(root: Node) -> list[str]:
    return [
        value
        for node in root.iter()
        for name in LINK_ATTRS
        if (value := node.attrs.get(name)) is not None
    ]


def ids(root: Node) -> set[str]:
    return {v for n in root.iter() if (v := n.attrs.get("id")) is not None}


def resolve(site: Path, page: Path, link: str) -> Path:
    path = unquote(urlsplit(link).path)
    if path.startswith("/"):  # only 404.html: MkDocs roots it at the server's /
        target = (site / path.lstrip("/")).resolve()
    else:
        target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many internal links the site's pages hold, and those that lead nowhere."""
    site = site.resolve()
    pages = html_files(site)
    anchors: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for page in pages:
        root = load(page)
        anchors[page.resolve()] = ids(root)
        for link in links(root):
            if urlsplit(link).scheme or link.startswith("//"):
                continue  # external links are checked by the test below
            target = resolve(site, page, link)
            checked += 1
            if not target.is_file() or site not in target.parents:
                broken.append(f"{page.relative_to(site)}: {link}")
    for page in pages:
        for link in links(load(page)):
            url, fragment = urldefrag(link)
            if fragment and not urlsplit(url).scheme and url.endswith(("/", ".html", "")):
                target = resolve(site, page, url).resolve()
                if target in anchors and fragment not in anchors[target]:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return checked, broken


def test_no_broken_internal_link(built: Built) -> None:
    assert len(html_files(built.site_dir)) >= 40
    checked, broken = broken_links(built.site_dir)
    assert checked > 1000
    assert broken == []


def test_no_reference_to_another_host(built: Built) -> None:
    site = built.site_dir
    # The footer's link to the licence's text: a reader may follow it; no page loads it.
    licence = load_settings(SITE_DATA).license_url
    external: list[str] = []
    for page in html_files(site):
        root = load(page)
        assert licence in [a.attrs.get("href") for a in root.find_all("a")], page
        for node in root.iter():
            for name in LINK_ATTRS:
                link = node.attrs.get(name)
                if link is None or (node.tag == "a" and link == licence):
                    continue
                if urlsplit(link).scheme in ("http", "https") or link.startswith("//"):
                    external.append(f"{page.relative_to(site)}: {link}")
    for css in sorted(site.rglob("*.css")):
        for url in CSS_URL.findall(css.read_text("utf-8")):
            if url.startswith(("http:", "https:", "//")):
                external.append(f"{css.relative_to(site)}: {url}")
    assert external == []


def test_every_project_and_unit_has_its_permanent_address(built: Built) -> None:
    site = built.site_dir
    for doc in built.documents:
        assert (site / str(doc.year) / doc.region.code / doc.unit.code / "index.html").is_file()
        for project in doc.projects:
            assert (site / "projects" / project.code / "index.html").is_file()
            assert (site / "projects" / f"{project.code}.json").is_file()
