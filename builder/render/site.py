"""All pages and downloads of the site as a mapping path → text (pure: no disk)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from builder.compare.related import (
    UnitRelations,
    relation_share,
    relations,
    relations_of_bytes,
    relations_to_bytes,
)
from builder.contract import paths
from builder.contract.model import Document
from builder.contract.paths import HOME_PAGE
from builder.contract.settings import Settings
from builder.contract.streamed import Streamed
from builder.downloads.files import report_downloads, shared_downloads, whole
from builder.downloads.shares import Joined
from builder.downloads.sheets.workbook import ZIP_EPOCH
from builder.engines import processes
from builder.incremental.folder_sync import Content, Stored
from builder.incremental.kept_whole import kept_value
from builder.incremental.report_cache import Kept, ReportCache, ReportFiles, doc_hash, report_key
from builder.incremental.share_store import ShareStore
from builder.quality import Finding
from builder.quality.check import Checked, check_document, report_findings
from builder.render.compare.changes import change_files
from builder.render.compare.groups import group_files
from builder.render.data_page import render_data
from builder.render.lists.every_report import list_files
from builder.render.lists.indicators import indicator_files
from builder.render.project import render_project
from builder.render.quality import (
    findings_csv_of,
    findings_rows,
    project_findings,
    quality_files,
    unit_findings,
)
from builder.render.quality_tally import Tally
from builder.render.unit import render_unit
from builder.write.docs import write_files
from builder.write.spool import Spool

BACKGROUND_MIN = 200
"""From this many reports the downloads are made in a second process while pages render."""


def render_site(
    docs: Sequence[Document],
    settings: Settings,
    hand_pages: Mapping[str, str],
    *,
    stamp: datetime = ZIP_EPOCH,
    corpus: Sequence[Document] | None = None,
    cache: ReportCache | None = None,
    placer: Placer = list,
) -> dict[str, str | bytes]:
    """Every file of the docs folder: generated pages, hand-written pages, downloads.

    ``stamp`` is the time written into the workbook (SOURCE_DATE_EPOCH in a build).
    ``corpus`` is every report of the site when ``docs`` are one part of a split build:
    rules across reports (a row copied from another unit's project) look at all of them.
    ``cache`` holds each report's own files from the last build
    (builder/incremental/report_cache.py). ``placer`` gives findings in Word files their
    place in words (builder/intake/content.Intake.placed).
    """
    with rendering(
        docs, settings, hand_pages, stamp=stamp, corpus=corpus, cache=cache, placer=placer
    ) as (pages, downloads):
        files: Files = {n: _whole(c) for n, c in pages}
        files.update(downloads())
    return dict(sorted(files.items()))


@contextmanager
def rendering(
    docs: Sequence[Document],
    settings: Settings,
    hand_pages: Mapping[str, str],
    *,
    stamp: datetime = ZIP_EPOCH,
    corpus: Sequence[Document] | None = None,
    cache: ReportCache | None = None,
    placer: Placer = list,
    into: Path | None = None,
    placeholders: bool = False,
    shares: Path | None = None,
) -> Iterator[tuple[Iterator[Page], Callable[[], Files]]]:
    """render_site in two parts: the pages and each report's files, and the shared downloads.

    Yields the pages, made one at a time as they are taken (the build writes each and holds
    none), and a function that returns the downloads, made meanwhile in a second process for
    a large site; the build asks for them after MkDocs, which needs nothing of them. With
    ``into``, each download is written there as made, and the function returns none. With
    ``placeholders`` (a merge), each report's own files are empty: its part built them.
    With ``shares``, each report's share of the downloads is kept in that folder under its
    key in ``cache`` (builder/incremental/share_store.py).
    """
    background = len(docs) >= BACKGROUND_MIN
    keys = None if cache is None or shares is None else [cache.digest(doc) for doc in docs]
    work = functools.partial(_shared, settings=settings, into=into, shares=shares, keys=keys)
    with _started(work, docs, stamp, background=background) as downloads:
        pages = _pages(docs, settings, hand_pages, corpus, cache, placer, placeholders)
        # The pages hold the reports until they are all taken, and this frame not at all:
        # a build lets go of them before it indexes the site (publish/build.py).
        del docs, corpus, cache, placer
        yield pages, downloads


ROWS = "findings.csv rows"
"""The name of a report's rows of findings.csv in its cache entry (never a docs file's)."""


def _report_rows(own: list[Finding], cache: ReportCache | None, key: str | None) -> str:
    """A report's rows of findings.csv, kept under its key beside its files: a rebuild makes
    only a changed report's rows (all 414,000 took 2 s at 3,000 reports)."""
    if cache is None or key is None:
        return findings_rows(own)
    make = functools.partial(lambda found: {ROWS: findings_rows(found)}, own)
    text = _whole(cache.files(f"{key}-rows", make)[ROWS])
    assert isinstance(text, str), key  # an entry holds text (ReportFiles)
    return text


def _whole(content: Content) -> str | bytes:
    if isinstance(content, Stored):
        return content.load()
    return content.text() if isinstance(content, Streamed) else content


Files = dict[str, str | bytes]
Page = tuple[str, Content]
"""A file of the docs folder: its name and content (a report's kept files are Stored)."""
Placer = Callable[[Iterable[Finding]], list[Finding]]
"""Findings → the same findings, each given its place in words where its file has one."""


def _shared(
    docs: Sequence[Document],
    stamp: datetime,
    *,
    settings: Settings,
    into: Path | None,
    shares: Path | None,
    keys: Sequence[str] | None,
) -> Files:
    joined = None
    if shares is not None:
        joined = Joined(docs, keys or [doc_hash(doc) for doc in docs], ShareStore(shares))
    # The temporary files beside the folder the downloads are written into: in the work
    # folder, not a system temporary folder that may be memory (tmpfs).
    scratch = None if into is None else into.parent
    made = shared_downloads(docs, stamp, settings, scratch=scratch, joined=joined)
    files: Files = dict(whole(made)) if into is None else {}
    if into is not None:
        write_files(made, into)
    if joined is not None:
        joined.forget_others()
    return files


@contextmanager
def _started(
    work: Callable[[Sequence[Document], datetime], Files],
    docs: Sequence[Document],
    stamp: datetime,
    *,
    background: bool,
) -> Iterator[Callable[[], Files]]:
    """``work(docs, stamp)``, as a background job when ``background`` and a core is spare;
    yields a function that waits for its result. A forked job, not a pool: the child has the
    reports already; a pool would pickle them to it (8 s at 1,000 reports)."""
    if not background or (os.cpu_count() or 1) < 2:
        yield lambda: work(docs, stamp)
        return
    job = processes.start("data/", "make the downloads", work, docs, stamp)
    docs = ()  # the child has them; the build lets go of them before it indexes the site
    try:
        yield job.result
    finally:
        job.cancel()  # when the build failed first: the downloads are not wanted


RELATED = "relation shares"
"""The kind of summary that holds a report's share of the relations (relation_share)."""


def _related(docs: Sequence[Document], kept: Kept | None) -> dict[str, UnitRelations]:
    """relations(docs), or the last build's when no report's share of them changed
    (0.9 s of a one-report rebuild at 3,000 reports)."""
    if kept is None:
        return relations(docs)
    cache, digests = kept
    summaries = cache.summaries
    shares = [
        (d.source, summaries.get(RELATED, digests[d.source], functools.partial(relation_share, d)))
        for d in docs
    ]
    made: list[dict[str, UnitRelations]] = []

    def make() -> bytes:
        made.append(relations(docs))
        return relations_to_bytes(made[0])

    data = kept_value(cache, "relations", lambda: shares, make)
    return made[0] if made else relations_of_bytes(data) or relations(docs)


def report_files(
    doc: Document,
    own: Sequence[Finding],
    quality: bool,
    related: UnitRelations | None = None,
) -> ReportFiles:
    """A report's own files: its unit page, its project pages and their JSON; ``related``
    is what they say of other reports (builder/compare/related.py)."""
    related = related or UnitRelations()
    unit_page = render_unit(doc, quality=quality, related=related)
    if quality:
        unit_page += unit_findings(doc, own)
    files = {paths.unit(doc): unit_page}
    for project in doc.projects:
        project_page = render_project(project, doc, related.of(project.code))
        if quality:
            project_page += project_findings(doc, project.code, own)
        files[paths.project(project.code)] = project_page
    files.update(report_downloads(doc))
    return files


def _pages(
    docs: Sequence[Document],
    settings: Settings,
    hand_pages: Mapping[str, str],
    corpus: Sequence[Document] | None,
    cache: ReportCache | None,
    placer: Placer,
    placeholders: bool = False,
) -> Iterator[Page]:
    everyone = corpus or docs
    digests = {} if cache is None else {doc.source: cache.digest(doc) for doc in everyone}
    kept = None if cache is None else (cache, digests)
    yield paths.DATA, render_data(docs)
    yield from list_files(docs, settings, hand_pages, kept)
    yield from indicator_files(docs, kept)
    yield from group_files(docs, kept)
    yield from change_files(docs, kept)

    def own_findings(doc: Document) -> list[Finding]:
        if cache is None:
            return check_document(doc)
        return cache.findings(digests[doc.source], functools.partial(check_document, doc))

    # A part's pages show its own reports' findings; the rules still look at every report.
    # The others' findings are never made: at 3,000 reports all of them took 302 MiB.
    about = docs if len(everyone) > len(docs) else None
    each_report = (
        report_findings(everyone, own_findings, about=about)
        if settings.quality
        else (Checked(doc, [], []) for doc in sorted(docs, key=lambda d: d.source))
    )
    # From every report: a part's pages name like projects and years of the other parts.
    related = {} if placeholders else _related(everyone, kept)
    tally = Tally()  # what the quality section says of all findings
    rows = Spool() if settings.quality else None  # findings.csv, a report's rows at a time
    for doc, found, across in each_report:
        own = placer(found)
        tally.add(doc, own)
        key = None
        if placeholders:
            names = [*paths.report_pages(doc), *paths.report_data(doc)]
            yield from ((name, "") for name in names)
        elif cache is None:
            yield from report_files(doc, own, settings.quality, related[doc.source]).items()
        else:
            mine = related[doc.source]
            key = report_key(
                doc,
                own,
                settings.quality,
                doc_digest=digests[doc.source],
                related=mine.key(),
                across=across if cache.names_file(doc) else None,
            )
            make = functools.partial(report_files, doc, own, settings.quality, mine)
            yield from cache.files(key, make).items()
        if rows is not None and own:
            rows.write(_report_rows(own, cache, key))
    if rows is not None:
        csv = Streamed(findings_csv_of(rows.parts()))
        yield from quality_files(docs, tally, csv).items()
    for stem, text in hand_pages.items():
        if stem != HOME_PAGE:
            yield paths.hand_page(stem), text
