"""Each page's search record (builder/search/records.py, pages.py)."""

from __future__ import annotations

import json

from builder.contract.model import Document
from builder.intake.site_data import load_regions
from builder.search.index import entry
from builder.search.pages import page_record
from builder.search.records import PAGE, PROJECT, UNIT, report_records
from tests.conftest import CONTENT, SITE_DATA
from tests.support.reading import load_content

PARENTS = {"13": "河北省", "1303": "秦皇岛市", "1305": "邢台市"}


def seeds() -> list[Document]:
    return load_content(CONTENT, load_regions(SITE_DATA))


def test_a_project_is_found_by_where_it_is_and_its_own_cells() -> None:
    doc = next(d for d in seeds() if d.region.code == "130303" and d.projects)
    project = doc.projects[0]
    record = report_records([doc], PARENTS)[f"/projects/{project.code}/"]
    assert record.kind == PROJECT and record.title == project.name
    assert record.unit == doc.unit.name and record.year == str(doc.year)
    assert {"河北省", "秦皇岛市", "山海关区", doc.unit.name} <= set(record.texts)
    assert project.purpose in record.lines
    assert record.amount.endswith(" 元")
    page = entry(record)
    assert {"秦皇岛", project.name[:3], f"year={doc.year}", f"kind={PROJECT}"} <= page.words
    assert project.name[:3] in page.names and "秦皇岛" not in page.names


def test_a_unit_is_found_by_its_goals_not_its_projects_names() -> None:
    doc = next(d for d in seeds() if d.projects)
    record = report_records([doc], PARENTS)[f"/{doc.year}/{doc.region.code}/{doc.unit.code}/"]
    assert record.kind == UNIT and record.title == doc.unit.name
    # Its list of projects is the project pages' to be found by.
    assert not {p.name for p in doc.projects} & set(record.texts)
    assert doc.overall_goal in record.texts
    assert all("¦" not in line for line in record.lines)


def test_report_text_is_kept_as_it_is_in_a_result_for_the_page_to_escape() -> None:
    doc = seeds()[0]
    name = '<b x="1">&\x0b'
    hostile = doc.model_copy(update={"unit": doc.unit.model_copy(update={"name": name})})
    page = entry(report_records([hostile], {})[f"/{doc.year}/{doc.region.code}/{doc.unit.code}/"])
    # Markup is the search script's to escape; a control character shows as on the pages.
    assert json.loads(page.result)["title"] == '<b x="1">&[U+000B]'


def test_another_page_is_found_by_its_text_less_tables_heads_and_findings() -> None:
    html = (
        "<html><body><nav>导航</nav><div data-search-body><h1>如何阅读</h1><p>正文<a "
        "data-search-ignore>链接</a></p><table><thead><tr><th>表头</th></tr></thead><tbody>"
        '<tr><td>单元格</td></tr></tbody></table><div class="bs-findings"><p>问题</p></div>'
        "</div></body></html>"
    ).encode()
    record = page_record("/how-to-read/", html)
    assert record is not None
    assert record.kind == PAGE and record.title == "如何阅读"
    assert record.lines == ("如何阅读", "正文", "单元格")
    assert page_record("/data/", b"<html><body><p>x</p></body></html>") is None
