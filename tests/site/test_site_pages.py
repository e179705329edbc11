"""The built site, page by page, against the parsed shipped content."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import yaml

from builder.contract.model import Document
from builder.parse.narrative import make_sub_goal
from builder.publish.build import Built
from builder.render.html.money import wan, yuan
from builder.render.lists.projects import FIRST_PAGE
from builder.render.unit import sub_goal
from tests.site.html_tree import Node, load, table_grid


def page(built: Built, address: str) -> Node:
    return load(built.site_dir / address / "index.html")


def article(root: Node) -> Node:
    return root.find("article")


def cell_text(text: str) -> str:
    """What an HTML cell shows for a model field: lines stripped and run together."""
    return "".join(line.strip() for line in text.split("\n"))


def test_the_shipped_content(built: Built) -> None:
    projects = [p for d in built.documents for p in d.projects]
    assert len(built.documents) == 5
    assert len(projects) == 24
    assert sum(p.budget_yuan for p in projects) == Decimal("4131000")


def test_every_project_page_shows_every_indicator_exactly(built: Built) -> None:
    for doc in built.documents:
        for project in doc.projects:
            root = page(built, f"projects/{project.code}")
            table = article(root).find("div", class_="bs-indicators").find("table")
            grid = table_grid(table)
            expected = [
                [
                    r.level1,
                    r.level2,
                    cell_text(r.level3),
                    cell_text(r.description),
                    r.value,
                    cell_text(r.basis),
                ]
                for r in project.indicators
            ]
            assert grid == expected, project.code
            values = [n.text() for n in table.find_all("td", class_="bs-value")]
            assert values == [r.value for r in project.indicators]


def test_merged_cells_are_merged(built: Built) -> None:
    root = page(built, "projects/13030322P00397010024Q")
    heads = article(root).find("div", class_="bs-indicators").find("tbody").find_all("th")
    spans = [(h.text(), h.attrs.get("rowspan")) for h in heads]
    assert spans[0] == ("产出指标", "4")
    assert ("效益指标", "4") in spans
    assert ("满意度指标", None) in spans


def test_project_page_facts(built: Built) -> None:
    root = page(built, "projects/13030322P00397010024Q")
    text = article(root).text()
    assert root.find("h1").text() == "车辆保险费"
    assert "8,000 元（0.80 万元）" in text  # printed as 0.80 万元
    assert "两辆公车续保" in text
    assert "公车保险续保" in [li.printed() for li in article(root).find_all("li")]
    crumbs = [a.text() for a in root.find("nav", class_="bs-crumbs").find_all("a")]
    assert crumbs == ["首页", "2022年", "山海关区", doc_name(built, "2022/130303/131001.txt")]
    links = [a.attrs.get("href") for a in article(root).find_all("a")]
    assert "../13030322P00397010024Q.json" in links
    plan = [r.text() for r in article(root).find_all("span", class_="bs-bar-value")]
    assert plan == ["25%", "75%", "100%", "100%"]


def test_spending_plan_in_amounts_is_shown_as_printed_and_as_percent(built: Built) -> None:
    root = page(built, "projects/13052922P00584010141N")
    text = article(root).text()
    assert "1,430,000 元（143.00 万元）" in text
    assert "83.22%" in text
    assert "原表填写（万元）" in text


def doc_name(built: Built, source: str) -> str:
    return next(d.unit.name for d in built.documents if d.source == source)


def unit_address(doc: Document) -> str:
    return f"{doc.year}/{doc.region.code}/{doc.unit.code}"


def test_every_unit_page_lists_its_projects_and_their_sum(built: Built) -> None:
    for doc in built.documents:
        root = page(built, unit_address(doc))
        tables = article(root).find_all("table")
        table = next(t for t in tables if "项目编码" in t.find("thead").text())
        rows = table.find("tbody").find_all("tr")
        listed = [r.find_all("td")[1].text() for r in rows[:-1]]
        assert listed == [p.code for p in doc.projects]
        total = sum((p.budget_yuan for p in doc.projects), Decimal(0))
        cells = [c.text() for c in rows[-1].find_all("td")]
        assert cells[2:] == [yuan(total), wan(total)], doc.source
        assert f"合计（{len(doc.projects)} 个项目）" in cells[0]


def test_unit_page_has_the_three_parts_and_labelled_sub_goals(built: Built) -> None:
    doc = next(d for d in built.documents if d.source == "2021/130303/213001.txt")
    root = article(page(built, unit_address(doc)))
    headings = [h.text() for h in root.find_all("h2")]
    # The projects first: the text after them is many screens long on a phone.
    assert headings[:4] == [
        f"项目支出绩效目标（{len(doc.projects)} 个）",
        "一、总体绩效目标",
        "二、分项绩效目标",
        "三、工作保障措施",
    ]
    blocks = root.find_all("div", class_="bs-subgoal")
    assert len(blocks) == len(doc.sub_goals) == 3
    labels = [s.text() for s in blocks[0].find_all("strong")]
    assert labels == ["主要职责", "职责目标", "绩效目标", "绩效指标", "绩效标准"]
    assert doc.sub_goals[0].parts[2].text.strip() in blocks[0].text()


def test_the_projects_index_lists_the_largest_first_and_every_project_in_its_data(
    built: Built,
) -> None:
    root = article(page(built, "projects"))
    rows = root.find("table", id="bs-projects-table").find("tbody").find_all("tr")
    amounts = [Decimal(r.find("td", class_="bs-num").text().replace(",", "")) for r in rows]
    everyone = sorted((p.budget_yuan for d in built.documents for p in d.projects), reverse=True)
    assert amounts == everyone[: len(rows)] and len(rows) == min(24, FIRST_PAGE)
    index = json.loads((built.site_dir / "projects" / "list" / "index.json").read_text("utf-8"))
    listed = [
        row
        for name in index["chunks"]
        for row in json.loads((built.site_dir / "projects" / "list" / name).read_text("utf-8"))
    ]
    columns = index["columns"]
    by_code = {row[columns.index("code")]: row for row in listed}
    assert len(by_code) == len(listed) == index["count"] == 24
    for doc in built.documents:
        for project in doc.projects:
            row = by_code[project.code]
            assert Decimal(row[columns.index("budget")]) == project.budget_yuan
            assert row[columns.index("unit")] == doc.unit.name
            assert row[columns.index("year")] == doc.year


def test_indicator_catalogue_counts_every_row(built: Built) -> None:
    root = article(page(built, "indicators"))
    total = sum(len(p.indicators) for d in built.documents for p in d.projects)
    counted = 0
    for table in root.find_all("table"):
        for row in table.find("tbody").find_all("tr"):
            counted += int(row.find_all("td")[1].text())
    assert counted == total
    level1 = [h.text() for h in root.find_all("h2")]
    assert level1[:3] == ["产出指标", "效益指标", "满意度指标"]


def test_home_page(built: Built) -> None:
    root = page(built, ".")
    text = article(root).text()
    assert "4,131,000 元" in text and "24" in text
    assert root.find("label", class_="bs-search-button").attrs["for"] == "__search"
    assert len(root.find_all("div", class_="bs-bar-row")) == 5


def test_navigation_lists_sections_not_projects(built: Built) -> None:
    config = yaml.safe_load((built.docs_dir.parent / "mkdocs.yml").read_text("utf-8"))
    flat = str(config["nav"])
    assert "projects/index.md" in flat
    assert "projects/1" not in flat
    nav = page(built, "projects/13030322P00397010024Q").find("nav", class_="md-nav--primary")
    hrefs = [a.attrs.get("href") or "" for a in nav.find_all("a")]
    assert not [h for h in hrefs if "/projects/1" in h]


def test_site_is_chinese_and_has_no_web_fonts(built: Built) -> None:
    root = page(built, ".")
    assert root.find("html").attrs["lang"] == "zh"
    html = (built.site_dir / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_downloads(built: Built) -> None:
    csv = (built.site_dir / "data" / "projects.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")
    assert len(csv.decode("utf-8-sig").strip().splitlines()) == 25
    one = Path(built.site_dir / "projects" / "13030322P00397010024Q.json")
    assert '"budget_yuan": "8000"' in one.read_text("utf-8")


def test_a_sub_goal_block_shows_each_printed_line_once() -> None:
    goal = make_sub_goal(
        "1、",
        "政治协商",
        ["本项职责如下。", "主要职责是协商。", "职责目标：", "1、开展协商", "2、提高实效"],
    )
    block = sub_goal(goal, "分项-1")
    for text in ("本项职责如下。", "协商。", "开展协商", "提高实效"):
        assert block.count(text) == 1, text
    first, second = "<strong>主要职责</strong>", "<strong>职责目标</strong>"
    assert block.index("本项职责如下") < block.index(first) < block.index(second)
    assert block.index(second) < block.index("开展协商") < block.index("提高实效")
