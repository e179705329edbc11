"""Values made from every report, kept whole: the last build's when no report's share changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from builder.compare import related
from builder.compare.related import relations, relations_of_bytes, relations_to_bytes
from builder.contract.model import Document
from builder.contract.settings import Settings
from builder.incremental import report_cache
from builder.render import site as render_site
from tests.support.reading import load_content

SETTINGS = Settings(title="预算绩效目标公开", publisher="", description="")


@pytest.fixture
def docs(tmp_path: Path) -> list[Document]:
    written = write_corpus(8, 4, tmp_path)
    return load_content(tmp_path / "content", written.regions)


def test_relations_come_back_from_their_bytes_as_they_were(docs: list[Document]) -> None:
    found = relations(docs)
    assert any(r.projects and r.projects[0][1].years for r in found.values())
    back = relations_of_bytes(relations_to_bytes(found))
    assert back == found
    assert back is not None and all(back[s].key() == found[s].key() for s in found)
    assert relations_of_bytes(b"not marshal") is None
    assert relations_of_bytes(relations_to_bytes(found)[:-3]) is None


def test_relations_are_made_again_only_when_a_share_of_them_changed(
    docs: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    made: list[int] = []
    real = related.relations

    def counted(reports: list[Document]) -> dict[str, related.UnitRelations]:
        made.append(len(reports))
        return real(reports)

    monkeypatch.setattr(render_site, "relations", counted)

    def render(reports: list[Document]) -> dict[str, str | bytes]:
        cache = report_cache.load(folder)
        files = render_site.render_site(reports, SETTINGS, {}, cache=cache)
        report_cache.save(cache)
        return files

    first = render(docs)
    assert made == [len(docs)]
    doc = docs[3]
    goal = [*docs[:3], doc.model_copy(update={"overall_goal": doc.overall_goal + "。"}), *docs[4:]]
    assert render(goal) == render_site.render_site(goal, SETTINGS, {}) != first
    assert made == [len(docs)] * 2  # the second for the uncached render alone
    project = doc.projects[0]
    renamed = project.model_copy(update={"name": project.name + "（二期）"})
    changed = doc.model_copy(update={"projects": (renamed, *doc.projects[1:])})
    named = [*docs[:3], changed, *docs[4:]]
    assert render(named) == render_site.render_site(named, SETTINGS, {})
    assert made == [len(docs)] * 4
