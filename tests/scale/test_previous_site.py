"""The swap keeps the site it replaced; the next build removes it in another process."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.contract.errors import EnvironmentFailure
from builder.engines import processes
from builder.publish.build import build_site
from builder.write import staging
from builder.write.staging import previous_site
from tests.conftest import site_files, synthetic
from tests.support.writer import write_report


def test_the_replaced_site_is_kept_until_the_next_build_removes_it_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 2, 2)
    old, new = tmp_path / ".site.old", tmp_path / ".site.new"
    assert previous_site(site) == old
    started: list[str] = []
    start = processes.start

    def spied(place: str, purpose: str, *call: Any) -> processes.Job[Any]:
        started.append(f"{Path(place).name}: {purpose}")
        return start(place, purpose, *call)

    monkeypatch.setattr(staging, "start", spied)
    # The staged copy made by the build itself, not ahead: a forked job's calls are made in
    # its own memory, so only the build's own calls are recorded here.
    copied_here: list[str] = []
    real_copy = staging.copy_site

    def copy_here(output: str, folder: str) -> None:
        copied_here.extend([output, folder])
        real_copy(output, folder)

    monkeypatch.setattr(staging, "copy_site", copy_here)
    build_site(content, site, site_data=site_data, work=work)
    first = site_files(site)
    assert not old.exists()
    assert started == []  # nothing to remove, no site to copy
    edited = corpus.documents[0]
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    build_site(content, site, site_data=site_data, work=work)
    second = site_files(site)
    assert second != first
    assert site_files(old) == first  # the one-step rollback
    assert started == [".site.new: copy the published site into this folder"]
    # The kept site becomes the staged copy, brought up to date: nothing is removed.
    again = revised.model_copy(update={"overall_goal": revised.overall_goal + "\n再次修订。"})
    (content / edited.source).write_text(write_report(again), encoding="utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert started[1:] == [".site.new: copy the published site into this folder"]
    assert site_files(old) == second
    third = site_files(site)
    build_site(content, site, site_data=site_data, work=work)
    assert site_files(old) == third
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == third == site_files(clean / "site")
    assert not new.exists()
    assert copied_here == []


def test_a_previous_site_that_cannot_be_removed_stops_the_build(tmp_path: Path) -> None:
    _, content, site_data, site, work = synthetic(tmp_path, 2, 2)
    build_site(content, site, site_data=site_data, work=work)
    published = site_files(site)
    old = previous_site(site)
    old.write_text("not a folder", encoding="utf-8")
    with pytest.raises(EnvironmentFailure) as raised:
        build_site(content, site, site_data=site_data, work=work)
    assert str(raised.value).startswith(f"{old}: expected to remove this folder: ")
    assert "Not a directory" in str(raised.value)
    assert site_files(site) == published
    assert not (tmp_path / ".site.new").exists()  # neither the copy made ahead nor the build
    old.unlink()
    build_site(content, site, site_data=site_data, work=work)
    assert site_files(old) == published


def test_a_failed_removal_is_noted_on_the_error_of_a_failed_build(tmp_path: Path) -> None:
    old = tmp_path / ".site.old"
    old.symlink_to(tmp_path)  # rmtree refuses a link
    removal = processes.start(str(old), "remove this folder", shutil.rmtree, str(old))
    with pytest.raises(ValueError) as raised, processes.awaited([removal]):
        raise ValueError("the build failed")
    assert raised.value.__notes__ == [
        f"{old}: expected to remove this folder: Cannot call rmtree on a symbolic link"
    ]
    assert old.is_symlink()


def test_an_earlier_copy_caught_up_is_a_copy_of_links_again(tmp_path: Path) -> None:
    site, copy = tmp_path / "site", tmp_path / "copy"
    for name in ("a/same.html", "a/b/changed.html", "gone.html", "gone/x.html", "kind"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    (site / "link").symlink_to("a/same.html")
    staging.copy_site(str(site), str(copy))
    (site / "a/b/changed.html").unlink()
    (site / "a/b/changed.html").write_text("新", encoding="utf-8")  # a new file, as MkDocs makes
    (site / "gone.html").unlink()
    shutil.rmtree(site / "gone")
    (site / "kind").unlink()
    (site / "kind").mkdir()  # a file that became a folder
    (site / "kind/in.html").write_text("里", encoding="utf-8")
    (site / "new/deep").mkdir(parents=True)
    (site / "new/deep/added.html").write_text("加", encoding="utf-8")
    (site / "link").unlink()
    (site / "link").symlink_to("new/deep/added.html")
    staging.catch_up(str(site), str(copy))
    assert site_files(copy) == site_files(site)
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*")
    )
    for path in site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert (copy / path.relative_to(site)).stat().st_ino == path.stat().st_ino
    assert (copy / "link").readlink() == Path("new/deep/added.html")
