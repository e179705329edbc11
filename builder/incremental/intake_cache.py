"""Unchanged reports are not read again: a file's stat stands for its bytes, as in Git's index.

Taking a report in reads it whole, and a Word or PDF file is parsed to text before its
Document comes from the parse cache (parse_cache.py): at 1,000 PDF reports that is a
minute and a half of every rebuild. So the work folder keeps, for each report the last build
took in without an error, the file's stat (size, modification and change times, inode) and
what taking it in gave that depends on that file alone: its parse cache key, its own
problems (warnings), where its codes are, and the places of its lines. A file whose stat is
the same is taken in from these without being opened; the checks across reports still run
on every build, over every report.

A file changed within ``RACY_NS`` of the moment its stat was taken may look unchanged to a
later stat (a file system keeps times to a second on some disks): such an entry is not
trusted, and the file is read again, as Git does with "racily clean" entries.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.contract.problems import ERROR, WARNING, Problem
from builder.incremental.parse_cache import source_hash
from builder.intake.identity import Where

RACY_NS = 2_000_000_000
INDEX = "intake.json"


Stat = tuple[int, int, int, int]


def stat_of(path: Path) -> Stat:
    """What the index compares: size, modification and change times, inode."""
    st = path.stat()
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass(frozen=True)
class Kept:
    """What taking one file in gave, as the index keeps it."""

    stat: Stat
    key: str
    """The file's parse cache key: its Document is there."""
    problems: tuple[Problem, ...]
    where: Where
    places: tuple[str, ...] | None
    digest: str = ""
    """The SHA-256 of the file's bytes: its copy beside its page is known by it unread."""


@functools.cache
def _code() -> str:
    return source_hash("contract", "parse", "intake", "incremental/intake_cache.py")


def setting(regions: Mapping[str, str]) -> str:
    """What every entry depends on besides its file: the code that reads, parses and checks
    one file (its own problems come from the intake's checks too), and the regions."""
    text = json.dumps([_code(), sorted(regions.items())], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def load(path: Path, regions: Mapping[str, str]) -> dict[str, Kept]:
    """The entries of the index at path, by source; none if it is missing, unreadable or
    was written with another parser or other regions."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["setting"] != setting(regions):
            return {}
        return {source: _kept(entry) for source, entry in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def fresh(kept: Kept | None, path: Path) -> bool:
    """Whether the file at path is as it was when ``kept`` was taken (by its stat)."""
    if kept is None:
        return False
    try:
        stat = stat_of(path)
    except OSError:
        return False
    return stat == kept.stat


def save(path: Path, regions: Mapping[str, str], entries: Mapping[str, Kept], now_ns: int) -> None:
    """Write the index: entries changed within RACY_NS of now_ns are left out (read again)."""
    files = {
        source: _entry(kept)
        for source, kept in sorted(entries.items())
        if now_ns - kept.stat[1] >= RACY_NS
    }
    data = {"setting": setting(regions), "files": files}
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def _entry(kept: Kept) -> dict[str, Any]:
    return {
        "stat": list(kept.stat),
        "key": kept.key,
        "problems": [
            [p.source, p.line, p.level, p.message, p.rule, p.place, list(p.holds_back)]
            for p in kept.problems
        ],
        "where": [kept.where.unit_line, sorted(kept.where.code_lines.items())],
        "places": None if kept.places is None else list(kept.places),
        "digest": kept.digest,
    }


def _kept(entry: Mapping[str, Any]) -> Kept:
    problems = tuple(
        Problem(
            str(s), int(n), ERROR if level == ERROR else WARNING, str(m), str(r), str(pl), tuple(h)
        )
        for s, n, level, m, r, pl, h in entry["problems"]
    )
    unit_line, codes = entry["where"]
    places = entry["places"]
    size, modified, changed, inode = (int(v) for v in entry["stat"])
    return Kept(
        (size, modified, changed, inode),
        str(entry["key"]),
        problems,
        Where(int(unit_line), {int(a): int(b) for a, b in codes}),
        None if places is None else tuple(str(p) for p in places),
        str(entry["digest"]),
    )
