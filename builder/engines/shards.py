"""Render the pages in several MkDocs processes, each holding a bounded share of them.

MkDocs holds every page it renders in memory until its run ends, and uses one core. A large
site is therefore rendered in runs of at most RUN_PAGES pages, ``cores`` at a time, each a
fresh ``mkdocs build`` program (not a fork, which would carry the build's memory):

- run 0 renders the pages the navigation lists and copies every other file (assets, JSON,
  the reports as received), straight into the site folder;
- each further run renders its share of the other pages, dealt by a hash of their name,
  into a folder of its own; its pages then move into the site folder.

Every run has the same mkdocs.yml. The hook builder/engines/shard_hook.py marks, in each run,
the files that are not its own as excluded: an excluded page is still known to MkDocs, so
links to it are checked and resolve, and the navigation is the same (it names only pages
that run 0 renders). The pages are byte for byte what one run writes.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import zlib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from builder.engines.processes import Job, start_program

SHARD_ENV = "BUDGETSITE_SHARD"
"""Names a run's share, ``<run>/<runs>``, for shard_hook.py; unset, a run renders everything."""
HOOK = str(Path(__file__).with_name("shard_hook.py"))
MIN_PAGES = 1500
"""Below this many pages one run in the build's own process is faster: a run costs ~2 s."""
RUN_PAGES = 4000
"""At most this many pages in a run besides run 0: MkDocs' memory grows with its pages."""


def run_count(pages: int, cores: int) -> int:
    """How many MkDocs runs for a site of ``pages`` pages: 1 for a small site, else run 0
    and enough further runs for RUN_PAGES each, at least one per core."""
    if pages < MIN_PAGES:
        return 1
    return 1 + max(min(cores, 4), math.ceil(pages / RUN_PAGES))


def nav_pages(nav: Any) -> list[str]:
    """Every Markdown file the nav lists."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    return []


def run_of(name: str, listed: frozenset[str], runs: int) -> int:
    """Which run renders the docs file ``name`` (``listed``: the nav's pages)."""
    if runs == 1 or not name.endswith(".md") or name in listed:
        return 0
    return 1 + zlib.crc32(name.encode("utf-8")) % (runs - 1)


def render_sharded(
    config: dict[str, Any],
    work: Path,
    site_dir: Path,
    runs: int,
    *,
    write_config: Callable[[dict[str, Any], Path], Path],
    cores: int,
) -> None:
    """MkDocs over the docs folder in ``runs`` programs, ``cores`` at a time, into site_dir."""
    hooked = {**config, "hooks": [*config.get("hooks", []), HOOK]}
    path = write_config(hooked, work / "mkdocs.shards.yml")
    pending = list(range(runs))
    running: list[tuple[int, Job[None]]] = []
    try:
        while pending or running:
            while pending and len(running) < cores:
                run = pending.pop(0)
                running.append((run, _start(run, runs, path, work, site_dir)))
            run, job = running.pop(0)
            job.result()
            if run:
                move_pages(_out(work, run, site_dir), site_dir)
                shutil.rmtree(_out(work, run, site_dir))
    finally:
        for _run, job in running:
            with suppress(Exception):  # the first error is raised above
                job.cancel()


def _out(work: Path, run: int, site_dir: Path) -> Path:
    return site_dir if run == 0 else work / f"shard-{run}"


def _start(run: int, runs: int, config_file: Path, work: Path, site_dir: Path) -> Job[None]:
    out = _out(work, run, site_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    command += ["--site-dir", str(out)]
    env = {**os.environ, SHARD_ENV: f"{run}/{runs}"}
    log = work / f"shard-{run}.log"
    return start_program(str(out), "build its pages with MkDocs", command, log, env=env)


def move_pages(shard_site: Path, site_dir: Path) -> int:
    """Move a further run's pages into the site folder; the rest it wrote run 0 writes too."""
    moved = 0
    for page in sorted(shard_site.rglob("index.html")):
        target = site_dir / page.relative_to(shard_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(page, target)
        moved += 1
    return moved
