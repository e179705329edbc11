"""The SQLite download reads back equal to the parsed reports, keyed, and opens in Datasette.

Expectations come from the model's own fields (tests/site/test_site_downloads.py), not from
the column definitions the writer uses.
"""

from __future__ import annotations

import asyncio
import html
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from builder.contract.model import Document
from builder.contract.paths import DATABASE
from builder.downloads.database import Database
from builder.downloads.files import one_download
from builder.downloads.tables import TABLES
from builder.publish.build import Built
from tests.site.test_site_downloads import (
    NUMERIC,
    _only,
    _with_first_project,
    expected_tables,
    synthetic_corpus,
)

FILE = "budget-goals.sqlite"


@contextmanager
def opened(content: bytes) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.deserialize(content)
    try:
        yield connection
    finally:
        connection.close()


def _text(value: Any) -> str:
    """A database value as the model's text: numbers compared as exact decimals later."""
    return "" if value is None else str(value)


def assert_database_equal(content: bytes, docs: Sequence[Document]) -> None:
    expected = expected_tables(docs)
    with opened(content) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert names == [t.name for t in TABLES]
        for table, (file, want) in zip(TABLES, expected.items(), strict=True):
            assert file == table.file
            cursor = db.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
            header = [d[0] for d in cursor.description]
            assert header == list(want[0]), table.name
            rows = [dict(zip(header, map(_text, row), strict=True)) for row in cursor]
            assert len(rows) == len(want), table.name
            for got, row in zip(rows, want, strict=True):
                for column, text in row.items():
                    if column in NUMERIC:
                        assert (got[column] and Decimal(got[column])) == (text and Decimal(text))
                    else:
                        assert got[column] == text, (table.name, column)


def test_the_database_reads_back_equal_to_the_model(built: Built) -> None:
    content = (built.site_dir / "data" / FILE).read_bytes()
    assert_database_equal(content, built.documents)
    with opened(content) as db:
        assert db.execute("SELECT COUNT(*) FROM projects").fetchone() == (24,)


def test_synthetic_reports_read_back_equal_with_their_text_as_written() -> None:
    docs = synthetic_corpus()
    content = one_download(DATABASE, docs)
    assert_database_equal(content, docs)
    with opened(content) as db:
        # No apostrophe before formula-like text: SQL tools do not run cells as formulas.
        goals = {r[0] for r in db.execute("SELECT 绩效目标 FROM goals")}
    assert "=100%" in goals and "  前后空格  " in goals


def test_every_table_has_its_key_and_every_project_row_its_foreign_key(built: Built) -> None:
    with opened((built.site_dir / "data" / FILE).read_bytes()) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in TABLES:
            info = db.execute(f'PRAGMA table_info("{table.name}")').fetchall()
            key = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
            assert tuple(key) == table.key, table.name
            foreign = db.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()
            references = [(row[2], row[3], row[4]) for row in foreign]
            if table.name == "projects":
                assert references == []
            else:
                assert references == [("projects", "项目编码", "项目编码")], table.name
        # A row that names no project is refused once foreign keys are on, as in any SQL tool.
        db.execute("PRAGMA foreign_keys = ON")
        row = list(db.execute("SELECT * FROM goals LIMIT 1").fetchone())
        row[0] = "NOSUCHPROJECT"
        try:
            db.execute(f"INSERT INTO goals VALUES ({', '.join('?' * len(row))})", row)
        except sqlite3.IntegrityError as error:
            assert str(error) == "FOREIGN KEY constraint failed"
        else:
            raise AssertionError("a goal of no project was accepted")


def test_amounts_are_numbers_and_an_amount_too_long_for_one_stays_exact(built: Built) -> None:
    amount = Decimal("12345678901234567.89")
    doc = _with_first_project(_only(built), budget_yuan=amount)
    with opened(one_download(DATABASE, [doc])) as db:
        found = dict(
            db.execute('SELECT 项目编码, "预算数（元）" FROM projects ORDER BY rowid').fetchall()
        )
        kinds = {r[0] for r in db.execute('SELECT typeof("预算数（元）") FROM projects')}
    assert found[doc.projects[0].code] == "12345678901234567.89"
    for project in doc.projects[1:]:
        assert isinstance(found[project.code], int | float)
        assert Decimal(str(found[project.code])) == project.budget_yuan
    assert kinds == {"text", "integer"}


def test_the_database_is_byte_stable(built: Built) -> None:
    published = (built.site_dir / "data" / FILE).read_bytes()
    assert one_download(DATABASE, built.documents) == published
    assert one_download(DATABASE, list(reversed(built.documents))) == published


def sample_query(built: Built) -> str:
    page = (built.site_dir / "data" / "index.html").read_text("utf-8")
    found = re.search(r'<code class="language-sql">(.*?)</code>', page, re.DOTALL)
    assert found, "the downloads page shows a sample query"
    return html.unescape(found.group(1))


def test_the_sample_query_on_the_downloads_page_answers_from_the_data(built: Built) -> None:
    with opened((built.site_dir / "data" / FILE).read_bytes()) as db:
        answer = db.execute(sample_query(built)).fetchall()
    totals: dict[tuple[str, int], list[Decimal]] = defaultdict(list)
    for doc in built.documents:
        for project in doc.projects:
            totals[(doc.unit.name, doc.year)].append(project.budget_yuan)
    expected = sorted(
        ((unit, year, len(v), sum(v, Decimal(0))) for (unit, year), v in totals.items()),
        key=lambda row: row[3],
        reverse=True,
    )[:10]
    assert [(u, y, n, Decimal(str(s))) for u, y, n, s in answer] == expected
    page = (built.site_dir / "data" / "index.html").read_text("utf-8")
    assert 'href="budget-goals.sqlite"' in page


def test_datasette_opens_the_file_as_it_is(built: Built, tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_bytes((built.site_dir / "data" / FILE).read_bytes())

    async def ask() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        datasette = Datasette([str(path)], immutables=[])
        database = await datasette.client.get("/budget-goals.json")
        rows = await datasette.client.get(
            "/budget-goals/goals.json", params={"_shape": "array", "_labels": "on", "_size": "5"}
        )
        assert database.status_code == 200 and rows.status_code == 200
        return database.json(), rows.json()

    # In a thread of its own: Playwright's sync API may hold this thread's event loop.
    with ThreadPoolExecutor(1) as thread:
        database, rows = thread.submit(asyncio.run, ask()).result()
    tables = {t["name"]: t for t in database["tables"]}
    assert set(tables) == {t.name for t in TABLES}
    assert tables["projects"]["count"] == 24
    incoming = {k["other_table"] for k in tables["projects"]["foreign_keys"]["incoming"]}
    assert incoming == {"indicators", "spending_plan", "goals"}
    # With labels on, Datasette follows the foreign key to the project it names.
    assert rows and all(isinstance(row["项目编码"], dict) for row in rows)
    assert {row["项目编码"]["value"] for row in rows} <= {
        p.code for d in built.documents for p in d.projects
    }


def test_the_database_is_made_in_a_temporary_file_that_never_stays(tmp_path: Path) -> None:
    docs = synthetic_corpus()
    with Database(tmp_path) as database:
        for table in TABLES:
            database.add(table, table.rows(docs))
        assert len(list(tmp_path.iterdir())) == 1  # being made there
        made = database.finish()
    assert list(tmp_path.iterdir()) == []  # gone, though not read yet: its reader holds it
    content = made.whole()
    assert content == one_download(DATABASE, docs)
    assert_database_equal(content, docs)
    with pytest.raises(sqlite3.IntegrityError), Database(tmp_path) as broken:
        broken.add(TABLES[0], [*TABLES[0].rows(docs), TABLES[0].rows(docs)[0]])  # a key twice
    assert list(tmp_path.iterdir()) == []
