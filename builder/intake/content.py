"""Taking in reports: every file read, parsed and checked, every problem collected.

The one path from files to Documents for ``parse``, ``check`` and ``build``, so that all
three report the same problems at the same lines. The parser stops a file at its first
error; this module carries on with the next file and then checks the files against each
other, so one run reports every problem at once. Documents with an error are held back;
the rest are returned for publishing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.contract.problems import ERROR, Problem, errors_in, failed_sources
from builder.incremental.parse_cache import parse_cached
from builder.intake.crosscheck import cross_problems
from builder.intake.files import named
from builder.intake.identity import Where, identity_problems, locate
from builder.intake.limits import long_texts
from builder.parse import parse_document
from builder.parse.controls import CONTROL, control_problems
from builder.parse.lines import split_lines
from builder.parse.readers import read_text


@dataclass(frozen=True)
class Intake:
    """What the content gave: the documents fit to publish and every problem, sorted."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]

    @property
    def failed(self) -> tuple[str, ...]:
        """The files held back for errors, sorted."""
        return tuple(sorted(failed_sources(self.problems)))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(errors_in(self.problems))


def take_in_one(
    source: str, data: bytes, regions: Mapping[str, str], parsed: Document | None = None
) -> tuple[Document | None, Where | None, list[Problem]]:
    """One file's bytes → its Document (None if it has an error) and its problems.

    ``parsed`` is the file's Document when it is already known (builder/incremental/parse_cache.py).
    """
    problems: list[Problem] = []
    try:
        text = read_text(data, source)
        raws = split_lines(text)
        if CONTROL.search(text) is not None:
            problems.extend(control_problems(raws, source))
        doc = parsed if parsed is not None else parse_document(text, source, regions)
    except ReportError as exc:
        return None, None, [*problems, Problem.from_error(exc)]
    where = locate(doc, raws)
    problems.extend(identity_problems(doc, where))
    problems.extend(long_texts(doc, raws))
    if errors_in(problems):
        return None, None, problems
    return doc, where, problems


def take_in(
    files: Iterable[tuple[str, bytes]],
    regions: Mapping[str, str],
    parsed: Mapping[str, Document] | None = None,
) -> Intake:
    """(source, bytes) of each report → the documents to publish and all problems.

    ``parsed`` holds Documents already parsed (or cached), by source.
    """
    docs: list[Document] = []
    places: dict[str, Where] = {}
    problems: list[Problem] = []
    for source, data in files:
        doc, where, found = take_in_one(source, data, regions, (parsed or {}).get(source))
        problems.extend(found)
        if doc is not None and where is not None:
            docs.append(doc)
            places[source] = where
    docs.sort(key=lambda d: d.source)
    problems.extend(cross_problems(docs, places))
    failed = failed_sources(problems)
    kept = tuple(d for d in docs if d.source not in failed)
    return Intake(kept, tuple(sorted(set(problems))))


def _read(
    files: Sequence[tuple[str, Path]], problems: list[Problem]
) -> Iterator[tuple[str, bytes]]:
    for source, path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(source, 1, ERROR, f"expected a readable file: {exc.strerror}"))
            continue
        yield source, data


def read_files(
    files: Sequence[tuple[str, Path]],
    regions: Mapping[str, str],
    *,
    cache: Path | None = None,
    workers: int | None = None,
) -> Intake:
    """(source, path) of each report, read, parsed and checked (the disk edge of take_in).

    Parsing goes through builder/incremental/parse_cache.py: unchanged files come from
    ``cache``, the others are parsed on all cores (``workers``).
    """
    unreadable: list[Problem] = []
    found = list(_read(files, unreadable))
    parsed = parse_cached(found, regions, cache=cache, workers=workers)
    intake = take_in(found, regions, parsed.documents)
    if not unreadable:
        return intake
    return Intake(intake.documents, tuple(sorted({*intake.problems, *unreadable})))


def read_content(
    content: Path,
    regions: Mapping[str, str],
    *,
    cache: Path | None = None,
    workers: int | None = None,
) -> Intake:
    """Every report under content/, named relative to it: what ``budgetsite build`` reads."""
    return read_files(named([content], content), regions, cache=cache, workers=workers)
