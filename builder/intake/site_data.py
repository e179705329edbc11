"""site_data/: the typed site settings (site.toml) and the region names (regions.toml)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from builder.contract.errors import ReportError
from builder.contract.settings import Settings

SETTINGS = "site.toml"
REGIONS = "regions.toml"
TABLES = ("regions", "parents")
"""regions.toml's tables: region code → name, and code prefix → name of a city or province."""


def _toml(path: Path) -> tuple[str, dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReportError(str(path), getattr(exc, "lineno", 1), f"expected TOML: {exc}") from None


def key_line(text: str, key: str) -> int:
    """The line a top-level ``key = …`` or ``[key]`` is on (tomllib keeps no positions), else 1."""
    name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    pattern = re.compile(rf"^\s*(?:{name}\s*=|\[\s*{name}\s*\])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def load_settings(site_data: Path) -> Settings:
    """site_data/site.toml as Settings (the defaults when the file is missing).

    A key the model does not know, or a value of the wrong type (``quality = "false"``),
    stops with ``site.toml:line: expected …``.
    """
    path = site_data / SETTINGS
    if not path.exists():
        return Settings()
    text, data = _toml(path)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]) if error["loc"] else ""
        if error["type"] == "extra_forbidden":
            known = ", ".join(Settings.model_fields)
            message = f"expected one of the keys {known}, found '{key}'"
        else:
            field = Settings.model_fields.get(key)
            kind = field.annotation.__name__ if field and field.annotation else "value"
            message = f"expected {key} to be a {kind} ({error['msg']}), found {error['input']!r}"
        raise ReportError(str(path), key_line(text, key), message) from None


def _region_table(site_data: Path, table: str) -> dict[str, str]:
    """One table of site_data/regions.toml, by code (empty when the file is missing); the
    file is checked whole, whichever table is asked for."""
    path = site_data / REGIONS
    if not path.exists():
        return {}
    text, data = _toml(path)
    for key, value in data.items():
        if key not in TABLES or not isinstance(value, dict):
            found = f"'{key}'" if key not in TABLES else "a value"
            raise ReportError(
                str(path),
                key_line(text, key),
                f"expected only the tables [regions] and [parents], found {found}",
            )
    return {str(code): str(name) for code, name in sorted(data.get(table, {}).items())}


def load_regions(site_data: Path) -> dict[str, str]:
    """Region code → name from site_data/regions.toml (empty when the file is missing)."""
    return _region_table(site_data, "regions")


def load_parents(site_data: Path) -> dict[str, str]:
    """Code prefix → name of the city (4 digits) or province (2) from regions.toml's [parents]."""
    return _region_table(site_data, "parents")
