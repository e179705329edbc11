"""The split build: which reports and pages belong to one part of a site built in parts.

A large deployment builds the site in parts (one year or one region each) as independent
jobs, then merges them under one root (builder/publish/merge.py). A part is chosen by the
content layout ``<year>/<region code>/<unit code>.txt``. A job still reads every report
(parsing is fast and cached; MkDocs is the cost): checks across reports need them all, and
its navigation names every year, so that a part's pages show the same navigation as the
merged site. Everything here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from builder.contract import codes, paths
from builder.contract.errors import ReportError
from builder.contract.model import Document

_SELECTOR = re.compile(r"^(year|region)=(\d+)$")


@dataclass(frozen=True)
class Part:
    """One part of the site: the reports of one year, or of one region."""

    key: str  # "year" or "region"
    value: str  # "2022", "130303"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"

    def holds(self, source: str) -> bool:
        """Whether the report at ``source`` (relative to content/) belongs to this part."""
        year, region = layout(source)
        return (year if self.key == "year" else region) == self.value


def parse_part(text: str) -> Part:
    """``year=2022`` or ``region=130303`` (the value of ``--only``)."""
    match = _SELECTOR.match(text.strip())
    if match is None:
        raise ValueError(f"expected year=<4 digits> or region=<6 digits>, found {text!r}")
    key, value = match.groups()
    if len(value) != (4 if key == "year" else 6):
        raise ValueError(f"expected year=<4 digits> or region=<6 digits>, found {text!r}")
    return Part(key, value)


def layout(source: str) -> tuple[str, str]:
    """(year, region code) of a report from its place: ``<year>/<region>/<unit>.txt``."""
    place = codes.folder_place(source)
    if place is None:
        raise ReportError(
            source, 1, "expected content/<year>/<region code>/<unit code>.txt to build it in parts"
        )
    return place


def owned_pages(doc: Document) -> list[str]:
    """The pages a report's part builds and the merge copies: its unit page and project pages."""
    return paths.report_pages(doc)


def owned_data(doc: Document) -> list[str]:
    """The downloads of one report that its part writes: its unit's and its projects' JSON,
    and the report's file as received."""
    return [*paths.report_data(doc), paths.unit_source(doc)]


def nav_stubs(files: Collection[str], years: Sequence[int]) -> dict[str, str]:
    """Empty pages for the navigation's years that another part builds.

    MkDocs resolves a navigation entry only to a file in the docs folder; these are written
    there but excluded from the build (``exclude_docs``), so the entry links to the page the
    merged site will have.
    """
    return {paths.year(y): "" for y in years if paths.year(y) not in files}


def exclude_lines(names: Iterable[str]) -> str:
    """``exclude_docs`` (gitignore syntax) naming exactly these docs files."""
    return "".join(f"/{name}\n" for name in sorted(names))


def excluded_pattern(docs: Sequence[Document]) -> str:
    """``exclude_docs`` for the merge: the part-built pages, as few gitignore lines.

    The merge renders every page and per-report download so that MkDocs can resolve links
    to the part-built ones, but builds only the cross-part pages: lines per (year, region)
    and for projects.
    """
    pairs = sorted({(d.year, d.region.code) for d in docs})
    lines = [
        f"/{year}/{region}/{name}" for year, region in pairs for name in ("*/index.md", "*.json")
    ]
    return "\n".join(["/projects/*/index.md", "/projects/*.json", *lines]) + "\n"


def html_of(page: str) -> str:
    """The HTML file MkDocs writes for a page source ``<address>/index.md``."""
    return page.removesuffix(".md") + ".html"
