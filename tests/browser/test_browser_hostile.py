"""The hostile report in the real Chromium: no script runs, the text shows as written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Dialog, Page, expect

from builder.publish.build import Built
from tests.browser.conftest import DESKTOP, PHONE, screenshot, watch
from tests.site import hostile
from tests.site.building import hostile_built_once
from tests.site.serving import serve

pytestmark = pytest.mark.browser

INJECTED = (
    "#bs-injected, article script, article iframe, article svg:not(.bs-bar), article img, "
    "article style"
)


@pytest.fixture(scope="module")
def hostile_url() -> Iterator[str]:
    site: Built = hostile_built_once()
    with serve(site.site_dir) as url:
        yield url


def visit(page: Page, url: str) -> list[str]:
    """Open ``url``; the messages of any dialog the page opened (there must be none)."""
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="networkidle")
    return dialogs


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize(
    ("address", "texts"),
    [(hostile.PROJECT, hostile.ON_PROJECT_PAGE), (hostile.UNIT, hostile.ON_UNIT_PAGE)],
    ids=["project", "unit"],
)
def test_hostile_text_runs_nothing_and_shows_as_written(
    request: pytest.FixtureRequest, hostile_url: str, size: str, address: str, texts: list[str]
) -> None:
    page: Page = request.getfixturevalue(size)
    traffic = watch(page)
    dialogs = visit(page, f"{hostile_url}/{address}")
    assert dialogs == []
    assert traffic.console_errors == [] and traffic.failures == []
    assert traffic.other_hosts() == []
    assert page.locator(INJECTED).count() == 0
    shown = page.locator("article").inner_text()
    for text in texts:
        assert text in shown.replace("\n", ""), text
    expect(page.locator("article h1")).to_be_visible()
    viewport = DESKTOP if size == "desktop" else PHONE
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "a long line widened the page"
    screenshot(page, f"hostile-{size}-{address.strip('/').replace('/', '-')}")


def test_the_indicator_table_keeps_its_shape_in_the_browser(
    desktop: Page, hostile_url: str
) -> None:
    visit(desktop, f"{hostile_url}/{hostile.SEED_PROJECT}")
    expected = desktop.locator("table.bs-table tr").evaluate_all(
        "rows => rows.map(r => r.cells.length)"
    )
    assert visit(desktop, f"{hostile_url}/{hostile.PROJECT}") == []
    rows = desktop.locator("table.bs-table tr")
    assert rows.evaluate_all("rows => rows.map(r => r.cells.length)") == expected
    first = desktop.locator("table.bs-table tbody tr").first
    # The 三级指标 cell also holds the row's own 链接 (to copy): the text is what stays.
    copy = first.locator("a.bs-copy")
    expect(copy).to_have_count(1)
    assert (copy.get_attribute("href") or "").startswith("#指标-")
    copy.evaluate("a => { a.style.display = 'none'; }")
    cells = [text.replace("\n", "") for text in first.locator("th, td").all_inner_texts()]
    assert cells == hostile.FIRST_ROW
    table = desktop.locator("div.bs-indicators")
    box = table.bounding_box()
    assert box is not None and box["x"] + box["width"] <= DESKTOP["width"]
