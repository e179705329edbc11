"""Build beside the output folder, then swap: a failed build leaves the old site as it was."""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.engines.processes import Job, awaited, start


def _sibling(output: Path, role: str) -> Path:
    # Beside the output, on the same file system, so that the swap is a rename.
    return output.parent / f".{output.name}.{role}"


def new_folder(output: Path) -> Path:
    """The folder a build of ``output`` is staged in."""
    return _sibling(output.absolute(), "new")


@dataclass(frozen=True)
class Ahead:
    """The folder jobs a build started at once (see ``ahead``), by the folder they work on."""

    jobs: Mapping[Path, Job[None]] = field(default_factory=dict)

    def wait_for(self, folder: Path) -> bool:
        """Wait for the job on ``folder``, if any: True when there was one (it succeeded)."""
        job = self.jobs.get(folder)
        if job is None:
            return False
        job.result()
        return True


NOTHING_AHEAD = Ahead()


@contextmanager
def staged(
    output: Path, *, from_output: bool = False, ahead: Ahead = NOTHING_AHEAD
) -> Iterator[Path]:
    """A folder to build into; on success it replaces ``output``, on failure it goes.

    The name is fixed (``.<output>.new`` beside it) so that the build is byte-stable and a
    folder left by an interrupted build is cleared by the next one. ``from_output`` starts
    it as a copy of ``output`` with the files' modification times, for an incremental build:
    the copy ``ahead`` made, or one made here. The copy is made of hard links (a copy only
    where links are not possible): MkDocs rewrites files in place, so the incremental build
    first makes a private copy of each file it lets MkDocs write
    (builder/incremental/dirty.py, ``unshare``).
    """
    output = output.absolute()
    temp = new_folder(output)
    ready = ahead.wait_for(temp) and from_output
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
    swap(temp, output, ahead)


@contextmanager
def ahead(output: Path, *, copy: bool) -> Iterator[Ahead]:
    """Folder work a build of ``output`` can start at once, run in other processes meanwhile.

    Removing the site the last swap kept and, with ``copy`` (when the build will most likely
    be incremental), making the staged copy of the published site that ``staged`` takes
    (or removes, if the build turns out not to be incremental). When the build fails, the
    copy goes too. Hand what this yields to ``staged``.
    """
    output = output.absolute()
    temp = new_folder(output)
    jobs: dict[Path, Job[None]] = {}
    old = previous_site(output)
    copying = copy and output.is_dir()
    purpose = "copy the published site into this folder"
    if copying and old.is_dir() and not old.is_symlink() and not os.path.lexists(temp):
        # The site the last swap kept is the published one but for what the last build
        # changed: brought up to date, it is the copy, without removing 117,000 files and
        # linking them again (4 s of the second core at 3,000 reports).
        os.replace(old, temp)
        jobs[temp] = start(str(temp), purpose, catch_up, str(output), str(temp))
    else:
        if old.exists() or old.is_symlink():
            jobs[old] = start(str(old), "remove this folder", shutil.rmtree, str(old))
        if copying:
            jobs[temp] = start(str(temp), purpose, copy_site, str(output), str(temp))
    try:
        with awaited(list(jobs.values())):
            yield Ahead(jobs)
    except BaseException:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
        raise


def copy_site(output: str, folder: str) -> None:
    """Make ``folder`` a copy of ``output`` with the files' modification times, of hard links."""
    if os.path.lexists(folder):
        shutil.rmtree(folder)
    shutil.copytree(output, folder, symlinks=True, copy_function=link_or_copy)


def catch_up(output: str, folder: str) -> None:
    """Make ``folder``, an earlier copy of ``output`` made by copy_site, a copy of it again:
    only what differs is linked anew, found from the folders' listings (a file by its inode,
    a link by its target) without reading or stat-ing a file."""
    pending = [""]
    while pending:
        at = pending.pop()
        wanted, held = _listing(os.path.join(output, at)), _listing(os.path.join(folder, at))
        for name, entry in list(held.items()):
            if name not in wanted or _kind(wanted[name]) != _kind(entry):
                _remove(entry)
                del held[name]
        for name, entry in wanted.items():
            target, kept = os.path.join(folder, at, name), held.get(name)
            if entry.is_dir(follow_symlinks=False):
                if kept is None:
                    os.mkdir(target)
                pending.append(os.path.join(at, name))
            elif entry.is_symlink():
                if kept is None or os.readlink(kept.path) != os.readlink(entry.path):
                    if kept is not None:
                        os.unlink(target)
                    os.symlink(os.readlink(entry.path), target)
            elif kept is None or kept.inode() != entry.inode():
                if kept is not None:
                    os.unlink(target)
                link_or_copy(entry.path, target)


def _listing(folder: str) -> dict[str, os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return {entry.name: entry for entry in entries}


def _kind(entry: os.DirEntry[str]) -> str:
    if entry.is_symlink():
        return "link"
    return "folder" if entry.is_dir(follow_symlinks=False) else "file"


def _remove(entry: os.DirEntry[str]) -> None:
    if _kind(entry) == "folder":
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


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


def swap(new: Path, output: Path, ahead: Ahead = NOTHING_AHEAD) -> None:
    """Put folder ``new`` at ``output``; the old output is kept as previous_site.

    At every instant ``output`` holds the whole old site or the whole new one: the two
    folders are exchanged in one step (Linux ``renameat2``), then the old one is renamed
    aside. Where the file system cannot exchange, two renames leave a moment without an
    ``output``: a marker says the new folder is complete, and repair_swap finishes such a
    swap at the start of the next build. The previous site of the build before is removed
    first: waited for when ``ahead`` removes it in the background, else removed here.
    """
    if not output.exists():
        os.replace(new, output)
        return
    old = previous_site(output)
    ahead.wait_for(old)
    if old.exists():
        shutil.rmtree(old)
    if exchange(new, output):  # output is the new site; ``new`` now holds the old one
        os.replace(new, old)
        return
    ready = _ready_marker(output)
    ready.touch()
    os.replace(output, old)
    try:
        os.replace(new, output)
    except OSError:
        os.replace(old, output)
        raise
    finally:
        ready.unlink()


def repair_swap(output: Path) -> None:
    """Finish a swap that a crash cut between its two renames, before anything else runs:
    the complete new site goes to ``output``, or else the old one goes back."""
    output = output.absolute()
    old, new, ready = previous_site(output), new_folder(output), _ready_marker(output)
    if not output.exists() and old.is_dir():
        os.replace(new if ready.exists() and new.is_dir() else old, output)
    ready.unlink(missing_ok=True)


def _ready_marker(output: Path) -> Path:
    return _sibling(output.absolute(), "ready")


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux renameat2 RENAME_EXCHANGE); False where
    the system or file system cannot, so that the caller falls back to renames."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(error, os.strerror(error), str(b))


@functools.cache
def _renameat2() -> Any:
    """libc's renameat2 with its arguments declared, once; None where libc lacks it."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_uint,
        ]
    return function
