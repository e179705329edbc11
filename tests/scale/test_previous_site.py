"""The swap keeps the site it replaced; the next build removes it in another process."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from builder.errors import ReportError
from builder.site import background_removal
from builder.site.build import build_site
from builder.site.staging import previous_site
from builder.writer import write_report
from tests.conftest import site_files


def test_the_replaced_site_is_kept_until_the_next_build_removes_it_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(2, 2, tmp_path / "corpus")
    content, site_data = tmp_path / "corpus" / "content", tmp_path / "corpus" / "site_data"
    site, work = tmp_path / "site", tmp_path / "work"
    old = tmp_path / ".site.old"
    assert previous_site(site) == old
    build_site(content, site, site_data=site_data, work=work)
    first = site_files(site)
    assert not old.exists()
    edited = corpus.documents[0]
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    build_site(content, site, site_data=site_data, work=work)
    second = site_files(site)
    assert second != first
    assert site_files(old) == first  # the one-step rollback
    started: list[Path] = []
    removal = background_removal.Removal

    def spied(folder: Path) -> background_removal.Removal:
        started.append(folder)
        return removal(folder)

    monkeypatch.setattr(background_removal, "Removal", spied)
    build_site(content, site, site_data=site_data, work=work)
    assert started == [old]
    assert site_files(old) == second
    assert site_files(site) == second


def test_a_previous_site_that_cannot_be_removed_stops_the_build(tmp_path: Path) -> None:
    write_corpus(2, 2, tmp_path / "corpus")
    content, site_data = tmp_path / "corpus" / "content", tmp_path / "corpus" / "site_data"
    site, work = tmp_path / "site", tmp_path / "work"
    build_site(content, site, site_data=site_data, work=work)
    published = site_files(site)
    old = previous_site(site)
    old.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReportError) as raised:
        build_site(content, site, site_data=site_data, work=work)
    assert str(raised.value).startswith(f"{old}:1: expected to remove this folder: ")
    assert "Not a directory" in str(raised.value)
    assert site_files(site) == published
    old.unlink()
    build_site(content, site, site_data=site_data, work=work)
    assert site_files(old) == published


def test_a_failed_removal_is_noted_on_the_error_of_a_failed_build(tmp_path: Path) -> None:
    old = tmp_path / ".site.old"
    old.symlink_to(tmp_path)  # rmtree refuses a link
    with pytest.raises(ValueError) as raised, background_removal.removing(old):
        raise ValueError("the build failed")
    assert raised.value.__notes__ == [
        f"{old}:1: expected to remove this folder: Cannot call rmtree on a symbolic link"
    ]
    assert old.is_symlink()
