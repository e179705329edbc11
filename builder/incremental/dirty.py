"""Rebuild only what changed: the docs folder is synced, MkDocs renders only changed pages.

MkDocs rebuilds a page when its Markdown is newer than its HTML (``build(dirty=True)``).
That is only correct when nothing else that goes into every page changed, so an incremental
build is used only when the fingerprint of all such inputs (mkdocs.yml, theme overrides,
MkDocs and Material versions, the verbatim extension) equals the previous successful build's
and the output is the one that build published (its search index unchanged); otherwise the
site is built from clean. The staged build then starts from a copy of the published site
(modification times kept), and around the dirty MkDocs run the build does what MkDocs leaves
out: pages listed in the nav are rendered again (the nav shows their titles, which MkDocs
only knows for pages it reads), outputs of deleted files are removed, and the pages whose
HTML changed are read again for the search index (builder/engines/search_index.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from builder.engines.search_index import same_for_search
from builder.engines.shards import nav_pages
from builder.incremental.folder_sync import Synced, entries_under, remove_empty_folders
from builder.render.html import verbatim
from builder.search import index as search_index
from builder.write.staging import unshare

STATE = "site-state.json"
"""In the work folder: the fingerprint, output folder and search index of the last build."""


def fingerprint(config_text: str, overrides: Path | None) -> str:
    """A hash of everything besides a page's own Markdown that goes into its HTML.

    Also the theme's own files by name, size and modification time: a dirty MkDocs run
    copies every theme file newer than its copy in the site, in place (a reinstall of the
    same version does that), so such a change means a clean build.
    """
    digest = hashlib.sha256(config_text.encode("utf-8"))
    for package in ("mkdocs", "mkdocs-material", "markdown"):
        digest.update(f"\0{package}={version(package)}".encode())
    # The Markdown extension the build adds to MkDocs (mkdocs.yml names it, not its code).
    digest.update(b"\0" + Path(verbatim.__file__).read_bytes())
    for name, size, mtime in _stats_under(str(resources.files("material") / "templates")):
        digest.update(f"\0{name}\0{size}\0{mtime}".encode())
    if overrides is not None:
        for path in sorted(p for p in overrides.rglob("*") if p.is_file()):
            digest.update(b"\0" + path.relative_to(overrides).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _stats_under(root: str) -> list[tuple[str, int, int]]:
    """Each file under root (file links followed, as the theme's copy does): its name, size and
    modification time, by name. One listing per folder (folder_sync.entries_under): Material's
    templates are 14,000 files, and a pathlib walk stat-ing each twice took 0.3 s a build."""
    found = []
    for name, entry in entries_under(root):
        if entry.is_file():
            stat = entry.stat()
            found.append((name, stat.st_size, stat.st_mtime_ns))
    return sorted(found, key=lambda item: item[0].split("/"))  # as paths sort: by folder


def _state(output: Path, print_: str) -> str:
    # The search index's hashes too: the published site must be the one the last build wrote
    # (not removed, replaced or rebuilt by hand since).
    digests = {
        name: hashlib.sha256((output / name).read_bytes()).hexdigest()
        for name in (search_index.META,)
        if (output / name).is_file()
    }
    state = {"fingerprint": print_, "output": str(output.resolve()), "search": digests}
    return json.dumps(state, sort_keys=True)


def build_fingerprint(config_file: Path, overrides: str | None) -> str:
    """The fingerprint of a build from its mkdocs.yml and theme overrides folder."""
    theme = Path(overrides) if overrides else None
    return fingerprint(config_file.read_text(encoding="utf-8"), theme)


def can_reuse(work: Path, output: Path, print_: str) -> bool:
    """Whether the last build's output can be the start of this one (a dirty build).

    The recorded state is removed either way: it is written again only after this build
    succeeds, so a failed build is followed by a clean one.
    """
    state = work / STATE
    same = state.is_file() and state.read_text(encoding="utf-8") == _state(output, print_)
    state.unlink(missing_ok=True)
    return same


def remember(work: Path, output: Path, print_: str) -> None:
    """Record the published build, for the next one to compare against."""
    (work / STATE).write_text(_state(output, print_), encoding="utf-8")


ALWAYS_WRITTEN = ("404.html", "sitemap.xml", "sitemap.xml.gz")
"""What MkDocs writes on every build, dirty or not (the theme's own templates)."""


@dataclass(frozen=True)
class Dirty:
    """What a dirty MkDocs run over a copy of the last site will change in it."""

    written: tuple[str, ...]
    """Files MkDocs will write (site-relative)."""
    removed: tuple[str, ...]
    """Outputs of docs files that are gone, removed before the run."""
    sources: frozenset[str] = frozenset()
    """The docs files MkDocs will render or copy again: written by the sync, or touched."""


def prepare_dirty(site_dir: Path, docs_dir: Path, nav: Any, synced: Synced) -> Dirty:
    """Before a dirty MkDocs run over a copy of the last site: what MkDocs would miss.

    The copy is hard links to the published site (builder/write/staging.py): every file
    this run will write is first made a file of its own, so the published site stays as it
    was until the new one replaces it, also when this build fails.
    """
    removed = remove_outputs(site_dir, synced.removed)
    again = touch(docs_dir, nav_pages(nav))
    written = (*ALWAYS_WRITTEN, *(output_name(n) for n in (*synced.written, *again)))
    for name in written:
        unshare(site_dir / name)
    sources = frozenset((*synced.written, *again))
    return Dirty(tuple(sorted(set(written))), tuple(removed), sources)


def changed_pages(site_dir: Path, published: Path, dirty: Dirty) -> set[str]:
    """The HTML pages of site_dir after the dirty run whose search index entry may differ
    from the published site's: new, removed, or changed outside their quality findings."""
    changed = {name for name in dirty.removed if name.endswith(".html")}
    for name in dirty.written:
        new, old = site_dir / name, published / name
        if name.endswith(".html") and (
            not old.is_file()
            or not new.is_file()
            or not same_for_search(old.read_bytes(), new.read_bytes())
        ):
            changed.add(name)
    return changed


def output_name(name: str) -> str:
    """Where MkDocs (directory URLs) writes a docs file.

    ``x/index.md`` → ``x/index.html``, ``x/page.md`` → ``x/page/index.html``, others as named.
    """
    stem, ext = posixpath.splitext(name)
    if ext != ".md":
        return name
    if posixpath.basename(stem) in ("index", "README"):
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html"


def remove_outputs(site_dir: Path, removed: Iterable[str]) -> list[str]:
    """Delete what MkDocs wrote for docs files that no longer exist; their names."""
    gone = [output_name(name) for name in removed]
    for name in gone:
        (site_dir / name).unlink(missing_ok=True)
    remove_empty_folders(site_dir, gone)
    return gone


def touch(docs_dir: Path, names: Iterable[str]) -> list[str]:
    """Mark docs files as changed, so that a dirty MkDocs build renders them again."""
    touched = []
    for name in names:
        path = docs_dir / name
        if path.is_file():
            os.utime(path)
            touched.append(name)
    return touched
