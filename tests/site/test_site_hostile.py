"""Hostile report text on the built pages: shown literally, nothing runs, tables keep shape."""

from __future__ import annotations

import re

import pytest

from builder.publish.build import Built
from tests.site import hostile
from tests.site.building import hostile_built_once
from tests.site.html_tree import Node, load

ACTIVE_TAGS = {"script", "iframe", "svg", "img", "style", "object", "embed"}


@pytest.fixture(scope="module")
def site() -> Built:
    return hostile_built_once()


def article(site: Built, address: str) -> Node:
    return load(site.site_dir / address / "index.html").find("article")


def test_the_payloads_are_in_the_report() -> None:
    for text in [hostile.NAME, hostile.PURPOSE, *hostile.ON_UNIT_PAGE, hostile.LONG]:
        assert text in hostile.REPORT, text
    assert hostile.GOAL.replace("[U+0007]", "\x07") in hostile.REPORT
    assert "\x1b[31m" in hostile.REPORT


def test_the_build_warns_about_the_control_characters(site: Built) -> None:
    assert [str(p) for p in site.problems] == [
        "2022/130529/900100.txt:66: warning: control characters shown on the site as [U+0007]",
        "2022/130529/900100.txt:83: warning: control characters shown on the site as [U+001B]",
    ]


@pytest.mark.parametrize(
    ("address", "texts"),
    [(hostile.PROJECT, hostile.ON_PROJECT_PAGE), (hostile.UNIT, hostile.ON_UNIT_PAGE)],
)
def test_hostile_text_shows_literally(site: Built, address: str, texts: list[str]) -> None:
    text = article(site, address).text()
    for expected in texts:
        assert expected in text, expected
    assert "49" not in text  # {{ 7*7 }} was not evaluated by any template engine


@pytest.mark.parametrize("address", [hostile.PROJECT, hostile.UNIT, "projects/", "units/"])
def test_no_markup_from_the_report_becomes_an_element(site: Built, address: str) -> None:
    page = load(site.site_dir / address / "index.html")
    body = page.find("article")
    # The site's own bar charts are SVG (builder/render/html/blocks.py); nothing else is.
    own = [n for n in body.iter() if n.tag == "svg" and n.attrs.get("class") == "bs-bar"]
    assert [n.tag for n in body.iter() if n.tag in ACTIVE_TAGS and n not in own] == []
    emphasis = [n.text() for n in body.iter() if n.tag in {"em", "strong", "code"}]
    assert [
        t for t in emphasis if any(w in t for w in ("示例", "粗体", "斜体", "车辆", "代码"))
    ] == []
    assert page.find_all("div", id="bs-injected") == []
    assert [n.text() for n in page.find_all("script") if "alert" in n.text()] == []
    handlers = [(n.tag, a) for n in page.iter() for a in n.attrs if a.startswith("on")]
    assert handlers == []
    links = [n.attrs.get("href") or "" for n in page.find_all("a")]
    assert [h for h in links if h.strip().lower().startswith("javascript")] == []


def test_titles_are_text_in_head_and_header(site: Built) -> None:
    html = (site.site_dir / hostile.PROJECT / "index.html").read_text(encoding="utf-8")
    title = re.findall(r"<title>(.*?)</title>", html, re.S)
    assert len(title) == 1 and "<" not in title[0]
    page = load(site.site_dir / hostile.PROJECT / "index.html")
    shown = f"{hostile.NAME} · {hostile.UNIT_NAME} · 2022年 - 预算绩效目标公开"
    assert page.find("title").text() == shown
    assert page.find("h1").text() == hostile.NAME


def indicator_shape(site: Built, address: str) -> list[list[str]]:
    table = article(site, address).find("table", class_="bs-table")
    return [
        [cell.tag for cell in row.children if isinstance(cell, Node)]
        for row in table.find_all("tr")
    ]


def test_the_indicator_table_keeps_its_rows_and_cells(site: Built) -> None:
    assert indicator_shape(site, hostile.PROJECT) == indicator_shape(site, hostile.SEED_PROJECT)
    table = article(site, hostile.PROJECT).find("table", class_="bs-table")
    first = [c.printed() for c in table.find("tbody").find("tr").children if isinstance(c, Node)]
    assert first == hostile.FIRST_ROW
