"""Folder work of the build done in other processes while it reads and renders.

Removing the previous site and making the staged copy of the published one (tens of
thousands of files each) take seconds of system calls; in processes of their own they
overlap the build's reading and rendering instead of adding to its end. The build waits for
a job before it uses the folder (builder/write/staging.py) and on the way out, so that no job
outlives the build, and a job that failed is reported as an error.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from builder.contract.errors import ReportError

# A Python function rather than a shell command: the same on every system, and an error
# comes back as one line on stderr.
_CHILD = """\
import importlib, sys
module, function, *args = sys.argv[1:]
try:
    getattr(importlib.import_module(module), function)(*args)
except OSError as exc:
    sys.exit(str(exc))
"""


@dataclass
class Job:
    """A function ``module.function(*args)`` working on ``folder``, run in another process."""

    folder: Path
    purpose: str
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, folder: Path, purpose: str, module: str, function: str, *args: str) -> Job:
        """Start the job; ``purpose`` completes the error ``expected to …`` should it fail."""
        process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, module, function, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        return cls(folder, purpose, process)

    def wait(self) -> None:
        """Wait until the job is done; ReportError when it failed."""
        if self._process is None:
            return
        _, err = self._process.communicate()
        code, self._process = self._process.returncode, None
        if code:
            reason = err.decode("utf-8", "replace").strip() or f"exit status {code}"
            raise ReportError(str(self.folder), 1, f"expected to {self.purpose}: {reason}")


def removal(folder: Path) -> Job:
    """Remove ``folder`` and everything in it."""
    return Job.start(folder, "remove this folder", "shutil", "rmtree", str(folder))


_pending: ContextVar[Mapping[Path, Job]] = ContextVar("background_jobs")


@contextmanager
def running(jobs: list[Job]) -> Iterator[None]:
    """Let the jobs run for the time of the block, and wait for each at its end at the latest.

    When the block fails, the jobs' errors are added to its error as notes; else the first
    job that failed raises its error.
    """
    token = _pending.set({**_pending.get({}), **{job.folder: job for job in jobs}})
    failed: list[ReportError] = []
    try:
        yield
    except BaseException as exc:
        for note in _wait_all(jobs):
            exc.add_note(str(note))
        raise
    else:
        failed = _wait_all(jobs)
    finally:
        _pending.reset(token)
    if failed:
        raise failed[0]


def _wait_all(jobs: list[Job]) -> list[ReportError]:
    failed = []
    for job in jobs:
        try:
            job.wait()
        except ReportError as exc:
            failed.append(exc)
    return failed


def wait_for(folder: Path) -> bool:
    """Wait for the job on ``folder`` that an enclosing ``running`` block started, if any.

    True when there was one (it succeeded: a failed job raises its ReportError).
    """
    job = _pending.get({}).get(folder)
    if job is None:
        return False
    job.wait()
    return True
