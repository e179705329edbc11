"""Synthetic but realistic Documents, for round-trip tests and scale benchmarks.

Everything is drawn from a ``random.Random`` so a seed reproduces a corpus exactly. The
vocabulary comes from real reports; sizes match them (4–10 indicator rows, 1–8 projects).
A unit's report of the next year is drawn from its report of this one (``next_year``): real
units carry most projects on, so the comparison across years has something to compare.
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
COMMON_PROJECTS = (
    "车辆保险费",
    "综合事务管理费",
    "会务活动承办费",
    "网站网络维护管理经费",
    "信息化建设运维费",
    "专项业务工作经费",
    "公务用车运行维护费",
    "综合保障管理费",
    "办公楼物业管理费",
    "档案数字化加工经费",
    "法律顾问服务费",
    "机关党建工作经费",
    "干部教育培训经费",
    "保密宣传技术防范工作经费",
    "安全生产工作经费",
    "信访维稳工作经费",
    "政务公开工作经费",
    "办公设备购置费",
    "{year}年春节慰问经费",
    "{year}年度预算编制工作经费",
)
"""Projects any unit has. ``{year}`` stands for the report's year, as in real names."""
UNIT_PROJECTS: dict[str, tuple[str, ...]] = {
    "人民代表大会常务委员会": (
        "人大会议",
        "人大代表活动费",
        "人大代表履职培训经费",
        "执法检查和视察调研经费",
        "代表之家建设经费",
        "地方立法工作经费",
    ),
    "政协委员会办公室": (
        "政协会议",
        "委员工作室",
        "参政议政",
        "政协委员视察调研经费",
        "文史资料编撰经费",
        "民主党派活动经费",
    ),
    "委统战部": (
        "宗教治理经费",
        "民贸民品贴息",
        "少数民族发展资金",
        "统战工作经费",
        "民族团结进步创建经费",
        "提前下达{year}年省级少数民族发展资金",
    ),
    "委办公室": (
        "督查督办工作经费",
        "机要通信经费",
        "密码通信配套设备购置维护费",
        "电子政务内网运维费",
        "决策咨询研究经费",
        "值班应急保障经费",
    ),
    "教育局": (
        "学生资助资金",
        "义务教育公用经费",
        "学前教育发展资金",
        "教师培训经费",
        "校舍维修改造资金",
        "营养改善计划补助",
        "{year}年中考考务经费",
    ),
    "卫生健康局": (
        "基本公共卫生服务补助",
        "家庭医生签约服务经费",
        "重大传染病防控经费",
        "疫苗接种补助经费",
        "计划生育奖励扶助资金",
        "妇幼健康服务经费",
        "爱国卫生运动经费",
    ),
    "财政局": (
        "财政投资评审经费",
        "政府采购管理经费",
        "预算绩效评价经费",
        "非税收入征管经费",
        "会计人员继续教育经费",
        "国有资产清查经费",
    ),
    "民政局": (
        "社会救助资金",
        "特困人员供养资金",
        "城乡低保资金",
        "高龄津贴",
        "残疾人两项补贴",
        "养老服务补贴",
        "殡葬改革经费",
    ),
    "交通运输局": (
        "农村公路养护经费",
        "公交运营补贴",
        "道路运输安全监管经费",
        "治超站运行经费",
        "农村客运补贴",
        "桥梁检测经费",
    ),
    "农业农村局": (
        "动物防疫经费",
        "耕地地力保护补贴",
        "农村人居环境整治经费",
        "高标准农田建设资金",
        "农技推广服务经费",
        "农田水利设施维护经费",
    ),
}
"""Projects of one kind of unit, by the unit names of UNITS."""
YEAR_MARK = "{year}"
_FUND_QUALIFIERS = ("中央{}", "省级{}", "市级{}", "县级配套{}", "提前下达{}")
_QUALIFIERS = (
    "{}（续建）",
    "{}（二期）",
    "城区{}",
    "乡镇{}",
    "城关镇{}",
    "东关街道{}",
    "开发区{}",
    "{}及设备购置",
    "机关{}",
)
QUALIFIED = 3
"""Qualified forms of each name (a place, a program, a source of funds)."""


def _forms(base: str) -> tuple[str, ...]:
    """The name and its qualified forms, fixed by the name alone so every corpus has them."""
    if YEAR_MARK in base:
        return (base,)
    funds = base.endswith(("资金", "补助", "补贴", "贴息", "津贴"))
    qualifiers = _FUND_QUALIFIERS + _QUALIFIERS[:2] if funds else _QUALIFIERS
    chosen = random.Random(base).sample(qualifiers, QUALIFIED)
    return (base, *(q.format(base) for q in chosen))


FORMS: dict[str, tuple[str, ...]] = {
    base: _forms(base)
    for base in (*COMMON_PROJECTS, *(n for names in UNIT_PROJECTS.values() for n in names))
}
"""Every project name a report may draw, by the base name it is a form of."""
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


def _name(rng: random.Random, kind: str, year: int, used: set[str]) -> str | None:
    """A project name a unit of ``kind`` may have, none of ``used``; None when none is found.

    Most come from the unit's own kind of work, the rest are what every unit spends on; half
    are qualified forms, so one name is shared by a few units, not by all of them.
    """
    own = UNIT_PROJECTS.get(kind, ())
    for _ in range(20):
        base = rng.choice(own if own and rng.random() < 0.65 else COMMON_PROJECTS)
        forms = FORMS[base]
        name = forms[0] if len(forms) == 1 or rng.random() < 0.5 else rng.choice(forms[1:])
        name = name.replace(YEAR_MARK, str(year))
        if name not in used:
            return name
    return None


def _kind(unit_name: str) -> str:
    """The entry of UNITS a unit's full name ends with (the longest), else ""."""
    return max((u for u in UNITS if unit_name.endswith(u)), key=len, default="")


# Whole multiples of 20 cents, so every 5% step of the plan is an exact amount.
_STEP: dict[MoneyUnit, Decimal] = {"元": Decimal(20), "万元": Decimal("0.20")}


def _amounts(budget: Decimal, money_unit: MoneyUnit, other: bool) -> dict[str, Decimal]:
    """预算数 and its two parts in yuan, by field; other funds, when there are any, a tenth."""
    if budget == 100:
        budget += _STEP[money_unit]  # 100 reads the same as a percentage; keep it unambiguous
    rest = (budget / 10).quantize(Decimal("0.01")) if other else Decimal(0)
    return {
        "budget_yuan": to_yuan(budget, money_unit),
        "fiscal_yuan": to_yuan(budget - rest, money_unit),
        "other_yuan": to_yuan(rest, money_unit),
    }


def _project(rng: random.Random, region: str, year: int, name: str) -> Project:
    money_unit: MoneyUnit = rng.choice(("元", "万元"))
    budget = _STEP[money_unit] * rng.randint(1, 500000 if money_unit == "元" else 5000)
    amounts = _amounts(budget, money_unit, rng.random() >= 0.8)
    plan, basis = _plan(rng, amounts["budget_yuan"] / YUAN_PER[money_unit])
    goals = tuple(_sentence(rng, 1) for _ in range(rng.randint(1, 3)))
    return Project(
        code=_code(rng, region, year),
        name=name,
        title=name,
        money_unit=money_unit,
        budget_yuan=amounts["budget_yuan"],
        fiscal_yuan=amounts["fiscal_yuan"],
        other_yuan=amounts["other_yuan"],
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
    tables: list[Project] = []
    _add_new(rng, tables, seen, set(), (place.unit_name, region, year), rng.randint(*projects))
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


def _add(project: Project, tables: list[Project], seen: set[str]) -> None:
    """Add a project to the report unless its code is taken (codes are unique in a corpus)."""
    if project.code not in seen:
        seen.add(project.code)
        tables.append(project)


def _add_new(
    rng: random.Random,
    tables: list[Project],
    seen: set[str],
    names: set[str],
    where: tuple[str, str, int],
    count: int,
) -> None:
    """Try ``count`` new projects of a unit of kind ``where[0]`` in region ``where[1]`` and
    year ``where[2]``, each under a name not in ``names`` (which then holds it)."""
    kind, region, year = where
    for _ in range(count):
        name = _name(rng, kind, year, names)
        if name is None:
            continue
        names.add(name)
        _add(_project(rng, region, year, name), tables, seen)


KEPT = (0.6, 0.8)
"""The share of a unit's projects that go on into its next year's report."""


def next_year(
    rng: random.Random,
    previous: Document,
    projects: tuple[int, int] = (1, 8),
    *,
    taken: set[str] | None = None,
) -> Document:
    """The same unit's report for the year after ``previous``, as units write them.

    A share KEPT of its projects continues (see ``_continued``), the others stop, and new
    ones are added, at least one and about as many as make ``projects`` tables; a new project
    never takes the name of one that stopped, so that what continued is plain. The unit's
    texts are kept or rewritten. ``taken`` works as in ``document``.
    """
    year = previous.year + 1
    region = previous.region.code
    seen: set[str] = taken if taken is not None else set()
    count = len(previous.projects)
    kept = sorted(rng.sample(range(count), round(count * rng.uniform(*KEPT))))
    tables: list[Project] = []
    for index in kept:
        _add(_continued(rng, previous.projects[index], previous.year), tables, seen)
    names = {_renamed(p.name, previous.year) for p in previous.projects}
    where = (_kind(previous.unit.name), region, year)
    _add_new(rng, tables, seen, names, where, max(1, rng.randint(*projects) - len(tables)))
    intro, sub_goals = (
        (previous.sub_goals_intro, previous.sub_goals) if rng.random() < 0.7 else _sub_goals(rng)
    )
    return previous.model_copy(
        update={
            "source": f"{year}/{region}/{previous.unit.code}.txt",
            "year": year,
            "overall_goal": previous.overall_goal if rng.random() < 0.6 else _paragraphs(rng, 1, 5),
            "sub_goals_intro": intro,
            "sub_goals": sub_goals,
            "measures": previous.measures if rng.random() < 0.6 else _paragraphs(rng, 1, 6),
            "projects": tuple(tables),
        }
    )


def _renamed(name: str, year: int) -> str:
    """A name as it reads a year later: 2023年春节慰问经费 → 2024年春节慰问经费."""
    return name.replace(str(year), str(year + 1))


def _continued(rng: random.Random, project: Project, year: int) -> Project:
    """``project`` of ``year`` carried into the next year.

    Its name (but for a year in it) and its 项目编码 (but for the year digits) stay. Half
    change their budget by 5–30% either way, in the same whole steps as a new budget; some
    raise or lower one or two targets, a few rewrite a goal.
    """
    update: dict[str, object] = {
        "code": f"{project.code[:6]}{(year + 1) % 100:02d}{project.code[8:]}",
        "name": _renamed(project.name, year),
        "title": _renamed(project.title, year),
    }
    if rng.random() < 0.5:
        step = _STEP[project.money_unit] * YUAN_PER[project.money_unit]
        change = Decimal(rng.randint(5, 30)) / 100 * rng.choice((-1, 1))
        steps = max(1, int((project.budget_yuan / step * (1 + change)).to_integral_value()))
        budget = _STEP[project.money_unit] * steps
        amounts = _amounts(budget, project.money_unit, project.other_yuan != 0)
        update.update(amounts)
        if project.spending_plan_basis == "amount":
            in_unit = amounts["budget_yuan"] / YUAN_PER[project.money_unit]
            update["spending_plan"] = tuple(
                entry.model_copy(update={"raw": f"{in_unit * int(entry.percent or 0) / 100:.2f}"})
                for entry in project.spending_plan
            )
    numeric = [i for i, row in enumerate(project.indicators) if row.target is not None]
    if numeric and rng.random() < 0.4:
        rows = list(project.indicators)
        for index in rng.sample(numeric, min(len(numeric), rng.randint(1, 2))):
            rows[index] = _retargeted(rng, rows[index])
        update["indicators"] = tuple(rows)
    if project.goals and rng.random() < 0.15:
        goals = list(project.goals)
        goals[rng.randrange(len(goals))] = _sentence(rng, 1)
        update["goals"] = tuple(goals)
    return project.model_copy(update=update)


def _retargeted(rng: random.Random, row: Indicator) -> Indicator:
    """The row with another target number of the same kind (≥90% → ≥95%)."""
    target = row.target
    assert target is not None
    numbers = ("90", "95", "98.5", "100") if target.unit == "%" else ("4", "45", "100", "4000")
    number = Decimal(rng.choice([n for n in numbers if Decimal(n) != target.number]))
    return row.model_copy(
        update={
            "value": f"{target.operator or ''}{number}{target.unit}",
            "target": target.model_copy(update={"number": number}),
        }
    )


def money_check(project: Project) -> bool:
    """True when the project's amounts print exactly in its money unit (2 decimals)."""
    factor = YUAN_PER[project.money_unit]
    return all(
        (amount / factor) == (amount / factor).quantize(Decimal("0.01"))
        for amount in (project.budget_yuan, project.fiscal_yuan, project.other_yuan)
    )
