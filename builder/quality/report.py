"""What ``budgetsite check`` prints: intake problems and rule findings, as text or JSON.

Pure: the command line (builder/cli.py) reads the reports through intake, the same path
as ``budgetsite build``, and prints what this module makes of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from builder.contract.problems import Problem
from builder.quality.finding import Finding


def problem_finding(problem: Problem) -> Finding:
    """An intake problem as a finding, under its rule (parse-error, duplicate-code, …).

    The message is the one ``budgetsite build`` prints for it, at the same line.
    """
    return Finding(
        rule=problem.rule_id,
        level=problem.level,
        source=problem.source,
        line=problem.line,
        project="",
        subject=problem.source,
        value="",
        message=problem.message,
        place=problem.place,
    )


def findings_of(problems: Iterable[Problem], found: Iterable[Finding]) -> list[Finding]:
    """Every problem and finding in one stable order: file, line, rule."""
    every = [*map(problem_finding, problems), *found]
    return sorted(set(every), key=Finding.sort_key)


def exit_status(found: Sequence[Finding], *, strict: bool) -> int:
    """1 when there is an error (or, with strict, a warning); else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.level in failing for f in found) else 0


def render(found: Sequence[Finding], fmt: str) -> str:
    """One ``file:line: rule-id level message`` per finding, or a JSON list."""
    if fmt == "json":
        return json.dumps([f.model_dump() for f in found], ensure_ascii=False, indent=2) + "\n"
    return "".join(f.text() + "\n" for f in found)
