"""Remove a folder in another process while the build goes on.

Removing the previous site (tens of thousands of files) takes seconds of system calls; done
in a process of its own it overlaps the build's reading and rendering instead of adding to
its end. The build waits for it before its swap (builder/site/staging.py) and on the way out,
so that no removal outlives the build and a failed one is reported as an error.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from builder.errors import ReportError

# Python rather than a shell command: the same on every system, and an error comes back as
# one line on stderr.
_REMOVE = """\
import shutil, sys
try:
    shutil.rmtree(sys.argv[1])
except OSError as exc:
    sys.exit(str(exc))
"""


class Removal:
    """A folder being removed by another process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", _REMOVE, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait(self) -> None:
        """Wait until the folder is gone; ReportError when it could not be removed."""
        if self._process is None:
            return
        _, err = self._process.communicate()
        code, self._process = self._process.returncode, None
        if code:
            reason = err.decode("utf-8", "replace").strip() or f"exit status {code}"
            raise ReportError(str(self.folder), 1, f"expected to remove this folder: {reason}")


_pending: ContextVar[Removal | None] = ContextVar("pending_removal", default=None)


@contextmanager
def removing(folder: Path) -> Iterator[None]:
    """Remove ``folder``, when there is one, in the background for the time of the block.

    Waited for at the end of the block, or earlier by ``wait_for``. When the block fails,
    a failed removal is added to its error as a note.
    """
    removal = Removal(folder) if folder.exists() or folder.is_symlink() else None
    token = _pending.set(removal)
    try:
        yield
    except BaseException as exc:
        if removal is not None:
            try:
                removal.wait()
            except ReportError as failed:
                exc.add_note(str(failed))
        raise
    else:
        if removal is not None:
            removal.wait()
    finally:
        _pending.reset(token)


def wait_for(folder: Path) -> None:
    """Wait for the removal of ``folder`` if the enclosing ``removing`` block started one."""
    removal = _pending.get()
    if removal is not None and removal.folder == folder:
        removal.wait()
