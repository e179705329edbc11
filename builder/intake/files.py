"""Which files are reports: every file under a content folder, read or listed with a reason.

Nothing under content/ is passed over without a word: a file is a report (its suffix has
a reader, in any case: ``.TXT``, ``.DOCX``), a hand-written page under content/pages/, or
listed as skipped with the reason. Symbolic links are never followed out of content/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from builder.contract import paths
from builder.contract.model import Document
from builder.contract.problems import WARNING, Problem
from builder.incremental.folder_sync import Stored
from builder.intake.hand_pages import PAGES
from builder.parse.readers import READERS, suffix_of

SUFFIXES: tuple[str, ...] = tuple(sorted(READERS))
"""The file suffixes that are reports (builder/parse/readers.py), in lower case."""
SKIPPED_RULE = "file-skipped"
_NOT_A_REPORT = "not a report"


class Listing(NamedTuple):
    """The reports of a folder, and every other file in it with why it is not read."""

    reports: list[Path]
    skipped: list[tuple[Path, str]]


def _why_not(path: Path, content: Path) -> str | None:
    """Why the file at ``path`` is not a report; None when it is one."""
    name = path.name
    if name.startswith("~$"):
        return "a Word lock file (left while the document is open in Word), not a report"
    if name.startswith("."):
        return "a hidden file, not a report"
    if name.endswith("~") or suffix_of(name) in (".tmp", ".bak", ".swp"):
        return "a temporary or backup file, not a report"
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(content))):
            return (
                f"a symbolic link that leaves {content.name}/ (to {target}); links are not followed"
            )
        if target.is_dir():
            return "a symbolic link to a folder; its files are read where they are"
    if suffix_of(name) not in SUFFIXES:
        kinds = ", ".join(SUFFIXES)
        return f"{_NOT_A_REPORT}: expected one of {kinds}"
    return None


def listing(content: Path) -> Listing:
    """Every file under ``content``, sorted by path: reports, and the rest with a reason.

    content/pages/ holds the hand-written pages: its .md files are read there, anything
    else in it is listed. A dangling link named like a report is kept as a report, so
    that reading it says what is wrong. Hidden folders are listed, not entered.
    """
    reports: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    pages = content / PAGES
    for folder, dirs, files in os.walk(content):
        here = Path(folder)
        for d in sorted(dirs):
            path = here / d
            if d.startswith("."):
                skipped.append((path, "a hidden folder, not read"))
            elif path.is_symlink():
                reason = _why_not(path, content) or "a symbolic link to a folder; not followed"
                skipped.append((path, reason))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if here == pages and suffix_of(name) == ".md":
                continue
            why: str | None = _why_not(path, content)
            if here == pages and (why is None or why.startswith(_NOT_A_REPORT)):
                why = "not a page: content/pages/ holds the hand-written .md pages"
            if why is None:
                reports.append(path)
            else:
                skipped.append((path, why))
    return Listing(sorted(reports), sorted(skipped))


def report_files(content: Path) -> list[Path]:
    """Every report under content/, sorted by path (see listing)."""
    return listing(content).reports


def source_name(path: Path, content: Path | None) -> str:
    """The path recorded in Document.source: relative to content/ when the file is inside."""
    if content is not None:
        if path.is_relative_to(content):  # as listed: a link is named by itself, not its target
            return path.relative_to(content).as_posix()
        try:
            return path.resolve().relative_to(content.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class Named(NamedTuple):
    """(source, path) of each report given, and a warning for each file passed over."""

    files: list[tuple[str, Path]]
    skipped: list[Problem]


def named(paths: Sequence[Path], content: Path | None = None) -> Named:
    """(source, path) of each report given: a file as itself, a folder as the reports in it.

    Sources are relative to ``content`` when given, else the paths as given, which is
    what ``budgetsite check`` prints. A file given by its path is read whatever its name.
    """
    files: list[Path] = []
    skipped: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = listing(path)
        files += found.reports
        skipped += [
            Problem(source_name(p, content), 1, WARNING, f"skipped: {why}", SKIPPED_RULE)
            for p, why in found.skipped
        ]
    return Named([(source_name(path, content), path) for path in files], skipped)


def received(
    content: Path, docs: Sequence[Document], digests: Mapping[str, str] | None = None
) -> Iterator[tuple[str, bytes | Stored]]:
    """Each report's file as received, by its address beside the unit's page, read as taken;
    with its SHA-256 in ``digests``, read only if the docs folder does not hold it already
    (3,000 files read and hashed took 0.7 s of a one-report rebuild).

    Published so that a reader can check the site against the very file the unit sent.
    """
    for doc in docs:
        path = content / doc.source
        digest = (digests or {}).get(doc.source)
        found = Stored(bytes.fromhex(digest), path.read_bytes) if digest else path.read_bytes()
        yield paths.unit_source(doc), found
