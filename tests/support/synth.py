"""Synthetic but realistic Documents, for round-trip tests and scale benchmarks.

Everything is drawn from a ``random.Random`` so a seed reproduces a corpus exactly. The
vocabulary comes from real reports; sizes match them (4–10 indicator rows, 1–8 projects).
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from builder.contract.model import (
    PERIODS,
    Document,
    Indicator,
    MoneyUnit,
    Project,
    Region,
    SpendingPlanEntry,
    SubGoal,
    Target,
    Unit,
)
from builder.parse.narrative import make_sub_goal
from builder.parse.values import YUAN_PER, to_yuan

REGIONS: dict[str, str] = {"130303": "山海关区", "130529": "巨鹿县", "130302": "海港区"}
UNITS = (
    "人民代表大会常务委员会",
    "政协委员会办公室",
    "委统战部",
    "委办公室",
    "教育局",
    "卫生健康局",
    "财政局",
    "民政局",
    "交通运输局",
    "农业农村局",
)
PROJECTS = (
    "车辆保险费",
    "综合事务管理费",
    "会务活动承办费",
    "网站网络维护管理经费",
    "学生资助资金",
    "基本公共卫生服务补助",
    "农村公路养护经费",
    "社会救助资金",
    "信息化建设运维费",
    "专项业务工作经费",
)
PHRASES = (
    "保障机关正常运转",
    "提高工作效率",
    "完成年度各项工作任务",
    "加强组织领导，明确责任分工",
    "强化资金监管，确保专款专用",
    "提升服务保障能力",
    "推动各项政策有效落实",
    "促进社会和谐稳定",
    "按照年度计划开展工作",
    "提高群众满意度",
)
FRAMEWORK: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
LEVEL3 = ("完成率", "正常使用率", "支付经费人数", "资金成本", "活动开展次数", "群众满意度")
BASES = ("年度工作计划", "领导批示", "问卷调查", "统计调查", "冀财规【2020】26号", "")
FREE_VALUES = ("是/否", "%", "人", "促进社会稳定", "持续改善", "是")
LABELS = ("主要职责", "职责目标", "绩效目标", "绩效指标", "绩效标准")
_CHINESE_DIGITS = "一二三四五六七八九十"


def _numbered(style: str, n: int) -> str:
    """Sub-goal numbering ``n`` (1–10) in one of the styles real reports use."""
    return {
        "arabic": f"{n}、",
        "paren": f"（{_CHINESE_DIGITS[n - 1]}）",
        "chinese": f"{_CHINESE_DIGITS[n - 1]}、",
        "none": "",
    }[style]


NUMBERING_STYLES = ("arabic", "chinese", "none", "paren")


def _sentence(rng: random.Random, parts: int = 2) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(parts)) + "。"


def _paragraphs(rng: random.Random, low: int, high: int) -> str:
    return "\n".join(_sentence(rng, rng.randint(1, 4)) for _ in range(rng.randint(low, high)))


def _sub_goals(rng: random.Random) -> tuple[str, tuple[SubGoal, ...]]:
    style = rng.choice(NUMBERING_STYLES)
    intro = (
        ""
        if style == "none" or rng.random() < 0.5
        else "本年度部门职责共分以下几项，分别说明如下："
    )
    goals = []
    for n in range(1, rng.randint(1, 6) + 1):
        labels = [label for label in LABELS if rng.random() < 0.7] or ["绩效目标"]
        body = [f"{label}{rng.choice(('：', '是'))}{_sentence(rng)}" for label in labels]
        if style != "none" and rng.random() < 0.3:
            # Blocks of indicator lines without labels, as in seed 002.
            body = [f"{rng.choice(LEVEL3)}：反映{rng.choice(PHRASES)}情况" for _ in range(3)]
        goals.append(make_sub_goal(_numbered(style, n), rng.choice(PHRASES), body))
    return intro, tuple(goals)


def _target(rng: random.Random) -> tuple[str, Target | None]:
    if rng.random() < 0.25:
        return rng.choice(FREE_VALUES), None
    operator = rng.choice(("≥", "≤", None))
    unit = rng.choice(("%", "元", "辆", "人", "次", "万元"))
    number = Decimal(rng.choice(("90", "95", "100", "4", "45", "98.5", "4000")))
    value = f"{operator or ''}{number}{unit}"
    return value, Target(operator=operator, number=number, unit=unit)


def _indicators(rng: random.Random) -> tuple[Indicator, ...]:
    rows = []
    for level1, level2s in FRAMEWORK.items():
        for level2 in level2s:
            if rng.random() < 0.35 and level1 != "满意度指标":
                continue
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                value, target = _target(rng)
                description = rng.choice(PHRASES)
                if rng.random() < 0.1:
                    description += "\n" + rng.choice(PHRASES)
                rows.append(
                    Indicator(
                        level1=level1,
                        level2=level2,
                        level3=rng.choice(LEVEL3),
                        description=description,
                        value=value,
                        target=target,
                        basis=rng.choice(BASES),
                        line=0,
                    )
                )
    return tuple(rows)


def _plan(
    rng: random.Random, budget: Decimal
) -> tuple[tuple[SpendingPlanEntry, ...], Literal["percent", "amount", "empty"]]:
    """A cumulative plan printed as 25%, 25.00%, bare 25, amounts, or not at all."""
    how = rng.choice(("percent", "percent_decimals", "bare", "amount", "empty"))
    if how == "empty":
        return tuple(SpendingPlanEntry(period=p, raw="", percent=None) for p in PERIODS), "empty"
    steps = sorted(rng.choice((0, 5, 10, 25, 30, 50, 75, 90)) for _ in range(3))
    points: list[int | None] = [*steps, 100]
    if how != "amount" and rng.random() < 0.2:
        points[0] = None
    entries = []
    for period, point in zip(PERIODS, points, strict=True):
        if point is None:
            entries.append(SpendingPlanEntry(period=period, raw="", percent=None))
            continue
        raw = {
            "percent": f"{point}%",
            "percent_decimals": f"{point}.00%",
            "bare": f"{point}",
            "amount": f"{budget * point / 100:.2f}",
        }[how]
        entries.append(SpendingPlanEntry(period=period, raw=raw, percent=float(point)))
    return tuple(entries), "amount" if how == "amount" else "percent"


def _code(rng: random.Random, region: str, year: int) -> str:
    tail = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(13))
    return f"{region}{year % 100:02d}{tail}"


def _project(rng: random.Random, region: str, year: int) -> Project:
    money_unit: MoneyUnit = rng.choice(("元", "万元"))
    # Whole multiples of 20 cents, so every 5% step of the plan is an exact amount.
    step = Decimal("0.20") if money_unit == "万元" else Decimal(20)
    budget = step * rng.randint(1, 500000 if money_unit == "元" else 5000)
    if budget == 100:
        budget += step  # 100 reads the same as a percentage; keep the basis unambiguous
    other = Decimal(0) if rng.random() < 0.8 else (budget / 10).quantize(Decimal("0.01"))
    plan, basis = _plan(rng, budget)
    name = rng.choice(PROJECTS)
    goals = tuple(_sentence(rng, 1) for _ in range(rng.randint(1, 3)))
    return Project(
        code=_code(rng, region, year),
        name=name,
        title=name,
        money_unit=money_unit,
        budget_yuan=to_yuan(budget, money_unit),
        fiscal_yuan=to_yuan(budget - other, money_unit),
        other_yuan=to_yuan(other, money_unit),
        purpose=_paragraphs(rng, 1, 2),
        spending_plan=plan,
        spending_plan_basis=basis,
        goals=goals,
        indicators=_indicators(rng),
        line=0,
    )


@dataclass(frozen=True)
class Place:
    """Where a report belongs, when the caller lays out a corpus instead of drawing it."""

    region: Region
    year: int
    unit_code: str
    unit_name: str


def document(
    rng: random.Random,
    projects: tuple[int, int] = (1, 8),
    *,
    place: Place | None = None,
    taken: set[str] | None = None,
) -> Document:
    """One synthetic report; ``projects`` bounds its number of project tables.

    ``place`` fixes its region, year and unit (else they are drawn from REGIONS);
    ``taken`` holds project codes already used elsewhere in a corpus, and receives this
    report's codes, so that codes stay unique across many reports.
    """
    if place is None:
        code = rng.choice(sorted(REGIONS))
        year = rng.randint(2019, 2026)
        unit_code = f"{rng.randint(100, 999)}{rng.randint(0, 999):03d}"
        place = Place(Region(code=code, name=REGIONS[code]), year, unit_code, rng.choice(UNITS))
    region, year, unit_code = place.region.code, place.year, place.unit_code
    unit_name = f"{place.region.name}{place.unit_name}"
    intro, sub_goals = _sub_goals(rng)
    seen: set[str] = taken if taken is not None else set()
    tables = []
    for _ in range(rng.randint(*projects)):
        project = _project(rng, region, year)
        if project.code not in seen:
            seen.add(project.code)
            tables.append(project)
    return Document(
        source=f"{year}/{region}/{unit_code}.txt",
        year=year,
        region=place.region,
        unit=Unit(code=unit_code, name=unit_name, label=f"{unit_code}{unit_name}本级"),
        overall_goal=_paragraphs(rng, 1, 5),
        sub_goals_intro=intro,
        sub_goals=sub_goals,
        measures=_paragraphs(rng, 1, 6),
        projects=tuple(tables),
    )


def money_check(project: Project) -> bool:
    """True when the project's amounts print exactly in its money unit (2 decimals)."""
    factor = YUAN_PER[project.money_unit]
    return all(
        (amount / factor) == (amount / factor).quantize(Decimal("0.01"))
        for amount in (project.budget_yuan, project.fiscal_yuan, project.other_yuan)
    )
