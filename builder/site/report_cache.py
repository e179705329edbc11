"""Each report's own files, kept between builds: a rebuild renders only the reports that changed.

A report's unit page, project pages and JSON files depend on nothing but the report, its
quality findings, whether findings are shown, and the builder's code. They are kept under a
hash of all four, so a changed report, a finding that changed because another report did, or
a new version of the builder each make their files again; everything else is reused.
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

from builder.loader import source_hash
from builder.model import Document
from builder.quality import Finding

ReportFiles = dict[str, str]


@functools.cache
def code_version() -> str:
    """A hash of the builder's source code and of the library writing its JSON."""
    return f"pydantic-core={version('pydantic-core')}\0{source_hash('.')}"


def report_key(doc: Document, findings: Sequence[Finding], quality: bool) -> str:
    """The name a report's files are kept under: a hash of everything they are made from."""
    digest = hashlib.sha256(f"{code_version()}\0{quality}\0".encode())
    digest.update(doc.model_dump_json().encode())
    for finding in findings:
        digest.update(b"\0" + finding.model_dump_json().encode())
    return digest.hexdigest()


@dataclass
class ReportCache:
    """Files by report key: those of the last build, and those this build used or made."""

    known: dict[str, ReportFiles] = field(default_factory=dict)
    used: dict[str, ReportFiles] = field(default_factory=dict)

    def files(self, key: str, make: Callable[[], ReportFiles]) -> ReportFiles:
        found = self.known.get(key)
        if found is None:
            found = make()
        self.used[key] = found
        return found


def load(path: Path) -> ReportCache:
    """The cache a build left at path; empty when there is none or it cannot be read."""
    try:
        # marshal: plain dicts of strings, fast to read, and it builds no arbitrary objects.
        known = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return ReportCache()
    return ReportCache(known) if _valid(known) else ReportCache()


def _valid(known: object) -> bool:
    return isinstance(known, dict) and all(
        isinstance(key, str)
        and isinstance(files, dict)
        and all(isinstance(n, str) and isinstance(t, str) for n, t in files.items())
        for key, files in known.items()
    )


def save(path: Path, cache: ReportCache) -> None:
    """Keep what this build used (nothing else: the cache does not grow with old versions)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_bytes(marshal.dumps(dict(sorted(cache.used.items()))))
    os.replace(partial, path)
