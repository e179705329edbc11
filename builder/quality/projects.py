"""Rules about one project table's header: money, spending plan, code and 绩效目标."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from builder.contract import codes
from builder.contract.model import Document, Project
from builder.parse.lines import compact
from builder.quality.finding import Finding, finding, project_subject

# Amounts are converted to percentages rounded to cents of a percent.
_PERCENT_SLACK = 0.005


def _line(lines: Sequence[int], index: int, default: int) -> int:
    """A recorded source line, or ``default`` for a project not read from a file."""
    return lines[index] if index < len(lines) and lines[index] else default


def check_project(doc: Document, project: Project) -> Iterator[Finding]:
    """Every finding about the project's money, plan, code and goals."""
    source = doc.source
    subject = project_subject(project)

    def found(rule: str, line: int, value: str, message: str) -> Finding:
        return finding(rule, source, line, project.code, subject, value, message)

    budget_line = project.budget_line or project.line
    total = project.fiscal_yuan + project.other_yuan
    if project.budget_yuan != total:
        yield found(
            "budget-sum",
            budget_line,
            format(project.budget_yuan, "f"),
            f"{subject}：预算数 {project.budget_yuan:f} 元 ≠ 财政资金 {project.fiscal_yuan:f} 元"
            f" + 其他资金 {project.other_yuan:f} 元（{total:f} 元）",
        )
    yield from _plan(project, found)
    year = codes.year_suffix(doc.year)
    code = project.code
    if (
        len(code) != codes.PROJECT_CODE_LENGTH
        or code[codes.REGION_PART] != doc.region.code
        or code[codes.YEAR_PART] != year
    ):
        yield found(
            "code-mismatch",
            project.line,
            code,
            f"{subject}：项目编码「{code}」应为21位，以地区代码 {doc.region.code} "
            f"和年度 {year} 开头",
        )
    if not project.goals:
        yield found("goals-missing", project.line, "", f"{subject}：没有填写绩效目标")
    first: dict[str, int] = {}
    for index, goal in enumerate(project.goals):
        line = _line(project.goal_lines, index, project.line)
        key = compact(goal)
        if key in first:
            yield found(
                "goal-repeated",
                line,
                goal,
                f"{subject}：绩效目标「{goal}」与第{first[key]}行重复",
            )
        else:
            first[key] = line


def _plan(project: Project, found: Callable[[str, int, str, str], Finding]) -> Iterator[Finding]:
    subject = project_subject(project)
    plan = project.spending_plan
    if project.spending_plan_basis == "empty":
        line = _line(project.plan_lines, 0, project.line)
        yield found("plan-missing", line, "", f"{subject}：资金支出计划四个时点均未填写")
        return
    previous: tuple[str, float] | None = None
    for index, entry in enumerate(plan):
        if entry.percent is None:
            continue
        if previous is not None and entry.percent < previous[1] - _PERCENT_SLACK:
            yield found(
                "plan-decreasing",
                _line(project.plan_lines, index, project.line),
                entry.raw,
                f"{subject}：{entry.period}累计支出「{entry.raw}」低于{previous[0]}的进度",
            )
        previous = (entry.period, entry.percent)
    last = plan[-1]
    line = _line(project.plan_lines, len(plan) - 1, project.line)
    if last.percent is None:
        yield found("plan-not-complete", line, "", f"{subject}：{last.period}的累计支出未填写")
    elif abs(last.percent - 100) > _PERCENT_SLACK:
        yield found(
            "plan-not-complete",
            line,
            last.raw,
            f"{subject}：{last.period}累计支出「{last.raw}」是预算的 {last.percent:g}%，不是100%",
        )
