"""A unit's year-over-year page, /<year>/<region>/<unit>/changes/: every change, nothing else.

It lists the projects continued (with their budget change), added and dropped, the change of
the unit's total, the 指标值 that changed and the indicator rows added or dropped in
continued projects, and the goals whose text changed (builder/compare/years.py matches).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from builder.compare.years import Continued, YearChanges, by_unit, changes
from builder.contract import paths
from builder.contract.model import Document, Project
from builder.incremental.folder_sync import Content
from builder.incremental.report_cache import Kept, made_or_kept
from builder.render.html import markup
from builder.render.html.blocks import crumbs, front_matter
from builder.render.html.escape import html_lines, html_text, md_inline
from builder.render.html.markup import RIGHT, link
from builder.render.html.money import yuan
from builder.render.html.verbatim import verbatim

TITLE = "与上一年比较"


def change_files(
    docs: Sequence[Document], kept: Kept | None = None
) -> Iterator[tuple[str, Content]]:
    """One page for every report that has an earlier report of the same unit, one at a time.

    With ``kept`` (a cache and each report's hash, builder/incremental/report_cache.py), a
    page is kept under the hashes of its two reports and made again only when one changed.
    """
    cache, digests = kept or (None, {})
    for reports in by_unit(docs).values():
        for before, after in itertools.pairwise(reports):
            make = functools.partial(_change_page, before, after)
            inputs = functools.partial(_hashes, before, after, digests)
            yield from made_or_kept(cache, make, "changes", inputs).items()


def _hashes(before: Document, after: Document, digests: Mapping[str, str]) -> tuple[str, str]:
    """What a year-over-year page shows: its two reports, by their hashes."""
    return digests[before.source], digests[after.source]


def _change_page(before: Document, after: Document) -> dict[str, str]:
    return {paths.unit_changes(after): render_changes(changes(before, after))}


def signed(amount: Decimal) -> str:
    """A change of money with its sign: +8,000, −4,000, 0."""
    if amount > 0:
        return f"+{yuan(amount)}"
    return f"−{yuan(-amount)}" if amount < 0 else "0"


def _rate(before: Decimal, after: Decimal) -> str:
    if before == 0:
        return "—"
    rate = (after - before) * 100 / before
    return f"{rate:+.1f}%".replace("-", "−")


def _total(doc: Document) -> Decimal:
    return sum((p.budget_yuan for p in doc.projects), Decimal(0))


def render_changes(found: YearChanges) -> str:
    before, after = found.before, found.after
    page = paths.unit_changes(after)
    old, new = f"{before.year}年", f"{after.year}年"
    places = [
        ("首页", paths.HOME),
        (new, paths.year(after.year)),
        (after.region.name or after.region.code, paths.region(after.year, after.region.code)),
        (after.unit.name, paths.unit(after)),
    ]
    total_old, total_new = _total(before), _total(after)
    unit_links = (
        f"{link(paths.href(page, paths.unit(before)), html_text(old + '报告'))}、"
        f"{link(paths.href(page, paths.unit(after)), html_text(new + '报告'))}"
    )
    parts = [
        # Out of the search index: it repeats the two reports, whose pages a search finds.
        front_matter(
            f"{after.unit.name} · {new}{TITLE}",
            exclude_from_search=True,
            crumbs=crumbs(page, places),
            description=f"{after.unit.name}{new}与{old}的项目、预算、指标值和绩效目标的变化。",
        ),
        f"# {md_inline(after.unit.name)}：{new}与{old}比较",
        verbatim(
            markup.paragraph(
                f"项目预算合计：{old} {yuan(total_old)} 元，{new} {yuan(total_new)} 元，"
                f"变化 {signed(total_new - total_old)} 元（{_rate(total_old, total_new)}）。"
                f"延续 {len(found.continued)} 个项目，新增 {len(found.added)} 个，"
                f"不再列出 {len(found.dropped)} 个。原报告：{unit_links}。"
            )
        ),
        f"## 延续的项目（{len(found.continued)} 个） {{ #continued }}",
        _continued(page, found.continued, old, new),
        f"## 新增的项目（{len(found.added)} 个） {{ #added }}",
        _listed(page, found.added),
        f"## 不再列出的项目（{len(found.dropped)} 个） {{ #dropped }}",
        _listed(page, found.dropped),
        "## 指标值的变化 { #targets }",
        _targets(page, found.continued, old, new),
        "## 绩效目标的变化 { #goals }",
        _goals(page, found, old, new),
    ]
    return "\n\n".join(parts) + "\n"


def _project_link(page: str, project: Project) -> str:
    return link(paths.href(page, paths.project(project.code)), html_text(project.name))


def _continued(page: str, continued: Sequence[Continued], old: str, new: str) -> str:
    if not continued:
        return "没有。"
    rows = [
        (
            _project_link(page, c.after),
            yuan(c.before.budget_yuan),
            yuan(c.after.budget_yuan),
            signed(c.budget_change),
            _rate(c.before.budget_yuan, c.after.budget_yuan),
        )
        for c in continued
    ]
    head = ("项目", f"{old}（元）", f"{new}（元）", "变化（元）", "变化率")
    return verbatim(markup.table(head, rows, ("", RIGHT, RIGHT, RIGHT, RIGHT), minor=(4,)))


def _listed(page: str, projects: Sequence[Project]) -> str:
    if not projects:
        return "没有。"
    rows = [(_project_link(page, p), yuan(p.budget_yuan)) for p in projects]
    return verbatim(markup.table(("项目", "预算数（元）"), rows, ("", RIGHT)))


def _targets(page: str, continued: Sequence[Continued], old: str, new: str) -> str:
    rows = []
    for c in continued:
        for t in c.targets:
            rows.append(
                (
                    _project_link(page, c.after),
                    _name(t.level1, t.level2, t.level3),
                    html_text(t.before),
                    html_text(t.after),
                )
            )
        for row in c.added_rows:
            rows.append(
                (
                    _project_link(page, c.after),
                    _name(row.level1, row.level2, row.level3),
                    "（无此指标）",
                    html_text(row.value),
                )
            )
        for row in c.dropped_rows:
            rows.append(
                (
                    _project_link(page, c.after),
                    _name(row.level1, row.level2, row.level3),
                    html_text(row.value),
                    "（无此指标）",
                )
            )
    if not rows:
        return "延续的项目没有指标值变化。"
    head = ("项目", "指标", old, new)
    return verbatim(markup.table(head, rows))


def _name(level1: str, level2: str, level3: str) -> str:
    return f"{html_text(level1)} › {html_text(level2)} › <strong>{html_text(level3)}</strong>"


def _goals(page: str, found: YearChanges, old: str, new: str) -> str:
    blocks = []
    if found.overall_changed:
        blocks.append(
            markup.table(
                ("", old, new),
                [
                    (
                        "一、总体绩效目标",
                        html_lines(found.before.overall_goal),
                        html_lines(found.after.overall_goal),
                    )
                ],
            )
        )
    rows = [
        (
            _project_link(page, c.after),
            "<br>".join(html_text(g) for g in c.before.goals) or "（未填写）",
            "<br>".join(html_text(g) for g in c.after.goals) or "（未填写）",
        )
        for c in found.continued
        if c.goals_changed
    ]
    if rows:
        blocks.append(markup.table(("项目", old, new), rows))
    return verbatim("\n".join(blocks)) if blocks else "总体绩效目标和延续项目的绩效目标都没有变化。"
