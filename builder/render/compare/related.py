"""What a unit or project page says of other reports: other years, like projects (pure)."""

from __future__ import annotations

from builder.compare.related import ProjectRelations, UnitRelations
from builder.contract import paths
from builder.contract.model import Document
from builder.render.compare.groups import SECTION
from builder.render.html import markup
from builder.render.html.blocks import Bar, bar_chart
from builder.render.html.markup import RIGHT, link
from builder.render.html.money import wan, yuan
from builder.render.html.verbatim import verbatim


def year_links(doc: Document, related: UnitRelations) -> str:
    """The unit page's line to its other years and to what changed since the last one."""
    page = paths.unit(doc)
    parts = []
    before, after = related.previous(doc.year), related.next(doc.year)
    if before is not None:
        target = paths.unit_at(before, doc.region.code, doc.unit.code)
        parts.append(f"上一年：{link(paths.href(page, target), f'{before}年')}")
        parts.append(link(paths.href(page, paths.unit_changes(doc)), f"与{before}年比较"))
    if after is not None:
        target = paths.unit_at(after, doc.region.code, doc.unit.code)
        parts.append(f"下一年：{link(paths.href(page, target), f'{after}年')}")
    return verbatim(markup.paragraph(" · ".join(parts))) if parts else ""


def years_section(doc: Document, related: UnitRelations) -> str:
    """A unit's budget in each year it reported: a chart and its table; "" for one year."""
    if len(related.totals) < 2:
        return ""
    page = paths.unit(doc)
    top = max(total for _, total in related.totals)
    bars = []
    rows = []
    for year, total in related.totals:
        target = paths.href(page, paths.unit_at(year, doc.region.code, doc.unit.code))
        bars.append(
            Bar(f"{year}年", target, float(total * 100 / top) if top else 0.0, f"{wan(total)} 万元")
        )
        rows.append((link(target, f"{year}年"), yuan(total), wan(total)))
    table = markup.table(("年度", "项目预算合计（元）", "（万元）"), rows, ("", RIGHT, RIGHT))
    return "\n\n".join(
        [
            "## 各年度 { #years }",
            bar_chart("本单位各年度项目预算（万元）", bars, tabled=True),
            verbatim(table),
        ]
    )


def project_section(code: str, related: ProjectRelations) -> str:
    """The project page's 其他年度 and 其他单位的同类项目, or "" when it has neither."""
    if not related.years and not related.group:
        return ""
    page = paths.project(code)
    parts = ["## 其他年度与同类项目 { #related }"]
    if related.years:
        listed = " · ".join(
            link(paths.href(page, paths.project(m.code)), f"{m.year}年 {yuan(m.budget)} 元")
            for m in related.years
        )
        parts.append(verbatim(markup.paragraph(f"本项目上一年和下一年：{listed}")))
    if related.group:
        group = link(paths.href(page, paths.similar(related.group)), f"{SECTION}的比较")
        text = f"其他单位的同类项目：预算、资金支出计划和指标值见{group}。"
        parts.append(verbatim(markup.paragraph(text)))
    return "\n\n".join(parts)
