"""Small per-report summaries for the pages across reports, kept by the report's doc_hash.

A page across reports (an indicator's, say) is kept under a hash of all it shows
(report_cache.page_key). Making that hash from the Documents meant going over every indicator
row of every report on every build: at 3,000 reports, 320,000 rows and 3 s of a one-report
rebuild. A report's share of it is now made once, when the report changes, and kept here as
bytes; a build joins the shares. All of them are kept in one file, read and written whole
(5 MB at 3,000 reports), not one file per report.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FILE = "summaries.marshal"
"""In the cache folder (builder/incremental/report_cache.py)."""

Kept = dict[str, dict[str, bytes]]
"""Summaries by kind, then by report doc_hash."""


@dataclass
class Summaries:
    """The summaries of the last build, and those this build used or made."""

    kept: Kept = field(default_factory=dict)
    used: Kept = field(default_factory=dict)

    def get(self, kind: str, digest: str, make: Callable[[], bytes]) -> bytes:
        """The ``kind`` summary of the report with this doc_hash: kept, or made now."""
        found = self.peek(kind, digest)
        if found is None:
            found = make()
        self.put(kind, digest, found)
        return found

    def peek(self, kind: str, digest: str) -> bytes | None:
        """What the last build kept under this kind and hash, if anything (not kept again)."""
        return self.kept.get(kind, {}).get(digest)

    def put(self, kind: str, digest: str, value: bytes) -> None:
        """Keep ``value`` for the next build."""
        self.used.setdefault(kind, {})[digest] = value


def load(folder: Path) -> Summaries:
    """What a build left in folder; nothing when it cannot be read (all are made again)."""
    try:
        kept = marshal.loads((folder / FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return Summaries()
    return Summaries(kept) if _valid(kept) else Summaries()


def _valid(kept: object) -> bool:
    return isinstance(kept, dict) and all(
        isinstance(kind, str)
        and isinstance(of_kind, dict)
        and all(isinstance(k, str) and isinstance(v, bytes) for k, v in of_kind.items())
        for kind, of_kind in kept.items()
    )


def save(folder: Path, summaries: Summaries) -> None:
    """Keep the summaries this build used, and no others (write then rename)."""
    if summaries.used == summaries.kept and (summaries.used == {} or (folder / FILE).is_file()):
        return
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{FILE}.tmp"
    ordered = {kind: dict(sorted(of.items())) for kind, of in sorted(summaries.used.items())}
    partial.write_bytes(marshal.dumps(ordered))
    os.replace(partial, folder / FILE)
