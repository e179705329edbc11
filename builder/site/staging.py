"""Build beside the output folder, then swap: a failed build leaves the old site as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
    it as a copy of ``output`` with the files' modification times, for an incremental build
    (a copy, not links: MkDocs rewrites files in place, which would change the old site).
    """
    output = output.absolute()
    temp = new_folder(output)
    if temp.exists():
        shutil.rmtree(temp)
    if from_output and output.is_dir():
        shutil.copytree(output, temp, symlinks=True)
    temp.mkdir(parents=True, exist_ok=True)
    try:
        yield temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    swap(temp, output)


def swap(new: Path, output: Path) -> None:
    """Put folder ``new`` at ``output``: two renames, the old output removed last."""
    if not output.exists():
        os.replace(new, output)
        return
    old = _sibling(output, "old")
    if old.exists():
        shutil.rmtree(old)
    os.replace(output, old)
    try:
        os.replace(new, output)
    except OSError:
        os.replace(old, output)
        raise
    shutil.rmtree(old)
