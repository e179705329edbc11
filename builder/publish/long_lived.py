"""The reports a build reads live as long as the build: kept out of the cycle collector's sight.

A build holds every Document, millions of models, from the read to the end, and they hold no
reference cycles (each is freed by its count when let go). Python's full collections still
walked all of them, again and again as rendering made and dropped pages: 3 of the 18 s of a
one-report rebuild at 1,000 reports. Frozen (``gc.freeze``), they are skipped; a forked
process (the downloads) also copies fewer of their pages, since a collection no longer
writes into every object it walks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """Everything alive now lives until the build ends: no collection need look at it."""
    gc.freeze()


@contextmanager
def settling() -> Iterator[None]:
    """Around a build: what settle froze is given back to the collector when the build
    ends, so a process that goes on (a test session, another build) collects it as before."""
    try:
        yield
    finally:
        gc.unfreeze()
