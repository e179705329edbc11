"""Run every rule over a set of reports: Documents → sorted Findings (pure: no disk)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from builder.contract.compact import compact
from builder.contract.model import Document
from builder.quality.copies import check_copied_rows, check_sentences
from builder.quality.finding import Finding
from builder.quality.indicators import check_indicators
from builder.quality.projects import check_project


def check_document(doc: Document) -> list[Finding]:
    """The findings of the rules that look at one report alone, sorted (sort_findings)."""
    found: list[Finding] = list(check_sentences(doc))
    for project in doc.projects:
        found += check_project(doc, project)
        found += check_indicators(doc.source, project)
    return sort_findings(compact(finding) for finding in found)  # a site has many (compact.py)


def check_documents(
    docs: Sequence[Document],
    each: Callable[[Document], list[Finding]] = check_document,
    *,
    about: Sequence[Document] | None = None,
) -> list[Finding]:
    """Every finding of every rule, across reports too, sorted by file, line and rule.

    ``each`` gives one report's own findings, compacted and sorted: check_document, or a
    cache of its results.
    With ``about`` (a part of a split build), only the findings about those reports: the
    rules across reports still look at every one of ``docs``.
    A 项目编码 in two places is not a rule here: intake keeps such files off the site
    (builder/intake/crosscheck.py) and ``budgetsite check`` lists it as duplicate-code.
    """
    return [f for checked in report_findings(docs, each, about=about) for f in checked.findings]


class Checked(NamedTuple):
    """One report's findings (report_findings)."""

    doc: Document
    findings: list[Finding]
    """All of them, sorted: its own and those across reports."""
    across: list[Finding]
    """Those of the rules across reports alone: all else follows from the report."""


def report_findings(
    docs: Sequence[Document],
    each: Callable[[Document], list[Finding]] = check_document,
    *,
    about: Sequence[Document] | None = None,
) -> Iterator[Checked]:
    """check_documents a report at a time: each report of ``about`` (else of ``docs``) in
    file order, with its findings. The rule across reports runs alongside, in the same
    order, so the build holds one report's findings, not a province's (300 MiB at 3,000
    reports)."""
    mine = {doc.source for doc in (docs if about is None else about)}
    across = check_copied_rows(docs)  # in file order too
    ahead: Finding | None = next(across, None)
    for doc in sorted(docs, key=lambda d: d.source):
        extra: list[Finding] = []
        while ahead is not None and ahead.source <= doc.source:
            if ahead.source == doc.source:
                extra.append(compact(ahead))
            ahead = next(across, None)
        if doc.source not in mine:
            continue
        own = each(doc)  # compact already: check_document's, or a cache's (report_cache.py)
        # A finding's sort key starts with its file, and each report's own findings come
        # sorted: only a report with findings across reports is sorted again.
        yield Checked(doc, sort_findings([*own, *extra]) if extra else own, extra)


def sort_findings(found: Iterable[Finding]) -> list[Finding]:
    """Findings in a stable order: file, line, rule, subject, message; duplicates dropped."""
    return sorted(set(found), key=Finding.sort_key)
