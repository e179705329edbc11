"""The pages listing every report: made from list views as from whole reports, kept whole
while no report's view changed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from builder.contract.model import Document
from builder.contract.settings import Settings
from builder.incremental import report_cache
from builder.incremental.folder_sync import Content, Stored
from builder.intake.hand_pages import load_hand_pages
from builder.render.lists import every_report
from builder.render.lists.every_report import list_files, list_pages, list_view
from tests.conftest import CONTENT
from tests.support.reading import load_content

SETTINGS = Settings(title="预算绩效目标公开", publisher="", description="")


@pytest.fixture
def synthetic(tmp_path: Path) -> list[Document]:
    from benchmarks.make_corpus import write_corpus

    written = write_corpus(8, 5, tmp_path)
    return load_content(tmp_path / "content", written.regions)


def test_list_pages_made_from_views_equal_those_made_from_reports(
    regions: dict[str, str], synthetic: list[Document]
) -> None:
    hand_pages = load_hand_pages(CONTENT)
    for docs in (load_content(CONTENT, regions), synthetic):
        whole = dict(list_pages(docs, SETTINGS, hand_pages))
        assert dict(list_pages([list_view(d) for d in docs], SETTINGS, hand_pages)) == whole
        assert len(whole) > 5
    view = list_view(synthetic[0])
    assert view.overall_goal == "" and all(p.indicators == () for p in view.projects)


def test_a_text_edit_keeps_the_list_pages_and_an_amount_makes_them_again(
    synthetic: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = every_report._made

    def counted(*args: Any) -> Any:
        made.append(1)
        return real(*args)

    monkeypatch.setattr(every_report, "_made", counted)
    path = tmp_path / "cache" / "reports"

    def render(docs: list[Document]) -> dict[str, str]:
        cache = report_cache.load(path)
        kept = (cache, {doc.source: cache.digest(doc) for doc in docs})
        files = {name: _text(c) for name, c in list_files(docs, SETTINGS, {}, kept)}
        report_cache.save(cache)
        return files

    first = render(synthetic)
    assert len(made) == 1 and first == dict(list_pages(synthetic, SETTINGS, {}))
    # A line written into the text moves every table below it.
    moved = tuple(
        p.model_copy(update={"line": p.line + 1, "budget_line": p.budget_line + 1})
        for p in synthetic[3].projects
    )
    edited = synthetic[3].model_copy(
        update={"overall_goal": "年中修订。\n新的一行。", "measures": "改", "projects": moved}
    )
    assert render([*synthetic[:3], edited, *synthetic[4:]]) == first
    assert len(made) == 1  # kept whole
    project = edited.projects[0].model_copy(update={"budget_yuan": Decimal("12345.00")})
    changed = [*synthetic[:3], edited.model_copy(update={"projects": (project,)}), *synthetic[4:]]
    again = render(changed)
    assert len(made) == 2 and again == dict(list_pages(changed, SETTINGS, {})) != first


def _text(content: Content) -> str:
    text = content.load() if isinstance(content, Stored) else content
    assert isinstance(text, str)
    return text
