"""The pages that list every report, made from each report's list view and kept whole while
no view changed (builder/incremental/kept_whole.py).

The home page, /units/, the search page, the project list and each year's and region's page
show of a report its place (year, region, unit, file) and its projects' codes, names and
amounts, and nothing of its text. They are kept under ``list_view(doc)``, the report without
its goals, indicators, plans and measures, so an edit to that text leaves them as they were
and a rebuild takes the last build's: at 3,000 reports making them took about 2 s of a
one-report rebuild. A test holds the pages made from the views equal to those made from the
reports.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.contract.paths import HOME_PAGE
from builder.contract.settings import Settings
from builder.incremental.folder_sync import Content
from builder.incremental.kept_whole import Part, kept_whole, shares_of, whole_key
from builder.incremental.report_cache import Kept, ReportFiles
from builder.intake.hand_pages import listed_pages
from builder.render import catalog
from builder.render.home import render_home
from builder.render.lists.places import render_region, render_units, render_year
from builder.render.lists.projects import project_list_files
from builder.render.search_page import SEARCH, render_search

VIEWS = "list views"
"""The kind of summary that holds a report's list view (builder/incremental/summaries.py)."""

_PROJECT_TEXT = {
    "purpose": "",
    "spending_plan": (),
    "goals": (),
    "indicators": (),
    "plan_lines": (),
    "goal_lines": (),
    # Where a table stands in its file moves with every line written above it.
    "line": 0,
    "budget_line": 0,
}
_REPORT_TEXT = {"overall_goal": "", "sub_goals_intro": "", "sub_goals": (), "measures": ""}


def list_view(doc: Document) -> Document:
    """The report as the list pages see it: its place, its projects' codes, names, titles
    and amounts, and none of its text nor of its lines."""
    projects = tuple(p.model_copy(update=_PROJECT_TEXT) for p in doc.projects)
    return doc.model_copy(update={**_REPORT_TEXT, "projects": projects})


def list_files(
    docs: Sequence[Document],
    settings: Settings,
    hand_pages: Mapping[str, str],
    kept: Kept | None = None,
) -> Iterator[tuple[str, Content]]:
    """The home page, /units/, the search page, the project list, and each year's and
    region's page; with ``kept`` (a cache and each report's doc_hash), the last build's when
    no report's list view changed, and the settings and home page text are the same."""
    listed = listed_pages(hand_pages)
    kind = f"list pages\0{settings!r}\0{hand_pages.get(HOME_PAGE, '')}\0{listed!r}"
    cache = None if kept is None else kept[0]
    shares = shares_of(kept, docs, VIEWS, _view_bytes)

    def parts() -> Iterator[Part]:
        show = (whole_key(kind, shares.items()),) if shares else ()
        make = functools.partial(_made, docs, settings, hand_pages)
        yield kind, lambda: show, make

    yield from kept_whole(cache, kind, lambda: shares.items(), parts)


def _view_bytes(doc: Document) -> bytes:
    # JSON, not marshal: marshal's bytes depend on which equal values are one object, and so
    # differ between a report parsed now and the same report read from the parse cache.
    return list_view(doc).model_dump_json().encode("utf-8")


def _made(
    docs: Sequence[Document], settings: Settings, hand_pages: Mapping[str, str]
) -> ReportFiles:
    # From the reports themselves, which give the same pages as their views (tested): a
    # view of every report at once took 30 MiB more at 1,000 reports.
    return dict(list_pages(docs, settings, hand_pages))


def list_pages(
    docs: Sequence[Document], settings: Settings, hand_pages: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """The pages of list_files, made from these reports (list views, or whole reports)."""
    home = hand_pages.get(HOME_PAGE, "")
    yield paths.HOME, render_home(docs, settings, home, listed_pages(hand_pages))
    yield paths.UNITS, render_units(docs)
    yield SEARCH, render_search(docs)
    yield from project_list_files(docs).items()
    of_place = catalog.places(docs)
    for year in catalog.years(docs):
        yield paths.year(year), render_year(docs, year)
        for (of_year, code), here in of_place.items():
            if of_year == year:
                yield paths.region(year, code), render_region(here, year, code)
