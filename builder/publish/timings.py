"""Where a build's time goes: the wall time of each step, for ``budgetsite build --timings``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Timings:
    """The steps of one build, in the order they ended, each with its wall time in seconds."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.steps.append((name, time.perf_counter() - start))

    def report(self) -> str:
        """One line a step, then the total of the steps."""
        lines = [f"  {name:<34} {seconds:7.2f} s" for name, seconds in self.steps]
        lines.append(f"  {'(steps in all)':<34} {sum(s for _n, s in self.steps):7.2f} s")
        return "\n".join(lines)
