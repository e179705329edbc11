"""Run a command from a small process, so that the peak memory measured is the command's own.

Linux keeps a process's peak resident size across ``exec``: a command started by the
benchmark, which holds the generated corpus (570 MiB at 3,000 reports), reported that size
as its own peak through ``wait4`` and ``getrusage``, whatever it used itself. Commands are
started instead by a worker of a fork server that was started while the benchmark was small.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """A command's wall and CPU time, peak memory (with its children's), exit code, output."""

    wall: float
    cpu: float
    peak_mib: float
    returncode: int
    printed: str


def measured(command: list[str], cwd: Path) -> Measured:
    """Run ``command`` in ``cwd`` and wait for it: what it took, and what it printed."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        # wait4 reports this child's own resource use (and that of the processes it waited for).
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        log.seek(0)
        printed = log.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), printed)


class Launcher:
    """Starts commands from a small worker process; make it before the caller grows."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
        self._pool.submit(os.getpid).result()  # the server and its worker start now

    def run(self, command: list[str], cwd: Path) -> Measured:
        return self._pool.submit(measured, command, cwd).result()

    def close(self) -> None:
        self._pool.shutdown()
