"""The codes that become addresses: year, region, unit and project code, checked before use.

Every page address is made from these four values (DESIGN.md §4), so each must match its
plain ASCII pattern before any path is built from it: no ``/``, ``..``, backslash or
look-alike digit can reach the file system. ``re.ASCII`` matters: without it ``\\d``
also matches full-width and other Unicode digits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.contract.model import Document
from builder.contract.problems import ERROR, Problem

YEAR = re.compile(r"[0-9]{4}", re.ASCII)
REGION_CODE = re.compile(r"[0-9]{6}", re.ASCII)
UNIT_CODE = re.compile(r"[0-9]{6}", re.ASCII)
PROJECT_CODE = re.compile(r"[0-9A-Z]{21}", re.ASCII)


def is_safe_segment(value: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``value`` matches ``pattern`` in full and so may be part of a path."""
    return pattern.fullmatch(value) is not None


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
    code_lines: Mapping[str, int]

    def code(self, code: str) -> int:
        return self.code_lines.get(code, 1)


def locate(doc: Document, raws: Sequence[str]) -> Where:
    """Where ``doc``'s unit line and each project code's cell are in its raw lines."""
    code_lines = {p.code: line_of(raws, "\t" + p.code, p.line, start=p.line) for p in doc.projects}
    return Where(line_of(raws, doc.unit.label), code_lines)


def identity_problems(doc: Document, where: Where) -> list[Problem]:
    """Errors for every code of ``doc`` that may not become part of an address."""
    problems: list[Problem] = []
    unit_line = where.unit_line
    if not is_safe_segment(str(doc.year), YEAR):
        problems.append(Problem(doc.source, 1, ERROR, f"expected a 4-digit year, found {doc.year}"))
    if not is_safe_segment(doc.region.code, REGION_CODE):
        problems.append(
            Problem(
                doc.source,
                1,
                ERROR,
                f"expected a region code of 6 digits 0-9, found '{doc.region.code}'",
            )
        )
    if not is_safe_segment(doc.unit.code, UNIT_CODE):
        problems.append(
            Problem(
                doc.source,
                unit_line,
                ERROR,
                f"expected a unit code of 6 digits 0-9, found '{doc.unit.code}'",
            )
        )
    for project in doc.projects:
        if not is_safe_segment(project.code, PROJECT_CODE):
            problems.append(
                Problem(
                    doc.source,
                    where.code(project.code),
                    ERROR,
                    "expected a 项目编码 of 21 characters 0-9 or A-Z, "
                    f"found '{project.code}' ({len(project.code)} characters)",
                )
            )
    if not doc.region.name and is_safe_segment(doc.region.code, REGION_CODE):
        problems.append(
            Problem(
                doc.source,
                1,
                ERROR,
                f"expected a name for region {doc.region.code} in site_data/regions.toml",
            )
        )
    return problems
