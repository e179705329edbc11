"""Taking in reports: every file read, parsed and checked, every problem collected.

The one path from files to Documents for ``parse``, ``check`` and ``build``, so that all
three report the same problems at the same lines. The parser stops a file at its first
error; this module carries on with the next file and then checks the files against each
other, so one run reports every problem at once. Documents with an error are held back;
the rest are returned for publishing.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from builder.contract.compact import compact
from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.contract.problems import ERROR, WARNING, Problem, errors_in, failed_sources
from builder.contract.settings import Settings
from builder.engines.libreoffice import CONVERTED, to_docx
from builder.incremental import intake_cache
from builder.incremental.parse_cache import Report, cached, parse_cached
from builder.intake.crosscheck import cross_problems
from builder.intake.files import Named, named
from builder.intake.identity import Where, identity_problems, locate
from builder.intake.limits import long_texts
from builder.parse import parse_with_ledger
from builder.parse.controls import CONTROL, control_problems
from builder.parse.lines import Text, split_lines
from builder.parse.readers import read_text, suffix_of
from builder.quality.finding import Finding


@dataclass(frozen=True)
class Taken:
    """One file taken in on its own: its Document (None with an error), where its codes are,
    the places of its lines (Word files), and its own problems, not yet placed."""

    document: Document | None
    where: Where | None
    places: tuple[str, ...] | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Intake:
    """What the content gave: the documents fit to publish and every problem, sorted."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    places: Mapping[str, Text] = field(default_factory=dict)
    """The text of each file whose lines are not places a person can find (Word files)."""
    taken: Mapping[str, Taken] = field(default_factory=dict)
    """What taking each file in gave on its own, by source (for intake_cache.py)."""
    parse_keys: Mapping[str, str] = field(default_factory=dict)
    """Each file's key in the parse cache, by source, when read through one."""
    file_digests: Mapping[str, str] = field(default_factory=dict)
    """The SHA-256 of each file's bytes, by source, when read through the parse cache."""

    def placed(self, findings: Iterable[Finding]) -> list[Finding]:
        """Quality findings with the place in words of their line, where the file has one."""
        out = []
        for f in findings:
            text = self.places.get(f.source)
            where = text.place(f.line) if text is not None else ""
            out.append(f.model_copy(update={"place": where}) if where else f)
        return out

    @property
    def failed(self) -> tuple[str, ...]:
        """The files held back for errors, sorted."""
        return tuple(sorted(failed_sources(self.problems)))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(errors_in(self.problems))


def take_in_one(
    source: str, data: bytes, regions: Mapping[str, str], parsed: Report | None = None
) -> tuple[Document | None, Where | None, Text | None, list[Problem]]:
    """One file's bytes → its Document (None if it has an error), its text and its problems.

    ``parsed`` is the file's parse when it is already known (builder/incremental/parse_cache.py).
    The text is None only for a file that could not be read as text at all.
    """
    problems: list[Problem] = []
    try:
        text = read_text(data, source)
    except ReportError as exc:
        return None, None, None, [Problem.from_error(exc)]
    try:
        raws = split_lines(text.text)
        if CONTROL.search(text.text) is not None:
            problems.extend(control_problems(raws, source))
        if parsed is None:
            result = parse_with_ledger(text.text, source, regions)
            # half the memory (builder/contract/compact.py), as parse_cached's are already
            parsed = Report(compact(result.document), result.warnings)
    except ReportError as exc:
        return None, None, text, [*problems, Problem.from_error(exc)]
    doc = parsed.document
    problems.extend(Problem(source, line, WARNING, message) for line, message in parsed.warnings)
    where = locate(doc, raws)
    problems.extend(identity_problems(doc, where))
    problems.extend(long_texts(doc, raws))
    if errors_in(problems):
        return None, None, text, problems
    return doc, where, text, problems


def placed(problems: Iterable[Problem], texts: Mapping[str, Text]) -> list[Problem]:
    """Problems with the place in words of their line, for files whose lines are not places."""
    out = []
    for problem in problems:
        text = texts.get(problem.source)
        where = text.place(problem.line) if text is not None else ""
        out.append(problem.at(where) if where else problem)
    return out


def take_in(
    files: Iterable[tuple[str, bytes]],
    regions: Mapping[str, str],
    parsed: Mapping[str, Report] | None = None,
    taken: Mapping[str, Taken] | None = None,
) -> Intake:
    """(source, bytes) of each report → the documents to publish and all problems.

    ``parsed`` holds the parses already made (or cached), by source; ``taken``, the files
    taken in already, unread (builder/incremental/intake_cache.py).
    """
    every = dict(taken or {})
    for source, data in files:
        doc, where, text, found = take_in_one(source, data, regions, (parsed or {}).get(source))
        every[source] = Taken(doc, where, None if text is None else text.places, tuple(found))
    docs: list[Document] = []
    places: dict[str, Where] = {}
    texts: dict[str, Text] = {}
    problems: list[Problem] = []
    for source, one in sorted(every.items()):
        problems.extend(one.problems)
        if one.places is not None:
            texts[source] = Text("", one.places)
        if one.document is not None and one.where is not None:
            docs.append(one.document)
            places[source] = one.where
    docs.sort(key=lambda d: d.source)
    problems.extend(cross_problems(docs, places))
    failed = failed_sources(problems)
    kept = tuple(d for d in docs if d.source not in failed)
    return Intake(kept, tuple(sorted(set(placed(problems, texts)))), texts, every)


def _read(
    files: Sequence[tuple[str, Path]], problems: list[Problem], max_bytes: int
) -> list[tuple[str, bytes]]:
    """Each file's bytes; a format LibreOffice reads is converted to .docx bytes first.

    A file over ``max_bytes`` is an error and is not read (site.toml ``max_report_mb``).
    """
    found: list[tuple[str, bytes]] = []
    for source, path in files:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                problems.append(_too_large(source, size, max_bytes))
                continue
            found.append((source, path.read_bytes()))
        except OSError as exc:
            problems.append(Problem(source, 1, ERROR, f"expected a readable file: {exc.strerror}"))
    converted = to_docx({s: data for s, data in found if suffix_of(s) in CONVERTED})
    out: list[tuple[str, bytes]] = []
    for source, data in found:
        made = converted.get(source, data)
        if isinstance(made, ReportError):
            problems.append(Problem.from_error(made))
        else:
            out.append((source, made))
    return out


def _too_large(source: str, size: int, max_bytes: int) -> Problem:
    mb = 2**20
    return Problem(
        source,
        1,
        ERROR,
        f"expected a report of at most {max_bytes // mb} MB (site.toml max_report_mb); "
        f"found {size / mb:.1f} MB",
    )


def read_files(
    named: Named,
    regions: Mapping[str, str],
    *,
    cache: Path | None = None,
    workers: int | None = None,
    max_bytes: int = Settings().max_report_bytes,
) -> Intake:
    """The reports named, read, parsed and checked (the disk edge of take_in).

    Parsing goes through builder/incremental/parse_cache.py: unchanged files come from
    ``cache``, the others are parsed on all cores (``workers``). Files passed over are
    warnings (builder/intake/files.py).
    """
    unread: list[Problem] = list(named.skipped)
    index = {} if cache is None else intake_cache.load(cache / intake_cache.INDEX, regions)
    kept: dict[str, intake_cache.Kept] = {}
    taken: dict[str, Taken] = {}
    stats: dict[str, intake_cache.Stat] = {}
    to_read: list[tuple[str, Path]] = []
    for source, path in named.files:
        entry = index.get(source)
        report = None
        if cache is not None and entry is not None and intake_cache.fresh(entry, path):
            report = cached(cache, entry.key)
        if entry is not None and report is not None:
            kept[source] = entry
            doc = report.document
            taken[source] = Taken(doc, entry.where, entry.places, entry.problems)
            continue
        with contextlib.suppress(OSError):  # _read says why a file cannot be read
            stats[source] = intake_cache.stat_of(path)  # before reading: a change after shows
        to_read.append((source, path))
    found = _read(to_read, unread, max_bytes)
    keep = frozenset(entry.key for entry in kept.values())
    parsed = parse_cached(found, regions, cache=cache, workers=workers, keep=keep)
    intake = take_in(found, regions, parsed.reports, taken)
    if cache is not None:
        for source, data in found:
            one = intake.taken[source]
            if one.document is not None and one.where is not None and source in stats:
                digest = hashlib.sha256(data).hexdigest()
                kept[source] = intake_cache.Kept(
                    stats[source], parsed.keys[source], one.problems, one.where, one.places, digest
                )
        intake_cache.save(cache / intake_cache.INDEX, regions, kept, time.time_ns())
    keys = {source: entry.key for source, entry in kept.items()}
    digests = {source: entry.digest for source, entry in kept.items() if entry.digest}
    problems = tuple(sorted({*intake.problems, *unread})) if unread else intake.problems
    return Intake(intake.documents, problems, intake.places, intake.taken, keys, digests)


def read_content(
    content: Path,
    regions: Mapping[str, str],
    *,
    cache: Path | None = None,
    workers: int | None = None,
    max_bytes: int = Settings().max_report_bytes,
) -> Intake:
    """Every report under content/, named relative to it: what ``budgetsite build`` reads."""
    return read_files(
        named([content], content), regions, cache=cache, workers=workers, max_bytes=max_bytes
    )
