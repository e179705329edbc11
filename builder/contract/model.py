"""The public data model: one Document per department report (docs/DESIGN.md §3).

Field names are a published contract: others write code against the JSON. Money is
``Decimal`` and serialises as a string, never a float.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from builder.contract.compact import share_alike


def _decimal_to_str(value: Decimal) -> str:
    # Plain notation ("8000", "0.80"), never "8E+3": readers parse it with any decimal library.
    return format(value, "f")


Money = Annotated[Decimal, PlainSerializer(_decimal_to_str, return_type=str)]
"""An exact amount; JSON carries it as a string such as ``"8000"``."""

MoneyUnit = Literal["元", "万元"]
Operator = Literal["≥", "≤", "=", ">", "<"]
PERIODS: tuple[str, str, str, str] = ("3月底", "6月底", "10月底", "12月底")
MAX_TEXT = 32767
"""The most characters one text field may hold: a spreadsheet cell's limit (Excel cuts
longer text), so that every download holds every field whole."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Region(Frozen):
    """An administrative region (GB/T 2260)."""

    code: str = Field(description="6-digit administrative division code, e.g. 130303.")
    name: str = Field(description="Region name from site_data/regions.toml; empty if unknown.")


class Unit(Frozen):
    """The budget unit (预算单位) that wrote the report."""

    code: str = Field(description="Unit code, the digits that open the unit line, e.g. 131001.")
    name: str = Field(description="Unit name: the unit line without its code and the 本级 suffix.")
    label: str = Field(description="The unit line exactly as printed in the project tables.")


class LabelledPart(Frozen):
    """One labelled line of a sub-goal block, such as 绩效目标：…"""

    label: str = Field(description="The label as printed without its separator, e.g. 绩效目标.")
    text: str = Field(description="What follows the label and its separator (是, ：or :).")


class SubGoal(Frozen):
    """One block of 二、分项绩效目标: a duty and its goals."""

    number: str = Field(description="The numbering as printed, e.g. '1、' or '（一）'; may be ''.")
    title: str = Field(description="The block's title line without its numbering.")
    main_duty: str | None = Field(description="主要职责, if the block has that label.")
    duty_goal: str | None = Field(description="职责目标, if the block has that label.")
    performance_goal: str | None = Field(description="绩效目标, if the block has that label.")
    performance_indicators: str | None = Field(description="绩效指标, if the block has that label.")
    performance_standard: str | None = Field(description="绩效标准, if the block has that label.")
    parts: tuple[LabelledPart, ...] = Field(
        description="Every labelled line of the block in printed order (the five above included)."
    )
    text: str = Field(description="The whole block after the title, one paragraph per line.")
    line: int = Field(
        default=0, description="Line of the block's title in the source file (1-based; 0: none)."
    )
    text_lines: tuple[int, ...] = Field(
        default=(), description="Source line of each line of text, in order (empty: none)."
    )


@share_alike
class SpendingPlanEntry(Frozen):
    """One column of 资金支出计划: cumulative spending by the end of a month."""

    period: str = Field(description="3月底, 6月底, 10月底 or 12月底.")
    raw: str = Field(description="The cell exactly as printed ('' when empty).")
    percent: float | None = Field(
        description="Cumulative percent of the budget; amounts are converted; empty → null."
    )


@share_alike
class Target(Frozen):
    """An indicator value read as a number, e.g. ≥90% → (≥, 90, %)."""

    operator: Operator | None = Field(description="Comparison, or null for a plain value.")
    number: Money = Field(description="The number as printed, exact (string in JSON).")
    unit: str = Field(description="What follows the number, e.g. %, 元, 辆; may be ''.")


class Indicator(Frozen):
    """One row of the indicator table."""

    level1: str = Field(description="一级指标, e.g. 产出指标 (filled in from the merged cell).")
    level2: str = Field(description="二级指标, e.g. 数量指标 (filled in from the merged cell).")
    level3: str = Field(description="三级指标, the indicator's name.")
    description: str = Field(description="绩效指标描述.")
    value: str = Field(description="指标值 exactly as printed, e.g. ≥75%.")
    target: Target | None = Field(description="The value parsed, or null when not numeric.")
    basis: str = Field(description="指标值确定依据.")
    line: int = Field(description="Line of the row's first cell in the source file (1-based).")


class Project(Frozen):
    """One 项目支出绩效目标表."""

    code: str = Field(description="项目编码, 21 characters; starts with region code and year.")
    name: str = Field(description="项目名称.")
    title: str = Field(description="The table's title line without numbering and field codes.")
    money_unit: MoneyUnit = Field(description="The money unit printed above the table.")
    budget_yuan: Money = Field(description="预算数 in yuan (0.80 万元 → 8000).")
    fiscal_yuan: Money = Field(description="其中：财政资金, in yuan.")
    other_yuan: Money = Field(description="其他资金 in yuan; blank → 0.")
    purpose: str = Field(description="资金用途.")
    spending_plan: tuple[SpendingPlanEntry, ...] = Field(
        description="Four entries: 3月底, 6月底, 10月底, 12月底."
    )
    spending_plan_basis: Literal["percent", "amount", "empty"] = Field(
        description="How the plan was printed: as percentages, as amounts, or not at all."
    )
    goals: tuple[str, ...] = Field(description="绩效目标 lines, numbering removed.")
    indicators: tuple[Indicator, ...] = Field(description="Indicator rows in table order.")
    line: int = Field(description="Line of the table's title in the source file (1-based).")
    budget_line: int = Field(
        default=0, description="Source line of the 预算数 amount cell (0: not from a file)."
    )
    plan_lines: tuple[int, ...] = Field(
        default=(), description="Source line of each spending-plan value, 3月底 to 12月底."
    )
    goal_lines: tuple[int, ...] = Field(
        default=(), description="Source line where each 绩效目标 line starts, as goals."
    )


class Document(Frozen):
    """One input file: one unit's report for one year."""

    source: str = Field(description="Path of the input file, relative to content/.")
    year: int = Field(description="Budget year.")
    region: Region = Field(description="The region the unit belongs to.")
    unit: Unit = Field(description="The unit that wrote the report.")
    overall_goal: str = Field(description="一、总体绩效目标, one paragraph per line.")
    sub_goals_intro: str = Field(
        description="Text of 二、分项绩效目标 before its first block (often empty)."
    )
    sub_goals: tuple[SubGoal, ...] = Field(description="二、分项绩效目标, one block per duty.")
    measures: str = Field(description="三、工作保障措施, one paragraph per line.")
    projects: tuple[Project, ...] = Field(description="One entry per project table, in order.")
