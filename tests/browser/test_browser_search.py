"""The header search in the real Chromium: keyboard, what a search downloads, sub-folders."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from builder.publish.build import Built
from tests.browser.conftest import watch
from tests.browser.search_ui import RESULT_PAGES, first_search, search
from tests.site.serving import serve

pytestmark = pytest.mark.browser

FIRST_SEARCH_BUDGET = 250_000  # bytes as stored: issue 15's limit at 1,000 reports
PROJECT = "projects/13030322P00397010024Q/"


def test_keyboard_opens_moves_through_and_follows_results(desktop: Page, base_url: str) -> None:
    desktop.goto(f"{base_url}/{PROJECT}", wait_until="networkidle")
    box = desktop.locator("input.md-search__input")
    toggle = desktop.locator("#__search")
    desktop.keyboard.press("/")
    expect(box).to_be_focused()
    expect(toggle).to_be_checked()
    desktop.keyboard.type("政协")
    results = desktop.locator(RESULT_PAGES)
    expect(results.first).to_be_visible(timeout=10_000)
    desktop.keyboard.press("ArrowDown")
    expect(results.nth(0)).to_be_focused()
    desktop.keyboard.press("ArrowDown")
    expect(results.nth(1)).to_be_focused()
    desktop.keyboard.press("ArrowUp")
    desktop.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    desktop.keyboard.press("Escape")
    expect(toggle).not_to_be_checked()
    desktop.keyboard.press("s")
    expect(box).to_be_focused()
    desktop.keyboard.press("ArrowDown")
    expect(results.nth(0)).to_be_focused()
    target = results.nth(0).get_attribute("href")
    assert target is not None
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(f"{base_url}{target}")


def test_results_show_title_and_excerpt_and_more_on_request(desktop: Page, base_url: str) -> None:
    desktop.goto(f"{base_url}/", wait_until="networkidle")
    search(desktop, "满意度")
    results = desktop.locator(RESULT_PAGES)
    expect(results).to_have_count(10)
    expect(desktop.locator(".md-search-result__meta")).to_contain_text("个符合条件的结果")
    first = results.first
    expect(first.locator("h1")).not_to_be_empty()
    expect(first.locator("p mark").first).to_contain_text("满意")
    desktop.locator("button.bs-search-more").click()
    expect(results).to_have_count(20)
    expect(results.nth(10)).to_be_focused()


def test_first_search_downloads_little_and_only_from_the_site(desktop: Page, base_url: str) -> None:
    traffic = watch(desktop)
    found, downloads = first_search(desktop, f"{base_url}/", "车辆保险")
    assert found[0].startswith("projects/")
    assert any("/search-index/w/" in name for name in downloads.files)
    assert any("/search-index/p/" in name for name in downloads.files)
    assert 0 < downloads.wire <= downloads.total < FIRST_SEARCH_BUDGET, downloads.files
    assert traffic.other_hosts() == []
    assert traffic.failures == []
    assert traffic.console_errors == []


@pytest.fixture(scope="module")
def sub_folder_url(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site published under /budget/2024/ of a server rather than at its root."""
    root = tmp_path_factory.mktemp("server")
    shutil.copytree(built.site_dir, root / "budget" / "2024")
    with serve(root) as url:
        yield f"{url}/budget/2024"


@pytest.mark.parametrize("start", ["", "2021/130303/", PROJECT])
def test_search_works_from_a_sub_folder(desktop: Page, sub_folder_url: str, start: str) -> None:
    traffic = watch(desktop)
    desktop.goto(f"{sub_folder_url}/{start}", wait_until="networkidle")
    found = search(desktop, "13052922P00584010141N")
    assert found[0] == "budget/2024/projects/13052922P00584010141N/"
    desktop.locator(RESULT_PAGES).first.click()
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("article h1")).to_have_text("专项运转保障经费")
    assert desktop.url == f"{sub_folder_url}/projects/13052922P00584010141N/"
    assert traffic.failures == []
