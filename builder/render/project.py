"""The project page /projects/<项目编码>/: one 项目支出绩效目标表, as in the original."""

from __future__ import annotations

from collections.abc import Sequence

from builder.compare.related import ProjectRelations
from builder.contract import paths
from builder.contract.model import Document, Indicator, Project, SpendingPlanEntry
from builder.render.compare.related import project_section
from builder.render.data_page import data_section
from builder.render.html import anchors, markup
from builder.render.html.blocks import Bar, bar_chart, crumbs, front_matter, percent
from builder.render.html.escape import html_lines, html_text, md_inline
from builder.render.html.markup import RIGHT, link
from builder.render.html.money import both, yuan
from builder.render.html.verbatim import verbatim

INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")


def unit_crumbs(doc: Document) -> list[tuple[str, str]]:
    """首页 › year › region: the places above a unit page."""
    return [
        ("首页", paths.HOME),
        (f"{doc.year}年", paths.year(doc.year)),
        (region_label(doc), paths.region(doc.year, doc.region.code)),
    ]


def region_label(doc: Document) -> str:
    return doc.region.name or doc.region.code


def place_facts(doc: Document, page: str) -> list[tuple[str, str]]:
    """The 年度 and 地区 rows of a facts table, linked to their pages."""
    year = paths.href(page, paths.year(doc.year))
    region = paths.href(page, paths.region(doc.year, doc.region.code))
    return [
        ("年度", link(year, f"{doc.year}年")),
        ("地区", f"{link(region, html_text(region_label(doc)))}（{doc.region.code}）"),
    ]


def facts_table(facts: Sequence[tuple[str, str]], ids: Sequence[str] = ()) -> str:
    """A two-column table of (name, HTML value), marked verbatim; ``ids`` as markup.table."""
    # 字段, not 项目, which the site uses for a budget project.
    return verbatim(markup.table(("字段", "内容"), facts, ids=ids))


def render_project(project: Project, doc: Document, related: ProjectRelations | None = None) -> str:
    """Markdown of one project page (pure: no disk); ``related``: its other years and like
    projects (builder/compare/related.py)."""
    page = paths.project(project.code)
    places = [*unit_crumbs(doc), (doc.unit.name, paths.unit(doc))]
    facts = [
        ("项目编码", markup.code(project.code)),
        ("预算单位", link(paths.href(page, paths.unit(doc)), html_text(doc.unit.name))),
        *place_facts(doc, page),
        ("预算数", both(project.budget_yuan)),
        ("其中：财政资金", both(project.fiscal_yuan)),
        ("其他资金", both(project.other_yuan)),
        ("原表金额单位", project.money_unit),
    ]
    ids = ["", "", "", "", anchors.BUDGET]
    parts = [
        front_matter(
            f"{project.name} · {doc.unit.name} · {doc.year}年",
            boost=2,
            crumbs=crumbs(page, places),
            description=f"{doc.unit.name}{doc.year}年项目“{project.name}”（{project.code}）的"
            f"项目支出绩效目标表：预算 {yuan(project.budget_yuan)} 元。",
        ),
        f"# {md_inline(project.name)} {{ #{anchors.PROJECT} }}",
        facts_table(facts, ids),
        "## 资金用途 { #purpose }",
        verbatim(markup.paragraph(html_lines(project.purpose) or "（未填写）")),
        "## 资金支出计划 { #plan }",
        spending_plan(project),
        "## 绩效目标 { #goals }",
        goals(project.goals),
        "## 绩效指标 { #indicators }",
        indicator_table(project.indicators),
        project_section(project.code, related or ProjectRelations()),
        "## 数据 { #data }",
        data_section(page, paths.project_data(project.code), "下载本项目数据（JSON）", doc),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def spending_plan(project: Project) -> str:
    """The plan as a bar chart and as a table; amounts also shown in yuan when printed so."""
    plan = project.spending_plan
    if project.spending_plan_basis == "empty":
        return "原表未填写资金支出计划。\n\n" + verbatim(_plan_table(plan, project))
    bars = [
        Bar(
            entry.period,
            None,
            entry.percent,
            "未填" if entry.percent is None else percent(entry.percent),
        )
        for entry in plan
    ]
    chart = bar_chart("累计支出进度（占预算数）", bars, tabled=True)
    return verbatim(chart) + "\n\n" + verbatim(_plan_table(plan, project))


def _plan_table(plan: Sequence[SpendingPlanEntry], project: Project) -> str:
    unit = "%" if project.spending_plan_basis == "percent" else project.money_unit
    rows = [
        (
            html_text(entry.period),
            html_text(entry.raw) or "—",
            "—" if entry.percent is None else percent(entry.percent),
        )
        for entry in plan
    ]
    head = ("时间", f"原表填写（{html_text(unit)}）", "累计进度")
    ids = [anchors.plan_id(entry.period) for entry in plan]
    return markup.table(head, rows, ("", RIGHT, RIGHT), ids)


def goals(lines: Sequence[str]) -> str:
    if not lines:
        return "（未填写）"
    ids = [anchors.goal_id(number) for number in range(1, len(lines) + 1)]
    items = [
        html_text(line.strip()) + anchors.self_link(anchor, f"绩效目标第 {number} 条")
        for number, (line, anchor) in enumerate(zip(lines, ids, strict=True), start=1)
    ]
    return verbatim(markup.ordered(items, ids))


def _spans(values: Sequence[str]) -> list[int]:
    """Rowspan of each row's cell: n at the first of n equal consecutive values, else 0."""
    spans = [0] * len(values)
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            spans[start] = index - start
            start = index
    return spans


def indicator_table(indicators: Sequence[Indicator]) -> str:
    """HTML table: 一级/二级 cells merged (rowspan) over the rows they cover, as printed."""
    if not indicators:
        return "原表没有绩效指标。"
    return verbatim(_indicator_html(indicators))


def _indicator_html(indicators: Sequence[Indicator]) -> str:
    """The table as printed; each row also says its 一级 › 二级 for the phone's cards
    (site.css), where the merged cells are not shown."""
    level1 = _spans([row.level1 for row in indicators])
    level2 = _spans([f"{row.level1}\x00{row.level2}" for row in indicators])
    head = "".join(f'<th scope="col">{name}</th>' for name in INDICATOR_HEADERS)
    body = []
    ids = anchors.indicator_ids(indicators)
    for index, row in enumerate(indicators):
        cells = []
        for span, text in ((level1[index], row.level1), (level2[index], row.level2)):
            if span:
                attr = f' rowspan="{span}"' if span > 1 else ""
                cells.append(f'<th scope="rowgroup"{attr}>{html_text(text)}</th>')
        # A numeric target (≥90%) stays on one line; free text wraps like any cell.
        value_class = "bs-value bs-target" if row.target else "bs-value"
        context = f"{html_text(row.level1)} › {html_text(row.level2)}"
        name = (
            f'<span class="bs-context">{context}</span>'
            f"{html_lines(row.level3)}{anchors.self_link(ids[index], row.level3)}"
        )
        labels = INDICATOR_HEADERS[2:]
        cells += [
            f'<td class="bs-name">{name}</td>',
            f'<td data-label="{labels[1]}">{html_lines(row.description)}</td>',
            f'<td class="{value_class}" data-label="{labels[2]}">{html_text(row.value)}</td>',
            f'<td data-label="{labels[3]}">{html_lines(row.basis)}</td>',
        ]
        body.append(f'<tr id="{html_text(ids[index])}">' + "".join(cells) + "</tr>")
    return (
        '<div class="bs-indicators" role="region" aria-label="绩效指标表" tabindex="0">\n'
        '<table class="bs-table">\n<thead><tr>'
        + head
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>\n</div>"
    )
