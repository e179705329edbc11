"""Rebuild only what changed: the docs folder is synced, MkDocs renders only changed pages.

MkDocs rebuilds a page when its Markdown is newer than its HTML (``build(dirty=True)``).
That is only correct when nothing else that goes into every page changed, so an incremental
build is used only when the fingerprint of all such inputs (mkdocs.yml, theme overrides,
MkDocs and Material versions) equals the previous successful build's, and otherwise the
site is built from clean. Around a dirty MkDocs run the build also does what MkDocs leaves
out: pages listed in the nav are always rendered again (the nav shows their titles, which
MkDocs only knows for pages it reads), outputs of deleted files are removed, and the search
index, which Material writes for the rendered pages only, is merged with the previous one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

STATE = "site-state.json"
"""In the work folder: the fingerprint and output folder of the last successful build."""
SEARCH_INDEX = "search/search_index.json"


@dataclass(frozen=True)
class Synced:
    """What sync_folder changed: files written (new or different) and files removed."""

    written: tuple[str, ...]
    removed: tuple[str, ...]


def sync_folder(files: Mapping[str, str | bytes], folder: Path) -> Synced:
    """Make ``folder`` hold exactly these files; unchanged files keep their modification time."""
    existing = (
        {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        if folder.is_dir()
        else set()
    )
    written = []
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = folder / name
        if name in existing and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(name)
    removed = sorted(existing - set(files))
    for name in removed:
        (folder / name).unlink()
    _remove_empty_folders(folder, removed)
    return Synced(tuple(written), tuple(removed))


def _remove_empty_folders(root: Path, removed: Iterable[str]) -> None:
    for name in removed:
        parent = (root / name).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def fingerprint(config_text: str, overrides: Path | None) -> str:
    """A hash of everything besides a page's own Markdown that goes into its HTML."""
    digest = hashlib.sha256(config_text.encode("utf-8"))
    for package in ("mkdocs", "mkdocs-material"):
        digest.update(f"\0{package}={version(package)}".encode())
    if overrides is not None:
        for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
            digest.update(b"\0" + path.relative_to(overrides).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave stale navigation (handled here)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _state(site_dir: Path, print_: str) -> str:
    # The search index's hash too: a dirty build merges into it, so it must be the one the
    # last build wrote (not deleted or replaced since).
    index = site_dir / SEARCH_INDEX
    digest = hashlib.sha256(index.read_bytes()).hexdigest() if index.is_file() else None
    state = {"fingerprint": print_, "site_dir": str(site_dir.resolve()), "search_index": digest}
    return json.dumps(state)


def build(
    run_mkdocs: Callable[[Path, bool], None],
    *,
    config_file: Path,
    nav: Any,
    site_dir: Path,
    overrides: str | None,
    pages: Iterable[str],
    synced: Synced,
) -> bool:
    """Run MkDocs on the docs folder beside config_file, dirty when that is safe.

    Returns whether the build was incremental. The state is removed before MkDocs runs and
    written after it succeeds, so a failed build is followed by a clean one.
    """
    work, docs_dir = config_file.parent, config_file.parent / "docs"
    theme = Path(overrides) if overrides else None
    print_ = fingerprint(config_file.read_text(encoding="utf-8"), theme)
    state = work / STATE
    dirty = state.is_file() and state.read_text(encoding="utf-8") == _state(site_dir, print_)
    state.unlink(missing_ok=True)
    index = site_dir / SEARCH_INDEX
    previous = index.read_text(encoding="utf-8") if dirty and index.is_file() else None
    rendered = [name for name in synced.written if name.endswith(".md")]
    if dirty:
        remove_outputs(site_dir, synced.removed)
        rendered += touch(docs_dir, nav_pages(nav))
    run_mkdocs(config_file, dirty)
    if previous is not None and index.is_file():
        merged = merge_search_index(
            previous,
            index.read_text(encoding="utf-8"),
            rendered,
            [p for p in pages if p.endswith(".md")],
        )
        index.write_text(merged, encoding="utf-8")
    state.write_text(_state(site_dir, print_), encoding="utf-8")
    return dirty


def nav_pages(nav: Any) -> list[str]:
    """Every Markdown file the nav lists."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    return []


def output_name(name: str) -> str:
    """Where MkDocs (directory URLs) writes a docs file: ``x/index.md`` → ``x/index.html``."""
    stem, ext = posixpath.splitext(name)
    return stem + ".html" if ext == ".md" else name


def page_url(name: str) -> str:
    """A page's URL as the search index writes it: ``x/index.md`` and ``x.md`` → ``x/``."""
    stem = posixpath.splitext(name)[0]
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return folder + "/" if folder else ""


def _walk_key(name: str) -> tuple[tuple[str, ...], bool, str]:
    # The order MkDocs walks the docs folder: a folder's files (index first), then subfolders.
    parts = tuple(name.split("/"))
    return parts[:-1], not parts[-1].startswith("index."), parts[-1]


def merge_search_index(
    previous: str, rendered: str, rendered_pages: Iterable[str], pages: Iterable[str]
) -> str:
    """The search index of the whole site from the last one and this dirty build's.

    ``rendered_pages`` are the Markdown files rendered in this build (whose entries are
    replaced), ``pages`` every Markdown file of the site in docs-folder order. Entries
    come out in the order a clean build writes them.
    """
    old, new = json.loads(previous), json.loads(rendered)
    fresh: dict[str, list[Any]] = {page_url(name): [] for name in rendered_pages}
    for entry in new["docs"]:
        fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    by_page: dict[str, list[Any]] = {}
    for entry in old["docs"]:
        by_page.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    by_page.update(fresh)
    docs = [
        entry for name in sorted(pages, key=_walk_key) for entry in by_page.get(page_url(name), [])
    ]
    # Serialised as Material's search plugin does, so the file equals a clean build's.
    return json.dumps({"config": new["config"], "docs": docs}, separators=(",", ":"), default=str)


def remove_outputs(site_dir: Path, removed: Iterable[str]) -> None:
    """Delete what MkDocs wrote for docs files that no longer exist."""
    gone = [output_name(name) for name in removed]
    for name in gone:
        (site_dir / name).unlink(missing_ok=True)
    _remove_empty_folders(site_dir, gone)


def touch(docs_dir: Path, names: Iterable[str]) -> list[str]:
    """Mark docs files as changed, so that a dirty MkDocs build renders them again."""
    touched = []
    for name in names:
        path = docs_dir / name
        if path.is_file():
            os.utime(path)
            touched.append(name)
    return touched
