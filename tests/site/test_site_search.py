"""Chinese search over the built index, queried the way Material's search worker does."""

from __future__ import annotations

import pytest

from builder.site.build import Built
from tests.site.material_search import MaterialSearch


@pytest.fixture(scope="module")
def search(built: Built) -> MaterialSearch:
    return MaterialSearch(built.site_dir)


def projects_named(built: Built, name: str) -> set[str]:
    return {f"projects/{p.code}/" for d in built.documents for p in d.projects if p.name == name}


def test_index_is_segmented_with_jieba(built: Built, search: MaterialSearch) -> None:
    assert "\u200b" in search.separator.pattern or "u200b" in search.separator.pattern
    assert "保险费" in search.index.inverted_index
    assert "车辆" in search.index.inverted_index


def test_vehicle_insurance_finds_the_four_projects_first(
    built: Built, search: MaterialSearch
) -> None:
    expected = projects_named(built, "车辆保险费")
    assert len(expected) == 4
    hits = search.search("车辆保险")
    assert {h.location for h in hits[:4]} == expected


def test_cppcc_finds_both_cppcc_reports(built: Built, search: MaterialSearch) -> None:
    reports = {"2022/130303/131001/", "2022/130529/131001/"}
    top = [h.location for h in search.search("政协")[:5]]
    assert reports <= set(top)


def test_two_character_query_returns_results(search: MaterialSearch) -> None:
    hits = search.search("绩效")
    assert len(hits) >= 24
    assert any(h.location.startswith("projects/") for h in hits)


def test_project_code_finds_its_project_page_first(built: Built, search: MaterialSearch) -> None:
    for doc in built.documents:
        for project in doc.projects:
            hits = search.search(project.code)
            assert hits[0].location == f"projects/{project.code}/", project.code


def test_nonsense_finds_nothing(search: MaterialSearch) -> None:
    assert search.search("鳄鱼潜水艇") == []
