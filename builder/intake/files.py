"""Which files are reports: those under a content folder, or given by path, and their names."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from builder.parse.readers import SUFFIXES


def report_files(content: Path) -> list[Path]:
    """Every report under content/ (``<year>/<region>/<unit>.txt``), sorted by path.

    A report is a file whose suffix has a reader (builder/parse/readers.py). Anything
    named like a report but a folder is skipped; a dangling link is kept, so that reading
    it reports it instead of losing it without a word.
    """
    found = [p for suffix in SUFFIXES for p in content.rglob(f"*{suffix}")]
    return sorted(p for p in found if not p.is_dir())


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


def named(paths: Sequence[Path], content: Path | None = None) -> list[tuple[str, Path]]:
    """(source, path) of each report given: a file as itself, a folder as the reports in it.

    Sources are relative to ``content`` when given, else the paths as given, which is
    what ``budgetsite check`` prints.
    """
    files: list[Path] = []
    for path in paths:
        files += report_files(path) if path.is_dir() else [path]
    return [(source_name(path, content), path) for path in files]
