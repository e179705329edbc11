"""The SQLite download: the CSV tables in one database file, with keys and foreign keys.

Built in a temporary file and given as its bytes, so it stays a pure function of the reports:
the same reports give the same bytes (the file holds no time, and rows go in sorted as in the
CSVs). Not in memory: serialising an in-memory database holds it twice, 880 MB at 10,000
reports.

Each table has the CSV's columns, its key as PRIMARY KEY and, for the tables of a project's
rows, a FOREIGN KEY on 项目编码 to ``projects``, as datapackage.json declares them. An amount
column has no declared type, so SQLite keeps each value as given: a number when a double holds
the amount exactly (the workbook's rule, up to 15 significant digits), else its exact decimal
text. A NUMERIC column would round a longer amount to 15 digits without a word.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from builder.contract.streamed import StreamedBytes, chunks_of
from builder.downloads.columns import Cell, Column, Table
from builder.downloads.sheets.workbook import exact_number
from builder.downloads.tables import PROJECTS

_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL"}

SAMPLE_QUERY = """SELECT 单位, 年度, COUNT(*) AS 项目数, SUM("预算数（元）") AS 预算合计
FROM projects
GROUP BY 单位, 年度
ORDER BY 预算合计 DESC
LIMIT 10;"""
"""Shown on the downloads page, and run by the tests against the file."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(column: Column[Any]) -> str:
    declared = "" if column.money else " " + _TYPES[column.type]
    return _quoted(column.name) + declared + (" NOT NULL" if column.required else "")


def create_table(table: Table[Any]) -> str:
    """The CREATE TABLE statement of one download table."""
    lines = [_column(c) for c in table.column_list()]
    lines.append(f"PRIMARY KEY ({', '.join(_quoted(k) for k in table.key)})")
    if table is not PROJECTS:
        code = _quoted("项目编码")
        lines.append(f"FOREIGN KEY ({code}) REFERENCES {_quoted(PROJECTS.name)} ({code})")
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_quoted(table.name)} (\n  {body}\n)"


Stored = str | int | float | None
"""A cell as the database stores it (stored_value)."""


def stored_value(value: Cell) -> Stored:
    """An amount as a number when a double holds it exactly, else as its decimal text."""
    if isinstance(value, Decimal):
        if not exact_number(value):
            return format(value, "f")
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Database:
    """The SQLite download filled one table at a time, in a temporary file in ``scratch``
    (else the system's temporary folder), which ``finish`` gives and removes."""

    def __init__(self, scratch: Path | None = None) -> None:
        handle, name = tempfile.mkstemp(prefix=".budget-goals-", suffix=".sqlite", dir=scratch)
        os.close(handle)
        self._path = Path(name)
        self._connection = sqlite3.connect(name)
        # A file nobody reads before it is whole: no journal, no waiting for the disk.
        self._connection.execute("PRAGMA journal_mode = OFF")
        self._connection.execute("PRAGMA synchronous = OFF")
        self._connection.execute("PRAGMA foreign_keys = ON")

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._connection.close()
        self._path.unlink(missing_ok=True)

    def add(self, table: Table[Any], rows: Iterable[Sequence[Cell]]) -> None:
        """The table and its rows; ``projects`` first, as the others' rows refer to it."""
        self.create(table)
        self.insert(table, ([stored_value(cell) for cell in row] for row in rows))

    def create(self, table: Table[Any]) -> None:
        """The empty table, to be filled with insert."""
        self._connection.execute(create_table(table))

    def insert(self, table: Table[Any], rows: Iterable[Sequence[Stored]]) -> None:
        """Rows of a created table, each cell a stored_value."""
        marks = ", ".join("?" for _ in table.column_list())
        self._connection.executemany(f"INSERT INTO {_quoted(table.name)} VALUES ({marks})", rows)

    def finish(self) -> StreamedBytes:
        """The database file, read as it is taken; the file is gone already (the reader
        holds it open), so that nothing is left behind whether it is read or not."""
        self._connection.commit()
        self._connection.close()
        handle = self._path.open("rb")
        self._path.unlink()
        return StreamedBytes(chunks_of(handle))
