"""Rendering in several MkDocs processes gives the same site as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.contract.errors import EnvironmentFailure
from builder.engines import shards
from builder.engines.mkdocs import write_yaml
from builder.publish.build import build_site
from tests.conftest import CONTENT, SITE_DATA, site_files
from tests.site.building import built_once


def test_two_and_three_shards_build_the_site_one_process_builds(tmp_path: Path) -> None:
    built = built_once()  # the shipped content, one MkDocs process (a small site)
    one = site_files(built.site_dir)
    codes = [p.code for d in built.documents for p in d.projects]
    assert len({code[-1] for code in codes}) > 3  # the shards all get pages
    for count in (2, 4):
        out = tmp_path / str(count)
        build_site(CONTENT, out / "site", site_data=SITE_DATA, work=out / "work", shards=count)
        assert site_files(out / "site") == one
        assert not (out / "work" / "shard-1").exists()  # moved in, then removed


def test_every_file_is_rendered_by_exactly_one_run_and_the_nav_pages_by_run_0() -> None:
    listed = frozenset({"index.md", "2021/index.md"})
    names = [*listed, "units/index.md", "projects/A1/index.md", "projects/B2/index.md", "a.json"]
    names += [f"projects/{n:04d}/index.md" for n in range(200)]
    for runs in (1, 2, 3, 5):
        dealt = {name: shards.run_of(name, listed, runs) for name in names}
        assert all(0 <= run < runs for run in dealt.values())
        assert all(dealt[name] == 0 for name in (*listed, "a.json"))
        if runs > 1:  # the other pages are shared out, none to run 0
            shares = [sum(1 for run in dealt.values() if run == r) for r in range(1, runs)]
            assert min(shares) > 200 / (runs - 1) / 2


def test_runs_only_for_a_large_site_and_each_holds_a_bounded_share() -> None:
    assert shards.run_count(shards.MIN_PAGES - 1, cores=2) == 1
    assert shards.run_count(shards.MIN_PAGES, cores=2) == 3
    assert shards.run_count(shards.MIN_PAGES, cores=1) == 2
    pages = 25 * shards.RUN_PAGES
    assert (shards.run_count(pages, cores=2) - 1) * shards.RUN_PAGES >= pages


def test_the_nav_pages_are_every_markdown_file_it_lists() -> None:
    nav = [{"首页": "index.md"}, {"年度": [{"2021": "2021/index.md"}, "x/index.md"]}, "http://a"]
    assert shards.nav_pages(nav) == ["index.md", "2021/index.md", "x/index.md"]


def test_a_failing_shard_stops_the_build_with_its_message(tmp_path: Path) -> None:
    config = {"site_name": "t", "docs_dir": "missing-docs", "theme": {"name": "material"}}
    failed = r"site: expected to build its pages with MkDocs: .*isn't an existing directory"
    with pytest.raises(EnvironmentFailure, match=failed):
        shards.render_sharded(
            config, tmp_path, tmp_path / "site", 3, write_config=write_yaml, cores=2
        )
