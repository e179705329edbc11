"""A dirty MkDocs run takes the docs folder's files from the build, as its own walk finds them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from builder.engines.known_files import known_files
from builder.publish.build import build_site
from tests.conftest import synthetic


def _current() -> Any:
    """The get_files a MkDocs build calls now."""
    return getattr(mkdocs_build, "get_files")  # noqa: B009 (not exported, for mypy)


def _listing(files: object) -> list[tuple[str, str, str]]:
    return [(f.src_uri, f.dest_uri, str(f.inclusion)) for f in files]  # type: ignore[attr-defined]


def test_known_files_list_what_a_walk_of_the_docs_folder_finds(tmp_path: Path) -> None:
    _, content, site_data, site, work = synthetic(tmp_path, 4, 2)
    built = build_site(content, site, site_data=site_data, work=work)
    config = load_config(str(work / "mkdocs.yml"))
    config["site_dir"] = str(site)
    docs = built.docs_dir
    names = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    walked = get_files(config)
    page = next(n for n in sorted(names) if n.startswith("projects/"))
    with known_files(names, {page}):
        known = _current()(config)
    assert _current() is get_files  # put back
    assert len(names) > 50
    assert _listing(known) == _listing(walked)
    modified = {f.src_uri for f in known if f.is_modified()}
    assert modified == {page}
    # A missing output is made again, as MkDocs' own check would.
    other = next(f for f in known if f.src_uri.startswith("units/") or f.src_uri.endswith(".json"))
    os.remove(other.abs_dest_path)
    assert other.is_modified()


def test_a_readme_beside_an_index_leaves_the_listing_to_mkdocs(tmp_path: Path) -> None:
    with known_files({"index.md", "a/README.md"}, set()):
        assert _current() is get_files
