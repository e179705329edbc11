"""A rebuild's search index: the one a clean build writes, byte for byte, written by reading
again only the pages that changed; in the real browser, it finds what a clean build's finds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from builder.contract.model import Document
from builder.publish.build import build_site
from builder.search import index as search_files
from builder.search import pages as search_pages
from builder.search.index import FOLDER, Index
from builder.search.records import Record
from tests.conftest import site_files, synthetic
from tests.site.site_search import SiteSearch, site_search
from tests.support.writer import write_report

pytestmark = pytest.mark.browser

NEW_WORDS = "蓝莓示范园"  # in no synthetic report: found only where an edit put it
OLD_WORDS = "猕猴桃基地"  # the same, in the first build only
ALL = 1000  # more results than any query here has: every result is compared


def renamed(doc: Document, index: int, words: str) -> Document:
    project = doc.projects[index]
    projects = list(doc.projects)
    projects[index] = project.model_copy(update={"name": project.name + words})
    return doc.model_copy(update={"projects": projects})


def found(engine: SiteSearch, query: str) -> list[str]:
    return [hit.location for hit in engine.search(query, limit=ALL)]


def test_a_rebuild_reads_only_changed_pages_and_finds_what_a_clean_build_finds(
    tmp_path: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sixteen reports a year: a removed report's unit reports in five years, and the pages
    # of the years beside it name it.
    corpus, content, site_data, site, work = synthetic(tmp_path, 80, 3)
    docs = corpus.documents
    first, second, removed, restored = docs[5], docs[17], docs[30], docs[9]
    old_name = first.projects[0].name
    (content / restored.source).write_text(write_report(renamed(restored, 0, OLD_WORDS)), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    full_index = site_files(site / FOLDER)
    pages = sum(1 for _ in site.rglob("*.html"))

    read: list[str] = []
    page_record = search_pages.page_record

    def counted(url: str, html: bytes) -> Record | None:
        read.append(url)
        return page_record(url, html)

    monkeypatch.setattr("builder.engines.search_index.page_record", counted)
    (content / first.source).write_text(write_report(renamed(first, 0, NEW_WORDS)), "utf-8")
    (content / restored.source).write_text(write_report(restored), "utf-8")
    (content / removed.source).unlink()
    build_site(content, site, site_data=site_data, work=work)
    # The pages a unit's and a project's records do not cover, that changed: its year's and
    # region's lists, the similar projects' groups. Not the whole site.
    assert 0 < len(read) < pages / 10, read
    (content / second.source).write_text(write_report(renamed(second, 1, "修订")), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    rebuilt_index = site_files(site / FOLDER)
    # Most of the index's files are left as they were.
    same = {n for n, data in rebuilt_index.items() if full_index.get(n) == data}
    assert len(same) > len(rebuilt_index) / 2

    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == site_files(clean / "site")
    edited = f"projects/{first.projects[0].code}/"
    gone = {f"projects/{p.code}/" for p in removed.projects}
    queries = [
        NEW_WORDS,
        old_name,
        second.projects[1].name + "修订",
        f"{OLD_WORDS} 培训",  # one word only on a changed page: nothing, as from a clean index
        removed.unit.name,
        "培训",
    ]
    with site_search(browser, site) as rebuilt, site_search(browser, clean / "site") as ref:
        for query in queries:
            hits = found(rebuilt, query)
            assert len(hits) == len(set(hits)), query  # a page is listed once
            assert hits == found(ref, query), query
            assert not gone & set(hits), query
        assert edited in found(rebuilt, NEW_WORDS)
        excerpt = next(h.excerpt for h in rebuilt.search(NEW_WORDS) if h.location == edited)
        assert "<mark>" in excerpt


def test_new_regions_above_mean_every_page_is_read_again(tmp_path: Path) -> None:
    # A page's record holds the city and province above its region (regions.toml), which
    # its HTML does not show: a rebuild cannot tell from the pages which records changed.
    _corpus, content, site_data, site, work = synthetic(tmp_path, 6, 4)
    build_site(content, site, site_data=site_data, work=work)
    regions = site_data / "regions.toml"
    regions.write_text(regions.read_text("utf-8").replace("石家庄市", "石门市"), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == site_files(clean / "site")


def test_an_edited_report_changes_the_index_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 12, 5)
    build_site(content, site, site_data=site_data, work=work)
    before = site_files(site / FOLDER)
    whole: list[int] = []
    build_index = search_files.build_index

    def counted(records: Iterable[Record]) -> Index:
        whole.append(1)
        return build_index(records)

    monkeypatch.setattr("builder.engines.search_index.build_index", counted)
    doc = corpus.documents[4]
    edited = doc.model_copy(update={"overall_goal": doc.overall_goal + f"\n{NEW_WORDS}。"})
    (content / doc.source).write_text(write_report(edited), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert whole == []  # not made whole
    after = site_files(site / FOLDER)
    written = {name for name, data in after.items() if before.get(name) != data}
    assert "meta.json" in written and 1 < len(written) < len(after) / 4, len(written)
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == site_files(clean / "site")
