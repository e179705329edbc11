"""What the quality pages say of every finding, gathered a report at a time.

The summary counts findings by rule, by level and by report, and each rule's page lists its
first LISTED findings. Gathered as each report's findings pass (builder/quality/check.py
report_findings), so the build never holds every finding of the site at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from builder.contract.model import Document
from builder.quality import Finding

LISTED = 100
"""Findings listed on a rule's page; all of them are in findings.csv (the page stays small)."""


@dataclass
class Tally:
    """Counts of the findings added so far, and each rule's first LISTED of them."""

    levels: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    listed: dict[str, list[Finding]] = field(default_factory=dict)
    of_report: dict[str, tuple[Counter[str], Counter[str]]] = field(default_factory=dict)
    """By report: its findings by level and by rule."""
    clean_rows: int = 0
    """Indicator rows without any finding."""
    rows: int = 0

    @property
    def total(self) -> int:
        return sum(self.levels.values())

    def add(self, doc: Document, own: Sequence[Finding]) -> None:
        """A report and its findings, in file order: a rule lists its first findings."""
        levels: Counter[str] = Counter(f.level for f in own)
        rules = Counter(f.rule for f in own)
        self.levels.update(levels)
        self.rules.update(rules)
        self.of_report[doc.source] = (levels, rules)
        for f in own:
            first = self.listed.setdefault(f.rule, [])
            if len(first) < LISTED:
                first.append(f)
        flagged = {(f.project, f.line) for f in own}
        for project in doc.projects:
            for row in project.indicators:
                self.rows += 1
                self.clean_rows += (project.code, row.line) not in flagged


def tally_of(docs: Iterable[Document], findings: Iterable[Finding]) -> Tally:
    """The tally of findings held whole (a small site, or a test)."""
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.source, []).append(f)
    tally = Tally()
    for doc in sorted(docs, key=lambda d: d.source):
        tally.add(doc, grouped.get(doc.source, []))
    return tally
