"""Permanent addresses (docs/DESIGN.md §4) as source file paths, and links between them.

Every page is written as ``<address>/index.md`` so that with MkDocs' directory URLs the
source path and the served URL have the same depth: a relative link computed between
source paths is also correct between URLs, and the site works from any folder.
"""

from __future__ import annotations

import posixpath

from builder.contract.model import Document

HOME = "index.md"
PROJECTS = "projects/index.md"
UNITS = "units/index.md"
INDICATORS = "indicators/index.md"
DATA = "data/index.md"
QUALITY = "quality/index.md"
QUALITY_CSV = "quality/findings.csv"
ALL_DATA_JSON = "data/all.json"
ALL_SCHEMA = "data/schema.json"
UNIT_SCHEMA = "data/unit.schema.json"
PROJECT_SCHEMA = "data/project.schema.json"
DATAPACKAGE = "data/datapackage.json"
WORKBOOK = "data/budget-goals.xlsx"
DATABASE = "data/budget-goals.sqlite"
INDEX = "index.md"
HOME_PAGE = "home"
"""content/pages/home.md is the home page's introduction, not a page of its own."""


def data_file(name: str) -> str:
    """A download in /data/, e.g. indicators.csv."""
    return f"data/{name}"


def project(code: str) -> str:
    return f"projects/{code}/index.md"


def project_data(code: str) -> str:
    """The project's JSON beside its page: /projects/<code>.json."""
    return f"projects/{code}.json"


def unit(doc: Document) -> str:
    return unit_at(doc.year, doc.region.code, doc.unit.code)


def unit_at(year_value: int, region_code: str, unit_code: str) -> str:
    """A unit's page in a year, e.g. the same unit's page of another year."""
    return f"{year_value}/{region_code}/{unit_code}/index.md"


def unit_changes(doc: Document) -> str:
    """What changed since the unit's previous report: /<year>/<region>/<unit>/changes/."""
    return f"{doc.year}/{doc.region.code}/{doc.unit.code}/changes/index.md"


def unit_data(doc: Document) -> str:
    """The unit report's JSON beside its page: /<year>/<region>/<unit>.json."""
    return f"{doc.year}/{doc.region.code}/{doc.unit.code}.json"


def report_pages(doc: Document) -> list[str]:
    """A report's own pages: its unit page and its project pages."""
    return [unit(doc), *(project(p.code) for p in doc.projects)]


def report_data(doc: Document) -> list[str]:
    """A report's own JSON files: its unit's and its projects'."""
    return [unit_data(doc), *(project_data(p.code) for p in doc.projects)]


def unit_source(doc: Document) -> str:
    """The report's file as received, beside its page: /<year>/<region>/<unit>.<suffix>.

    Named by the unit, not as received: a received name may hold anything. The link to it
    offers the received name for saving (builder/render/data_page.py).
    """
    suffix = posixpath.splitext(doc.source)[1].lower()
    return f"{doc.year}/{doc.region.code}/{doc.unit.code}.source{suffix}"


SIMILAR = "similar/index.md"


def similar(key: str, number: int = 1) -> str:
    """Page ``number`` of a like-project group: /similar/<key>/, then /similar/<key>/2/ ….

    The key holds letters and digits only (builder/compare/likeness.py), so it is one folder.
    """
    return f"similar/{key}/index.md" if number == 1 else f"similar/{key}/{number}/index.md"


def year(value: int) -> str:
    return f"{value}/index.md"


def region(year_value: int, region_code: str) -> str:
    return f"{year_value}/{region_code}/index.md"


def hand_page(stem: str) -> str:
    """A hand-written page content/pages/<stem>.md is published at /<stem>/."""
    return f"{stem}/index.md"


def quality_rule(rule_id: str) -> str:
    return f"quality/{rule_id}/index.md"


def relative(target: str, base: str) -> str:
    """``posixpath.relpath`` for the site's own paths (relative, normalised, no ``..``).

    Pages link hundreds of thousands of times at province scale, and relpath makes both
    paths absolute against the working directory on every call.
    """
    to = [part for part in target.split("/") if part not in ("", ".")]
    start = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def md_link(from_page: str, target: str) -> str:
    """Relative link for Markdown: MkDocs checks it and turns ``…/index.md`` into a URL."""
    return relative(target, posixpath.dirname(from_page))


def href(from_page: str, target: str) -> str:
    """Relative URL for raw HTML: a page's folder (ending in /) or a data file."""
    base = posixpath.dirname(from_page)
    if posixpath.basename(target) == INDEX:
        rel = relative(posixpath.dirname(target), base)
        return "./" if rel == "." else rel + "/"
    return relative(target, base)
