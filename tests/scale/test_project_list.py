"""/projects/ stays small as the corpus grows: its page holds one page of rows, its data is
split into chunks that hold every project once, exactly."""

from __future__ import annotations

import json
from decimal import Decimal

from builder.contract import paths
from builder.render.lists.projects import CHUNK, FIRST_PAGE, LIST_INDEX, project_list_files
from tests.support import synth_corpus

DOCS = synth_corpus.corpus(1000, seed=5).documents


def test_the_page_is_small_and_the_chunks_hold_every_project_once() -> None:
    files = project_list_files(DOCS)
    page = files[paths.PROJECTS]
    assert page.count("<tr>") == FIRST_PAGE + 1  # and the head's row
    assert len(page.encode()) < 40_000, len(page.encode())
    index = json.loads(files[LIST_INDEX])
    projects = {p.code: p for d in DOCS for p in d.projects}
    assert index["count"] == len(projects) > 9000
    rows = [row for name in index["chunks"] for row in json.loads(files[f"projects/list/{name}"])]
    code, budget = index["columns"].index("code"), index["columns"].index("budget")
    assert sorted(row[code] for row in rows) == sorted(projects)
    assert all(Decimal(row[budget]) == projects[row[code]].budget_yuan for row in rows)
    chunk_bytes = [len(files[f"projects/list/{name}"].encode()) for name in index["chunks"]]
    assert len(chunk_bytes) == -(-len(projects) // CHUNK)
    assert max(chunk_bytes) < 600_000
