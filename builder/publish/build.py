"""The disk edge of the site: read content, write the docs folder and mkdocs.yml, run MkDocs."""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.contract.problems import Problem, ProblemsFound, errors_in, failed_sources
from builder.downloads.workbook import stamp_from_env
from builder.engines import search_index
from builder.engines.mkdocs_config import ASSETS, mkdocs_config, to_yaml
from builder.engines.search_index import index_site
from builder.engines.shards import render_sharded, shard_count
from builder.incremental import dirty as incremental
from builder.incremental import report_cache
from builder.intake.build_date import source_date_epoch
from builder.intake.content import read_content
from builder.intake.layout import load_regions
from builder.publish import split
from builder.publish.split import Part
from builder.render import catalog
from builder.render import problems as render_problems
from builder.render.site import HOME_PAGE, Settings, rendering
from builder.write.staging import ahead, new_folder, staged

PAGES = "pages"
CACHE = "cache"
"""Parsed Documents by content hash, in the work folder (builder/incremental/parse_cache.py)."""
REPORT_FILES = "reports"
"""In the cache folder: each report's pages, JSON and findings from the last build
(report_cache.py)."""
SEARCH_STATE = "search-state.json"
"""In the work folder: what a rebuild needs to know about the search index (search_index.py)."""
OVERRIDES = Path(__file__).resolve().parents[1] / "theme" / "overrides"


@dataclass(frozen=True)
class Built:
    """What a build produced."""

    docs_dir: Path
    site_dir: Path
    documents: tuple[Document, ...]
    files: dict[str, str | bytes]
    problems: tuple[Problem, ...] = ()


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
        quality=bool(data.get("quality", True)),
    )


def load_hand_pages(content: Path) -> dict[str, str]:
    """content/pages/<stem>.md → text, by stem."""
    folder = content / PAGES
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def inside(name: str) -> bool:
    """Whether the relative path ``name`` stays inside the folder it is written to.

    No ``..``, root or drive. A check of the name alone: write_docs also refuses a folder
    holding symbolic links, through which a name could still lead outside it.
    """
    path = PurePosixPath(name)
    parts = path.parts
    return bool(parts) and not path.is_absolute() and "\\" not in name and ".." not in parts


def links_in(folder: Path) -> list[Path]:
    """The symbolic links under folder, not following them (one directory listing each)."""
    found: list[Path] = []
    pending = [str(folder)] if folder.is_dir() else []
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    found.append(Path(entry.path))
                elif entry.is_dir():
                    pending.append(entry.path)
    return sorted(found)


def write_docs(files: Mapping[str, str | bytes], docs_dir: Path) -> incremental.Synced:
    """Make docs_dir hold exactly these files plus the site's own assets.

    Files that did not change are left alone, so MkDocs can tell what to render again.
    """
    for name in files:
        if not inside(name):
            raise ReportError(name, 1, f"expected a page path inside {docs_dir}")
    # The build never makes links: one in the docs folder could lead a write outside it.
    links = links_in(docs_dir)
    if links:
        raise ReportError(str(links[0]), 1, "expected no symbolic link in the docs folder")
    assets = resources.files("builder.theme") / "assets"
    own = {
        f"{ASSETS}/{asset.name}": asset.read_bytes()
        for asset in sorted(assets.iterdir(), key=lambda a: a.name)
        if asset.is_file()
    }
    # Beside the docs folder, in the work folder: what this sync wrote, for the next one.
    manifest = docs_dir.with_name(f"{docs_dir.name}.manifest")
    return incremental.sync_folder({**files, **own}, docs_dir, manifest)


def write_downloads(files: Mapping[str, str | bytes], site_dir: Path) -> None:
    """Write the shared downloads into the built site, each as a new file.

    New files, not rewritten ones: in a rebuild the staged site's files are hard links to the
    published site's (builder/write/staging.py).
    """
    for name, content in files.items():
        if not inside(name):
            raise ReportError(name, 1, f"expected a download path inside {site_dir}")
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


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


def site_config(
    settings: Settings, site_dir: Path, years: Sequence[int], extra_pages: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """The mkdocs.yml of a build into site_dir: settings, theme overrides, navigation."""
    return mkdocs_config(
        title=settings.title,
        description=settings.description,
        publisher=settings.publisher,
        site_dir=site_dir.resolve(),
        overrides=OVERRIDES if OVERRIDES.is_dir() and any(OVERRIDES.iterdir()) else None,
        years=years,
        hand_pages=extra_pages,
        quality=settings.quality,
    )


def write_config(config: dict[str, Any], work: Path) -> Path:
    return write_yaml(config, work / "mkdocs.yml")


def write_yaml(config: dict[str, Any], path: Path) -> Path:
    path.write_text(to_yaml(config), encoding="utf-8")
    return path


def listed_pages(hand_pages: Mapping[str, str]) -> list[tuple[str, str]]:
    """(stem, title) of the hand-written pages listed under 说明 (not the home page's intro)."""
    return [
        (stem, page_title(text, stem)) for stem, text in hand_pages.items() if stem != HOME_PAGE
    ]


def page_title(text: str, fallback: str) -> str:
    """A Markdown page's title as MkDocs finds it: front matter ``title``, else the first ``# ``."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("'\"") or fallback
    heading = next((line for line in lines if line.startswith("# ")), "")
    return heading.removeprefix("# ").strip() or fallback


def build_site(
    content: Path,
    output: Path,
    *,
    site_data: Path = Path("site_data"),
    work: Path = Path("build"),
    keep_going: bool = False,
    only: Part | None = None,
    shards: int | None = None,
) -> Built:
    """Parse content/, render Markdown into work/docs, write work/mkdocs.yml, run MkDocs.

    Every report is read and checked first. With errors the build raises ProblemsFound
    before writing anything, unless ``keep_going``: then the files without errors are
    published and the page /problems/ lists the others. MkDocs and the search index are
    built into a folder beside ``output`` that replaces it only when both succeed.
    With ``only``, build one part of a split build (builder/publish/split.py): the pages of its
    reports only. ``shards`` is the number of MkDocs runs at once (builder/engines/shards.py;
    by default one per core for a large site).
    """
    # Folder work that need not wait for the pages runs meanwhile in other processes: the
    # site the last build replaced goes and, when this build will most likely be incremental
    # (the last one succeeded), the published site is copied for the staged build.
    likely = (work / incremental.STATE).is_file()
    with ahead(output, copy=likely):
        return _build_site(content, output, site_data, work, keep_going, only, shards)


def _build_site(
    content: Path,
    output: Path,
    site_data: Path,
    work: Path,
    keep_going: bool,
    only: Part | None,
    shards: int | None,
) -> Built:
    source_date_epoch(os.environ)  # checked before MkDocs reads it
    intake = read_content(content, load_regions(site_data), cache=work / CACHE)
    if errors_in(intake.problems) and not keep_going:
        raise ProblemsFound(intake.problems)
    # A part reads every report too: checks across reports (a project code or a copied
    # indicator row in another part) must see them all, and its navigation names every year.
    corpus = list(intake.documents)
    years = catalog.years(corpus)
    docs = corpus if only is None else [d for d in corpus if only.holds(d.source)]
    if not docs:
        part = f" of part {only}" if only else ""
        raise ReportError(str(content), 1, f"expected reports{part}, found none")
    settings = load_settings(site_data)
    hand_pages = load_hand_pages(content)
    if intake.problems and render_problems.STEM in hand_pages:
        raise ReportError(
            str(content / PAGES / f"{render_problems.STEM}.md"),
            1,
            f"expected another name: /{render_problems.STEM}/ lists the files with problems",
        )
    kept = report_cache.load(work / CACHE / REPORT_FILES)
    stamp = stamp_from_env(os.environ)
    with rendering(docs, settings, hand_pages, stamp=stamp, corpus=corpus, cache=kept) as made:
        files, downloads = made
        report_cache.save(work / CACHE / REPORT_FILES, kept)
        extra_pages = listed_pages(hand_pages)
        if intake.problems:
            files[render_problems.PAGE] = render_problems.render_problems(intake.problems)
            files = dict(sorted(files.items()))
            extra_pages.append((render_problems.STEM, render_problems.TITLE))
        stubs = split.nav_stubs(files, years)  # a part's navigation names the other parts' years
        docs_dir = work / "docs"
        synced = write_docs({**files, **stubs}, docs_dir)
        config = site_config(settings, new_folder(output), years, extra_pages)
        if stubs:
            config["exclude_docs"] = split.exclude_lines(stubs)
        config_file = write_config(config, work)
        print_ = incremental.build_fingerprint(config_file, config["theme"].get("custom_dir"))
        search = search_index.load_state(work / SEARCH_STATE)
        dirty = incremental.can_reuse(work, output, print_) and search is not None
        with staged(output, from_output=dirty) as site_dir:
            if dirty and search is not None:
                changes = incremental.prepare_dirty(site_dir, docs_dir, config["nav"], synced)
                run_mkdocs(config_file, True)
                changed = incremental.changed_pages(site_dir, output, changes)
                search = search_index.update_index(site_dir, changed, search)
            else:
                project_pages = sum(len(doc.projects) for doc in docs)
                count = shards or shard_count(project_pages, os.cpu_count() or 1)
                render_sharded(
                    config, work, site_dir, count, write_config=write_yaml, run_mkdocs=run_mkdocs
                )
                index_site(site_dir)
                search = search_index.full_state(site_dir)
            # Made meanwhile, maybe in a second process; MkDocs did not need them.
            shared = downloads()
            write_downloads(shared, site_dir)
    files = dict(sorted({**files, **shared}.items()))
    search_index.save_state(work / SEARCH_STATE, search)
    incremental.remember(work, output, print_)
    return Built(docs_dir, output, tuple(docs), files, intake.problems)


def print_problems(problems: tuple[Problem, ...], content: Path) -> None:
    """One ``file:line: level: message`` per problem on stderr, the file as found on disk."""
    for p in problems:
        print(
            f"{(content / p.source).as_posix()}:{p.line}: {p.level}: {p.message}", file=sys.stderr
        )


def run_build(
    content: Path,
    output: Path,
    site_data: Path,
    work: Path,
    only: Part | None = None,
    keep_going: bool = False,
) -> int:
    """``budgetsite build``: report every problem, build or stop, say where the site is."""
    try:
        built = build_site(
            content, output, site_data=site_data, work=work, keep_going=keep_going, only=only
        )
    except ProblemsFound as exc:
        print_problems(exc.problems, content)
        print(f"budgetsite: {exc}; {output} was left as it was", file=sys.stderr)
        return 1
    print_problems(built.problems, content)
    pages = sum(1 for name in built.files if name.endswith(".md"))
    part = f" (part {only})" if only else ""
    print(
        f"budgetsite: built {pages} pages from {len(built.documents)} reports{part} into {output}"
    )
    failed = failed_sources(built.problems)
    if failed:
        print(
            f"budgetsite: {len(failed)} file(s) with errors were left out; "
            f"see /{render_problems.STEM}/ on the site",
            file=sys.stderr,
        )
    return 0
