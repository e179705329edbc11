"""What a shared link, a crawler and a reader checking the source find: titles, descriptions,
canonical links and the sitemap, the licence and date of the data, the original files."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from builder.contract import paths
from builder.intake.site_data import load_settings
from builder.publish.build import Built
from builder.render.html import anchors
from builder.render.project import render_project
from tests.conftest import CONTENT, SITE_DATA
from tests.site.building import SITE_URL, url_built_once
from tests.site.html_tree import Node, load

SETTINGS = load_settings(SITE_DATA)


def html_pages(site: Path) -> list[Path]:
    """Every page of a built site (not the 404 page, which is no address of its own)."""
    return sorted(p for p in site.rglob("index.html") if "search-index" not in p.parts)


def meta(root: Node, **attrs: str) -> str:
    return root.find("meta", **attrs).attrs["content"] or ""


def test_no_two_pages_share_a_title_or_a_description(built: Built) -> None:
    pages = html_pages(built.site_dir)
    assert len(pages) > 60
    titles = Counter(load(p).find("title").text() for p in pages)
    assert [t for t, n in titles.items() if n > 1] == []
    home = load(built.site_dir / "index.html").find("title").text()
    assert home == SETTINGS.title  # once, not "name - name"
    described = Counter(meta(load(p), name="description") for p in pages if "projects" in p.parts)
    assert [d for d, n in described.items() if n > 1] == []


def test_same_name_projects_are_told_apart_by_unit_and_year(built: Built) -> None:
    insured = [
        (doc, project)
        for doc in built.documents
        for project in doc.projects
        if project.name == "车辆保险费"
    ]
    assert len(insured) == 4
    for doc, project in insured:
        root = load(built.site_dir / "projects" / project.code / "index.html")
        title = root.find("title").text()
        assert title.startswith(f"车辆保险费 · {doc.unit.name} · {doc.year}年")
        assert meta(root, property="og:title") == title.removesuffix(f" - {SETTINGS.title}")
        description = meta(root, name="description")
        assert doc.unit.name in description and project.code in description
        assert meta(root, property="og:description") == description


def test_without_url_no_page_has_an_absolute_address(built: Built) -> None:
    home = load(built.site_dir / "index.html")
    assert not home.find_all("link", rel="canonical")
    assert not home.find_all("meta", property="og:url")
    assert not list(built.site_dir.glob("sitemap*"))


def test_with_url_the_sitemap_lists_every_page_and_pages_are_canonical() -> None:
    site = url_built_once()
    pages = html_pages(site.site_dir)
    expected = {
        SITE_URL + quote(posixpath.dirname(p.relative_to(site.site_dir).as_posix())) + "/"
        for p in pages
    }
    expected = {a.replace(SITE_URL + "/", SITE_URL) for a in expected}  # the home page
    sitemap = (site.site_dir / "sitemap.xml").read_text("utf-8")
    listed = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert sorted(listed) == listed and len(listed) == len(set(listed))
    assert set(listed) == expected
    project = site.documents[0].projects[0].code
    root = load(site.site_dir / "projects" / project / "index.html")
    canonical = f"{SITE_URL}projects/{project}/"
    assert root.find("link", rel="canonical").attrs["href"] == canonical
    assert meta(root, property="og:url") == canonical


def test_every_footer_gives_the_licence_and_the_date_of_the_data(built: Built) -> None:
    assert SETTINGS.license and SETTINGS.data_date
    for page in html_pages(built.site_dir)[::7]:
        footer = load(page).find("footer").text()
        assert f"数据更新：{SETTINGS.data_date_text}" in footer, page
        assert f"许可：{SETTINGS.license_title}" in footer, page
    home = load(built.site_dir / "index.html").find("article").text()
    assert f"数据更新：{SETTINGS.data_date_text}" in home
    package = json.loads((built.site_dir / "data" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [
        {"name": SETTINGS.license, "title": SETTINGS.license_title, "path": SETTINGS.license_url}
    ]
    assert package["created"].startswith(str(SETTINGS.data_date))


def test_each_unit_offers_its_report_file_as_received(built: Built) -> None:
    for doc in built.documents:
        for address in (paths.unit(doc), *(paths.project(p.code) for p in doc.projects[:1])):
            root = load(built.site_dir / posixpath.dirname(address) / "index.html")
            offered = [a for a in root.find_all("a") if "download" in a.attrs]
            assert len(offered) == 1, address
            href = offered[0].attrs["href"] or ""
            target = (built.site_dir / posixpath.dirname(address) / href).resolve()
            assert target.read_bytes() == (CONTENT / doc.source).read_bytes()
            assert offered[0].attrs["download"] == posixpath.basename(doc.source)


def test_the_home_page_links_every_section(built: Built) -> None:
    root = load(built.site_dir / "index.html").find("article")
    links = {a.attrs.get("href") for a in root.find_all("a")}
    for section in ("projects/", "units/", "indicators/", "quality/", "data/", "about-data/"):
        assert section in links, section


def test_key_value_tables_are_headed_field_and_content(built: Built) -> None:
    doc = built.documents[0]
    root = load(
        built.site_dir / posixpath.dirname(paths.project(doc.projects[0].code)) / "index.html"
    )
    head = [th.text() for th in root.find("article").find("table").find_all("th")]
    assert head == ["字段", "内容"]


def row_ids(markdown: str) -> list[str]:
    return re.findall(r'<tr id="(指标-[^"]*)"', markdown)


def test_indicator_ids_are_unique_and_do_not_change_with_other_reports(built: Built) -> None:
    for doc in built.documents:
        for project in doc.projects:
            ids = row_ids(render_project(project, doc))
            assert len(ids) == len(project.indicators) == len(set(ids)), project.code
    # Another report of the corpus changes, or goes: a project's page is rendered from its
    # own report alone, and its rows keep their names whatever comes before them.
    doc = built.documents[0]
    project = doc.projects[0]
    before = row_ids(render_project(project, doc))
    shuffled = project.model_copy(update={"indicators": list(reversed(project.indicators))})
    after = row_ids(render_project(shuffled, doc))
    assert sorted(after) == sorted(before)
    assert anchors.indicator_ids(project.indicators) == before
