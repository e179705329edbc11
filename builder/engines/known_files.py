"""A dirty MkDocs run's files from the names the build synced, not from a walk of the folder.

MkDocs lists the docs folder (``get_files``) and stats every file twice to find what changed
(``File.is_modified``): at 3,000 reports, 77,000 files and a third of a one-report rebuild's
MkDocs time. The build already knows both answers: the docs folder holds exactly the files it
put there (builder/incremental/folder_sync.py), and the sync says which of them it wrote.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def known_files(names: Collection[str], changed: Collection[str]) -> Iterator[None]:
    """Within it, MkDocs' build lists ``names`` as the docs folder's files (what a walk of
    the folder would find, in the same order), and takes a file as changed when it is in
    ``changed`` or its output is missing."""
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.structure import files as mkdocs_files

    if any(posixpath.basename(n) == "README.md" for n in names):
        # MkDocs drops a README.md beside an index.md; only its own walk says which.
        yield
        return
    changed = frozenset(changed)

    class KnownFile(mkdocs_files.File):
        def is_modified(self) -> bool:
            # The sync writes a file only when its bytes differ, so an unwritten file's output
            # from the last build holds; a missing output is made, as MkDocs would.
            if self._content is not None or self.src_uri in changed:
                return True
            return not os.path.isfile(self.abs_dest_path)

    def get_files(config: Any) -> Any:
        docs, site, urls = config["docs_dir"], config["site_dir"], config["use_directory_urls"]
        listed = [KnownFile(name, docs, site, urls) for name in sorted(names, key=walk_order)]
        mkdocs_files.set_exclusions(listed, config)
        return mkdocs_files.Files(listed)

    # MkDocs' build calls the get_files of its own module: that name is what is replaced.
    walked = getattr(mkdocs_build, "get_files")  # noqa: B009 (not exported, for mypy)
    setattr(mkdocs_build, "get_files", get_files)  # noqa: B010
    try:
        yield
    finally:
        setattr(mkdocs_build, "get_files", walked)  # noqa: B010


def walk_order(name: str) -> tuple[tuple[str, ...], bool, str]:
    """Where ``get_files`` lists a file: folder by folder, sorted, a folder's own files before
    its subfolders', and index first among its files."""
    *folder, base = name.split("/")
    return tuple(folder), posixpath.splitext(base)[0] not in ("index", "README"), base
