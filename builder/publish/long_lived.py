"""The reports a build reads live as long as the build: kept out of the cycle collector's sight.

A build holds every Document, millions of models, from the read to the end, and they hold no
reference cycles (each is freed by its count when let go). Python's full collections still
walked all of them, again and again as rendering made and dropped pages: 3 of the 18 s of a
one-report rebuild at 1,000 reports. Frozen (``gc.freeze``), they are skipped; a forked
process (the downloads) also copies fewer of their pages, since a collection no longer
writes into every object it walks.

A build also collects less often: from every 700 new objects to every ``YOUNG``. Rendering
makes and drops millions of small objects, nearly all freed by their counts, and 3,100
collections a rebuild (1.5 s at 1,000 reports) became 34 (0.7 s), with the same peak.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 50_000
"""New objects between two collections of the youngest generation during a build."""


def settle() -> None:
    """Everything alive now lives until the build ends: no collection need look at it."""
    gc.freeze()


@contextmanager
def settling() -> Iterator[None]:
    """Around a build: collections less often, and what settle froze is given back to the
    collector when the build ends, so a process that goes on (a test session, another build)
    collects as before."""
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
