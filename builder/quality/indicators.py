"""Rules about one project's indicator table: the framework, and each 指标值 (docs/DESIGN.md §6)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from builder.contract.model import Indicator, Project
from builder.parse.lines import compact
from builder.quality.finding import Finding, finding, project_subject

# 一级 → its 二级 (names without the 指标 suffix), after the Ministry of Finance framework.
FRAMEWORK: dict[str, frozenset[str]] = {
    "产出": frozenset({"数量", "质量", "时效", "成本"}),
    "效益": frozenset({"经济效益", "社会效益", "生态效益", "可持续影响"}),
    "满意度": frozenset({"服务对象满意度", "满意度"}),
    "成本": frozenset({"经济成本", "社会成本", "生态环境成本"}),
}
REQUIRED_LEVEL1 = ("产出", "效益", "满意度")

# A value that is a unit and nothing else: the number was never filled in.
UNIT_WORDS = frozenset(
    "% ％ ‰ 人 人次 万人次 次 个 辆 元 万元 天 日 月 年 件 篇 场 场次 期 项 台 套 户 家 所 "  # noqa: SIM905
    "名 份 本 册 批 批次 条 米 公里 平方米 吨 亩 小时 分钟 座 处 栋 间 张 部 课时 学时".split()
)
_YES_NO = re.compile(r"^是\s*[/／\\、|或]?\s*否$")
PERCENT = frozenset({"%", "％"})
MONEY_UNITS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}
# An indicator named for a count: a percentage cannot measure it.
_COUNT_WORDS = ("人数", "次数", "场次", "个数", "数量", "件数", "户数", "篇数", "人次", "天数")
_RATIO_WORDS = ("率", "比例", "占比", "比重")
# Growth may well exceed 100%.
_GROWTH_WORDS = ("增长", "增幅", "增加", "提高", "提升", "同比")


@functools.lru_cache(maxsize=4096)  # a few dozen names, met on every indicator row
def level_name(text: str) -> str:
    """一级/二级 as a framework key: spaces and the 指标 suffix removed."""
    name = compact(text)
    return name.removesuffix("指标") if name != "指标" else name


def is_placeholder(value: str) -> bool:
    """Empty, a unit alone (``%``, ``人``) or ``是/否``: no target was set."""
    text = compact(value)
    return not text or text in UNIT_WORDS or bool(_YES_NO.match(text))


def _subject(project: Project, row: Indicator) -> str:
    return f"{project_subject(project)}·{row.level3 or row.level2}"


def check_indicators(source: str, project: Project) -> Iterator[Finding]:
    """Every finding about the project's indicator rows and their framework."""
    yield from _missing_level1(source, project)
    first_of: dict[tuple[str, str, str], int] = {}
    for row in project.indicators:
        yield from _row(source, project, row)
        key = (compact(row.level3), compact(row.description), compact(row.value))
        if key in first_of:
            yield finding(
                "row-repeated",
                source,
                row.line,
                project.code,
                _subject(project, row),
                row.value,
                f"{_subject(project, row)}：指标行「{row.level3}｜{row.value}」"
                f"与第{first_of[key]}行完全相同",
            )
        else:
            first_of[key] = row.line


def _missing_level1(source: str, project: Project) -> Iterator[Finding]:
    present = {level_name(row.level1) for row in project.indicators}
    missing = [name for name in REQUIRED_LEVEL1 if name not in present]
    if missing:
        names = "、".join(f"{name}指标" for name in missing)
        yield finding(
            "level1-missing",
            source,
            project.indicators[0].line if project.indicators else project.line,
            project.code,
            project_subject(project),
            names,
            f"{project_subject(project)}没有{names}",
        )


def _row(source: str, project: Project, row: Indicator) -> Iterator[Finding]:
    subject = _subject(project, row)
    value = row.value

    def found(rule: str, message: str, shown: str = value) -> Finding:
        return finding(rule, source, row.line, project.code, subject, shown, message)

    level1, level2 = level_name(row.level1), level_name(row.level2)
    allowed = FRAMEWORK.get(level1)
    if allowed is None:
        yield found(
            "level2-mismatch",
            f"{subject}：一级指标「{row.level1}」不是产出、效益、满意度或成本指标",
            row.level1,
        )
    elif level2 not in allowed:
        yield found(
            "level2-mismatch",
            f"{subject}：二级指标「{row.level2}」不属于一级指标「{row.level1}」",
            row.level2,
        )
    if not row.basis.strip():
        yield found("basis-empty", f"{subject}：指标值「{value}」没有填写指标值确定依据")
    if is_placeholder(value):
        what = "为空" if not value.strip() else f"「{value}」没有给出可考核的数值"
        yield found("value-not-target", f"{subject}：指标值{what}")
        return
    name = compact(row.level3)
    target = row.target
    if target is None and name and compact(value) == name:
        yield found("value-is-name", f"{subject}：指标值「{value}」只是重复了指标名称")
    satisfaction = "满意" in level1 or "满意" in level2
    if satisfaction and not (
        target is not None and target.operator in ("≥", ">") and target.unit in PERCENT
    ):
        yield found("satisfaction-not-minimum", f"{subject}：满意度指标值「{value}」不是「≥N%」")
    if target is None:
        return
    is_ratio = any(word in name for word in _RATIO_WORDS)
    if target.unit in PERCENT and not is_ratio and any(w in name for w in _COUNT_WORDS):
        yield found("unit-mismatch", f"{subject}：计数类指标的指标值「{value}」是百分比")
    if (
        name.endswith("率")
        and not name.endswith("效率")
        and target.unit
        and target.unit not in PERCENT
        and target.unit != "‰"
    ):
        yield found("unit-mismatch", f"{subject}：比率类指标的指标值「{value}」不是百分比")
    if (
        target.unit in PERCENT
        and target.number > 100
        and not any(word in name for word in _GROWTH_WORDS)
    ):
        yield found("percent-over-100", f"{subject}：指标值「{value}」超过100%")
    if "成本" in level1 or "成本" in level2:
        if target.operator not in ("≤", "<"):
            yield found("cost-not-upper-bound", f"{subject}：成本指标值「{value}」不是上限（≤）")
        per_yuan = MONEY_UNITS.get(target.unit)
        if per_yuan is not None and target.number * per_yuan > project.budget_yuan:
            yield found(
                "cost-over-budget",
                f"{subject}：成本指标值「{value}」超过项目预算数 {project.budget_yuan} 元",
            )
