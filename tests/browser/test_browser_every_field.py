"""Every field of a report holds every kind of hostile payload (tests/site/every_field.py):
in the real Chromium no page of the site runs a script, titles and breadcrumbs show the
text as written, and the workbook opens."""

from __future__ import annotations

from collections.abc import Iterator

import openpyxl
import pytest
from playwright.sync_api import Dialog, Page

from builder.parse.controls import visible
from builder.publish.build import Built, build_site
from tests.browser.conftest import watch
from tests.conftest import SITE_DATA
from tests.site.every_field import SEED, hostile_report
from tests.site.serving import serve
from tests.support.dumps import without_lines

pytestmark = pytest.mark.browser

ACTIVE = (
    "article script, article iframe, article svg:not(.bs-bar), article img, article style, "
    "nav.bs-crumbs *:not(a)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, regions: dict[str, str]) -> Built:
    root = tmp_path_factory.mktemp("every-field")
    text, _ = hostile_report(regions)
    (root / "content" / SEED).parent.mkdir(parents=True)
    (root / "content" / SEED).write_text(text, encoding="utf-8")
    return build_site(root / "content", root / "site", site_data=SITE_DATA, work=root / "work")


@pytest.fixture(scope="module")
def url(site: Built) -> Iterator[str]:
    with serve(site.site_dir) as address:
        yield address


def test_the_report_parses_to_every_payload(site: Built, regions: dict[str, str]) -> None:
    _, expected = hostile_report(regions)
    (document,) = site.documents
    assert without_lines(document.model_dump()) == without_lines(expected.model_dump())


def pages(site: Built) -> list[str]:
    return sorted(
        p.relative_to(site.site_dir).parent.as_posix()
        for p in site.site_dir.rglob("index.html")
        if not p.relative_to(site.site_dir).as_posix().startswith(("assets/", "search/"))
    )


def test_no_page_runs_a_script(desktop: Page, site: Built, url: str) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{desktop.url}: {dialog.message}")
        dialog.dismiss()

    desktop.on("dialog", on_dialog)
    traffic = watch(desktop)
    visited = pages(site)
    assert len(visited) >= 10
    for address in visited:
        desktop.goto(f"{url}/{'' if address == '.' else address + '/'}", wait_until="networkidle")
        assert desktop.locator(ACTIVE).count() == 0, address
    assert dialogs == []
    assert traffic.console_errors == [] and traffic.failures == []
    assert traffic.other_hosts() == []


def test_titles_and_breadcrumbs_show_the_text_as_written(
    desktop: Page, site: Built, url: str
) -> None:
    (document,) = site.documents
    project = document.projects[0]
    desktop.goto(f"{url}/projects/{project.code}/", wait_until="networkidle")
    assert desktop.title().startswith(visible(project.name))
    assert desktop.locator("article h1").inner_text().replace("\n", "") == visible(project.name)
    crumbs = desktop.locator("nav.bs-crumbs").inner_text()
    assert visible(document.unit.name) in crumbs


def test_the_workbook_opens(site: Built) -> None:
    book = openpyxl.load_workbook(site.site_dir / "data/budget-goals.xlsx", read_only=True)
    names = [row[1] for row in book["项目"].iter_rows(min_row=2, values_only=True)]
    assert names and all("[U+FFFE][U+FFFF]" in str(name) for name in names)
