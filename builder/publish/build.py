"""A build: content/ taken in, pages rendered, docs written, MkDocs run, search indexed, swapped."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.contract.problems import Problem, ProblemsFound, errors_in
from builder.contract.settings import Settings
from builder.downloads.sheets.workbook import stamp_from_env
from builder.engines import processes, search_index, search_job
from builder.engines.mkdocs import run_mkdocs, site_config, write_config, write_yaml
from builder.engines.processes import Job
from builder.engines.shards import render_sharded, run_count
from builder.incremental import dirty, report_cache
from builder.intake.build_date import source_date_epoch
from builder.intake.content import Intake, read_content
from builder.intake.files import received
from builder.intake.hand_pages import PAGES, listed_pages, load_hand_pages
from builder.intake.site_data import load_parents, load_regions, load_settings
from builder.publish import split
from builder.publish.long_lived import settle, settling
from builder.publish.split import Part
from builder.publish.timings import Timings
from builder.render import catalog
from builder.render import problems as problems_page
from builder.render.site import BACKGROUND_MIN, rendering
from builder.search.records import each_record
from builder.write.docs import DocsFolder, move_downloads, write_sitemap
from builder.write.lock import one_build
from builder.write.staging import Ahead, ahead, new_folder, repair_swap, staged

CACHE = "cache"
"""Parsed Documents by content hash, in the work folder (builder/incremental/parse_cache.py)."""
REPORT_FILES = "reports"
"""In the cache folder: each report's pages, JSON and findings from the last build
(report_cache.py)."""
SHARES = "shares"
"""In the cache folder: each report's share of the shared downloads (share_store.py)."""
DOWNLOADS = "downloads"
"""In the work folder: the shared downloads as made, before they move into the site."""
SEARCH_STATE = search_job.STATE


@dataclass(frozen=True)
class Built:
    """What a build produced."""

    docs_dir: Path
    site_dir: Path
    reports: int
    projects: int
    files: tuple[str, ...]
    """The names of the rendered docs files and of the shared downloads, sorted."""
    problems: tuple[Problem, ...] = ()
    timings: Timings = field(default_factory=Timings)
    """Where the build's time went (builder/publish/timings.py)."""
    read: Callable[[], tuple[Document, ...]] = field(default=tuple, repr=False, compare=False)

    @functools.cached_property
    def documents(self) -> tuple[Document, ...]:
        """The reports built, read again (through the parse cache) when first asked for:
        a build lets go of them before it indexes the site, its largest step."""
        return self.read()


def build_site(
    content: Path,
    output: Path,
    *,
    site_data: Path = Path("site_data"),
    work: Path = Path("build"),
    keep_going: bool = False,
    only: Part | None = None,
    shards: int | None = None,
    wait: bool = False,
    for_disk: bool = False,
) -> Built:
    """Parse content/, render Markdown into work/docs, write work/mkdocs.yml, run MkDocs.

    Every report is read and checked first. With errors the build raises ProblemsFound
    before writing anything, unless ``keep_going``: then the files without errors are
    published and the page /problems/ lists the others. MkDocs and the search index are
    built into a folder beside ``output`` that replaces it only when both succeed.
    With ``only``, build one part of a split build (builder/publish/split.py): the pages of its
    reports only. ``shards`` is the number of MkDocs runs at once (builder/engines/shards.py;
    by default one per core for a large site). One build of a site runs at a time
    (builder/write/lock.py): another stops at once, or with ``wait`` waits for this one.
    ``for_disk``: every link names its page's index.html, for a site opened from disk.
    """
    # Folder work that need not wait for the pages runs meanwhile in other processes: the
    # site the last build replaced goes and, when this build will most likely be incremental
    # (the last one succeeded), the published site is copied for the staged build.
    with one_build(output, work, wait=wait), settling():
        repair_swap(output)
        likely = (work / dirty.STATE).is_file()
        with ahead(output, copy=likely) as started:
            return _build_site(
                content, output, site_data, work, keep_going, only, shards, started, for_disk
            )


def _build_site(
    content: Path,
    output: Path,
    site_data: Path,
    work: Path,
    keep_going: bool,
    only: Part | None,
    shards: int | None,
    started: Ahead,
    for_disk: bool,
) -> Built:
    source_date_epoch(os.environ)  # checked before MkDocs reads it
    timings = Timings()
    settings = load_settings(site_data)
    with timings.step("read reports"):
        intake = _read(content, site_data, work, settings)
    settle()
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
    hand_pages = load_hand_pages(content)
    if intake.problems and problems_page.STEM in hand_pages:
        raise ReportError(
            str(content / PAGES / f"{problems_page.STEM}.md"),
            1,
            f"expected another name: /{problems_page.STEM}/ lists the files with problems",
        )
    stamp = stamp_from_env(os.environ)
    extra_pages = listed_pages(hand_pages)
    docs_dir = work / "docs"
    made = work / DOWNLOADS  # the shared downloads, written there by the process making them
    shutil.rmtree(made, ignore_errors=True)  # a failed build's
    with ExitStack() as rendered:
        parents = load_parents(site_data)
        spooling = _spooling(docs, parents, work)
        if spooling is not None:
            rendered.callback(spooling.cancel)  # when the build fails first
        # Each page is written to the docs folder as it is made: the build holds none of them.
        with timings.step("render and write pages"):
            kept = report_cache.load(work / CACHE / REPORT_FILES, intake.parse_keys)
            pages, downloads = rendered.enter_context(
                rendering(
                    docs,
                    settings,
                    hand_pages,
                    stamp=stamp,
                    corpus=corpus,
                    cache=kept,
                    placer=intake.placed,
                    into=made,
                    shares=work / CACHE / SHARES,
                )
            )
            folder = DocsFolder(docs_dir)
            for name, page in pages:
                folder.put(name, page)
            if intake.problems:
                folder.put(problems_page.PAGE, problems_page.render_problems(intake.problems))
                extra_pages.append((problems_page.STEM, problems_page.TITLE))
            names = sorted(folder.names)
            # a part's navigation names the other parts' years
            stubs = split.nav_stubs(names, years)
            for name, stub in stubs.items():
                folder.put(name, stub)
            # The report files as received go to the site beside their pages, not into the
            # rendered files, which are a function of the Documents alone.
            for name, data in received(content, docs, intake.file_digests):
                folder.put(name, data)
            synced = folder.finish()
            report_cache.save(kept)
        config = site_config(settings, new_folder(output), years, extra_pages, for_disk=for_disk)
        if stubs:
            config["exclude_docs"] = split.exclude_lines(stubs)
        config_file = write_config(config, work)
        print_ = dirty.build_fingerprint(config_file, config["theme"].get("custom_dir"))
        with timings.step("search records"):
            records = _spool(docs, parents, work) if spooling is None else spooling.result()
            words = search_index.records_key(parents)
        # Nothing from here on needs the reports, the largest thing the build holds (190 MiB
        # at 3,000 reports): MkDocs and the search index run without them.
        reports, projects = len(docs), sum(len(doc.projects) for doc in docs)
        problems = intake.problems
        del intake, corpus, docs
        reuse = dirty.can_reuse(work, output, print_) and search_job.has_state(work)
        with ExitStack() as publishing:
            with timings.step("stage the site"):
                site_dir = publishing.enter_context(
                    staged(output, from_output=reuse, ahead=started)
                )
            # The search job reads the records (and the last state) while MkDocs runs.
            indexing = publishing.enter_context(
                search_job.started(site_dir, work, words, records=records, rebuild=reuse)
            )
            if reuse:
                with timings.step("MkDocs, changed pages"):
                    changes = dirty.prepare_dirty(site_dir, docs_dir, config["nav"], synced)
                    run_mkdocs(config_file, True, known=(synced.names, changes.sources))
                    changed = dirty.changed_pages(site_dir, output, changes)
                with timings.step("search index"):
                    indexing.finish(changed)
            else:
                page_count = sum(1 for name in names if name.endswith(".md"))
                cores = os.cpu_count() or 1
                runs = shards or run_count(page_count, cores)
                with timings.step(f"MkDocs, every page ({runs} runs)"):
                    if runs == 1:
                        run_mkdocs(config_file)
                    else:
                        render_sharded(
                            config, work, site_dir, runs, write_config=write_yaml, cores=cores
                        )
                with timings.step("search index"):
                    indexing.finish(None)
            # Made meanwhile, maybe in a second process; MkDocs did not need them.
            with timings.step("shared downloads (the rest)"):
                downloads()
            with timings.step("write downloads, sitemap"):
                shared = move_downloads(made, site_dir)
                write_sitemap(site_dir, settings.url, names)
            with timings.step("swap in the new site"):
                publishing.close()
    search_job.keep_state(work)
    dirty.remember(work, output, print_)
    files = tuple(sorted({*names, *shared}))
    read = functools.partial(_read_again, content, site_data, work, settings, only)
    return Built(docs_dir, output, reports, projects, files, problems, timings, read)


def _spooling(docs: Sequence[Document], parents: Mapping[str, str], work: Path) -> Job[int] | None:
    """The search records spooled in a second process while the pages render, for a large
    site (0.7 s of a one-report rebuild at 3,000 reports); None: spool them later, here."""
    if len(docs) < BACKGROUND_MIN or (os.cpu_count() or 1) < 2:
        return None
    place = str(work / search_job.RECORDS)
    return processes.start(place, "spool the search records", _spool, docs, parents, work)


def _spool(docs: Sequence[Document], parents: Mapping[str, str], work: Path) -> int:
    return search_job.spool_records(each_record(docs, parents), work)


def _read_again(
    content: Path, site_data: Path, work: Path, settings: Settings, only: Part | None
) -> tuple[Document, ...]:
    """The reports a build published, as Built.documents (read through the parse cache)."""
    intake = _read(content, site_data, work, settings)
    return tuple(d for d in intake.documents if only is None or only.holds(d.source))


def _read(content: Path, site_data: Path, work: Path, settings: Settings) -> Intake:
    """Every report under content/, through the work folder's parse cache."""
    return read_content(
        content, load_regions(site_data), cache=work / CACHE, max_bytes=settings.max_report_bytes
    )
