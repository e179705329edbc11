"""Values in cells: money, spending-plan entries, indicator targets and numbered goals."""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from builder.contract.model import PERIODS, MoneyUnit, Operator, SpendingPlanEntry, Target

YUAN_PER: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT = re.compile(rf"^{_NUMBER}$")
_PLAN_CELL = re.compile(rf"^({_NUMBER})\s*([%％]?)$")
_CENT = Decimal("0.01")
# A target starts with a digit or an operator; anything else (是/否, 促进社会稳定) is not one.
_TARGET_START = frozenset("0123456789+-≥≤><=＞＜＝大小不高低")

# Longest spellings first so that 大于等于 is not read as 大于.
_OPERATORS: tuple[tuple[str, Operator], ...] = (
    ("大于等于", "≥"),
    ("小于等于", "≤"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不小于", "≥"),
    ("不超过", "≤"),
    ("不高于", "≤"),
    ("不大于", "≤"),
    ("不多于", "≤"),
    (">=", "≥"),
    ("<=", "≤"),
    ("≥", "≥"),
    ("≤", "≤"),
    ("＞", ">"),
    ("＜", "<"),
    ("＝", "="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
    ("大于", ">"),
    ("高于", ">"),
    ("小于", "<"),
    ("低于", "<"),
)
_OPERATOR_SPELLING = dict(_OPERATORS)
# One alternation, longest spelling first (the tuple's order), instead of a loop per value.
_TARGET = re.compile(
    rf"^(?:({'|'.join(re.escape(s) for s, _ in _OPERATORS)})\s*)?({_NUMBER})\s*([^\d\s]{{0,6}})$"
)


def parse_amount(raw: str) -> Decimal | None:
    """A printed amount such as ``143.00`` or ``1,200``; None when it is not one."""
    text = raw.strip()
    if not _AMOUNT.match(text):
        return None
    return Decimal(text.replace(",", ""))


def to_yuan(amount: Decimal, unit: MoneyUnit) -> Decimal:
    """The amount in yuan, exact, without trailing zeros (0.80 万元 → 8000)."""
    yuan = amount * YUAN_PER[unit]
    # normalize() alone would print 100000 as 1E+5; quantize back to an integer when whole.
    if yuan == yuan.to_integral_value():
        return yuan.quantize(Decimal(1))
    return yuan.normalize()


@functools.lru_cache(maxsize=4096)
def parse_target(value: str) -> Target | None:
    """``≥90%`` → (≥, 90, %); None when the value holds no single number (``是/否``, ``%``).

    Cached: a few values (≥90%, 100%) fill most indicator tables, and a frozen Target can
    be shared by every row that prints the same value.
    """
    text = value.strip()
    if not text or text[0] not in _TARGET_START:
        return None
    match = _TARGET.match(text)
    if not match:
        return None
    spelling, number, unit = match.groups()
    operator = _OPERATOR_SPELLING[spelling] if spelling else None
    return Target(operator=operator, number=Decimal(number.replace(",", "")), unit=unit)


def _percent(value: Decimal) -> float:
    return float(value.quantize(_CENT, rounding=ROUND_HALF_UP))


class PlanError(ValueError):
    """A spending-plan cell that is neither empty, a percentage nor an amount."""

    def __init__(self, index: int, raw: str) -> None:
        super().__init__(raw)
        self.index = index
        self.raw = raw


def spending_plan(
    raws: tuple[str, ...], budget: Decimal
) -> tuple[tuple[SpendingPlanEntry, ...], str]:
    """The four plan entries as cumulative percent, and how they were printed.

    ``budget`` is in the table's money unit. Cells with a % sign are percentages. Bare
    numbers are amounts when the largest equals the budget (35.75 … 143.00 of 143.00) and
    percentages otherwise (25 50 75 100), which is also what a reader assumes under the
    (%) header; when the budget is 100 both readings give the same percent.
    """
    cells = tuple(raw.strip() for raw in raws)
    if any(cell.endswith(("%", "％")) for cell in cells):
        return _plan(cells, None)  # percentages: the budget plays no part, and is no key
    return _plan(cells, budget)


@functools.lru_cache(maxsize=4096)
def _plan(
    cells: tuple[str, ...], budget: Decimal | None
) -> tuple[tuple[SpendingPlanEntry, ...], str]:
    """spending_plan of stripped cells; ``budget`` is None when a cell has a % sign.

    Cached: a unit's tables often share one plan, and frozen entries can be shared.
    """
    if not any(cells):
        empty = tuple(SpendingPlanEntry(period=p, raw="", percent=None) for p in PERIODS)
        return empty, "empty"
    values: list[Decimal | None] = []
    for index, cell in enumerate(cells):
        if not cell:
            values.append(None)
            continue
        match = _PLAN_CELL.match(cell)
        if match is None:
            raise PlanError(index, cell)
        values.append(Decimal(match.group(1).replace(",", "")))
    numbers = [v for v in values if v is not None]
    as_amounts = (
        budget is not None and budget > 0 and (max(numbers) == budget or max(numbers) > 100)
    )
    entries = []
    for period, cell, value in zip(PERIODS, cells, values, strict=True):
        percent: float | None = None
        if value is not None:
            percent = _percent(value * 100 / budget) if as_amounts and budget else _percent(value)
        entries.append(SpendingPlanEntry(period=period, raw=cell, percent=percent))
    return tuple(entries), "amount" if as_amounts else "percent"


def clear_caches() -> None:
    """Forget cached targets and plans (for benchmarks that time a first reading)."""
    parse_target.cache_clear()
    _plan.cache_clear()


# 1. / 1、 / （1） / ① — the numbering styles goals are written in.
_GOAL_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳])\s*")


def split_goals(cell: str, first_line: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Numbered 绩效目标 lines → one goal each, numbering removed, and each goal's line.

    An unnumbered line continues the goal above it; when no line is numbered, each line is
    a goal of its own. ``first_line`` is the source line the cell starts on.
    """
    lines = [(n, ln.strip()) for n, ln in enumerate(cell.split("\n"), first_line) if ln.strip()]
    numbered = any(_GOAL_NUMBER.match(ln) for _, ln in lines)
    goals: list[str] = []
    starts: list[int] = []
    for number, ln in lines:
        match = _GOAL_NUMBER.match(ln)
        if match or not numbered or not goals:
            goals.append(ln[match.end() :].strip() if match else ln)
            starts.append(number)
        else:
            goals[-1] = f"{goals[-1]}\n{ln}"
    return tuple(goals), tuple(starts)
