"""A rebuild's search index: the full index plus a delta of the changed pages finds what a
clean build's index finds, in the real browser, with the site's own search script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from builder.contract.model import Document
from builder.engines import search_index
from builder.publish.build import build_site
from tests.conftest import site_files, synthetic
from tests.site.pagefind_search import PagefindSearch, pagefind_search
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


def found(engine: PagefindSearch, query: str) -> list[str]:
    return [hit.location for hit in engine.search(query, limit=ALL)]


def segments(site: Path) -> tuple[bool, list[str]]:
    """What the search box reads: whether there is a delta, and the results it replaces."""
    data = json.loads((site / search_index.SEGMENTS).read_text("utf-8"))
    return bool(data["delta"]), [str(result) for result in data["replaced"]]


def test_a_rebuild_indexes_the_changed_pages_and_finds_what_a_clean_build_finds(
    tmp_path: Path, browser: Browser
) -> None:
    # Sixteen reports a year, so that a changed report and a removed one stay a small
    # share: a removed report's unit reports in five years, and the pages of the years
    # beside it name it.
    corpus, content, site_data, site, work = synthetic(tmp_path, 80, 3)
    docs = corpus.documents
    first, second, removed, restored = docs[5], docs[17], docs[30], docs[9]
    old_name = first.projects[0].name
    (content / restored.source).write_text(write_report(renamed(restored, 0, OLD_WORDS)), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    full_index = site_files(site / search_index.BUNDLE)

    (content / first.source).write_text(write_report(renamed(first, 0, NEW_WORDS)), "utf-8")
    (content / restored.source).write_text(write_report(restored), "utf-8")
    (content / removed.source).unlink()
    build_site(content, site, site_data=site_data, work=work)
    after_one = segments(site)
    (content / second.source).write_text(write_report(renamed(second, 1, "修订")), "utf-8")
    build_site(content, site, site_data=site_data, work=work)

    # The full index was kept as it was; the delta holds the changed pages of both rebuilds.
    assert after_one[0] and after_one[1]
    now = segments(site)
    assert now[0]
    assert set(now[1]) - set(after_one[1])
    # Every result the first rebuild replaced stays replaced, unless the second changed its
    # page back to what the full index holds: indexed alike in both bundles, it is listed once.
    back = set(after_one[1]) - set(now[1])
    assert back <= set(search_index.result_ids(site / search_index.DELTA).values())
    kept = site_files(site / search_index.BUNDLE)
    assert {n: b for n, b in kept.items() if not n.startswith(("delta/", "segments"))} == {
        n: b for n, b in full_index.items() if not n.startswith("segments")
    }
    delta_pages = search_index.page_count(site / search_index.DELTA)
    assert (
        0
        < delta_pages
        <= search_index.DELTA_SHARE * search_index.page_count(site / search_index.BUNDLE)
    )

    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    pages = {n: b for n, b in site_files(site).items() if not n.startswith("pagefind/")}
    assert pages == {
        n: b for n, b in site_files(clean / "site").items() if not n.startswith("pagefind/")
    }
    edited = f"projects/{first.projects[0].code}/"
    gone = {f"projects/{p.code}/" for p in removed.projects}
    queries = [
        NEW_WORDS,
        old_name,
        second.projects[1].name + "修订",  # one word only in the delta, the others in both
        f"{OLD_WORDS} 培训",  # one word only on a replaced page: nothing, as from a clean index
        removed.unit.name,
        "培训",
    ]
    with pagefind_search(browser, site) as rebuilt, pagefind_search(browser, clean / "site") as ref:
        for query in queries:
            hits = found(rebuilt, query)
            assert len(hits) == len(set(hits)), query  # a page is listed once
            assert set(hits) == set(found(ref, query)), query
            assert not gone & set(hits), query
        assert edited in found(rebuilt, NEW_WORDS)
        excerpt = next(h.excerpt for h in rebuilt.search(NEW_WORDS) if h.location == edited)
        assert "<mark>" in excerpt


def test_a_delta_grown_past_its_share_means_the_whole_site_is_indexed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 6, 4)
    build_site(content, site, site_data=site_data, work=work)
    doc = corpus.documents[2]
    (content / doc.source).write_text(write_report(renamed(doc, 0, NEW_WORDS)), "utf-8")
    monkeypatch.setattr(search_index, "DELTA_SHARE", 0.0)
    build_site(content, site, site_data=site_data, work=work)
    assert segments(site) == (False, [])
    assert not (site / search_index.DELTA).exists()
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == site_files(clean / "site")


def test_new_regions_above_mean_the_whole_site_is_indexed_again(tmp_path: Path) -> None:
    # A page's record holds the city and province above its region (regions.toml), which
    # its HTML does not show: a rebuild cannot tell from the pages which records changed.
    _corpus, content, site_data, site, work = synthetic(tmp_path, 6, 4)
    build_site(content, site, site_data=site_data, work=work)
    regions = site_data / "regions.toml"
    regions.write_text(regions.read_text("utf-8").replace("石家庄市", "石门市"), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert segments(site) == (False, [])
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == site_files(clean / "site")
