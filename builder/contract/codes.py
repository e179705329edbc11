"""The shapes of the codes a report carries, and the content layout: one definition of each.

A project code (项目编码, 21 characters) starts with the 6-digit administrative division
code (GB/T 2260) and the 2-digit year: ``13030322P00397010024Q`` is 山海关区, 2022. Every
page address is made from the year, region, unit and project codes (docs/DESIGN.md §4), so each
must match its plain ASCII pattern before any path is built from it: no ``/``, ``..``,
backslash or look-alike digit can reach the file system. ``re.ASCII`` matters: without it
``\\d`` also matches full-width and other Unicode digits.
"""

from __future__ import annotations

import re

YEAR = re.compile(r"[0-9]{4}", re.ASCII)
REGION_CODE = re.compile(r"[0-9]{6}", re.ASCII)
UNIT_CODE = re.compile(r"[0-9]{6}", re.ASCII)
PROJECT_CODE_LENGTH = 21
PROJECT_CODE = re.compile(rf"[0-9A-Z]{{{PROJECT_CODE_LENGTH}}}", re.ASCII)
"""A 项目编码 that may become an address."""
PROJECT_CODE_CELL = re.compile(r"^\d{8}[0-9A-Za-z]{4,}$")
"""A table cell the parser reads as a 项目编码: region and year digits, then a serial. Looser
than PROJECT_CODE on purpose, so that a malformed code is reported, not taken for text."""

REGION_PART = slice(0, 6)
"""The region code inside a 项目编码."""
YEAR_PART = slice(6, 8)
"""The year's last two digits inside a 项目编码."""

LAYOUT = re.compile(r"(?:^|/)(\d{4})/(\d{6})/([^/]+)$")
"""content/<year>/<region code>/<file>: the folders say the year and the region."""
_UNIT_FILE = re.compile(r"(\d{6})\.[A-Za-z0-9]+")


def matches(value: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``value`` matches ``pattern`` in full (and so may be part of a path)."""
    return pattern.fullmatch(value) is not None


def year_suffix(year: int) -> str:
    """The two digits a 项目编码 of ``year`` carries: 2022 → 22."""
    return f"{year % 100:02d}"


def year_of(code: str) -> int:
    """The year a 项目编码 names: 13030322… → 2022."""
    return 2000 + int(code[YEAR_PART])


def folder_place(source: str) -> tuple[str, str] | None:
    """(year, region code) from a report's folders, ``<year>/<region>/<file>``, else None."""
    match = LAYOUT.search(source.replace("\\", "/"))
    return (match.group(1), match.group(2)) if match else None


def file_place(source: str) -> tuple[int, str, str] | None:
    """(year, region, unit) when the path is ``<year>/<region>/<unit code>.<suffix>``."""
    match = LAYOUT.search(source.replace("\\", "/"))
    if match is None:
        return None
    unit = _UNIT_FILE.fullmatch(match.group(3))
    return (int(match.group(1)), match.group(2), unit.group(1)) if unit else None
