"""The seeds and the well-formed report as Documents, and small edits of them for tests."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from builder.contract.model import Document, Indicator, Project
from builder.intake.site_data import load_regions
from builder.parse.values import parse_target
from tests.conftest import CONTENT, FIXTURES, SITE_DATA
from tests.support.reading import load_content, parse_file

WELL_FORMED = FIXTURES / "quality" / "2022_130529_well_formed.txt"
SEEDS = {
    "000": "2022/130303/131001.txt",
    "001": "2022/130529/131001.txt",
    "002": "2021/130303/101001.txt",
    "003": "2021/130303/213001.txt",
    "004": "2021/130303/201001.txt",
}


@functools.cache
def seeds() -> tuple[Document, ...]:
    return tuple(load_content(CONTENT, load_regions(SITE_DATA)))


def seed(number: str) -> Document:
    return next(doc for doc in seeds() if doc.source == SEEDS[number])


@functools.cache
def well_formed() -> Document:
    return parse_file(WELL_FORMED, load_regions(SITE_DATA)).document


def project_of(doc: Document, name: str) -> Project:
    return next(p for p in doc.projects if p.name == name)


def with_project(doc: Document, **changes: Any) -> Document:
    """The document with its first project changed."""
    first, *rest = doc.projects
    return doc.model_copy(update={"projects": (first.model_copy(update=changes), *rest)})


def with_row(doc: Document, name: str, **changes: Any) -> Document:
    """The document with the first project's row named ``name`` (三级指标) changed."""
    rows = tuple(
        row.model_copy(update=changes) if row.level3 == name else row
        for row in doc.projects[0].indicators
    )
    return with_project(doc, indicators=rows)


def without_rows(doc: Document, keep: Callable[[Indicator], bool]) -> Document:
    return with_project(doc, indicators=tuple(r for r in doc.projects[0].indicators if keep(r)))


def with_value(doc: Document, level3: str, value: str) -> Document:
    """The row ``level3`` with another 指标值, read as the parser reads it."""
    return with_row(doc, level3, value=value, target=parse_target(value))
