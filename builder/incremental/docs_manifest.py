"""What the last sync wrote into the docs folder, so that a rebuild need not read it back.

A large site's docs folder holds tens of thousands of files; reading each one to compare it
with its new content costs seconds. The manifest keeps, per file, the hash of the content the
sync left and the file's size and modification time then. A file whose size and modification
time are still those and whose new content has that hash is known to be unchanged; any other
file (changed by hand, no manifest, a different stat) is read and compared as before.

A file's modification time is as fine as the file system's clock: one changed by hand within
the same clock tick as the manifest was written could keep its recorded time. So, as Git does
for its index, an entry is trusted only when the file is older than the manifest itself.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

Entry = tuple[bytes, int, int]
"""The content's SHA-256, the file's size and its modification time in nanoseconds."""


def digest(data: bytes) -> bytes:
    """The hash a file's content is known by."""
    return digest_of((data,))


def digest_of(pieces: Iterable[bytes]) -> bytes:
    """The hash of the content these pieces make, taken one at a time."""
    hashed = hashlib.sha256()
    for piece in pieces:
        hashed.update(piece)
    return hashed.digest()


def entry(data_digest: bytes, stat: os.stat_result) -> Entry:
    """What the manifest records of a file with this content hash and this stat."""
    return (data_digest, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Manifest:
    """The entries of the last sync, and the time before which a file's stat can be trusted."""

    entries: dict[str, Entry] = field(default_factory=dict)
    written_ns: int = 0

    def unchanged(self, name: str, stat: os.stat_result, data_digest: bytes) -> bool:
        """Whether the file ``name`` with this stat is known to hold content of this hash."""
        known = self.entries.get(name)
        return (
            known is not None
            and known == entry(data_digest, stat)
            and stat.st_mtime_ns < self.written_ns
        )


def load(path: Path) -> Manifest:
    """The manifest at path; empty (every file is read) when there is none or it is unreadable."""
    try:
        written_ns = path.stat().st_mtime_ns
        # marshal: plain tuples of bytes and ints, fast to read, and it builds no arbitrary objects.
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return Manifest()
    return Manifest(entries, written_ns) if _valid(entries) else Manifest()


def _valid(entries: object) -> bool:
    return isinstance(entries, dict) and all(
        isinstance(name, str)
        and isinstance(known, tuple)
        and len(known) == 3
        and isinstance(known[0], bytes)
        and all(isinstance(n, int) for n in known[1:])
        for name, known in entries.items()
    )


def save(path: Path, entries: dict[str, Entry]) -> None:
    """Record the files a sync left, by name (sorted, so the file is byte-stable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_bytes(marshal.dumps(dict(sorted(entries.items()))))
    os.replace(partial, path)


def forget(path: Path) -> None:
    """Remove the manifest: until a sync succeeds, no entry may be trusted."""
    path.unlink(missing_ok=True)
