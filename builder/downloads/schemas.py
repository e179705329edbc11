"""JSON Schemas of the JSON downloads, generated from the models, and their field list.

The schemas describe the JSON as written (serialisation mode: amounts are strings). The
downloads page lists every field from the same schemas, with a Chinese explanation from
``FIELD_NOTES``, so the page cannot fall out of step with the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import Field, TypeAdapter

from builder.contract.model import Document, Project, Region, Unit

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class ProjectRecord(Project):
    """One project with the report it comes from: the per-project JSON download."""

    source: str = Field(description="Path of the report file the project comes from.")
    year: int = Field(description="Budget year.")
    region: Region = Field(description="The region of the unit.")
    unit: Unit = Field(description="The unit whose report lists the project.")


def _schema(adapter: TypeAdapter[Any], title: str) -> dict[str, Any]:
    body = adapter.json_schema(mode="serialization")
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in body.items() if k != "title"}}


def all_schema() -> dict[str, Any]:
    """Schema of all.json: every report."""
    return _schema(TypeAdapter(list[Document]), "预算绩效目标：全部报告")


def unit_schema() -> dict[str, Any]:
    """Schema of one unit's JSON: one report."""
    return _schema(TypeAdapter(Document), "预算绩效目标：一个单位的报告")


def project_schema() -> dict[str, Any]:
    """Schema of one project's JSON: the project and the year, region and unit it belongs to."""
    return _schema(TypeAdapter(ProjectRecord), "预算绩效目标：一个项目")


FIELD_NOTES: dict[str, str] = {
    "Document.source": "原始报告文件的路径（相对 content/）",
    "Document.year": "预算年度",
    "Document.region": "地区",
    "Document.unit": "预算单位",
    "Document.overall_goal": "一、总体绩效目标，每段一行",
    "Document.sub_goals_intro": "二、分项绩效目标中第一个分项之前的文字（常为空）",
    "Document.sub_goals": "二、分项绩效目标，每项职责一块",
    "Document.measures": "三、工作保障措施，每段一行",
    "Document.projects": "项目支出绩效目标表，按原文顺序",
    "Region.code": "行政区划代码（6 位，GB/T 2260）",
    "Region.name": "地区名称",
    "Unit.code": "单位编码",
    "Unit.name": "单位名称（去掉编码和“本级”）",
    "Unit.label": "原表中的单位行，与原文完全一致",
    "SubGoal.number": "原文编号，如 1、或（一）；可为空",
    "SubGoal.title": "分项标题（去掉编号）",
    "SubGoal.main_duty": "主要职责（原文有此标签时）",
    "SubGoal.duty_goal": "职责目标（原文有此标签时）",
    "SubGoal.performance_goal": "绩效目标（原文有此标签时）",
    "SubGoal.performance_indicators": "绩效指标（原文有此标签时）",
    "SubGoal.performance_standard": "绩效标准（原文有此标签时）",
    "SubGoal.parts": "分项中每个带标签的段落，按原文顺序",
    "SubGoal.text": "分项标题之后的全部文字，每段一行",
    "SubGoal.line": "分项标题在原始文件中的行号（从 1 起；0 表示无）",
    "SubGoal.text_lines": "text 中每一行在原始文件中的行号，顺序对应",
    "LabelledPart.label": "标签，如 绩效目标",
    "LabelledPart.text": "标签之后的文字",
    "Project.code": "项目编码，21 位，以地区代码和年度开头",
    "Project.name": "项目名称",
    "Project.title": "原表标题（去掉编号和域代码）",
    "Project.money_unit": "原表金额单位：元或万元",
    "Project.budget_yuan": '预算数，单位为元；字符串形式的精确小数（0.80 万元 → "8000"）',
    "Project.fiscal_yuan": "其中：财政资金，单位为元；字符串形式的精确小数",
    "Project.other_yuan": '其他资金，单位为元；原表空白记为 "0"',
    "Project.purpose": "资金用途",
    "Project.spending_plan": "资金支出计划：3月底、6月底、10月底、12月底四项",
    "Project.spending_plan_basis": "支出计划的填法：percent 百分比、amount 金额、empty 未填",
    "Project.goals": "绩效目标，每条一项，去掉编号",
    "Project.indicators": "绩效指标表，按原表顺序",
    "Project.line": "表格标题在原始文件中的行号（从 1 起）",
    "Project.budget_line": "预算数单元格在原始文件中的行号（0 表示不是来自文件）",
    "Project.plan_lines": "资金支出计划四个数值各自在原始文件中的行号",
    "Project.goal_lines": "每条绩效目标在原始文件中开始的行号，顺序与 goals 对应",
    "SpendingPlanEntry.period": "时间：3月底、6月底、10月底或12月底",
    "SpendingPlanEntry.raw": "原表单元格内容；未填为空字符串",
    "SpendingPlanEntry.percent": "累计支出占预算数的百分比；金额已换算；未填为 null",
    "Indicator.level1": "一级指标，如 产出指标（合并单元格已补全）",
    "Indicator.level2": "二级指标，如 数量指标（合并单元格已补全）",
    "Indicator.level3": "三级指标（指标名称）",
    "Indicator.description": "绩效指标描述",
    "Indicator.value": "指标值，与原表完全一致，如 ≥75%",
    "Indicator.target": "从指标值读出的目标；指标值不是数值时为 null",
    "Indicator.basis": "指标值确定依据",
    "Indicator.line": "该行第一个单元格在原始文件中的行号",
    "Target.operator": "比较符：≥ ≤ = > <，没有则为 null",
    "Target.number": "数值，字符串形式的精确小数",
    "Target.unit": "数值后面的单位，如 %、元、辆；可为空",
    "ProjectRecord.source": "项目所在报告文件的路径",
    "ProjectRecord.year": "预算年度",
    "ProjectRecord.region": "地区",
    "ProjectRecord.unit": "预算单位",
}
"""Chinese explanation of every field, by ``Model.field``."""

TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数值",
    "object": "对象",
    "array": "列表",
    "null": "null",
}
"""Chinese names of the JSON Schema and Table Schema types."""


@dataclass(frozen=True)
class FieldDoc:
    """One field of a JSON download as listed on the downloads page."""

    path: str  # e.g. projects[].indicators[].value
    type: str  # in Chinese, e.g. 文本 or 对象或 null
    note: str  # Chinese explanation
    description: str  # the model's own (English) description


def _type_name(prop: dict[str, Any]) -> str:
    options = prop.get("anyOf", [prop])
    names = []
    for option in options:
        if "$ref" in option:
            names.append("对象")
        elif option.get("type") == "array":
            inner = option.get("items", {})
            names.append("对象列表" if "$ref" in inner else f"{_type_name(inner)}列表")
        elif "enum" in option or "const" in option:
            names.append("文本")
        else:
            names.append(TYPE_NAMES.get(str(option.get("type")), str(option.get("type"))))
    return "或".join(names)


def _ref(prop: dict[str, Any]) -> str | None:
    for option in prop.get("anyOf", [prop]):
        target = option.get("items", option) if option.get("type") == "array" else option
        if "$ref" in target:
            return str(target["$ref"]).rsplit("/", 1)[-1]
    return None


def field_docs(schema: dict[str, Any], model: str) -> list[FieldDoc]:
    """Every field reachable from ``model`` in the schema, depth first, in field order."""
    return list(_walk(schema["$defs"], model, ""))


def _walk(defs: dict[str, Any], model: str, prefix: str) -> Iterator[FieldDoc]:
    for name, prop in defs[model]["properties"].items():
        path = f"{prefix}{name}"
        key = f"{model}.{name}"
        yield FieldDoc(
            path, _type_name(prop), FIELD_NOTES.get(key, ""), prop.get("description", "")
        )
        child = _ref(prop)
        if child is not None:
            many = prop.get("type") == "array"
            yield from _walk(defs, child, f"{path}[]." if many else f"{path}.")
