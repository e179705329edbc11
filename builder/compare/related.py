"""What a report's own pages say about other reports: like projects, other years of a unit.

A report's pages are kept between builds under a hash of what they are made from
(builder/incremental/report_cache.py); these relations are part of it, so a page is made
again when a project it names changes, and only then.
"""

from __future__ import annotations

import hashlib
import marshal
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from builder.compare.likeness import like_groups
from builder.compare.years import by_unit, changes
from builder.contract.model import Document
from builder.render.catalog import Entry


@dataclass(frozen=True)
class Mention:
    """Another project as a page names it."""

    code: str
    name: str
    unit: str
    year: int
    budget: Decimal

    @staticmethod
    def of(entry: Entry) -> Mention:
        p, d = entry.project, entry.doc
        return Mention(p.code, p.name, d.unit.name, d.year, p.budget_yuan)


@dataclass(frozen=True)
class ProjectRelations:
    """A project's like group (its key, "" for none) and the same project in the unit's
    years before and after this one. The group is named, not its members: a member added or
    removed elsewhere then changes the group's page only, not every member's page."""

    group: str = ""
    years: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class UnitRelations:
    """The unit's totals in every year it reported, and its projects' relations."""

    totals: tuple[tuple[int, Decimal], ...] = ()
    projects: tuple[tuple[str, ProjectRelations], ...] = field(default=())

    def previous(self, year: int) -> int | None:
        return max((y for y, _ in self.totals if y < year), default=None)

    def next(self, year: int) -> int | None:
        return min((y for y, _ in self.totals if y > year), default=None)

    def of(self, code: str) -> ProjectRelations:
        return dict(self.projects).get(code, ProjectRelations())

    def key(self) -> str:
        """All the relations say, as text for a hash: a dataclass's repr of them took 0.6 s
        at 3,000 reports, plain tuples' a tenth of it."""
        projects = [
            (code, p.group, [(m.code, m.name, m.unit, m.year, str(m.budget)) for m in p.years])
            for code, p in self.projects
        ]
        return repr(([(year, str(total)) for year, total in self.totals], projects))


def _chains(docs: Iterable[Document]) -> dict[str, list[Entry]]:
    """Project code → the same project in each year of its unit, oldest first."""
    chain: dict[str, list[Entry]] = {}
    for reports in by_unit(docs).values():
        for doc in reports:
            for project in doc.projects:
                chain[project.code] = [Entry(project, doc)]
        for before, after in pairwise(reports):
            for step in changes(before, after).continued:
                joined = chain[step.before.code] + chain[step.after.code]
                for member in joined:
                    chain[member.project.code] = joined
    return chain


def _beside(chain: Sequence[Entry], doc: Document) -> tuple[Mention, ...]:
    """The same project in the year before and the year after this report's.

    Only the neighbours, and not every year: a report added, changed or removed then
    changes the pages of the years beside it, not those of every year of its unit, which a
    rebuild would otherwise render and index again (the unit's page still charts them all).
    """
    at = next(i for i, e in enumerate(chain) if e.doc is doc)
    return tuple(Mention.of(e) for e in (*chain[max(0, at - 1) : at], *chain[at + 1 : at + 2]))


def relations(docs: Sequence[Document]) -> dict[str, UnitRelations]:
    """Each report's relations by its source, from every report of the site: from each
    report's share of them (relation_share) and nothing else."""
    groups = like_groups(docs)
    group_of = {e.project.code: key for key, group in groups.items() for e in group}
    chains = _chains(docs)
    totals: defaultdict[tuple[str, str], list[tuple[int, Decimal]]] = defaultdict(list)
    for doc in docs:
        amount = sum((p.budget_yuan for p in doc.projects), Decimal(0))
        totals[(doc.region.code, doc.unit.code)].append((doc.year, amount))
    found: dict[str, UnitRelations] = {}
    for doc in docs:
        projects = []
        for project in doc.projects:
            years = _beside(chains[project.code], doc)
            projects.append((project.code, ProjectRelations(group_of.get(project.code, ""), years)))
        unit_totals = tuple(sorted(totals[(doc.region.code, doc.unit.code)]))
        found[doc.source] = UnitRelations(unit_totals, tuple(projects))
    return found


def relation_share(doc: Document) -> bytes:
    """What the relations are made from in a report, hashed: its unit, its year, and its
    projects' codes, names and budgets, in order (likeness and years match by them)."""
    projects = [(p.code, p.name, str(p.budget_yuan)) for p in doc.projects]
    shown = (doc.source, doc.region.code, doc.unit.code, doc.unit.name, doc.year, projects)
    return hashlib.sha256(repr(shown).encode()).digest()


def relations_to_bytes(found: Mapping[str, UnitRelations]) -> bytes:
    """Every report's relations as bytes (marshal: plain tuples), for relations_of_bytes."""
    return marshal.dumps([(source, _plain(r)) for source, r in sorted(found.items())])


def relations_of_bytes(data: bytes) -> dict[str, UnitRelations] | None:
    """The relations relations_to_bytes gave these bytes for; None if they are not such."""
    try:
        return {source: _unplain(plain) for source, plain in marshal.loads(data)}
    except (EOFError, ValueError, TypeError, ArithmeticError):
        return None


def _plain(r: UnitRelations) -> tuple[object, ...]:
    projects = tuple(
        (code, p.group, tuple((m.code, m.name, m.unit, m.year, str(m.budget)) for m in p.years))
        for code, p in r.projects
    )
    return tuple((year, str(total)) for year, total in r.totals), projects


def _unplain(plain: tuple[Any, Any]) -> UnitRelations:
    totals, projects = plain
    return UnitRelations(
        tuple((int(year), Decimal(total)) for year, total in totals),
        tuple(
            (
                str(code),
                ProjectRelations(
                    str(group),
                    tuple(Mention(c, n, u, int(y), Decimal(b)) for c, n, u, y, b in years),
                ),
            )
            for code, group, years in projects
        ),
    )
