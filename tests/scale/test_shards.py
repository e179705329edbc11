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
    for count in (2, 3):
        out = tmp_path / str(count)
        build_site(CONTENT, out / "site", site_data=SITE_DATA, work=out / "work", shards=count)
        assert site_files(out / "site") == one
        assert not (out / "work" / "shard-1").exists()  # moved in, then removed


def test_every_project_page_is_rendered_by_exactly_one_shard() -> None:
    for count in (1, 2, 3, 4):
        groups = shards.groups(count)
        assert sorted("".join(groups)) == sorted(shards.CODE_CHARS)
        if count > 1:  # the build's own run renders the other pages too: it gets fewer codes
            assert len(groups[0]) < min(len(group) for group in groups[1:])
        main = shards.main_excludes(count)
        assert all(char not in main for char in groups[0])
        for shard in range(1, count):
            assert f"[{groups[shard]}]" in shards.shard_excludes(shard, count)


def test_shards_only_for_a_large_site() -> None:
    assert shards.shard_count(shards.MIN_PAGES - 1, cores=2) == 1
    assert shards.shard_count(shards.MIN_PAGES, cores=2) == 2
    assert shards.shard_count(10 * shards.MIN_PAGES, cores=1) == 1


def test_a_failing_shard_stops_the_build_with_its_message(tmp_path: Path) -> None:
    config = {"site_name": "t", "docs_dir": "missing-docs", "theme": {"name": "material"}}
    failed = r"shard-1: expected to build its pages with MkDocs: .*isn't an existing directory"
    with pytest.raises(EnvironmentFailure, match=failed):
        shards.render_sharded(
            config,
            tmp_path,
            tmp_path / "site",
            2,
            write_config=write_yaml,
            run_mkdocs=lambda path: None,
        )
