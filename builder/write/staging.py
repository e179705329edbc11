"""Build beside the output folder, then swap: a failed build leaves the old site as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.engines import processes as background


def _sibling(output: Path, role: str) -> Path:
    # Beside the output, on the same file system, so that the swap is a rename.
    return output.parent / f".{output.name}.{role}"


def new_folder(output: Path) -> Path:
    """The folder a build of ``output`` is staged in."""
    return _sibling(output.absolute(), "new")


@contextmanager
def staged(output: Path, *, from_output: bool = False) -> Iterator[Path]:
    """A folder to build into; on success it replaces ``output``, on failure it goes.

    The name is fixed (``.<output>.new`` beside it) so that the build is byte-stable and a
    folder left by an interrupted build is cleared by the next one. ``from_output`` starts
    it as a copy of ``output`` with the files' modification times, for an incremental build.
    The copy is made of hard links (a copy only where links are not possible): MkDocs
    rewrites files in place, so the incremental build first makes a private copy of each
    file it lets MkDocs write (builder/incremental/dirty.py, ``unshare``).
    """
    output = output.absolute()
    temp = new_folder(output)
    ready = background.wait_for(temp) and from_output  # the copy made ahead, see ahead()
    if temp.exists() and not ready:
        shutil.rmtree(temp)
    if from_output and output.is_dir() and not ready:
        copy_site(str(output), str(temp))
    temp.mkdir(parents=True, exist_ok=True)
    try:
        yield temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    swap(temp, output)


@contextmanager
def ahead(output: Path, *, copy: bool) -> Iterator[None]:
    """Folder work a build of ``output`` can start at once, run in other processes meanwhile.

    Removing the site the last swap kept and, with ``copy`` (when the build will most likely
    be incremental), making the staged copy of the published site that ``staged`` takes
    (or removes, if the build turns out not to be incremental). When the build fails, the
    copy goes too.
    """
    output = output.absolute()
    temp = new_folder(output)
    jobs = []
    old = previous_site(output)
    if old.exists() or old.is_symlink():
        jobs.append(background.removal(old))
    if copy and output.is_dir():
        purpose = "copy the published site into this folder"
        jobs.append(
            background.Job.start(temp, purpose, __name__, "copy_site", str(output), str(temp))
        )
    try:
        with background.running(jobs):
            yield
    except BaseException:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
        raise


def copy_site(output: str, folder: str) -> None:
    """Make ``folder`` a copy of ``output`` with the files' modification times, of hard links."""
    if os.path.lexists(folder):
        shutil.rmtree(folder)
    shutil.copytree(output, folder, symlinks=True, copy_function=link_or_copy)


def link_or_copy(source: str, target: str) -> None:
    """A hard link to source at target; a copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:  # e.g. a file system without hard links
        shutil.copy2(source, target)


def unshare(path: Path) -> None:
    """Give a file of a staged folder its own copy, so that writing it leaves the original."""
    if path.is_file() and path.stat().st_nlink > 1:
        private = path.with_name(path.name + ".unshared")
        shutil.copy2(path, private)
        os.replace(private, path)


def previous_site(output: Path) -> Path:
    """Where a swap leaves the site it replaced (a one-step rollback until the next build)."""
    return _sibling(output.absolute(), "old")


def swap(new: Path, output: Path) -> None:
    """Put folder ``new`` at ``output`` by two renames; the old output is kept as previous_site.

    The previous site of the build before is removed first: waited for when the build
    removes it in the background (builder/engines/processes.py), else removed here.
    """
    if not output.exists():
        os.replace(new, output)
        return
    old = previous_site(output)
    background.wait_for(old)
    if old.exists():
        shutil.rmtree(old)
    os.replace(output, old)
    try:
        os.replace(new, output)
    except OSError:
        os.replace(old, output)
        raise
