"""Units by year and region: /units/, a year's page and a region's page in a year."""

from __future__ import annotations

from collections.abc import Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.render import catalog
from builder.render.data_page import data_link
from builder.render.html import markup
from builder.render.html.blocks import Bar, bar_chart, crumbs, front_matter
from builder.render.html.escape import html_text, md_inline
from builder.render.html.markup import RIGHT, link
from builder.render.html.money import wan, yuan
from builder.render.html.verbatim import verbatim
from builder.render.unit import unit_total

UNITS_HEAD = ("单位", "单位编码", "年度", "地区", "项目数", "预算合计（元）", "预算合计（万元）")
UNITS_ALIGN = ("", "", "", "", RIGHT, RIGHT, RIGHT)


def units_table(docs: Sequence[Document], page: str) -> str:
    """Table of reports (unit, code, region, project count, total), marked verbatim."""
    rows = [
        (
            link(paths.href(page, paths.unit(doc)), html_text(doc.unit.name)),
            markup.code(doc.unit.code),
            str(doc.year),
            html_text(doc.region.name or doc.region.code),
            str(len(doc.projects)),
            yuan(unit_total(doc)),
            wan(unit_total(doc)),
        )
        for doc in docs
    ]
    # Every such table sits under its year and region heading: a phone leaves those out.
    return verbatim(markup.table(UNITS_HEAD, rows, UNITS_ALIGN, minor=(1, 2, 3, 6)))


def render_units(docs: Sequence[Document]) -> str:
    """/units/: every unit report, by year and region."""
    page = paths.UNITS
    parts = [
        front_matter("单位"),
        "# 单位",
        f"共 {len(docs)} 份部门绩效目标报告，按年度和地区排列。",
    ]
    of_place = catalog.places(docs)
    for year in catalog.years(docs):
        parts.append(f"## [{year}年]({paths.md_link(page, paths.year(year))})")
        for code, name in catalog.regions(docs):
            found = of_place.get((year, code), [])
            if found:
                target = paths.md_link(page, paths.region(year, code))
                parts += [f"### [{md_inline(name)}]({target})", units_table(found, page)]
    parts.append(data_link(page))
    return "\n\n".join(parts) + "\n"


def render_year(docs: Sequence[Document], year: int) -> str:
    """/<year>/: the regions and units that reported for the year."""
    page = paths.year(year)
    found = catalog.docs_in(docs, year)
    total = catalog.total(catalog.entries(found))
    parts = [
        front_matter(f"{year}年", crumbs=crumbs(page, [("首页", paths.HOME)])),
        f"# {year}年",
        f"{len(found)} 个单位，{sum(len(d.projects) for d in found)} 个项目，"
        f"预算合计 {yuan(total)} 元（{wan(total)} 万元）。",
    ]
    for code, name in catalog.regions(found):
        in_region = catalog.docs_in(found, year, code)
        target = paths.md_link(page, paths.region(year, code))
        parts += [f"## [{md_inline(name)}]({target})", units_table(in_region, page)]
    parts.append(data_link(page))
    return "\n\n".join(parts) + "\n"


def render_region(docs: Sequence[Document], year: int, region: str) -> str:
    """/<year>/<region code>/: the units of one region in one year."""
    page = paths.region(year, region)
    found = catalog.docs_in(docs, year, region)
    name = found[0].region.name or region
    total = catalog.total(catalog.entries(found))
    parts = [
        front_matter(
            f"{name}（{year}年）",
            crumbs=crumbs(page, [("首页", paths.HOME), (f"{year}年", paths.year(year))]),
        ),
        f"# {md_inline(name)} · {year}年",
        f"地区代码 `{region}`。{len(found)} 个单位，{sum(len(d.projects) for d in found)} 个项目，"
        f"预算合计 {yuan(total)} 元（{wan(total)} 万元）。",
        _unit_chart(found, page),
        units_table(found, page),
        data_link(page),
    ]
    return "\n\n".join(parts) + "\n"


CHART_BARS = 30
"""Bars in a region's chart: the largest units; the table below lists every one."""


def _unit_chart(found: Sequence[Document], page: str) -> str:
    """The region's budget by unit, largest first, with the table below as its data."""
    largest = sorted(found, key=lambda d: (-unit_total(d), d.unit.code))[:CHART_BARS]
    top = unit_total(largest[0]) if largest else 0
    bars = [
        Bar(
            doc.unit.name,
            paths.href(page, paths.unit(doc)),
            float(unit_total(doc) * 100 / top) if top else 0.0,
            f"{wan(unit_total(doc))} 万元",
        )
        for doc in largest
    ]
    caption = "各单位项目预算（万元）" + (
        f"，最多的 {CHART_BARS} 个" if len(found) > CHART_BARS else ""
    )
    return bar_chart(caption, bars, tabled=True) + "\n\n数据见下表。"
