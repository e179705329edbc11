"""Ids of the places a reader may link to, and where each finding points on the site.

An indicator row's id comes from its names (``指标-车辆正常使用情况``), never from its
position, so that a link to one indicator survives rows added above it and does not
change when other reports change. A goal line, a plan period and a sub-goal block are
numbered or named as printed. Source lines are the publisher's pointer (``check`` and
/problems/); a reader follows these ids instead.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.contract import paths
from builder.contract.model import Document, Indicator, Project
from builder.parse.controls import visible
from builder.render.html.escape import html_text

PROJECT = "project"
"""The project page's heading, where a finding about the whole table points."""
UNIT = "unit"
BUDGET = "预算数"
SLUG_CHARS = 40
"""Characters of a name kept in an id: enough to tell indicators apart, short to share."""
_NOT_NAME = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """Letters and digits of any script, runs of anything else as one ``-``.

    Remembered: a province's indicator rows repeat a few thousand names, and every row's id
    is made for its project page and again for its indicator's page.
    """
    return _NOT_NAME.sub("-", visible(text)).strip("-_")[:SLUG_CHARS].strip("-_")


def _hashed(*names: str) -> str:
    return hashlib.sha1("\x00".join(names).encode()).hexdigest()[:8]


def indicator_ids(indicators: Sequence[Indicator]) -> list[str]:
    """One id per row, unique in the table: its 三级指标, else with its 二级 too, else numbered.

    Every row sharing a name gets the longer form, so that which form a row has depends
    only on the rows named like it.
    """
    short = [slug(row.level3) or _hashed(row.level1, row.level2, row.level3) for row in indicators]
    named = Counter(short)
    ids = [
        f"{slug(row.level2)}-{base}" if named[base] > 1 and slug(row.level2) else base
        for row, base in zip(indicators, short, strict=True)
    ]
    return _numbered([f"指标-{name}" for name in ids])


def _numbered(ids: Iterable[str]) -> list[str]:
    """The second and later of equal ids get -2, -3, …"""
    seen: Counter[str] = Counter()
    out = []
    for name in ids:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return out


def goal_id(number: int) -> str:
    """The ``number``-th 绩效目标 line, counted from 1 as shown."""
    return f"目标-{number}"


def plan_id(period: str) -> str:
    return f"计划-{slug(period) or period}"


def sub_goal_id(number: int) -> str:
    """The ``number``-th block of 二、分项绩效目标 on the unit page, counted from 1."""
    return f"分项-{number}"


def self_link(anchor: str, name: str) -> str:
    """A link to the place itself: its address is the one to share (links.js copies it)."""
    return (
        f'<a class="bs-copy" href="#{html_text(anchor)}" data-search-ignore '
        f'aria-label="复制链接：{html_text(name)}">链接</a>'
    )


def finding_ids(targets: Sequence[tuple[str, str]]) -> list[str]:
    """Ids of a page's findings from (rule, target id): stable while the findings are."""
    return _numbered(f"问题-{rule}-{target}" for rule, target in targets)


@dataclass(frozen=True)
class Target:
    """Where a finding points: a page, an id on it, and how the place is named."""

    page: str
    anchor: str
    label: str

    def href(self, from_page: str) -> str:
        page = "" if self.page == from_page else paths.href(from_page, self.page)
        return f"{page}#{self.anchor}"

    def key(self, from_page: str) -> str:
        """The place, named from ``from_page``: its anchor, after its page's last folder
        (a project's code) when on another page, as two projects have like rows."""
        if self.page == from_page:
            return self.anchor
        return f"{posixpath.basename(posixpath.dirname(self.page))}-{self.anchor}"


def whole_project(project: Project) -> Target:
    """The project page's heading: where a finding about no one row of the table points."""
    return Target(paths.project(project.code), PROJECT, "项目表")


def project_targets(project: Project) -> dict[int, Target]:
    """The rows and cells of the project's page by source line (made once per page)."""
    page = paths.project(project.code)
    found: dict[int, Target] = {project.line: whole_project(project)}
    if project.budget_line:
        found[project.budget_line] = Target(page, BUDGET, "预算数")
    for entry, line in zip(project.spending_plan, project.plan_lines, strict=False):
        found[line] = Target(page, plan_id(entry.period), f"资金支出计划 {entry.period}")
    for number, line in enumerate(project.goal_lines, start=1):
        found[line] = Target(page, goal_id(number), f"绩效目标第 {number} 条")
    for row, anchor in zip(project.indicators, indicator_ids(project.indicators), strict=True):
        found[row.line] = Target(page, anchor, f"指标“{row.level3}”")
    return found


def unit_target(doc: Document, line: int) -> Target:
    """The sub-goal block of the unit page holding ``line``; the page's heading otherwise."""
    page = paths.unit(doc)
    for number, goal in enumerate(doc.sub_goals, start=1):
        if line == goal.line or line in goal.text_lines:
            return Target(page, sub_goal_id(number), f"分项绩效目标第 {number} 项")
    return Target(page, UNIT, "部门整体绩效目标")
