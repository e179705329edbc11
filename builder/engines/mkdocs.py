"""MkDocs, run in-process: the site's mkdocs.yml written, ``mkdocs build --strict`` run on it."""

from __future__ import annotations

import logging
from collections.abc import Sequence, Set
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from builder.contract.errors import EnvironmentFailure
from builder.contract.settings import Settings
from builder.engines.known_files import known_files
from builder.engines.mkdocs_config import mkdocs_config, to_yaml
from builder.render.provenance import footer

OVERRIDES = Path(__file__).resolve().parents[1] / "theme" / "overrides"
"""Material's template overrides, shipped inside the package (builder/theme/overrides)."""


def theme_overrides(folder: Path = OVERRIDES) -> Path:
    """The overrides folder; a missing or empty one is a broken install, never silence.

    Without it the pages lose the search box and the part search indexes.
    """
    if not folder.is_dir() or not any(folder.iterdir()):
        raise EnvironmentFailure(
            str(folder), "expected the theme overrides shipped with budgetsite (reinstall it)"
        )
    return folder


def site_config(
    settings: Settings,
    site_dir: Path,
    years: Sequence[int],
    extra_pages: Sequence[tuple[str, str]],
    *,
    for_disk: bool = False,
) -> dict[str, Any]:
    """The mkdocs.yml of a build into site_dir: settings, theme overrides, navigation;
    ``for_disk``: links for a site opened from disk (builder/engines/disk_links.py)."""
    return mkdocs_config(
        title=settings.title,
        description=settings.description,
        footer=footer(settings),
        site_dir=site_dir.resolve(),
        overrides=theme_overrides(),
        years=years,
        hand_pages=extra_pages,
        quality=settings.quality,
        url=settings.url,
        for_disk=for_disk,
    )


def write_config(config: dict[str, Any], work: Path) -> Path:
    """work/mkdocs.yml."""
    return write_yaml(config, work / "mkdocs.yml")


def write_yaml(config: dict[str, Any], path: Path) -> Path:
    path.write_text(to_yaml(config), encoding="utf-8")
    return path


class DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave stale navigation.

    builder/incremental/dirty.py renders the nav's pages again, so the warning (which
    --strict would make fatal) does not apply.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def run_mkdocs(
    config_file: Path, dirty: bool = False, known: tuple[Set[str], Set[str]] | None = None
) -> None:
    """``mkdocs build --strict`` in-process; a warning stops the build.

    ``dirty`` renders only pages whose Markdown is newer than their HTML (see dirty.py).
    ``known`` is (every docs file, the changed ones), for MkDocs to take instead of
    walking and statting the docs folder (builder/engines/known_files.py).
    The pages are generated, so a failure here is the machine's, not the reports'.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    build_logger = logging.getLogger("mkdocs.commands.build")
    quiet = DirtyWarningFilter()
    build_logger.addFilter(quiet)
    try:
        config = load_config(str(config_file), strict=True)
        with known_files(*known) if known else nullcontext():
            build(config, dirty=dirty)
    except MkDocsException as exc:
        raise EnvironmentFailure(
            str(config_file), f"expected a clean MkDocs build: {exc}"
        ) from None
    finally:
        logger.removeHandler(handler)
        build_logger.removeFilter(quiet)
