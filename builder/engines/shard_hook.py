"""A MkDocs hook: a run of a sharded build renders only its own share of the files.

MkDocs takes every ``on_`` function of a hook module for an event; only on_files is one.
builder/engines/shards.py says which share a run is in the environment (``<run>/<runs>``)
and deals the files out (shards.run_of). Every other file is marked excluded, as
``exclude_docs`` would: MkDocs still knows it, so links to it resolve and are checked.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.structure.files import InclusionLevel

from builder.engines.shards import SHARD_ENV, nav_pages, run_of


def on_files(files: Any, config: Any) -> Any:
    """MkDocs' hook: every file of the run, before any page is read."""
    share = os.environ.get(SHARD_ENV)
    if not share:
        return files
    run, runs = (int(part) for part in share.split("/"))
    listed = frozenset(nav_pages(config["nav"]))
    for file in files:
        if run_of(file.src_uri, listed, runs) != run:
            file.inclusion = InclusionLevel.EXCLUDED
    return files
