"""Each report's own files, kept between builds: a rebuild renders only the reports that changed.

A report's unit page, project pages and JSON files depend on nothing but the report, its
quality findings, whether findings are shown, and the builder's code. They are kept under a
hash of all four, so a changed report, a finding that changed because another report did, or
a new version of the builder each make their files again; everything else is reused.
The findings of the rules that look at one report alone are kept too, under a hash of the
report and the code (the rules across reports run on every build).
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import cast

from builder.contract.model import Document
from builder.incremental.parse_cache import source_hash
from builder.quality import Finding
from builder.quality.rules import Level

ReportFiles = dict[str, str]


@functools.cache
def code_version() -> str:
    """A hash of the builder's source code and of the library writing its JSON."""
    return f"pydantic-core={version('pydantic-core')}\0{source_hash('.')}"


def doc_hash(doc: Document) -> str:
    """A hash of a report and of the builder's code: its own findings are kept under it."""
    digest = hashlib.sha256(f"{code_version()}\0".encode())
    digest.update(doc.model_dump_json().encode())
    return digest.hexdigest()


def report_key(
    doc: Document,
    findings: Sequence[Finding],
    quality: bool,
    *,
    doc_digest: str | None = None,
    related: str = "",
) -> str:
    """The name a report's files are kept under: a hash of everything they are made from.

    ``doc_digest`` is the report's doc_hash, when the caller has it already; ``related`` says
    what its pages name of other reports (builder/compare/related.py), as text.
    """
    digest = hashlib.sha256(f"{quality}\0{doc_digest or doc_hash(doc)}\0{related}\0".encode())
    for finding in findings:
        digest.update(repr(_row(finding)).encode())  # every field; cheaper than its JSON
    return digest.hexdigest()


@dataclass
class ReportCache:
    """Files by report key: those of the last build, and those this build used or made."""

    known: dict[str, ReportFiles] = field(default_factory=dict)
    used: dict[str, ReportFiles] = field(default_factory=dict)
    checked: dict[str, list[FindingRow]] = field(default_factory=dict)
    """A report's own findings by its doc_hash, as plain tuples (marshal holds no models)."""
    checked_used: dict[str, list[FindingRow]] = field(default_factory=dict)

    def files(self, key: str, make: Callable[[], ReportFiles]) -> ReportFiles:
        found = self.known.get(key)
        if found is None:
            found = make()
        self.used[key] = found
        return found

    def findings(self, digest: str, make: Callable[[], list[Finding]]) -> list[Finding]:
        rows = self.checked.get(digest)
        if rows is None:
            rows = [_row(finding) for finding in make()]
        self.checked_used[digest] = rows
        return [_finding(row) for row in rows]


FindingRow = tuple[str, str, str, int, str, str, str, str]
FINDING_FIELDS = tuple(name for name in Finding.model_fields if name != "place")
"""What a cached finding holds: a rule's own finding has no place; intake gives it one."""


def _finding(row: FindingRow) -> Finding:
    rule, level, source, line, project, subject, value, message = row
    # Not validated again: these are the fields of a Finding an earlier build made and checked.
    return Finding.model_construct(
        rule=rule,
        level=cast(Level, level),
        source=source,
        line=line,
        project=project,
        subject=subject,
        value=value,
        message=message,
        place="",
    )


def _row(finding: Finding) -> FindingRow:
    f = finding
    return (f.rule, f.level, f.source, f.line, f.project, f.subject, f.value, f.message)


FILES, FINDINGS = "files-", "findings-"
"""Names of the entries in the cache folder: one file per report key or per report hash."""
_SUFFIX = ".marshal"


def load(folder: Path) -> ReportCache:
    """The cache a build left in folder; entries that cannot be read are left out (made again)."""
    known: dict[str, ReportFiles] = {}
    checked: dict[str, list[FindingRow]] = {}
    for path in sorted(folder.glob(f"*{_SUFFIX}")) if folder.is_dir() else []:
        name = path.name.removesuffix(_SUFFIX)
        try:
            # marshal: plain dicts and tuples of strings, fast to read, and no arbitrary objects.
            value = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if name.startswith(FILES) and _valid({name: value}):
            known[name.removeprefix(FILES)] = value
        elif name.startswith(FINDINGS) and _checked({name: value}):
            checked[name.removeprefix(FINDINGS)] = value
    return ReportCache(known, checked=checked)


def _checked(checked: object) -> bool:
    return isinstance(checked, dict) and all(
        isinstance(key, str)
        and isinstance(rows, list)
        and all(
            isinstance(row, tuple)
            and len(row) == len(FINDING_FIELDS)
            and all(isinstance(v, int if i == 3 else str) for i, v in enumerate(row))
            for row in rows
        )
        for key, rows in checked.items()
    )


def _valid(known: object) -> bool:
    return isinstance(known, dict) and all(
        isinstance(key, str)
        and isinstance(files, dict)
        and all(isinstance(n, str) and isinstance(t, str) for n, t in files.items())
        for key, files in known.items()
    )


def save(folder: Path, cache: ReportCache) -> None:
    """Keep what this build used, nothing else (the cache does not grow with old versions).

    One file per entry, so that a rebuild writes only the entries it made.
    """
    folder.mkdir(parents=True, exist_ok=True)
    wanted: dict[str, ReportFiles | list[FindingRow]] = {
        FILES + key: files for key, files in cache.used.items()
    }
    wanted.update({FINDINGS + key: rows for key, rows in cache.checked_used.items()})
    kept = {FILES + key for key in cache.known} | {FINDINGS + key for key in cache.checked}
    for path in folder.glob(f"*{_SUFFIX}"):
        if path.name.removesuffix(_SUFFIX) not in wanted:
            path.unlink()
    for name, value in sorted(wanted.items()):
        target = folder / f"{name}{_SUFFIX}"
        if name in kept and target.is_file():
            continue
        partial = target.with_suffix(".tmp")
        partial.write_bytes(marshal.dumps(value))
        os.replace(partial, target)
