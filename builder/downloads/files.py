"""The downloads: everything as JSON with its schema, CSV tables, a workbook, a SQLite database,
datapackage.json, and one JSON per project and per unit beside their pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import pydantic_core

from builder.contract import paths
from builder.contract.model import Document, Project
from builder.contract.settings import Settings
from builder.downloads.columns import all_rows
from builder.downloads.database import database_bytes
from builder.downloads.datapackage import descriptor
from builder.downloads.schemas import all_schema, project_schema, unit_schema
from builder.downloads.tables import TABLES
from builder.downloads.tabular import csv_text
from builder.downloads.workbook import ZIP_EPOCH, workbook_bytes
from builder.render import catalog
from builder.render.data_page import render_data

TITLE = "预算绩效目标公开数据"


def _json(value: Any) -> str:
    # pydantic-core writes the same bytes as json.dumps(ensure_ascii=False, indent=2), about
    # five times faster: with an indent, json.dumps falls back to its pure-Python encoder.
    return pydantic_core.to_json(value, indent=2).decode("utf-8") + "\n"


def project_json(project: Project, doc: Document) -> str:
    """The project's fields (docs/DESIGN.md §3) plus the year, region and unit it belongs to."""
    context = doc.model_dump(mode="json", include={"source", "year", "region", "unit"})
    return _json({**context, **project.model_dump(mode="json")})


def unit_json(doc: Document) -> str:
    return _json(doc.model_dump(mode="json"))


def all_json(docs: Sequence[Document]) -> str:
    """Every report in one JSON list: the same text as the list dumped whole, made one report
    at a time (the whole list as Python values is many times the size of its text)."""
    items = []
    for doc in catalog.sorted_docs(docs):
        # A JSON string holds no raw line break, so each line of an item is one to indent.
        item = _json(doc.model_dump(mode="json")).rstrip("\n")
        items.append("  " + item.replace("\n", "\n  "))
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"


def data_files(docs: Sequence[Document], stamp: datetime = ZIP_EPOCH) -> dict[str, str | bytes]:
    """Path under docs/ → text (or bytes) of every download and of the downloads page."""
    files = {paths.DATA: render_data(docs), **dict(shared_downloads(docs, stamp))}
    for doc in docs:
        files.update(report_downloads(doc))
    return files


def shared_downloads(
    docs: Sequence[Document], stamp: datetime = ZIP_EPOCH, settings: Settings | None = None
) -> Iterator[tuple[str, str | bytes]]:
    """The downloads made from every report (not the downloads page, which MkDocs renders),
    one at a time, so that each can be written and let go before the next is made;
    ``settings`` give datapackage.json its licence and date."""
    yield paths.ALL_DATA_JSON, all_json(docs)
    yield paths.ALL_SCHEMA, _json(all_schema())
    yield paths.UNIT_SCHEMA, _json(unit_schema())
    yield paths.PROJECT_SCHEMA, _json(project_schema())
    yield paths.DATAPACKAGE, _json(descriptor(TABLES, TITLE, settings))
    found = all_rows(TABLES, docs)
    yield paths.WORKBOOK, workbook_bytes(TABLES, docs, stamp, found)
    yield paths.DATABASE, database_bytes(TABLES, docs, found)
    for table in TABLES:
        yield paths.data_file(table.file), csv_text(table, docs, found)


def report_downloads(doc: Document) -> dict[str, str]:
    """The JSON of one report and of each of its projects, beside their pages."""
    files = {paths.unit_data(doc): unit_json(doc)}
    for project in doc.projects:
        files[paths.project_data(project.code)] = project_json(project, doc)
    return files
