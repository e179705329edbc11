"""A rebuild after one report changed renders only what changed and equals a clean build."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from builder.cli import main
from builder.contract.errors import ReportError
from builder.engines import search_index
from builder.engines.search_index import IndexState
from builder.incremental import dirty as incremental
from builder.incremental import folder_sync
from builder.publish.build import build_site
from builder.search.index import META
from builder.search.records import Record
from tests.conftest import site_files, synthetic
from tests.support.writer import write_report


def test_rebuild_after_an_edit_and_a_removal_equals_a_clean_build(tmp_path: Path) -> None:
    # Ten reports: two a year, so that removing one leaves the years, and the nav, as they are.
    corpus, content, site_data, site, work = synthetic(tmp_path, 10, 2)
    build_site(content, site, site_data=site_data, work=work)
    edited, removed, kept = corpus.documents[1], corpus.documents[3], corpus.documents[0]
    kept_page = site / "projects" / kept.projects[0].code / "index.html"
    kept_mtime = kept_page.stat().st_mtime_ns
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    (content / removed.source).unlink()

    build_site(content, site, site_data=site_data, work=work)

    unit_page = site / str(edited.year) / edited.region.code / edited.unit.code / "index.html"
    assert "年中修订。" in unit_page.read_text("utf-8")
    assert kept_page.stat().st_mtime_ns == kept_mtime  # not rendered again
    assert not (site / "projects" / removed.projects[0].code).exists()
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    # The search index too: tests/site/test_search_rebuild.py checks what it finds.
    assert site_files(site) == site_files(clean / "site")


def test_a_failed_or_changed_setup_means_a_clean_build(tmp_path: Path) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 2, 2)
    build_site(content, site, site_data=site_data, work=work)
    stray = site / "stray.html"
    stray.write_text("left by hand", encoding="utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert stray.exists()  # incremental: the site folder is not emptied
    (site / META).unlink()
    build_site(content, site, site_data=site_data, work=work)
    assert not stray.exists()  # not the search index the last build wrote: built from clean
    assert (site / META).is_file()
    stray.write_text("left by hand", encoding="utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert stray.exists()
    settings = site_data / "site.toml"
    settings.write_text(settings.read_text("utf-8").replace("合成数据", "另一个发布者"), "utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert not stray.exists()  # the title is in every page: built from clean
    assert "另一个发布者" in (site / "index.html").read_text("utf-8")
    assert corpus.documents


def test_sync_folder_writes_only_what_changed(tmp_path: Path) -> None:
    first = folder_sync.sync_folder({"a/index.md": "一", "b.json": b"{}"}, tmp_path)
    assert (first.written, first.removed) == (("a/index.md", "b.json"), ())
    again = folder_sync.sync_folder({"a/index.md": "二", "c/d/e.md": "三"}, tmp_path)
    assert (again.written, again.removed) == (("a/index.md", "c/d/e.md"), ("b.json",))
    gone = folder_sync.sync_folder({"a/index.md": "二"}, tmp_path)
    assert (gone.written, gone.removed) == ((), ("c/d/e.md",))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]  # empty folders go too


def test_a_rebuild_that_fails_late_leaves_the_published_site_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The staged copy is hard links to the published files: whatever MkDocs writes in it
    # must first become a file of its own, or a failed rebuild would change the live site.
    corpus, content, site_data, site, work = synthetic(tmp_path, 4, 2)
    build_site(content, site, site_data=site_data, work=work)
    published = site_files(site)
    edited = corpus.documents[1]
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    rendered: list[str] = []
    update = search_index.update_index

    def update_index(
        site_dir: Path,
        changed: set[str],
        state: IndexState,
        records: Mapping[str, Record],
        words: str,
    ) -> IndexState:
        unit = site_dir / str(edited.year) / edited.region.code / edited.unit.code
        rendered.append((unit / "index.html").read_text("utf-8"))
        update(site_dir, changed, state, records, words)
        rendered.append((site_dir / META).read_text("utf-8"))
        raise ReportError(str(site_dir), 1, "expected the search index")

    monkeypatch.setattr(search_index, "update_index", update_index)
    with pytest.raises(ReportError):
        build_site(content, site, site_data=site_data, work=work)
    assert "年中修订。" in rendered[0]  # the failure came after MkDocs wrote the page
    assert rendered[1] != (site / META).read_text("utf-8")  # and after the index was written
    assert site_files(site) == published


def test_output_names_follow_directory_urls() -> None:
    assert incremental.output_name("2021/130102/index.md") == "2021/130102/index.html"
    assert incremental.output_name("index.md") == "index.html"
    assert incremental.output_name("about.md") == "about/index.html"
    assert incremental.output_name("data/all.json") == "data/all.json"


def test_a_touched_theme_file_means_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dirty MkDocs run copies theme files newer than the site's copies, in place.
    theme = tmp_path / "material" / "templates"
    (theme / "assets").mkdir(parents=True)
    bundle = theme / "assets" / "bundle.js"
    bundle.write_text("x", encoding="utf-8")
    monkeypatch.setattr("importlib.resources.files", lambda _package: tmp_path / "material")
    before = incremental.fingerprint("site_name: x", None)
    assert incremental.fingerprint("site_name: x", None) == before
    os.utime(bundle, ns=(0, 0))
    assert incremental.fingerprint("site_name: x", None) != before


def test_timings_say_where_a_build_and_a_rebuild_spent_their_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 3, 2)
    where = ["--content", str(content), "--site-data", str(site_data), "--output", str(site)]
    command = ["build", *where, "--work", str(work), "--timings"]

    def steps() -> list[str]:
        assert main(command) == 0
        lines = capsys.readouterr().out.splitlines()
        return [line.split("  ")[1].strip() for line in lines if line.startswith("  ")]

    full = steps()
    assert full[0] == "read reports" and full[-1] == "(steps in all)"
    assert {"render and write pages", "search index", "swap in the new site"} <= set(full)
    assert any(step.startswith("MkDocs, every page") for step in full)
    edited = corpus.documents[0]
    revised = edited.model_copy(update={"measures": edited.measures + "\n按季度复核。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    assert "MkDocs, changed pages" in steps()


def test_the_theme_files_are_listed_as_a_pathlib_walk_lists_them(tmp_path: Path) -> None:
    """By path, file links followed, linked folders not entered (a loop would never end)."""
    root = tmp_path / "templates"
    (root / "partials" / "integrations" / "analytics").mkdir(parents=True)
    for name in ("base.html", "partials/integrations/analytics.html", "partials/a-b.html"):
        (root / name).write_text(name, encoding="utf-8")
    (root / "partials/integrations/analytics/google.html").write_text("g", encoding="utf-8")
    (root / "partials" / "loop").symlink_to(root, target_is_directory=True)
    (root / "linked.html").symlink_to(root / "base.html")
    walked = [
        (p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(p for p in root.rglob("*") if p.is_file())
    ]
    assert incremental._stats_under(str(root)) == walked
    assert len(walked) == 5
    assert incremental._stats_under(str(tmp_path / "none")) == []
