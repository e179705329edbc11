"""Render the pages in more than one MkDocs process: MkDocs itself uses one core.

At province scale nine pages in ten are project pages, and Markdown → HTML is most of a
build. A clean build of a large site therefore splits the project pages into shards by the
last character of their code (random-looking in real and generated codes): the build's own
MkDocs run renders every other page and the first shard, and one more ``mkdocs build`` per
further shard renders only its project pages, at the same time. Every run has the same
mkdocs.yml but for ``exclude_docs``: an excluded page is still known to MkDocs, so links to
it are checked and resolve, and the navigation is the same (it lists index pages only). The
shards' pages then move into the site folder, byte for byte what one run writes.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from builder.engines.processes import Job, start_program

CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The characters a 项目编码 ends with (builder/intake/identity.py checks codes before any path)."""
PAGES = "projects"
MIN_PAGES = 1500
"""Below this many project pages one run is faster: another MkDocs start costs ~2 s."""


def shard_count(project_pages: int, cores: int) -> int:
    """How many MkDocs runs to use: one per core, when there are enough pages to share."""
    return max(1, min(cores, 4)) if project_pages >= MIN_PAGES else 1


MAIN_SHARE = 0.6
"""The build's own run takes this share of a shard's project pages: it renders the rest too."""


def groups(shards: int) -> list[str]:
    """The last characters of the codes each run renders, the build's own run first.

    Characters are dealt in turn to the run with the least work for its weight, so the
    groups interleave over the alphabet and the build's own run gets fewer of them.
    """
    weights = [MAIN_SHARE, *([1.0] * (shards - 1))]
    dealt: list[list[str]] = [[] for _ in range(shards)]
    for char in CODE_CHARS:
        shard = min(range(shards), key=lambda s: ((len(dealt[s]) + 1) / weights[s], s))
        dealt[shard].append(char)
    return ["".join(group) for group in dealt]


def _group(shard: int, shards: int) -> str:
    return groups(shards)[shard]


def main_excludes(shards: int) -> str:
    """``exclude_docs`` lines for the build's own run: the other shards' project pages."""
    others = "".join(_group(shard, shards) for shard in range(1, shards))
    return f"/{PAGES}/*[{others}]/index.md\n" if others else ""


def shard_excludes(shard: int, shards: int) -> str:
    """``exclude_docs`` lines for a further shard: every file but its own project pages.

    ``*.*`` names files only (no folder of the docs has a dot), so the pages under
    projects/ can be taken back in; gitignore cannot take back a file in an excluded folder.
    """
    return f"*.*\n!/{PAGES}/*[{_group(shard, shards)}]/index.md\n"


def with_excludes(config: dict[str, Any], lines: str, site_dir: Path) -> dict[str, Any]:
    """A copy of config writing into site_dir with more ``exclude_docs`` lines."""
    excludes = config.get("exclude_docs", "") + lines
    return {**config, "site_dir": str(site_dir), "exclude_docs": excludes}


def render_sharded(
    config: dict[str, Any],
    work: Path,
    site_dir: Path,
    shards: int,
    *,
    write_config: Callable[[dict[str, Any], Path], Path],
    run_mkdocs: Callable[[Path], None],
) -> None:
    """MkDocs over the docs folder in ``shards`` processes at once, into site_dir."""
    started: list[tuple[Path, Job[None]]] = []
    try:
        for shard in range(1, shards):
            out = work / f"shard-{shard}"
            shard_config = with_excludes(config, shard_excludes(shard, shards), out)
            path = write_config(shard_config, work / f"mkdocs.shard-{shard}.yml")
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(path)]
            # A program, not a forked function: a fresh MkDocs does not carry the build's
            # memory (a fork would count the reports and pages again in its peak).
            log = work / f"shard-{shard}.log"
            job = start_program(str(out), "build its pages with MkDocs", command, log)
            started.append((out, job))
        main = with_excludes(config, main_excludes(shards), site_dir)
        run_mkdocs(write_config(main, work / "mkdocs.shard-0.yml"))
    finally:
        for _out, job in started:
            with suppress(Exception):  # each is raised below, or the run's error is
                job.result()
    for out, job in started:
        job.result()
        move_pages(out, site_dir)
        shutil.rmtree(out)


def move_pages(shard_site: Path, site_dir: Path) -> int:
    """Move a shard's project pages into the site folder; the rest it wrote is the same."""
    moved = 0
    for page in sorted((shard_site / PAGES).glob("*/index.html")):
        target = site_dir / page.relative_to(shard_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(page, target)
        moved += 1
    return moved
