"""Where a build's time and memory go, step by step, for ``budgetsite build --timings``."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _peak_mib() -> float:
    """The build process's peak resident memory so far, in MiB.

    On Linux, the high-water mark of its own memory (VmHWM): getrusage's keeps the peak of
    the process it was started from across ``exec``, so a build started by a large process
    reported that one's size.
    """
    try:
        # bytes: the process's name, on its first line, may be any text
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024  # in kB
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Timings:
    """The steps of one build, in the order they ended: each one's wall time in seconds, and
    the build process's peak memory at its end (not its workers' or MkDocs's)."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float, float]] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.steps.append((name, time.perf_counter() - start, _peak_mib()))

    def report(self) -> str:
        """One line a step, then the total of the steps."""
        lines = [f"  {n:<34} {s:7.2f} s  peak {m:6.0f} MiB" for n, s, m in self.steps]
        lines.append(f"  {'(steps in all)':<34} {sum(s for _n, s, _m in self.steps):7.2f} s")
        return "\n".join(lines)
