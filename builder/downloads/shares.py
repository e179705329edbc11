"""Each report's share of the shared downloads, made from it alone, and the shares joined.

A report's share is its item of all.json and, for each table, each of its projects' CSV
lines, database rows and worksheet rows, as sections of bytes. The shared downloads are the
shares joined: all.json in the order of the reports, the tables by project code
(builder/downloads/files.py). A share depends on nothing but its report and the builder's
code, so a rebuild keeps the unchanged reports' shares (builder/incremental/share_store.py)
and makes only a changed report's: making every table's rows from the reports was about
12 s of a one-report rebuild at 3,000 reports.
"""

from __future__ import annotations

import functools
import marshal
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

import pydantic_core

from builder.contract.model import Document
from builder.downloads.columns import Table
from builder.downloads.database import Stored, stored_value
from builder.downloads.sheets.workbook import check_text, rows_xml
from builder.downloads.tables import TABLES
from builder.downloads.tabular import csv_body_parts
from builder.incremental.share_store import ShareStore
from builder.render import catalog

JSON = 0
"""The section of a share that holds the report's all.json item; table n's is n + 1."""

ProjectRows = tuple[str, bytes, list[tuple[Stored, ...]], bytes]
"""A project's rows of one table: its code, its CSV lines (UTF-8), its database rows and its
worksheet rows (XML, UTF-8)."""

HELD_BYTES = 32 * 2**20
"""How much of the shares' tables is held at once while they are joined (Joined)."""


def json_text(value: Any) -> str:
    """``value`` as JSON with an indent of two, and a line end."""
    # pydantic-core writes the same bytes as json.dumps(ensure_ascii=False, indent=2), about
    # five times faster: with an indent, json.dumps falls back to its pure-Python encoder.
    return pydantic_core.to_json(value, indent=2).decode("utf-8") + "\n"


def sections(doc: Document) -> list[bytes]:
    """The report's share: its all.json item, then its rows of each table in TABLES."""
    return [json_item(doc), *(marshal.dumps(table_rows(doc, table)) for table in TABLES)]


def json_item(doc: Document) -> bytes:
    """The report as an item of the all.json list: indented by two more spaces."""
    # A JSON string holds no raw line break, so each line of an item is one to indent.
    text = json_text(doc.model_dump(mode="json")).rstrip("\n")
    return text.replace("\n", "\n  ").encode("utf-8")


def table_rows(doc: Document, table: Table[Any]) -> list[ProjectRows]:
    """Each project's rows of the table, in the order of the report; text the workbook
    cannot hold stops the build (check_text)."""
    made: list[ProjectRows] = []
    for project in doc.projects:
        entry = catalog.Entry(project, doc)
        rows = table.of(entry)
        check_text(table, [(entry, row) for row in rows])
        lines = "".join(csv_body_parts(rows)).encode("utf-8")
        stored = [tuple(stored_value(cell) for cell in row) for row in rows]
        made.append((project.code, lines, stored, rows_xml(table, rows).encode("utf-8")))
    return made


class Joined:
    """The shares of ``docs``, each kept in ``store`` under the key at the same index."""

    def __init__(self, docs: Sequence[Document], keys: Sequence[str], store: ShareStore) -> None:
        self._docs = docs
        self._keys = keys
        self._store = store

    def _section(self, index: int, number: int) -> bytes:
        make = functools.partial(sections, self._docs[index])
        return self._store.section(self._keys[index], number, make)

    def forget_others(self) -> None:
        """The store keeps these reports' shares only (ShareStore.keep_only)."""
        self._store.keep_only(self._keys)

    def json_items(self) -> Iterator[bytes]:
        """Each report's all.json item, in the order of catalog.sorted_docs."""
        at = {id(doc): index for index, doc in enumerate(self._docs)}
        for doc in catalog.sorted_docs(self._docs):
            yield self._section(at[id(doc)], JSON)

    def count(self, table: Table[Any]) -> int:
        """How many rows the table has."""
        docs = self._docs
        return sum(len(table.items(catalog.Entry(p, doc))) for doc in docs for p in doc.projects)

    def rows(self, number: int) -> Iterator[ProjectRows]:
        """Every project's rows of table ``number`` (1 for TABLES[0]), by project code, as
        catalog.entries orders them.

        Projects of one report may lie anywhere in that order, so the reports' rows are read
        as they are needed and the last ones read are held, up to HELD_BYTES.
        """
        order = sorted(
            (
                (project.code, index, at)
                for index, doc in enumerate(self._docs)
                for at, project in enumerate(doc.projects)
            ),
            key=lambda found: found[0],
        )
        held: OrderedDict[int, tuple[list[ProjectRows], int]] = OrderedDict()
        size = 0
        for _code, index, at in order:
            found = held.get(index)
            if found is None:
                data = self._section(index, number)
                found = held[index] = (marshal.loads(data), len(data))
                size += len(data)
                while size > HELD_BYTES and len(held) > 1:
                    size -= held.popitem(last=False)[1][1]
            else:
                held.move_to_end(index)
            yield found[0][at]
