"""The like-project pages: made from group views as from whole reports, kept whole while no
report's group view changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builder.contract.model import Document
from builder.incremental import report_cache
from builder.incremental.folder_sync import Content, Stored
from builder.render.compare import groups
from builder.render.compare.group_view import group_view
from tests.conftest import CONTENT
from tests.support.reading import load_content


@pytest.fixture
def synthetic(tmp_path: Path) -> list[Document]:
    from benchmarks.make_corpus import write_corpus

    written = write_corpus(12, 5, tmp_path)
    return load_content(tmp_path / "content", written.regions)


def _pages(docs: list[Document]) -> dict[str, str]:
    return {name: _text(c) for name, c in groups.group_files(docs)}


def _text(content: Content) -> str:
    text = content.load() if isinstance(content, Stored) else content
    assert isinstance(text, str)
    return text


def test_group_pages_made_from_views_equal_those_made_from_reports(
    regions: dict[str, str], synthetic: list[Document]
) -> None:
    for docs in (load_content(CONTENT, regions), synthetic):
        whole = _pages(docs)
        assert _pages([group_view(d) for d in docs]) == whole
        assert len(whole) >= 2


def test_a_text_edit_keeps_the_group_pages_and_a_row_makes_its_groups_again(
    synthetic: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = groups._group_pages

    def counted(key: str, *args: Any) -> Any:
        made.append(key)
        return real(key, *args)

    monkeypatch.setattr(groups, "_group_pages", counted)
    path = tmp_path / "cache" / "reports"

    def render(docs: list[Document]) -> dict[str, str]:
        cache = report_cache.load(path)
        kept = (cache, {doc.source: cache.digest(doc) for doc in docs})
        files = {name: _text(c) for name, c in groups.group_files(docs, kept)}
        report_cache.save(cache)
        return files

    first = render(synthetic)
    assert len(made) > 1 and first == _pages(synthetic)
    made.clear()
    doc = synthetic[3]
    moved = tuple(
        p.model_copy(
            update={
                "line": p.line + 1,
                "indicators": tuple(
                    i.model_copy(update={"line": i.line + 1}) for i in p.indicators
                ),
            }
        )
        for p in doc.projects
    )
    edited = doc.model_copy(update={"overall_goal": "年中修订。\n新的一行。", "projects": moved})
    assert render([*synthetic[:3], edited, *synthetic[4:]]) == first
    assert made == []  # kept whole
    row = moved[0].indicators[0].model_copy(update={"value": "≥99%"})
    project = moved[0].model_copy(update={"indicators": (row, *moved[0].indicators[1:])})
    changed = [
        *synthetic[:3],
        edited.model_copy(update={"projects": (project, *moved[1:])}),
        *synthetic[4:],
    ]
    again = render(changed)
    remade = len(made)
    assert 0 < remade < len({name.split("/")[1] for name in first if name.count("/") > 1})
    assert again == _pages(changed)
