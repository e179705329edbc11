"""The downloads: everything as JSON with its schema, CSV tables, a workbook, a SQLite database,
datapackage.json, and one JSON per project and per unit beside their pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pydantic_core

from builder.contract import paths
from builder.contract.model import Document, Project
from builder.contract.settings import Settings
from builder.contract.streamed import Streamed, StreamedBytes
from builder.downloads.database import Database
from builder.downloads.datapackage import descriptor
from builder.downloads.schemas import all_schema, project_schema, unit_schema
from builder.downloads.tables import TABLES
from builder.downloads.tabular import csv_parts
from builder.downloads.workbook import ZIP_EPOCH, add_table, check_text, new_workbook
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
    """Every report in one JSON list (all_json_parts whole)."""
    return "".join(all_json_parts(docs))


def all_json_parts(docs: Sequence[Document]) -> Iterator[str]:
    """all.json one report at a time: the same text as the list dumped whole. The whole list
    as Python values is many times the size of its text, and its text is 190 MB at 3,000
    reports."""
    first = True
    for doc in catalog.sorted_docs(docs):
        # A JSON string holds no raw line break, so each line of an item is one to indent.
        item = _json(doc.model_dump(mode="json")).rstrip("\n")
        yield ("[\n  " if first else ",\n  ") + item.replace("\n", "\n  ")
        first = False
    yield "[]\n" if first else "\n]\n"


Download = tuple[str, str | bytes | Streamed | StreamedBytes]
"""A download's name and content."""


def whole(downloads: Iterable[Download]) -> Iterator[tuple[str, str | bytes]]:
    """The downloads with each Streamed one made whole."""
    for name, content in downloads:
        if isinstance(content, Streamed):
            yield name, content.text()
        elif isinstance(content, StreamedBytes):
            yield name, content.whole()
        else:
            yield name, content


def data_files(docs: Sequence[Document], stamp: datetime = ZIP_EPOCH) -> dict[str, str | bytes]:
    """Path under docs/ → text (or bytes) of every download and of the downloads page."""
    files = {paths.DATA: render_data(docs), **dict(whole(shared_downloads(docs, stamp)))}
    for doc in docs:
        files.update(report_downloads(doc))
    return files


def shared_downloads(
    docs: Sequence[Document],
    stamp: datetime = ZIP_EPOCH,
    settings: Settings | None = None,
    scratch: Path | None = None,
) -> Iterator[Download]:
    """The downloads made from every report (not the downloads page, which MkDocs renders),
    one at a time, so that each can be written and let go before the next is made;
    ``settings`` give datapackage.json its licence and date. The database is made in a
    temporary file in ``scratch`` (else the system's temporary folder)."""
    yield paths.ALL_DATA_JSON, Streamed(all_json_parts(docs))
    yield paths.ALL_SCHEMA, _json(all_schema())
    yield paths.UNIT_SCHEMA, _json(unit_schema())
    yield paths.PROJECT_SCHEMA, _json(project_schema())
    yield paths.DATAPACKAGE, _json(descriptor(TABLES, TITLE, settings))
    yield from _tables(docs, stamp, scratch)


def _tables(docs: Sequence[Document], stamp: datetime, scratch: Path | None) -> Iterator[Download]:
    """The CSVs, the workbook and the database, one table's rows at a time: every table's
    rows at once took about 1 GB at 3,000 reports."""
    book = new_workbook(TABLES, stamp)
    with Database(scratch) as database:
        for table in TABLES:
            located = table.located_rows(docs)
            check_text(table, located)
            rows = [cells for _entry, cells in located]
            del located
            # The CSV is written before the next table is made: its rows go only then.
            yield paths.data_file(table.file), Streamed(csv_parts(table, rows))
            database.add(table, rows)
            add_table(book, table, rows)
        yield paths.WORKBOOK, book.finish()
        yield paths.DATABASE, database.finish()


def report_downloads(doc: Document) -> dict[str, str]:
    """The JSON of one report and of each of its projects, beside their pages."""
    files = {paths.unit_data(doc): unit_json(doc)}
    for project in doc.projects:
        files[paths.project_data(project.code)] = project_json(project, doc)
    return files
