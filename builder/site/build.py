"""The disk edge of the site: read content, write the docs folder and mkdocs.yml, run MkDocs."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from builder.corpus import load_regions
from builder.errors import ReportError
from builder.loader import load_documents
from builder.model import Document
from builder.site import catalog, incremental
from builder.site.mkdocs_config import ASSETS, mkdocs_config, to_yaml
from builder.site.render_site import HOME_PAGE, Settings, render_site

PAGES = "pages"
CACHE = "cache"
"""Parsed Documents by content hash, under the work folder (see builder/loader.py)."""
REPO = Path(__file__).resolve().parents[2]
OVERRIDES = REPO / "overrides"


@dataclass(frozen=True)
class Built:
    """What a build produced."""

    docs_dir: Path
    site_dir: Path
    documents: tuple[Document, ...]
    files: dict[str, str]


def load_settings(site_data: Path) -> Settings:
    path = site_data / "site.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except tomllib.TOMLDecodeError as exc:
        raise ReportError(str(path), getattr(exc, "lineno", 1), f"expected TOML: {exc}") from None
    return Settings(
        title=str(data.get("title", "预算绩效目标公开")),
        publisher=str(data.get("publisher", "")),
        description=str(data.get("description", "")),
    )


def load_hand_pages(content: Path) -> dict[str, str]:
    """content/pages/<stem>.md → text, by stem."""
    folder = content / PAGES
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def write_docs(files: dict[str, str], docs_dir: Path) -> incremental.Synced:
    """Make docs_dir hold exactly these files plus the site's own assets.

    Files that did not change are left alone, so MkDocs can tell what to render again.
    """
    assets = resources.files("builder.site") / "assets"
    own = {
        f"{ASSETS}/{asset.name}": asset.read_bytes()
        for asset in sorted(assets.iterdir(), key=lambda a: a.name)
        if asset.is_file()
    }
    return incremental.sync_folder({**files, **own}, docs_dir)


def run_mkdocs(config_file: Path, dirty: bool = False) -> None:
    """``mkdocs build --strict`` in-process; a warning stops the build.

    ``dirty`` renders only pages whose Markdown is newer than their HTML (see incremental.py).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    # MkDocs warns that a dirty build may leave navigation stale; incremental.py renders
    # the nav's pages again, so the warning (which --strict would make fatal) is dropped.
    build_logger = logging.getLogger("mkdocs.commands.build")
    quiet = incremental.DirtyWarningFilter()
    build_logger.addFilter(quiet)
    try:
        config = load_config(str(config_file), strict=True)
        build(config, dirty=dirty)
    except MkDocsException as exc:
        raise ReportError(str(config_file), 1, f"expected a clean MkDocs build: {exc}") from None
    finally:
        logger.removeHandler(handler)
        build_logger.removeFilter(quiet)


def build_site(
    content: Path, output: Path, *, site_data: Path = Path("site_data"), work: Path = Path("build")
) -> Built:
    """Parse content/, render Markdown into work/docs, write work/mkdocs.yml, run MkDocs."""
    docs = list(load_documents(content, load_regions(site_data), cache=work / CACHE).documents)
    settings = load_settings(site_data)
    hand_pages = load_hand_pages(content)
    files = render_site(docs, settings, hand_pages)
    docs_dir = work / "docs"
    synced = write_docs(files, docs_dir)
    config = mkdocs_config(
        title=settings.title,
        description=settings.description,
        publisher=settings.publisher,
        site_dir=output.resolve(),
        overrides=OVERRIDES if OVERRIDES.is_dir() and any(OVERRIDES.iterdir()) else None,
        years=catalog.years(docs),
        hand_pages=[stem for stem in hand_pages if stem != HOME_PAGE],
    )
    config_file = work / "mkdocs.yml"
    config_file.write_text(to_yaml(config), encoding="utf-8")
    incremental.build(
        run_mkdocs,
        config_file=config_file,
        nav=config["nav"],
        site_dir=output,
        overrides=config["theme"].get("custom_dir"),
        pages=files,
        synced=synced,
    )
    return Built(docs_dir, output, tuple(docs), files)


def run_build(content: Path, output: Path, site_data: Path, work: Path) -> int:
    """``budgetsite build``: build, then say where the site is."""
    built = build_site(content, output, site_data=site_data, work=work)
    pages = sum(1 for name in built.files if name.endswith(".md"))
    print(f"budgetsite: built {pages} pages from {len(built.documents)} reports into {output}")
    return 0
