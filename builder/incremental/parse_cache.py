"""Load every report under content/: from the parse cache when unchanged, else parsed on all cores.

A parsed Document is cached in its plain form (builder/contract/plain.py), with the parser's
warnings, under a key that hashes
everything the parse depends on: the file's bytes, its path (Document.source, year and
region come from it), the region names and the parser's own source code. So a rebuild
after changing one report parses one file, and a changed parser or regions.toml parses
everything again. An entry that does not read back (truncated, edited, from another
model) is ignored and replaced.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import builder
from builder.contract.compact import compact
from builder.contract.errors import EnvironmentFailure, ReportError
from builder.contract.model import Document
from builder.contract.plain import from_plain, to_plain
from builder.engines.processes import map_in_parallel
from builder.parse import parse_with_ledger
from builder.parse.readers import read_text

PARALLEL_MIN = 32
"""Fewer files than this are parsed in-process: starting workers costs more than it saves."""
_CODE = ("contract", "parse")
"""The builder's files a parse depends on: a change to any of them empties the cache."""


@dataclass(frozen=True)
class _Job:
    data: bytes
    source: str
    regions: dict[str, str]
    entry: Path | None = None
    """Where the parse is cached, if it is: parse_all writes it there."""


@dataclass(frozen=True)
class _Written:
    """A worker's parse, written to its job's cache entry for the build to read back."""

    source: str


@dataclass(frozen=True)
class _Failure:
    """A ReportError crossing a process boundary (its constructor does not pickle)."""

    source: str
    line: int
    message: str
    place: str = ""


Warnings = tuple[tuple[int, str], ...]
"""(line, message) of each warning the parser gave a file."""


@dataclass(frozen=True)
class Report:
    """One file's parse: its Document and the parser's warnings."""

    document: Document
    warnings: Warnings = ()


@functools.cache
def parser_version() -> str:
    """A hash of the parser's source code: cached Documents are only valid for one version."""
    return source_hash(*_CODE)


def source_hash(*names: str) -> str:
    """A hash of the builder's Python files at these paths (files, or folders: all within)."""
    root = Path(builder.__file__).parent
    digest = hashlib.sha256()
    for name in names:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(data: bytes, source: str, regions: Mapping[str, str]) -> str:
    """The cache entry's name for one file: a hash of all the parse depends on."""
    digest = hashlib.sha256(parser_version().encode())
    digest.update(json.dumps([source, sorted(regions.items())], ensure_ascii=False).encode())
    digest.update(b"\0" + data)
    return digest.hexdigest()


def _parse(job: _Job) -> Report | _Failure:
    try:
        parsed = parse_with_ledger(read_text(job.data, job.source).text, job.source, job.regions)
        return Report(parsed.document, parsed.warnings)
    except ReportError as exc:
        return _Failure(exc.source, exc.line, exc.message, exc.place)


def _parse_and_write(job: _Job) -> _Written | Report | _Failure:
    """In a worker: the parse written to the job's entry, not sent back as a pickle. Read
    back as a cached entry is, the Documents then take the build as little memory as on a
    rebuild: unpickled and compacted, 3,000 of them left it 580 MiB large, not 270."""
    result = _parse(job)
    if job.entry is None or isinstance(result, _Failure):
        return result
    _write_cached(job.entry, result)
    return _Written(job.source)


def parse_all(jobs: Sequence[_Job], workers: int) -> list[Report | _Failure]:
    """Parse in order; across ``workers`` processes when there are enough files to gain.

    A job with an entry has its parse written there: by the worker that made it, which
    sends back only that it did, and the build reads it back as it reads a cached one.
    In batches of BATCH files, each batch's Documents compacted as soon as they arrive
    (builder/contract/compact.py): a Document comes back from a worker with a set of its
    own in every model, and a whole corpus of them at once would double the build's peak.
    """
    if workers < 2 or len(jobs) < PARALLEL_MIN:
        found = [_compacted(_parse(job)) for job in jobs]
        for job, result in zip(jobs, found, strict=True):
            if job.entry is not None and isinstance(result, Report):
                _write_cached(job.entry, result)
        return found
    found = []
    for start in range(0, len(jobs), BATCH):
        batch = jobs[start : start + BATCH]
        parsed = map_in_parallel("content/", "parse the reports", _parse_and_write, batch, workers)
        found += [_received(job, result) for job, result in zip(batch, parsed, strict=True)]
    return found


def _received(job: _Job, result: _Written | Report | _Failure) -> Report | _Failure:
    if not isinstance(result, _Written):
        return _compacted(result)
    assert job.entry is not None  # a worker writes only a job's own entry
    report = _read_cached(job.entry)
    if report is None:
        raise EnvironmentFailure(str(job.entry), "expected the parse a worker just wrote")
    return report


BATCH = 200
"""Files parsed by the workers in one go, before their Documents are compacted."""


def _compacted(result: Report | _Failure) -> Report | _Failure:
    if isinstance(result, _Failure):
        return result
    return Report(compact(result.document), result.warnings)


def _read_cached(path: Path) -> Report | None:
    try:
        data = path.read_bytes()
        payload = data[_SEAL:]
        if hashlib.sha256(payload).digest() != data[:_SEAL]:
            return None  # cut short or changed since this code wrote it
        warnings, plain = marshal.loads(payload)
        # made compacted, so the next report's load reuses the memory this one frees
        return Report(from_plain(Document, plain), tuple(map(tuple, warnings)))
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_cached(path: Path, report: Report) -> None:
    # Write then rename, so an interrupted build never leaves half an entry behind; sealed
    # with the hash of its bytes, since a plain value is trusted as it reads back.
    payload = marshal.dumps((report.warnings, to_plain(report.document)))
    partial = path.with_suffix(".tmp")
    partial.write_bytes(hashlib.sha256(payload).digest() + payload)
    os.replace(partial, path)


_SEAL = 32
"""Bytes of an entry's seal: the SHA-256 of the rest."""
SUFFIX = ".parse"
"""A cache entry's file is named by its key, then this."""


def default_workers() -> int:
    """One worker per core, at most 2: what the build machine has to spare."""
    return min(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class ParseResults:
    """The parses of the files that parse, by source, and how many were parsed or cached."""

    reports: dict[str, Report]
    failures: tuple[ReportError, ...]
    parsed: int
    cached: int
    keys: dict[str, str] = field(default_factory=dict)
    """Each file's cache key, by source."""


def parse_cached(
    files: Sequence[tuple[str, bytes]],
    regions: Mapping[str, str],
    *,
    cache: Path | None = None,
    workers: int | None = None,
    keep: frozenset[str] = frozenset(),
) -> ParseResults:
    """(source, bytes) of each report → its Report, from ``cache`` or parsed on all cores.

    A file that does not parse is in ``failures``, never cached. Cache entries of files
    that are gone or changed are removed, so the folder holds one entry per report; the
    entries named in ``keep`` are those of files taken in unread (intake_cache.py).
    """
    regions = dict(regions)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    keys: dict[str, str] = {}
    reports: dict[str, Report] = {}
    missing: list[_Job] = []
    for source, data in files:
        keys[source] = cache_key(data, source, regions)
        entry = None if cache is None else cache / f"{keys[source]}{SUFFIX}"
        found = None if entry is None else _read_cached(entry)
        if found is None:
            missing.append(_Job(data, source, regions, entry))
        else:
            reports[source] = found
    failures: list[ReportError] = []
    for job, result in zip(missing, parse_all(missing, workers or default_workers()), strict=True):
        if isinstance(result, _Failure):
            failures.append(ReportError(result.source, result.line, result.message, result.place))
            continue
        reports[job.source] = result  # and cached, by parse_all
    if cache is not None:
        _prune(cache, {*keys.values(), *keep})
    done = len(files) - len(missing)
    return ParseResults(reports, tuple(failures), len(missing), done, keys)


def cached(cache: Path, key: str) -> Report | None:
    """The entry under key, or None if there is none that reads back."""
    return _read_cached(cache / f"{key}{SUFFIX}")


def _prune(cache: Path, keep: set[str]) -> None:
    for entry in cache.iterdir():
        # Entries are named by their key, 64 hex digits; ".json" ones are an older form's.
        named = len(entry.stem) == 64 and entry.suffix in (SUFFIX, ".tmp", ".json")
        if named and entry.stem not in keep:
            entry.unlink()
