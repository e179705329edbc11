"""Mutations of a report's lines, and whether the parser noticed: the silent-loss judge.

A mutation deletes, swaps, duplicates or truncates lines. Its result is *loud* when the
parse fails or warns at a line near the edit, or `budgetsite check` has a new finding
there, and *harmless* when every project, amount and indicator row not built from the
edited lines comes out the same (a row continuing merged 一级/二级 cells is built from the
row it continues). A file cut between two tables is a shorter report, harmless when it
holds the first projects unchanged. Anything else is silently wrong data: what the
mutation test forbids.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.parse import parse_with_ledger
from builder.parse.lines import split_lines
from builder.quality.check import check_document
from tests.support.dumps import LINE_FIELDS, without_lines

Kind = Literal["delete", "swap", "duplicate", "truncate"]
KINDS: tuple[Kind, ...] = ("delete", "swap", "duplicate", "truncate")

NEAR = 40
"""How many lines from the edit an error or warning may be and still name it: a table's
rows span about as many lines."""


@dataclass(frozen=True)
class Mutation:
    kind: Kind
    at: int
    """The first edited line, 1-based, in the original."""
    other: int = 0
    """The second line of a swap."""

    def apply(self, raws: list[str]) -> list[str]:
        i = self.at - 1
        if self.kind == "delete":
            return raws[:i] + raws[i + 1 :]
        if self.kind == "duplicate":
            return raws[: i + 1] + raws[i:]
        if self.kind == "truncate":
            return raws[:i]
        j = self.other - 1
        out = list(raws)
        out[i], out[j] = out[j], out[i]
        return out

    @property
    def edited(self) -> frozenset[int]:
        """Original lines the edit touches (for a truncation: the cut and everything after)."""
        if self.kind == "swap":
            return frozenset({self.at, self.other})
        return frozenset({self.at})

    def __str__(self) -> str:
        if self.kind == "swap":
            return f"swap lines {self.at} and {self.other}"
        return f"{self.kind} line {self.at}" if self.kind != "truncate" else f"cut at {self.at}"


def mutations(line_count: int, rng: random.Random, count: int) -> Iterator[Mutation]:
    """``count`` random mutations of a file of ``line_count`` lines."""
    for _ in range(count):
        kind = rng.choice(KINDS)
        at = rng.randint(1, line_count)
        if kind == "swap":
            other = min(line_count, at + rng.choice((1, 1, 2, 3, 7)))
            if other == at:
                at -= 1
            yield Mutation(kind, min(at, other), max(at, other))
        elif kind == "truncate":
            yield Mutation(kind, max(at, 2))
        else:
            yield Mutation(kind, at)


@dataclass(frozen=True)
class Verdict:
    outcome: Literal["loud", "harmless", "silent"]
    why: str


def judge(text: str, mutation: Mutation, source: str, regions: Mapping[str, str]) -> Verdict:
    """Whether the parser noticed ``mutation`` of ``text``, or lost nothing it did not edit."""
    raws = split_lines(text)
    original_document = parse_with_ledger(text, source, regions).document
    original = original_document.model_dump()
    mutated = "\n".join(mutation.apply(raws)) + "\n"
    try:
        parsed = parse_with_ledger(mutated, source, regions)
    except ReportError as exc:
        if abs(exc.line - mutation.at) <= NEAR or mutation.kind == "truncate":
            return Verdict("loud", f"error at line {exc.line}: {exc.message}")
        return Verdict("silent", f"error far from the edit, at line {exc.line}: {exc.message}")
    for line, message in parsed.warnings:
        if abs(line - mutation.at) <= NEAR or (
            mutation.kind == "truncate" and line >= mutation.at - NEAR
        ):
            return Verdict("loud", f"warning at line {line}: {message}")
    noticed = _new_finding(original_document, parsed.document, mutation)
    if noticed is not None:
        return noticed
    result = parsed.document.model_dump()
    if without_lines(result) == without_lines(original):
        return Verdict("harmless", "the same Document")
    if mutation.kind == "truncate":
        return _judge_cut(original, result)
    return compare(original, result, mutation, len(raws))


def _new_finding(original: Document, mutated: Document, mutation: Mutation) -> Verdict | None:
    """A quality warning or error near the edit that the original did not have: what
    `budgetsite check` prints for, say, a 一级指标 that is not one (a cell moved up a row)."""
    before = {(f.rule, f.subject, f.value) for f in check_document(original)}
    for found in check_document(mutated):
        if (
            found.level != "info"
            and (found.rule, found.subject, found.value) not in before
            and abs(found.line - mutation.at) <= NEAR
        ):
            return Verdict("loud", f"finding at line {found.line}: {found.message}")
    return None


def _judge_cut(original: dict[str, Any], result: dict[str, Any]) -> Verdict:
    """A file cut between two tables is a shorter report that nothing can tell from a whole
    one: harmless if it is exactly the original's first projects. Any other cut loses
    part of a table or of 第一部分, which the parser must notice."""
    kept = len(result["projects"])
    if without_lines({**original, "projects": original["projects"][:kept]}) == without_lines(
        result
    ):
        return Verdict("harmless", f"cut between tables: the first {kept} projects, unchanged")
    return Verdict("silent", "truncated: data lost with no error or warning")


def _spans(document: dict[str, Any], line_count: int) -> list[tuple[int, int]]:
    """Each project's lines in the file: from its title to the line before the next one."""
    starts = [p["line"] for p in document["projects"]]
    return [
        (s, (starts[n + 1] - 1) if n + 1 < len(starts) else line_count)
        for n, s in enumerate(starts)
    ]


def compare(
    original: dict[str, Any], result: dict[str, Any], mutation: Mutation, line_count: int
) -> Verdict:
    edited = mutation.edited
    spans = _spans(original, line_count)
    first_title = spans[0][0] if spans else line_count + 1
    if min(edited) >= first_title:
        part_one = ("overall_goal", "sub_goals_intro", "sub_goals", "measures")
        for name in part_one:
            if without_lines(original[name]) != without_lines(result[name]):
                return Verdict("silent", f"{name} changed by an edit in 第二部分")
    for key in ("year", "region", "unit"):
        if original[key] != result[key]:
            return Verdict("silent", f"{key} changed: {original[key]} → {result[key]}")
    by_code = {p["code"]: p for p in result["projects"]}
    untouched = [
        p
        for p, (start, end) in zip(original["projects"], spans, strict=True)
        if not any(start <= line <= end for line in edited)
    ]
    for project in untouched:
        got = by_code.get(project["code"])
        if got is None:
            return Verdict("silent", f"project {project['code']} lost (its lines were not edited)")
        if without_lines(got) != without_lines(project):
            return Verdict(
                "silent", f"project {project['code']} changed (its lines were not edited)"
            )
    touched = [p for p in original["projects"] if p not in untouched]
    if len(result["projects"]) < len(original["projects"]) - 0 and not touched:
        return Verdict("silent", "a project lost")
    for project in touched:
        got = by_code.get(project["code"])
        if got is None:
            return Verdict("silent", f"project {project['code']} lost by an edit of one line")
        verdict = _compare_rows(project, got, edited)
        if verdict is not None:
            return verdict
    return Verdict("harmless", "only what was built from the edited lines changed")


def _compare_rows(
    project: dict[str, Any], got: dict[str, Any], edited: frozenset[int]
) -> Verdict | None:
    """Within an edited project: indicator rows not edited must all still be there."""
    rows = project["indicators"]
    header_end = rows[0]["line"] if rows else 0
    header_edited = any(line < header_end for line in edited)
    fields = [k for k in project if k not in LINE_FIELDS and k != "indicators"]
    if not header_edited:
        for name in fields:
            if without_lines(project[name]) != without_lines(got[name]):
                return Verdict("silent", f"{project['code']}: {name} changed by an edit below it")
    ends = [r["line"] for r in rows[1:]] + [10**9]
    spans = [range(r["line"], end) for r, end in zip(rows, ends, strict=True)]
    kept = [
        without_lines(r)
        for r, sources in zip(rows, _row_sources(rows, spans), strict=True)
        if not any(line in span for span in sources for line in edited)
    ]
    found = [without_lines(r) for r in got["indicators"]]
    position = 0
    for row in kept:
        try:
            position = found.index(row, position) + 1
        except ValueError:
            return Verdict(
                "silent", f"{project['code']}: an indicator row not edited changed: {row}"
            )
    appeared = len(found) - len(kept)
    if appeared > len(rows) - len(kept) + len(edited):
        return Verdict("silent", f"{project['code']}: {appeared} indicator rows appeared")
    return None


def _row_sources(rows: list[dict[str, Any]], spans: list[range]) -> list[list[range]]:
    """The lines each indicator row is built from: its own, and those of the rows whose
    merged 一级指标 and 二级指标 cells it continues (the first of a run of equal values)."""
    sources: list[list[range]] = []
    head1 = head2 = 0
    for index, row in enumerate(rows):
        if index == 0 or row["level1"] != rows[index - 1]["level1"]:
            head1 = head2 = index
        elif row["level2"] != rows[index - 1]["level2"]:
            head2 = index
        sources.append([spans[index], spans[head1], spans[head2]])
    return sources
