"""The tables of the /data/ downloads: each table's columns, for CSV, XLSX and datapackage.

Each table has one row per project, indicator, spending-plan entry or goal, after the context
columns of builder.downloads.columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from builder.contract.model import Indicator, SpendingPlanEntry, Target
from builder.downloads.columns import Column, Table
from builder.render import catalog


def _one(entry: catalog.Entry) -> Sequence[catalog.Entry]:
    return (entry,)


def _numbered_indicators(entry: catalog.Entry) -> Sequence[tuple[int, Indicator]]:
    return list(enumerate(entry.project.indicators, start=1))


def _numbered_goals(entry: catalog.Entry) -> Sequence[tuple[int, str]]:
    return list(enumerate(entry.project.goals, start=1))


def _plan(entry: catalog.Entry) -> Sequence[SpendingPlanEntry]:
    return entry.project.spending_plan


def _target(row: tuple[int, Indicator]) -> Target | None:
    return row[1].target


PROJECTS: Table[catalog.Entry] = Table(
    name="projects",
    title="项目",
    description="每个项目一行：金额、资金用途和来源。",
    items=_one,
    key=("项目编码",),
    columns=(
        Column(
            "预算数（元）",
            "number",
            "预算数，单位为元，精确小数",
            "projects[].budget_yuan",
            lambda e: e.project.budget_yuan,
            money=True,
            required=True,
        ),
        Column(
            "财政资金（元）",
            "number",
            "其中：财政资金，单位为元",
            "projects[].fiscal_yuan",
            lambda e: e.project.fiscal_yuan,
            money=True,
            required=True,
        ),
        Column(
            "其他资金（元）",
            "number",
            "其他资金，单位为元；原表空白记为 0",
            "projects[].other_yuan",
            lambda e: e.project.other_yuan,
            money=True,
            required=True,
        ),
        Column(
            "原表金额单位",
            "string",
            "原表印的金额单位：元或万元",
            "projects[].money_unit",
            lambda e: e.project.money_unit,
        ),
        Column(
            "资金用途",
            "string",
            "资金用途（原文）",
            "projects[].purpose",
            lambda e: e.project.purpose,
        ),
        Column(
            "支出计划填写方式",
            "string",
            "资金支出计划的填法：percent 百分比、amount 金额、empty 未填",
            "projects[].spending_plan_basis",
            lambda e: e.project.spending_plan_basis,
        ),
        Column(
            "表格标题",
            "string",
            "原表标题（去掉编号）",
            "projects[].title",
            lambda e: e.project.title,
        ),
        Column(
            "来源文件", "string", "原始报告文件（相对 content/）", "source", lambda e: e.doc.source
        ),
        Column(
            "原文行号",
            "integer",
            "表格标题在原始文件中的行号",
            "projects[].line",
            lambda e: e.project.line,
        ),
    ),
)

INDICATORS: Table[tuple[int, Indicator]] = Table(
    name="indicators",
    title="绩效指标",
    description="每个绩效指标一行，按原表顺序。",
    items=_numbered_indicators,
    key=("项目编码", "序号"),
    columns=(
        Column("序号", "integer", "指标在本项目指标表中的序号，从 1 起", "", lambda r: r[0]),
        Column(
            "一级指标",
            "string",
            "一级指标",
            "projects[].indicators[].level1",
            lambda r: r[1].level1,
        ),
        Column(
            "二级指标",
            "string",
            "二级指标",
            "projects[].indicators[].level2",
            lambda r: r[1].level2,
        ),
        Column(
            "三级指标",
            "string",
            "三级指标（指标名称）",
            "projects[].indicators[].level3",
            lambda r: r[1].level3,
        ),
        Column(
            "绩效指标描述",
            "string",
            "绩效指标描述",
            "projects[].indicators[].description",
            lambda r: r[1].description,
        ),
        Column(
            "指标值",
            "string",
            "指标值，与原表完全一致",
            "projects[].indicators[].value",
            lambda r: r[1].value,
        ),
        Column(
            "目标比较符",
            "string",
            "从指标值读出的比较符：≥ ≤ = > <；没有则为空",
            "projects[].indicators[].target.operator",
            lambda r: t.operator if (t := _target(r)) else None,
        ),
        Column(
            "目标数值",
            "number",
            "从指标值读出的数值，精确小数；指标值不是数值时为空",
            "projects[].indicators[].target.number",
            lambda r: t.number if (t := _target(r)) else None,
        ),
        Column(
            "目标单位",
            "string",
            "数值后面的单位，如 %、元、辆",
            "projects[].indicators[].target.unit",
            lambda r: t.unit if (t := _target(r)) else None,
        ),
        Column(
            "指标值确定依据",
            "string",
            "指标值确定依据",
            "projects[].indicators[].basis",
            lambda r: r[1].basis,
        ),
        Column(
            "原文行号",
            "integer",
            "该行第一个单元格在原始文件中的行号",
            "projects[].indicators[].line",
            lambda r: r[1].line,
        ),
    ),
)

SPENDING_PLAN: Table[SpendingPlanEntry] = Table(
    name="spending_plan",
    title="资金支出计划",
    description="每个项目四行：3月底、6月底、10月底、12月底的累计支出计划。",
    items=_plan,
    key=("项目编码", "时间"),
    columns=(
        Column(
            "时间",
            "string",
            "3月底、6月底、10月底或12月底",
            "projects[].spending_plan[].period",
            lambda s: s.period,
        ),
        Column(
            "原表填写",
            "string",
            "原表单元格内容（百分比或金额，按原表金额单位），未填为空",
            "projects[].spending_plan[].raw",
            lambda s: s.raw,
        ),
        Column(
            "累计百分比",
            "number",
            "累计支出占预算数的百分比；金额已换算；未填为空",
            "projects[].spending_plan[].percent",
            lambda s: s.percent,
        ),
    ),
)

GOALS: Table[tuple[int, str]] = Table(
    name="goals",
    title="绩效目标",
    description="每条绩效目标一行，去掉了原表的编号。",
    items=_numbered_goals,
    key=("项目编码", "序号"),
    columns=(
        Column("序号", "integer", "目标在本项目中的序号，从 1 起", "", lambda g: g[0]),
        Column("绩效目标", "string", "绩效目标（原文）", "projects[].goals[]", lambda g: g[1]),
    ),
)

TABLES: tuple[Table[Any], ...] = (PROJECTS, INDICATORS, SPENDING_PLAN, GOALS)
"""Every table, in the order of the downloads page and the workbook's sheets."""
