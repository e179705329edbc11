"""The home page: what the site is, totals by year and region, largest projects, a chart."""

from __future__ import annotations

from collections.abc import Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.contract.settings import Settings
from builder.render import catalog
from builder.render.data_page import data_link
from builder.render.html.blocks import Bar, bar_chart, front_matter
from builder.render.html.escape import html_text, md_inline
from builder.render.html.markup import RIGHT, link, table
from builder.render.html.money import wan, yuan
from builder.render.html.verbatim import verbatim
from builder.render.provenance import home_line
from builder.render.unit import unit_total

LARGEST = 10
DEPARTMENTS = 30
"""Bars in the home page's department chart: the home page stays the same size at any scale."""


def render_home(
    docs: Sequence[Document],
    settings: Settings,
    intro: str,
    hand_pages: Sequence[tuple[str, str]] = (),
) -> str:
    """Markdown of the home page; ``intro`` is the hand-written content/pages/home.md,
    ``hand_pages`` the (stem, title) of the pages under 说明."""
    page = paths.HOME
    link = paths.md_link
    found = catalog.entries(docs)
    total = catalog.total(found)
    parts = [
        front_matter(settings.title, hide=["navigation", "toc"]),
        f"# {md_inline(settings.title)}",
        intro.strip(),
        '<label class="bs-search-button" for="__search">'
        "搜索项目名称、单位、关键词或项目编码……</label>",
        f"目前收录 **{len(docs)}** 个单位的绩效目标报告、**{len(found)}** 个项目，"
        f"项目预算合计 **{yuan(total)} 元**（{wan(total)} 万元）。{home_line(settings)}",
        _sections(page, settings.quality, hand_pages),
        _totals(docs, page),
        "## 预算最多的项目",
        _largest(found, page),
        f"[查看全部 {len(found)} 个项目]({link(page, paths.PROJECTS)}) · "
        f"[单位]({link(page, paths.UNITS)}) · [指标目录]({link(page, paths.INDICATORS)}) · "
        + data_link(page),
        "## 各部门项目预算",
        _department_chart(docs, page),
    ]
    return "\n\n".join(parts) + "\n"


def _sections(page: str, quality: bool, hand_pages: Sequence[tuple[str, str]]) -> str:
    """A link to every section of the site: the navigation is hidden on the home page."""
    sections = [
        ("全部项目", paths.PROJECTS),
        ("单位", paths.UNITS),
        ("指标目录", paths.INDICATORS),
        ("同类项目", paths.SIMILAR),
        *([("数据质量", paths.QUALITY)] if quality else []),
        ("数据下载", paths.DATA),
        *((title, paths.hand_page(stem)) for stem, title in hand_pages),
    ]
    links = " · ".join(
        f"[{md_inline(name)}]({paths.md_link(page, target)})" for name, target in sections
    )
    return f"本站内容：{links}"


def _totals(docs: Sequence[Document], page: str) -> str:
    """Totals by year and region, or by year alone when that table would pass PLACE_ROWS."""
    of_place = catalog.places(docs)
    if len(of_place) > PLACE_ROWS:
        return _year_totals(docs, page)
    rows = [
        (
            link(paths.href(page, paths.year(year)), f"{year}年"),
            link(paths.href(page, paths.region(year, code)), html_text(_region_name(found))),
            *_sums(found),
        )
        for (year, code), found in sorted(of_place.items(), key=lambda item: -item[0][0])
    ]
    head = ("年度", "地区", "单位数", "项目数", "预算合计（元）", "预算合计（万元）")
    # A phone shows year, region, projects and 元; 单位数 is on the year and region pages.
    shown = table(head, rows, ("", "", RIGHT, RIGHT, RIGHT, RIGHT), minor=(2, 5))
    return "## 按年度和地区\n\n" + verbatim(shown)


PLACE_ROWS = 60
"""Rows of the home page's totals by year and region at most: a province's 250 regions over
five years made a 1,250-row table, half of a first visit; by year, each year's page has them."""


def _year_totals(docs: Sequence[Document], page: str) -> str:
    rows = []
    for year in catalog.years(docs):
        found = catalog.docs_in(docs, year)
        year_link = link(paths.href(page, paths.year(year)), f"{year}年")
        rows.append((year_link, str(len(catalog.regions(found))), *_sums(found)))
    head = ("年度", "地区数", "单位数", "项目数", "预算合计（元）", "预算合计（万元）")
    shown = table(head, rows, ("", RIGHT, RIGHT, RIGHT, RIGHT, RIGHT), minor=(1, 5))
    return "## 按年度\n\n各年度各地区的合计见年度页。\n\n" + verbatim(shown)


def _sums(found: Sequence[Document]) -> tuple[str, str, str, str]:
    """单位数, 项目数 and the budget in 元 and in 万元 of these reports: a totals row's numbers."""
    amount = catalog.total(catalog.entries(found))
    return str(len(found)), str(sum(len(d.projects) for d in found)), yuan(amount), wan(amount)


def _region_name(found: Sequence[Document]) -> str:
    return found[0].region.name or found[0].region.code


def _largest(found: Sequence[catalog.Entry], page: str) -> str:
    rows = [
        (
            link(paths.href(page, paths.project(e.project.code)), html_text(e.project.name)),
            html_text(e.doc.unit.name),
            str(e.doc.year),
            yuan(e.project.budget_yuan),
        )
        for e in catalog.by_amount(found)[:LARGEST]
    ]
    head = ("项目名称", "单位", "年度", "预算数（元）")
    return verbatim(table(head, rows, ("", "", "", RIGHT), minor=(2,)))


def _department_chart(docs: Sequence[Document], page: str) -> str:
    everyone = sorted(catalog.sorted_docs(docs), key=lambda d: unit_total(d), reverse=True)
    ordered = everyone[:DEPARTMENTS]
    largest = max((unit_total(d) for d in ordered), default=0)
    bars = [
        Bar(
            f"{doc.unit.name}（{doc.year}）",
            paths.href(page, paths.unit(doc)),
            float(unit_total(doc) * 100 / largest) if largest else 0.0,
            f"{wan(unit_total(doc))} 万元",
        )
        for doc in ordered
    ]
    chart = bar_chart("各部门项目预算合计（万元）", bars)
    if len(everyone) > len(ordered):
        units = paths.md_link(page, paths.UNITS)
        chart += (
            f"\n\n预算最多的 {len(ordered)} 个单位报告；全部 {len(everyone)} 个见[单位]({units})。"
        )
    return chart
