"""Comparison pages on real reports: like projects side by side, one unit across two years.

The two-year corpus is the shipped content plus the 2021 report of 201001 carried into 2022
with known edits (a project dropped, one added, two budgets, a target and a goal changed);
the year-over-year page must list exactly those edits.
"""

from __future__ import annotations

import functools
import posixpath
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from builder.compare.likeness import like_key
from builder.contract import paths
from builder.contract.model import Document, Indicator, Project
from builder.publish.build import Built
from tests.conftest import CONTENT, SITE_DATA
from tests.site.building import build_into, scratch
from tests.site.html_tree import Node, load, table_grid
from tests.support.writer import write_report

SOURCE = "2021/130303/201001.txt"
STEP = Decimal(10_000)


def page(site: Built, address: str) -> Node:
    return load(site.site_dir / posixpath.dirname(address) / "index.html").find("article")


def test_the_likeness_rule() -> None:
    assert like_key("车辆保险费（2021年）") == like_key("车辆保险费") == "车辆保险费"
    assert like_key("2023年春节慰问经费") == like_key("2024年度 春节慰问经费")
    assert like_key("车辆保险费") != like_key("公务用车保险费")
    assert like_key("会议费") != like_key("会务费")
    assert like_key("——") == ""


def moved(project: Project, **update: object) -> Project:
    """The project carried into 2022: its code's year digits changed."""
    return project.model_copy(update={"code": project.code[:6] + "22" + project.code[8:], **update})


def retargeted(project: Project, value: str) -> Project:
    first: Indicator = project.indicators[0].model_copy(update={"value": value, "target": None})
    return project.model_copy(update={"indicators": (first, *project.indicators[1:])})


class Edits:
    """The 2021 report, its 2022 successor, and what was changed between them."""

    def __init__(self, before: Document) -> None:
        dropped, raised, lowered, retarget, regoal, *rest = before.projects
        self.before = before
        self.dropped = dropped
        self.budget = {
            raised.name: STEP,
            lowered.name: -STEP,
        }
        self.old_target = retarget.indicators[0].value
        self.new_target = "≥99.5%"
        self.retargeted = retarget.name
        self.regoaled = regoal.name
        added = dropped.model_copy(
            update={"name": "新增示例项目经费", "code": dropped.code[:6] + "22NEW000000000X"}
        )
        added = added.model_copy(update={"code": added.code[:21]})
        self.added = added
        after_projects = [
            moved(
                raised,
                budget_yuan=raised.budget_yuan + STEP,
                fiscal_yuan=raised.fiscal_yuan + STEP,
            ),
            moved(
                lowered,
                budget_yuan=lowered.budget_yuan - STEP,
                fiscal_yuan=lowered.fiscal_yuan - STEP,
            ),
            moved(retargeted(retarget, self.new_target)),
            moved(regoal, goals=(*regoal.goals, "新增一条绩效目标。")),
            *(moved(p) for p in rest),
            added,
        ]
        self.after = before.model_copy(
            update={
                "year": 2022,
                "source": "2022/130303/201001.txt",
                "projects": tuple(after_projects),
            }
        )


@functools.cache
def two_years() -> tuple[Built, Edits]:
    root = scratch("years")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    built = build_into(root, content, SITE_DATA)
    edits = Edits(next(d for d in built.documents if d.source == SOURCE))
    (content / edits.after.source).write_text(write_report(edits.after), encoding="utf-8")
    return build_into(root, content, SITE_DATA), edits


@pytest.fixture(scope="module")
def years() -> tuple[Built, Edits]:
    return two_years()


def hrefs(node: Node) -> list[str]:
    return [a.attrs.get("href") or "" for a in node.find_all("a")]


def test_the_two_unit_pages_link_to_each_other(years: tuple[Built, Edits]) -> None:
    site, edits = years
    before = page(site, paths.unit(edits.before))
    after = page(site, paths.unit(edits.after))
    assert "../../../2022/130303/201001/" in hrefs(before)
    assert "../../../2021/130303/201001/" in hrefs(after)
    assert "changes/" in hrefs(after) and "changes/" not in hrefs(before)


def rows_of(node: Node, heading: str) -> list[list[str]]:
    """The rows of the table under the h2 whose id is ``heading``."""
    items = node.iter()
    for item in items:
        if item.tag == "h2" and item.attrs.get("id") == heading:
            break
    for item in items:
        if item.tag == "table":
            return table_grid(item)
        if item.tag == "h2":
            return []
    return []


def test_the_year_over_year_page_lists_every_change_and_nothing_else(
    years: tuple[Built, Edits],
) -> None:
    site, edits = years
    changes = page(site, paths.unit_changes(edits.after))
    continued = rows_of(changes, "continued")
    kept = [p for p in edits.before.projects if p is not edits.dropped]
    assert sorted(row[0] for row in continued) == sorted(p.name for p in kept)
    for name, old, new, delta, _rate in continued:
        change = edits.budget.get(name, Decimal(0))
        assert Decimal(new.replace(",", "")) - Decimal(old.replace(",", "")) == change, name
        assert delta == ("0" if not change else f"{'+' if change > 0 else '−'}10,000")
    assert [row[0] for row in rows_of(changes, "added")] == [edits.added.name]
    assert [row[0] for row in rows_of(changes, "dropped")] == [edits.dropped.name]
    targets = rows_of(changes, "targets")
    assert [(row[0], row[2], row[3]) for row in targets] == [
        (edits.retargeted, edits.old_target, edits.new_target)
    ]
    goals = rows_of(changes, "goals")
    assert [row[0] for row in goals] == [edits.regoaled]
    assert "新增一条绩效目标。" in goals[0][2] and "新增一条绩效目标。" not in goals[0][1]
    total_before = sum(p.budget_yuan for p in edits.before.projects)
    total_after = total_before - edits.dropped.budget_yuan + edits.added.budget_yuan
    assert f"变化 {format_change(total_after - total_before)} 元" in changes.text()


def format_change(amount: Decimal) -> str:
    sign = "+" if amount > 0 else "−" if amount < 0 else ""
    return f"{sign}{abs(amount):,.0f}" if amount else "0"


def test_a_project_page_links_its_other_year(years: tuple[Built, Edits]) -> None:
    site, edits = years
    kept = edits.before.projects[1]
    root = page(site, paths.project(kept.code))
    assert f"../{moved(kept).code}/" in hrefs(root)


def test_the_vehicle_insurance_group_compares_the_four_projects(built: Built) -> None:
    insured = [(d, p) for d in built.documents for p in d.projects if p.name == "车辆保险费"]
    assert sorted(p.budget_yuan for _, p in insured) == [4000, 8000, 16000, 32000]
    group = page(built, paths.similar("车辆保险费"))
    listed = {h.split("/")[-2] for h in hrefs(group) if "/projects/" in h}
    assert listed == {p.code for _, p in insured}
    budgets = [row[2] for row in rows_of(group, "projects")]
    assert sorted(budgets) == ["16,000", "32,000", "4,000", "8,000"]
    # The indicator rows side by side: each project's 指标值 in its column, by name.
    side = group.find("div", class_="bs-wide").find("table")
    head = [th.text() for th in side.find("thead").find_all("th")]
    rows = table_grid(side)
    for doc, project in insured:
        column = next(i for i, h in enumerate(head) if h.startswith(doc.unit.name))
        for row in project.indicators:
            line = next(r for r in rows if r[0].split(" › ")[-1].startswith(row.level3))
            assert line[column] == row.value, (project.code, row.level3)
    # 不同 marks a row whose projects set different targets, not one some projects lack.
    for line in rows:
        given = {cell for cell in line[1:] if cell != "—"}
        assert line[0].endswith("（不同）") == (len(given) > 1), line
    for _, project in insured:
        root = page(built, paths.project(project.code))
        assert "../../similar/车辆保险费/" in hrefs(root)
        assert "其他单位的同类项目" in root.text()


def test_every_group_and_indicator_page_exists_and_the_catalogue_counts_every_row(
    built: Built,
) -> None:
    site: Path = built.site_dir
    similar = load(site / "similar" / "index.html").find("article")
    for href in hrefs(similar):
        if href.endswith("/") and not href.startswith(".."):
            assert (site / "similar" / href / "index.html").is_file(), href
    catalogue = load(site / "indicators" / "index.html").find("article")
    counted = 0
    for table in catalogue.find_all("table"):
        counted += sum(int(row[1]) for row in table_grid(table))
    assert counted == sum(len(p.indicators) for d in built.documents for p in d.projects)
