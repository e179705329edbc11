"""Chinese search over the built site's index, queried by the site's own search script."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from builder.engines.search_index import indexed_pages
from builder.intake.site_data import load_parents
from builder.publish.build import Built
from builder.search.records import region_names
from builder.search.words import query_words
from tests.conftest import SITE_DATA
from tests.site.site_search import SiteSearch, site_search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search(browser: Browser, built: Built) -> Iterator[SiteSearch]:
    with site_search(browser, built.site_dir) as engine:
        yield engine


def projects_named(built: Built, name: str) -> set[str]:
    return {f"projects/{p.code}/" for d in built.documents for p in d.projects if p.name == name}


def test_one_index_of_every_page_but_the_404_and_the_downloads(built: Built) -> None:
    pages = list(built.site_dir.rglob("*.html"))
    # Left out (search: exclude in their front matter): /data/, which explains every column;
    # an indicator's page, which lists project rows whose own pages are found; a unit's
    # year-over-year page, which repeats its two reports; the search page itself.
    names = [p.relative_to(built.site_dir).as_posix() for p in pages]
    excluded = [
        n
        for n in names
        if n == "data/index.html"
        or (n.startswith("indicators/") and n != "indicators/index.html")
        or n.endswith("/changes/index.html")
        or n == "search/index.html"
    ]
    assert excluded
    # 404.html is not content either.
    assert indexed_pages(built.site_dir) == len(pages) - 1 - len(excluded)
    assert indexed_pages(built.site_dir) >= 40


def test_vehicle_insurance_finds_the_four_projects_first(built: Built, search: SiteSearch) -> None:
    expected = projects_named(built, "车辆保险费")
    assert len(expected) == 4
    hits = search.search("车辆保险")
    assert {h.location for h in hits[:4]} == expected
    assert all(h.title == "车辆保险费" for h in hits[:4])
    # The excerpt is the page's own cells holding the words, the words marked as one.
    assert any("节约<mark>车辆保险</mark>费用" in h.excerpt for h in hits[:4])


def test_cppcc_finds_both_cppcc_reports(search: SiteSearch) -> None:
    reports = {"2022/130303/131001/", "2022/130529/131001/"}
    top = [h.location for h in search.search("政协")[:5]]
    assert reports <= set(top)


def test_two_character_query_returns_results(built: Built, search: SiteSearch) -> None:
    hits = [h.location for h in search.search("绩效", limit=100)]
    # Every unit whose own words (its goals and measures) use the word; the heading every
    # unit page has alike (部门整体绩效目标) is not the unit's own. The guide to reading the
    # tables explains the word.
    own = [d for d in built.documents if "绩效" in d.overall_goal + d.measures]
    assert own
    assert {f"{d.year}/{d.region.code}/{d.unit.code}/" for d in own} <= set(hits)
    assert "how-to-read/" in hits[:5]
    assert len(hits) >= 10


def test_project_code_finds_its_project_page_first(built: Built, search: SiteSearch) -> None:
    for doc in built.documents:
        for project in doc.projects:
            hits = search.search(project.code)
            assert hits[0].location == f"projects/{project.code}/", project.code
            assert hits[0].title == project.name


def test_only_the_page_body_is_indexed(built: Built, search: SiteSearch) -> None:
    # 指标目录 is in the navigation of every page, but in the text of only a few.
    hits = {h.location for h in search.search("指标目录", limit=100)}
    assert "indicators/" in hits
    assert len(hits) < 10
    assert not any(h.startswith("projects/") and h != "projects/" for h in hits)


def test_what_every_project_page_says_alike_is_not_indexed(
    built: Built, search: SiteSearch
) -> None:
    # 资金支出计划 heads a section of every project page: the pages explaining the data
    # still have it, the project pages do not.
    found = {h.location for h in search.search("资金支出计划", limit=100)}
    assert {"about-data/", "how-to-read/"} <= found
    assert not any(location.startswith("projects/") for location in found)
    # The project's own words are indexed: its name, its indicators' names.
    project = built.documents[0].projects[0]
    for words in (project.name, project.indicators[0].level3):
        found = {h.location for h in search.search(words, limit=100)}
        assert f"projects/{project.code}/" in found, words


def test_a_place_name_inside_a_unit_name_is_found(built: Built, search: SiteSearch) -> None:
    with_name = {
        f"{d.year}/{d.region.code}/{d.unit.code}/"
        for d in built.documents
        if "秦皇岛" in d.unit.name
    }
    assert len(with_name) == 4
    assert with_name <= {h.location for h in search.search("秦皇岛", limit=100)}


def test_nonsense_finds_nothing(search: SiteSearch) -> None:
    assert search.search("鳄鱼潜水艇") == []


def test_the_page_cuts_a_query_as_the_index_cut_the_pages(search: SiteSearch) -> None:
    queries = [
        "车辆保险费",
        "山海关 2021",
        "１３０３０３２２P0039",
        "民革、民盟",
        "纽",
        "ab12 政协会议",
    ]
    for query in queries:
        cut = search.page.evaluate("q => window.budgetSearch.words(q)", query)
        assert cut == query_words(query), query


def test_every_place_unit_and_project_name_finds_all_its_pages(
    built: Built, search: SiteSearch
) -> None:
    parents = load_parents(SITE_DATA)
    pages: dict[str, set[str]] = {}
    for doc in built.documents:
        unit = f"{doc.year}/{doc.region.code}/{doc.unit.code}/"
        own = {unit, *(f"projects/{p.code}/" for p in doc.projects)}
        for place in region_names(doc.region.code, doc.region.name, parents):
            pages.setdefault(place, set()).update(own)
        pages.setdefault(doc.unit.name, set()).update(own)
        for project in doc.projects:
            pages.setdefault(project.name, set()).add(f"projects/{project.code}/")
    for name, expected in pages.items():
        found = {h.location for h in search.search(name, limit=1000)}
        assert expected <= found, name


def test_every_word_is_required(built: Built, search: SiteSearch) -> None:
    both = {h.location for h in search.search("山海关 车辆保险", limit=100)}
    insured = {
        f"projects/{p.code}/" for d in built.documents for p in d.projects if "车辆保险" in p.name
    }
    assert both == {a for a in insured if a.startswith("projects/130303")} | (both - insured)
    assert not any(a.startswith("projects/130529") for a in both)
    assert search.search("车辆保险 火星") == []
