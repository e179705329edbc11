"""The disk edge of the parser: read report files and site data, parse them in order."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.parse import Parsed, decode, parse_with_ledger

REPORT_SUFFIX = ".txt"


def load_regions(site_data: Path) -> dict[str, str]:
    """Region code → name from site_data/regions.toml (empty when the file is missing)."""
    path = site_data / "regions.toml"
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReportError(str(path), getattr(exc, "lineno", 1), f"expected TOML: {exc}") from None
    regions = data.get("regions", {})
    return {str(code): str(name) for code, name in sorted(regions.items())}


def report_files(content: Path) -> list[Path]:
    """Every report under content/ (``<year>/<region>/<unit>.txt``), sorted by path.

    Anything named like a report but a folder is skipped; a dangling link is kept, so
    that reading it reports it instead of losing it without a word.
    """
    return sorted(p for p in content.rglob(f"*{REPORT_SUFFIX}") if not p.is_dir())


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


def parse_file(path: Path, regions: Mapping[str, str], content: Path | None = None) -> Parsed:
    source = source_name(path, content)
    return parse_with_ledger(decode(path.read_bytes(), source), source, regions)


def load_content(content: Path, regions: Mapping[str, str]) -> list[Document]:
    """Every report under content/, parsed, in path order."""
    return [parse_file(p, regions, content).document for p in report_files(content)]


def parse_files(
    paths: Iterable[Path], regions: Mapping[str, str], content: Path | None
) -> list[Parsed]:
    return [parse_file(p, regions, content) for p in paths]
