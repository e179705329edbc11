"""One build of a site at a time: a lock on its output and work folders.

Two builds into the same folders once published new JSON beside old HTML. Each build
holds an advisory lock (``flock``) on a file beside its output and on one in its work
folder from its first step to its swap; the kernel drops a lock when its process ends,
however it ends, so a crashed build never leaves a stale lock behind. A second build
stops at once naming the holder, or with ``wait`` waits for it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from builder.contract.errors import EnvironmentFailure


def lock_files(output: Path, work: Path) -> list[Path]:
    """The lock files of a build: beside the output (as the staged folder is) and in work.

    Always in this order, so that two waiting builds cannot each hold one and want the other.
    """
    output = output.absolute()
    return [work.absolute() / ".build.lock", output.parent / f".{output.name}.lock"]


@contextmanager
def one_build(output: Path, work: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the build locks of ``output`` and ``work`` while the block runs."""
    with ExitStack() as stack:
        for path in lock_files(output, work):
            stack.enter_context(_held(path, wait=wait))
        yield


@contextmanager
def _held(path: Path, *, wait: bool) -> Iterator[None]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise EnvironmentFailure(
            str(path), f"expected to create the build lock: {exc.strerror}"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise EnvironmentFailure(
                str(path),
                f"expected no other build of this site; {_holder(fd)} is building it. "
                "Run again when it is done, or with --wait to wait for it",
            ) from None
        os.ftruncate(fd, 0)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        os.pwrite(fd, f"process {os.getpid()}, started {stamp}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> str:
    """Who holds the lock, as the holder wrote it: 'process 123, started 2026-…'."""
    text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    return text or "another process"
