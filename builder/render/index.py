"""Cross-unit pages: all projects, units by year and region, year and region pages."""

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
    for year in catalog.years(docs):
        parts.append(f"## [{year}年]({paths.md_link(page, paths.year(year))})")
        for code, name in catalog.regions(docs):
            found = catalog.docs_in(docs, year, code)
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


def render_projects(docs: Sequence[Document]) -> str:
    """/projects/: every project, largest first; a script adds sorting and filters."""
    page = paths.PROJECTS
    found = catalog.by_amount(catalog.entries(docs))
    year_options = "".join(f'<option value="{y}">{y}年</option>' for y in catalog.years(docs))
    region_options = "".join(
        f'<option value="{html_text(code)}">{html_text(name)}</option>'
        for code, name in catalog.regions(docs)
    )
    controls = (
        '<form class="bs-filters" data-bs-filter="projects" hidden>'
        '<label>年度 <select name="year"><option value="">全部</option>'
        f"{year_options}</select></label> "
        '<label>地区 <select name="region"><option value="">全部</option>'
        f"{region_options}</select></label> "
        '<output name="count" aria-live="polite"></output>'
        "</form>"
    )
    rows = []
    for entry in found:
        project, doc = entry.project, entry.doc
        rows.append(
            f'<tr data-year="{doc.year}" data-region="{html_text(doc.region.code)}" '
            f'data-amount="{project.budget_yuan}">'
            f'<td><a href="{html_text(paths.href(page, paths.project(project.code)))}">'
            f"{html_text(project.name)}</a></td>"
            f'<td class="bs-minor"><code>{html_text(project.code)}</code></td>'
            f'<td><a href="{html_text(paths.href(page, paths.unit(doc)))}">'
            f"{html_text(doc.unit.name)}</a></td>"
            f'<td class="bs-minor">{doc.year}</td>'
            f'<td class="bs-minor">{html_text(doc.region.name or doc.region.code)}</td>'
            f'<td class="bs-num">{yuan(project.budget_yuan)}</td>'
            f'<td class="bs-num bs-minor">{wan(project.budget_yuan)}</td>'
            "</tr>"
        )
    total = catalog.total(found)
    table = (
        '<div class="bs-projects" role="region" aria-label="全部项目表" tabindex="0">\n'
        '<table class="bs-table" id="bs-projects-table">\n<thead><tr>'
        # A phone shows name, unit and 元: the filters above say year and region.
        '<th scope="col">项目名称</th><th scope="col" class="bs-minor">项目编码</th>'
        '<th scope="col">单位</th>'
        '<th scope="col" class="bs-minor">年度</th><th scope="col" class="bs-minor">地区</th>'
        '<th scope="col" aria-sort="descending" class="bs-num" data-bs-sort="amount">'
        "预算数（元）</th>"
        '<th scope="col" class="bs-num bs-minor">预算数（万元）</th>'
        "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )
    parts = [
        front_matter("全部项目"),
        "# 全部项目",
        f"共 {len(found)} 个项目，预算合计 {yuan(total)} 元（{wan(total)} 万元）。"
        "默认按预算数从大到小排列；点击“预算数（元）”表头可切换排序，可按年度和地区筛选。",
        verbatim(controls),
        verbatim(table),
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
    return bar_chart(caption, bars) + "\n\n数据见下表。"
