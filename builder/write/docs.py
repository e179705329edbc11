"""The docs folder MkDocs reads, and the downloads written into the built site."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path, PurePosixPath

from builder.contract.errors import EnvironmentFailure, ReportError
from builder.contract.streamed import Streamed, StreamedBytes
from builder.downloads.files import Download
from builder.downloads.sitemap import sitemaps
from builder.engines.mkdocs_config import ASSETS
from builder.incremental.folder_sync import Content, FolderSync, Synced


def inside(name: str) -> bool:
    """Whether the relative path ``name`` stays inside the folder it is written to.

    No ``..``, root or drive. A check of the name alone: write_docs also refuses a folder
    holding symbolic links, through which a name could still lead outside it.
    """
    path = PurePosixPath(name)
    parts = path.parts
    return bool(parts) and not path.is_absolute() and "\\" not in name and ".." not in parts


class DocsFolder:
    """The docs folder being written: each file is put as it is made, the build holds none.

    Files that did not change are left alone, so MkDocs can tell what to render again;
    ``finish`` adds the site's own assets and removes every file not put.
    """

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        # Beside the docs folder, in the work folder: what this sync wrote, for the next one.
        manifest = docs_dir.with_name(f"{docs_dir.name}.manifest")
        self._sync = FolderSync(docs_dir, manifest)
        # The build never makes links: one in the docs folder could lead a write outside it.
        if self._sync.links:
            link = docs_dir / self._sync.links[0]
            raise EnvironmentFailure(str(link), "expected no symbolic link in the docs folder")

    @property
    def names(self) -> set[str]:
        """The files put so far."""
        return self._sync.names

    def put(self, name: str, content: Content) -> None:
        if not inside(name):
            raise ReportError(name, 1, f"expected a page path inside {self.docs_dir}")
        self._sync.put(name, content)

    def finish(self) -> Synced:
        assets = resources.files("builder.theme") / "assets"
        for asset in sorted(assets.iterdir(), key=lambda a: a.name):
            if asset.is_file():
                self._sync.put(f"{ASSETS}/{asset.name}", asset.read_bytes())
        return self._sync.finish()


def write_docs(files: Mapping[str, Content], docs_dir: Path) -> Synced:
    """Make docs_dir hold exactly these files plus the site's own assets (see DocsFolder)."""
    for name in files:
        if not inside(name):
            raise ReportError(name, 1, f"expected a page path inside {docs_dir}")
    folder = DocsFolder(docs_dir)
    for name, content in files.items():
        folder.put(name, content)
    return folder.finish()


def write_files(files: Iterable[Download], folder: Path) -> None:
    """Write each file into folder as it comes, each as a new file; a Streamed one part by
    part as it is made.

    New files, not rewritten ones: in a rebuild the staged site's files are hard links to the
    published site's (builder/write/staging.py).
    """
    for name, content in files:
        if not inside(name):
            raise ReportError(name, 1, f"expected a download path inside {folder}")
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if isinstance(content, Streamed):
            with target.open("wb") as out:
                for part in content.parts:
                    out.write(part.encode("utf-8"))
        elif isinstance(content, StreamedBytes):
            with target.open("wb") as out:
                for chunk in content.parts:
                    out.write(chunk)
        else:
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def write_downloads(files: Mapping[str, str | bytes], site_dir: Path) -> None:
    """Write the shared downloads into the built site (see write_files)."""
    write_files(files.items(), site_dir)


def move_downloads(folder: Path, site_dir: Path) -> list[str]:
    """Move the downloads written into folder (write_files) into the built site; their names.

    Each replaces its old file as a new one, not rewritten in place (see write_files).
    """
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    for name in names:
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        shutil.move(folder / name, target)
    shutil.rmtree(folder, ignore_errors=True)
    return names


def write_sitemap(site_dir: Path, url: str, pages: Iterable[str]) -> None:
    """The site's own sitemap in place of MkDocs': MkDocs lists only the pages it rendered
    in that run (one shard, or the changed pages of a rebuild). Without ``url`` there is
    none, as every address in it must be absolute."""
    for old in site_dir.glob("sitemap*.xml*"):
        old.unlink()
    if url:
        write_downloads(sitemaps(url, pages), site_dir)
