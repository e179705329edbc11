"""Make a folder hold exactly the files given to it, one at a time, writing only what changed.

The docs folder of a large site holds tens of thousands of files. They are given to a
FolderSync as they are rendered, so the build never holds them all: each is compared with
what the folder holds (through the manifest of the last sync, builder/incremental/
docs_manifest.py, without reading it back when its stat is the one recorded) and written only
when it differs. A file kept from the last build (``Stored``) is not even loaded when the
folder still holds it. Unchanged files keep their modification time, so MkDocs can tell what
to render again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from builder.contract.streamed import Streamed
from builder.incremental import docs_manifest


@dataclass(frozen=True)
class Stored:
    """A file's content kept elsewhere (builder/incremental/report_cache.py), known by its
    hash: read only when the folder does not already hold it."""

    digest: bytes
    load: Callable[[], str | bytes]

    def read(self) -> bytes:
        data = self.load()
        return data.encode("utf-8") if isinstance(data, str) else data


Content = str | bytes | Stored | Streamed
"""What a file of the folder holds: text, bytes, content kept elsewhere, or text made as it
is written."""


@dataclass(frozen=True)
class Synced:
    """What a sync changed: files written (new or different) and files removed."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    names: frozenset[str] = frozenset()
    """Every file the folder holds now."""


class FolderSync:
    """One sync of ``folder``: ``put`` each file, then ``finish`` removes the files not put.

    With ``manifest`` (a file outside ``folder``), a file the last sync left as it is now is
    not read back to be compared; the manifest is written again once the folder is in sync,
    and removed until then, so an interrupted sync leaves no entry to trust.
    """

    def __init__(self, folder: Path, manifest: Path | None = None) -> None:
        self.folder = folder
        self.manifest = manifest
        self.existing, self.links = _files_under(folder)
        """The files the folder holds, and its symbolic links (relative names)."""
        self.known = docs_manifest.load(manifest) if manifest else docs_manifest.Manifest()
        # Forgotten before the first file is put, not here: a caller that refuses the folder
        # (DocsFolder, for a link) leaves the manifest as it was.
        self._kept_manifest = manifest is not None
        self.names: set[str] = set()
        self.written: list[str] = []
        self.entries: dict[str, docs_manifest.Entry] = {}
        self._root = os.fspath(folder)  # plain strings: put runs once per file of a large site

    def put(self, name: str, content: Content) -> None:
        """The folder holds ``content`` at ``name`` (relative, checked by the caller)."""
        if self._kept_manifest:
            self._forget_manifest()
        self.names.add(name)
        if isinstance(content, Streamed):
            self._put_streamed(name, content)
            return
        data: bytes | None
        if isinstance(content, Stored):
            data, data_digest = None, content.digest  # read only if the folder lacks it
        else:
            data = _encoded(content)
            data_digest = docs_manifest.digest(data) if self.manifest else b""
        if name in self.existing:
            stat = os.stat(os.path.join(self._root, name))
            if self.known.unchanged(name, stat, data_digest):
                self.entries[name] = docs_manifest.entry(data_digest, stat)
                return
            data = _encoded(content) if data is None else data
            if (self.folder / name).read_bytes() == data:
                self.entries[name] = docs_manifest.entry(data_digest, stat)
                return
        data = _encoded(content) if data is None else data
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written.append(name)
        if self.manifest:
            self.entries[name] = docs_manifest.entry(data_digest, target.stat())

    def _forget_manifest(self) -> None:
        assert self.manifest is not None
        docs_manifest.forget(self.manifest)
        self._kept_manifest = False

    def _put_streamed(self, name: str, content: Streamed) -> None:
        """Write the parts to a file beside the folder, not in it (a build killed meanwhile
        leaves nothing MkDocs or the next sync would take for a page), hashing them as they
        go; it replaces the target only if the two differ."""
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = self.folder.with_name(f".{self.folder.name}.part")
        try:
            with partial.open("wb") as out:
                data_digest = docs_manifest.digest_of(_written(content, out))
            if name in self.existing:
                stat = os.stat(target)
                if self.known.unchanged(name, stat, data_digest) or _same_bytes(partial, target):
                    self.entries[name] = docs_manifest.entry(data_digest, stat)
                    return
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self.written.append(name)
        if self.manifest:
            self.entries[name] = docs_manifest.entry(data_digest, target.stat())

    def finish(self) -> Synced:
        """Remove what was not put; record the manifest."""
        if self._kept_manifest:
            self._forget_manifest()
        removed = sorted(self.existing - self.names)
        for name in removed:
            (self.folder / name).unlink()
        remove_empty_folders(self.folder, removed)
        if self.manifest:
            docs_manifest.save(self.manifest, self.entries)
        return Synced(tuple(self.written), tuple(removed), frozenset(self.names))


def sync_folder(files: Mapping[str, Content], folder: Path, manifest: Path | None = None) -> Synced:
    """Make ``folder`` hold exactly these files; see FolderSync."""
    sync = FolderSync(folder, manifest)
    for name, content in files.items():
        sync.put(name, content)
    return sync.finish()


def _same_bytes(one: Path, other: Path) -> bool:
    """Whether two files hold the same bytes, read a block at a time (filecmp would trust
    its cache of an earlier comparison of files with the same size and time)."""
    if one.stat().st_size != other.stat().st_size:
        return False
    with one.open("rb") as a, other.open("rb") as b:
        while True:
            block = a.read(BLOCK)
            if block != b.read(BLOCK):
                return False
            if not block:
                return True


BLOCK = 1 << 20


def _written(content: Streamed, out: BinaryIO) -> Iterator[bytes]:
    """Each part of content as UTF-8, once it is written to out."""
    for part in content.parts:
        data = part.encode("utf-8")
        out.write(data)
        yield data


def _encoded(content: str | bytes | Stored) -> bytes:
    if isinstance(content, Stored):
        return content.read()
    return content.encode("utf-8") if isinstance(content, str) else content


def _files_under(folder: Path) -> tuple[set[str], list[str]]:
    """The files under folder by relative name, and its symbolic links, not followed (one
    walk for both: 0.5 s each at 3,000 reports)."""
    found: set[str] = set()
    links: list[str] = []
    for name, entry in entries_under(os.fspath(folder)):
        if entry.is_symlink():
            links.append(name)
        if entry.is_file():
            found.add(name)
    return found, sorted(links)


def entries_under(root: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under root but its folders, by relative name: one directory listing per
    folder, and no linked folder entered (as a pathlib walk: a link loop would never end).
    Nothing for a root that is no folder."""
    pending = [""] if os.path.isdir(root) else []
    while pending:
        prefix = pending.pop()
        with os.scandir(os.path.join(root, prefix)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(f"{prefix}{entry.name}/")
                else:
                    yield f"{prefix}{entry.name}", entry


def remove_empty_folders(root: Path, removed: Iterable[str]) -> None:
    """Remove the folders that removing these files left empty, up to root."""
    for name in removed:
        parent = (root / name).parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
