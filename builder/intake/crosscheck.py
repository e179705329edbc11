"""Checks across files: one address per unit and per project, paths agreeing with codes.

They run over every document that parsed, in path order. When files claim one address
the first in path order keeps it and the later ones are held back, by one error at the
first that names each of them once: which one is right is for a person to decide, and
the message says where the others are.

A project code starts with the region code and the year (``13030322…``: 130303, 2022).
A file whose folder's year or region no project code confirms is in the wrong folder: an
error, since its pages would be published under a wrong permanent address. A single
project whose code disagrees while others agree is only a warning: a continuing project
keeps the code of the year it was created in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from builder.contract import codes
from builder.contract.model import Document, Project
from builder.contract.problems import ERROR, WARNING, Problem, failed_sources
from builder.intake.identity import Where

Places = Mapping[str, Where]
"""Where each document's codes are printed, by source."""

Place = tuple[str, int]
"""A file and the line in it where a unit or a 项目编码 is printed."""

DUPLICATE = "duplicate-code"


def _code_line(doc: Document, project: Project, places: Places) -> int:
    where = places.get(doc.source)
    return where.code(project) if where else 1


def _claimed(claim: str, where: Sequence[Place], rule: str = "") -> Problem:
    """The one error for what several files claim: at the first place, naming each later one once.

    The later files are held back by it (Problem.holds_back) rather than by an error each,
    so that N copies of one report are one line to read, not N lines repeating the first.
    """
    (source, line), later = where[0], where[1:]
    files = f"{len(later)} later file{'s' if len(later) > 1 else ''}"
    named = ", ".join(f"{other}:{other_line}" for other, other_line in later)
    return Problem(
        source,
        line,
        ERROR,
        f"{claim} {files}, left off the site: {named}",
        rule=rule,
        holds_back=tuple(other for other, _ in later),
    )


def duplicate_units(docs: Sequence[Document], places: Places) -> list[Problem]:
    """An error for each (year, region, unit) that more than one file reports."""
    found: dict[tuple[int, str, str], list[Place]] = {}
    for doc in sorted(docs, key=lambda d: d.source):
        line = places[doc.source].unit_line if doc.source in places else 1
        found.setdefault((doc.year, doc.region.code, doc.unit.code), []).append((doc.source, line))
    return [
        _claimed(f"expected one report per unit; {year}/{region}/{unit} is also reported by", where)
        for (year, region, unit), where in found.items()
        if len(where) > 1
    ]


def duplicate_projects(docs: Sequence[Document], places: Places) -> list[Problem]:
    """An error for each 项目编码 twice in one file, and one for each in more than one file.

    The one check of duplicate codes: the parser, the renderers and the quality rules rely
    on it (``budgetsite check`` files it under the rule duplicate-code).
    """
    problems: list[Problem] = []
    found: dict[str, list[Place]] = {}
    for doc in sorted(docs, key=lambda d: d.source):
        titles: dict[str, int] = {}
        for project in doc.projects:
            if project.code in titles:
                # Twice in one file: each table is named by its title line.
                problems.append(
                    Problem(
                        doc.source,
                        project.line,
                        ERROR,
                        f"expected each 项目编码 once; {project.code} is also the project "
                        f"at line {titles[project.code]}",
                        rule=DUPLICATE,
                    )
                )
                continue
            titles[project.code] = project.line
            place = (doc.source, _code_line(doc, project, places))
            found.setdefault(project.code, []).append(place)
    problems.extend(
        _claimed(f"expected each 项目编码 in one file only; {code} is also in", where, DUPLICATE)
        for code, where in found.items()
        if len(where) > 1
    )
    return problems


def codes_against_folder(doc: Document, places: Places) -> list[Problem]:
    """Year and region of the file's folder against the project codes' first 8 characters.

    The folder is ``<year>/<region>/`` whatever the file is named: a report named as it
    came (政协办公室2022年部门绩效目标.docx) takes its year and region from its codes, and
    the folder must agree with them. A file outside that layout is held to its own year
    and region, so that a continuing project's code of another year is still a warning.
    """
    if not doc.projects:
        return []
    problems: list[Problem] = []
    year, region = codes.folder_place(doc.source) or (str(doc.year), doc.region.code)
    checks = (
        ("year", codes.year_suffix(int(year)), codes.YEAR_PART, year),
        ("region", region, codes.REGION_PART, region),
    )
    for what, expected, at, shown in checks:

        def named(code: str, what: str = what, at: slice = at) -> str:
            return f"20{code[at]}" if what == "year" else code[at]

        if not any(p.code[at] == expected for p in doc.projects):
            first = doc.projects[0]
            problems.append(
                Problem(
                    doc.source,
                    _code_line(doc, first, places),
                    ERROR,
                    f"expected project codes of {what} {shown} (from the file's folder), "
                    f"found none: {first.code} is {what} {named(first.code)}",
                )
            )
            continue
        problems.extend(
            Problem(
                doc.source,
                _code_line(doc, p, places),
                WARNING,
                f"project code {p.code} is of {what} {named(p.code)}, not {shown} as the "
                "file's folder and its other projects (a continuing project keeps its code)",
            )
            for p in doc.projects
            if p.code[at] != expected
        )
    return problems


def cross_problems(docs: Sequence[Document], places: Places) -> list[Problem]:
    """Every cross-file problem; documents with an error here are not published.

    Each check sees only the documents the checks before it kept: a file that is not
    published cannot take an address from one that is.
    """
    problems = [p for doc in docs for p in codes_against_folder(doc, places)]
    for check in (duplicate_units, duplicate_projects):
        failed = failed_sources(problems)
        problems.extend(check([d for d in docs if d.source not in failed], places))
    return problems
