"""The unit page /<year>/<region code>/<unit code>/: the 部门整体绩效目标 and its projects."""

from __future__ import annotations

from decimal import Decimal

from builder.compare.related import UnitRelations
from builder.contract import paths
from builder.contract.model import Document, SubGoal
from builder.parse.narrative import starts_with_label
from builder.render.compare.related import year_links, years_section
from builder.render.data_page import data_section
from builder.render.html import anchors, markup
from builder.render.html.blocks import crumbs, front_matter
from builder.render.html.escape import html_text, md_inline
from builder.render.html.money import wan, yuan
from builder.render.html.verbatim import verbatim
from builder.render.project import facts_table, place_facts, unit_crumbs


def unit_total(doc: Document) -> Decimal:
    return sum((p.budget_yuan for p in doc.projects), Decimal(0))


SECTIONS = (
    ("projects", "项目支出绩效目标"),
    ("overall", "一、总体绩效目标"),
    ("sub-goals", "二、分项绩效目标"),
    ("measures", "三、工作保障措施"),
    ("data", "数据"),
)


def render_unit(
    doc: Document, *, quality: bool = False, related: UnitRelations | None = None
) -> str:
    """Markdown of one unit page (pure: no disk).

    The projects come before the long 部门整体绩效目标 text, and a contents line jumps to
    each part: on a phone the text alone is many screens long. ``quality``: the page will
    end with its 数据质量 section (builder/render/quality.py unit_findings). ``related``:
    the unit's other years (builder/compare/related.py), linked and charted.
    """
    related = related or UnitRelations()
    page = paths.unit(doc)
    facts = [
        ("单位编码", markup.code(doc.unit.code)),
        *place_facts(doc, page),
        ("项目数", str(len(doc.projects))),
        ("项目预算合计", f"{yuan(unit_total(doc))} 元（{wan(unit_total(doc))} 万元）"),
    ]
    sections = [*SECTIONS, *([("quality", "数据质量")] if quality else [])]
    contents = " · ".join(markup.link(f"#{anchor}", name) for anchor, name in sections)
    parts = [
        front_matter(
            f"{doc.unit.name} · {doc.year}年 · {doc.region.name or doc.region.code}",
            crumbs=crumbs(page, unit_crumbs(doc)),
            description=f"{doc.unit.name}{doc.year}年部门整体绩效目标和 {len(doc.projects)} 个"
            f"项目的支出绩效目标，项目预算合计 {yuan(unit_total(doc))} 元。",
        ),
        f"# {md_inline(doc.unit.name)} {{ #{anchors.UNIT} }}",
        f"{doc.year}年部门整体绩效目标与项目支出绩效目标。",
        facts_table(facts),
        verbatim(f'<nav class="bs-contents" aria-label="本页内容">本页：{contents}</nav>'),
        year_links(doc, related),
        f"## 项目支出绩效目标（{len(doc.projects)} 个） {{ #projects }}",
        project_table(doc, page),
        years_section(doc, related),
        "## 一、总体绩效目标 { #overall }",
        _paragraphs(doc.overall_goal) or "（未填写）",
        "## 二、分项绩效目标 { #sub-goals }",
    ]
    if doc.sub_goals_intro.strip():
        parts.append(_paragraphs(doc.sub_goals_intro))
    numbered = enumerate(doc.sub_goals, start=1)
    parts += [sub_goal(goal, anchors.sub_goal_id(n)) for n, goal in numbered] or ["（未填写）"]
    parts += [
        "## 三、工作保障措施 { #measures }",
        _paragraphs(doc.measures) or "（未填写）",
        "## 数据 { #data }",
        data_section(page, paths.unit_data(doc), "下载本单位数据（JSON）", doc),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def sub_goal(goal: SubGoal, anchor: str) -> str:
    """One block: its title as a heading, then the block's lines as printed.

    The parser puts every line from the first labelled one on into a part, so the block
    shows its unlabelled opening lines, then each part with its label in bold: everything
    printed, once, in order.
    """
    title = md_inline(f"{goal.number}{goal.title}".strip()) or "（无标题）"
    body = []
    for line in goal.text.split("\n"):
        if starts_with_label(line.strip()):
            break
        if line.strip():
            body.append(markup.paragraph(html_text(line.strip())))
    for part in goal.parts:
        first, *rest = part.text.split("\n")
        label = markup.strong(html_text(part.label))
        body.append(markup.paragraph(f"{label}：{html_text(first.strip())}"))
        body += [markup.paragraph(html_text(line.strip())) for line in rest if line.strip()]
    # The heading stays Markdown so that it is in the page's table of contents.
    lines = [f"### {title}", *([verbatim("\n".join(body))] if body else [])]
    opening = f'<div class="bs-subgoal" id="{html_text(anchor)}" markdown>'
    return opening + "\n\n" + "\n\n".join(lines) + "\n\n</div>"


def _paragraphs(text: str) -> str:
    return verbatim(markup.paragraphs(text)) if text.strip() else ""


def project_table(doc: Document, page: str) -> str:
    """The unit's projects with their amounts and the total, marked verbatim."""
    rows = [
        (
            markup.link(paths.href(page, paths.project(project.code)), html_text(project.name)),
            markup.code(project.code),
            yuan(project.budget_yuan),
            wan(project.budget_yuan),
        )
        for project in doc.projects
    ]
    total = unit_total(doc)
    strong = markup.strong
    rows.append(
        (strong(f"合计（{len(doc.projects)} 个项目）"), "", strong(yuan(total)), strong(wan(total)))
    )
    head = ("项目名称", "项目编码", "预算数（元）", "预算数（万元）")
    # Marked for the search index, which leaves it out (search_index.py).
    listed = markup.table(head, rows, ("", "", markup.RIGHT, markup.RIGHT), minor=(1, 3))
    return verbatim(markup.div("bs-unit-projects", listed))
