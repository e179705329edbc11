"""What a search should find, from a site's own open data (data/all.json) alone.

Truth for a query: the project and unit pages whose own words hold every word of it. A
page's own words (issue 15) are where it is (year; region with its parent city and
province, from site_data/regions.toml), its unit's name, and for a project its name, code,
purpose, goals and every indicator cell; for a unit page its goals and measures. A word of
letters and digits (a code, a year) is held when a run of letters and digits starts with
it; any other word when it is part of the text. Case and full-width forms do not count.
This module does not use the builder's own search code, so it can judge it.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ASCII_WORD = re.compile(r"[0-9a-z]+")
PLACEHOLDER = re.compile(r"\{(region|unit|project|code|year):(\d+)\}")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def parents(site_data: Path) -> dict[str, str]:
    """Code prefix (city: 4 digits, province: 2) → name, from regions.toml's [parents]."""
    path = site_data / "regions.toml"
    if not path.is_file():
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("parents", {})
    return {str(code): str(name) for code, name in table.items()}


def _where(report: Mapping[str, Any], above: Mapping[str, str]) -> list[str]:
    code = str(report["region"]["code"])
    year = str(report["year"])
    names = [above.get(code[:2], ""), above.get(code[:4], ""), str(report["region"]["name"])]
    return [year, f"{year}年", *names, str(report["unit"]["name"])]


def own_words(reports: Iterable[Mapping[str, Any]], above: Mapping[str, str]) -> dict[str, str]:
    """Page address (``projects/<code>/``, ``<year>/<region>/<unit>/``) → its own words."""
    pages: dict[str, str] = {}
    for report in reports:
        where = _where(report, above)
        unit = [str(report.get("overall_goal", "")), str(report.get("sub_goals_intro", ""))]
        for goal in report.get("sub_goals", []):
            unit += [str(goal.get("title", "")), str(goal.get("text", ""))]
            unit += [str(part.get("text", "")) for part in goal.get("parts", [])]
        unit.append(str(report.get("measures", "")))
        address = f"{report['year']}/{report['region']['code']}/{report['unit']['code']}/"
        pages[address] = fold("\n".join(where + unit))
        for project in report.get("projects", []):
            words = [str(project["name"]), str(project["code"]), str(project.get("purpose", ""))]
            words += [str(goal) for goal in project.get("goals", [])]
            for row in project.get("indicators", []):
                cells = ("level1", "level2", "level3", "description", "value", "basis")
                words += [str(row.get(cell) or "") for cell in cells]
            pages[f"projects/{project['code']}/"] = fold("\n".join(where + words))
    return pages


def holds(text: str, word: str) -> bool:
    if ASCII_WORD.fullmatch(word):
        return re.search(rf"(?<![0-9a-z]){re.escape(word)}", text) is not None
    return word in text


def truth(query: str, pages: Mapping[str, str]) -> set[str]:
    words = fold(query).split()
    return {address for address, text in pages.items() if all(holds(text, w) for w in words)}


def load_reports(site: Path) -> list[dict[str, Any]]:
    reports: list[dict[str, Any]] = json.loads((site / "data" / "all.json").read_text("utf-8"))
    return reports


def fill(query: str, reports: list[dict[str, Any]]) -> str:
    """The query with its placeholders ({region:N} …) replaced from the site's data."""
    values: dict[str, list[str]] = {
        "region": sorted({str(r["region"]["name"]) for r in reports}),
        "unit": sorted({str(r["unit"]["name"]) for r in reports}),
        "project": sorted({str(p["name"]) for r in reports for p in r["projects"]}),
        "code": sorted(str(p["code"]) for r in reports for p in r["projects"]),
        "year": sorted({str(r["year"]) for r in reports}),
    }

    def one(match: re.Match[str]) -> str:
        found = values[match.group(1)]
        return found[int(match.group(2)) % len(found)]

    return PLACEHOLDER.sub(one, query)


def queries(path: Path, section: str, reports: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(kind, query) of one section of the queries file, placeholders filled."""
    table = tomllib.loads(path.read_text(encoding="utf-8"))[section]
    return [(kind, fill(q, reports)) for kind, listed in table.items() for q in listed]
