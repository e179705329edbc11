"""The codes that become addresses, checked before use (patterns: builder/contract/codes.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.contract.codes import PROJECT_CODE, REGION_CODE, UNIT_CODE, YEAR, matches
from builder.contract.model import Document, Project
from builder.contract.problems import ERROR, Problem


def line_of(raws: Sequence[str], needle: str, default: int = 1, start: int = 1) -> int:
    """The first line (1-based, from ``start`` on) that contains ``needle``, else ``default``."""
    if needle:
        for number in range(max(start, 1), len(raws) + 1):
            if needle in raws[number - 1]:
                return number
    return default


@dataclass(frozen=True)
class Where:
    """The lines a document's unit and project codes are printed on, for messages."""

    unit_line: int
    code_lines: Mapping[int, int]
    """By the line of each project's table title: the line its 项目编码 cell is on."""

    def code(self, project: Project) -> int:
        return self.code_lines.get(project.line, 1)


def locate(doc: Document, raws: Sequence[str]) -> Where:
    """Where ``doc``'s unit line and each project code's cell are in its raw lines."""
    code_lines = {p.line: line_of(raws, "\t" + p.code, p.line, start=p.line) for p in doc.projects}
    return Where(line_of(raws, doc.unit.label), code_lines)


def identity_problems(doc: Document, where: Where) -> list[Problem]:
    """Errors for every code of ``doc`` that may not become part of an address."""
    problems: list[Problem] = []
    unit_line = where.unit_line
    if not matches(str(doc.year), YEAR):
        problems.append(Problem(doc.source, 1, ERROR, f"expected a 4-digit year, found {doc.year}"))
    if not matches(doc.region.code, REGION_CODE):
        problems.append(
            Problem(
                doc.source,
                1,
                ERROR,
                f"expected a region code of 6 digits 0-9, found '{doc.region.code}'",
            )
        )
    if not matches(doc.unit.code, UNIT_CODE):
        problems.append(
            Problem(
                doc.source,
                unit_line,
                ERROR,
                f"expected a unit code of 6 digits 0-9, found '{doc.unit.code}'",
            )
        )
    for project in doc.projects:
        if not matches(project.code, PROJECT_CODE):
            problems.append(
                Problem(
                    doc.source,
                    where.code(project),
                    ERROR,
                    "expected a 项目编码 of 21 characters 0-9 or A-Z, "
                    f"found '{project.code}' ({len(project.code)} characters)",
                )
            )
    if not doc.region.name and matches(doc.region.code, REGION_CODE):
        problems.append(
            Problem(
                doc.source,
                1,
                ERROR,
                f"expected a name for region {doc.region.code} in site_data/regions.toml",
            )
        )
    return problems
