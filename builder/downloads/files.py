"""The downloads: everything as JSON with its schema, CSV tables, a workbook, a SQLite database,
datapackage.json, and one JSON per project and per unit beside their pages.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from builder.contract import paths
from builder.contract.model import Document, Project
from builder.contract.settings import Settings
from builder.contract.streamed import Streamed, StreamedBytes, chunks_of
from builder.downloads.columns import Table
from builder.downloads.database import Database, Stored
from builder.downloads.datapackage import descriptor
from builder.downloads.schemas import all_schema, project_schema, unit_schema
from builder.downloads.shares import Joined, ProjectRows, json_text
from builder.downloads.sheets.workbook import ZIP_EPOCH, add_table, new_workbook
from builder.downloads.tables import TABLES
from builder.downloads.tabular import csv_head
from builder.incremental.share_store import ShareStore
from builder.render.data_page import render_data

TITLE = "预算绩效目标公开数据"


def project_json(project: Project, doc: Document) -> str:
    """The project's fields (docs/DESIGN.md §3) plus the year, region and unit it belongs to."""
    context = doc.model_dump(mode="json", include={"source", "year", "region", "unit"})
    return json_text({**context, **project.model_dump(mode="json")})


def unit_json(doc: Document) -> str:
    return json_text(doc.model_dump(mode="json"))


def all_json(docs: Sequence[Document]) -> str:
    """Every report in one JSON list (all_json_parts whole)."""
    return b"".join(all_json_parts(_joined(docs))).decode("utf-8")


def all_json_parts(joined: Joined) -> Iterator[bytes]:
    """all.json one report at a time: the same text as the list dumped whole. The whole list
    as Python values is many times the size of its text, and its text is 190 MB at 3,000
    reports."""
    first = True
    for item in joined.json_items():
        yield (b"[\n  " if first else b",\n  ") + item
        first = False
    yield b"[]\n" if first else b"\n]\n"


def _joined(docs: Sequence[Document]) -> Joined:
    return Joined(docs, [str(n) for n in range(len(docs))], ShareStore())


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
    joined: Joined | None = None,
) -> Iterator[Download]:
    """The downloads made from every report (not the downloads page, which MkDocs renders),
    one at a time, so that each can be written and let go before the next is made;
    ``settings`` give datapackage.json its licence and date. They are joined from the
    reports' shares (builder/downloads/shares.py): ``joined``, or made now and held in
    memory. The database and the CSVs are made in temporary files in ``scratch`` (else the
    system's temporary folder)."""
    joined = joined or _joined(docs)
    yield paths.ALL_DATA_JSON, StreamedBytes(all_json_parts(joined))
    yield paths.ALL_SCHEMA, json_text(all_schema())
    yield paths.UNIT_SCHEMA, json_text(unit_schema())
    yield paths.PROJECT_SCHEMA, json_text(project_schema())
    yield paths.DATAPACKAGE, json_text(descriptor(TABLES, TITLE, settings))
    yield from _tables(joined, stamp, scratch)


def _tables(joined: Joined, stamp: datetime, scratch: Path | None) -> Iterator[Download]:
    """The CSVs, the workbook and the database, in one pass over each table's rows: a table's
    rows are never all held."""
    book = new_workbook(TABLES, stamp)
    with Database(scratch) as database:
        for number, table in enumerate(TABLES, start=1):
            database.create(table)
            with tempfile.TemporaryFile(dir=scratch) as csv:
                csv.write(csv_head(table.headers()).encode("utf-8"))
                rows = _rows_into(joined.rows(number), table, csv, database)
                add_table(book, table, joined.count(table), rows)
                csv.seek(0)
                yield paths.data_file(table.file), StreamedBytes(chunks_of(csv))
        yield paths.WORKBOOK, book.finish()
        yield paths.DATABASE, database.finish()


def _rows_into(
    rows: Iterable[ProjectRows], table: Table[Any], csv: IO[bytes], database: Database
) -> Iterator[bytes]:
    """Each project's worksheet rows, its CSV lines and database rows written meanwhile."""
    stored: list[Sequence[Stored]] = []
    for _code, lines, cells, sheet in rows:
        csv.write(lines)
        stored.extend(cells)
        if len(stored) >= ROWS_AT_ONCE:
            database.insert(table, stored)
            stored.clear()
        yield sheet
    database.insert(table, stored)


ROWS_AT_ONCE = 5000
"""Rows given to the database at a time."""


def report_downloads(doc: Document) -> dict[str, str]:
    """The JSON of one report and of each of its projects, beside their pages."""
    files = {paths.unit_data(doc): unit_json(doc)}
    for project in doc.projects:
        files[paths.project_data(project.code)] = project_json(project, doc)
    return files


def one_download(name: str, docs: Sequence[Document], stamp: datetime = ZIP_EPOCH) -> bytes:
    """The download ``name`` (under docs/) alone, as shared_downloads makes it: for tests and
    benchmarks, which make the others too and drop them."""
    for made, content in whole(shared_downloads(docs, stamp)):
        if made == name:
            return content.encode("utf-8") if isinstance(content, str) else content
    raise KeyError(name)
