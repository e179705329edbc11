"""Where a build's time and memory go, step by step, for ``budgetsite build --timings``."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _peak_mib() -> float:
    """The build process's peak resident memory so far (Linux counts it in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
