"""Precise links in Chromium: a finding leads to its row and marks it, a row's 链接 copies
its address, a linked finding inside a folded list opens it, a printed page says where it
came from, the 404 page helps, and a site built for disk works from file://."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from builder.contract import paths
from builder.publish.build import Built
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.search_ui import RESULT_PAGES
from tests.site.building import disk_built_once
from tests.site.serving import serve

pytestmark = pytest.mark.browser

PROJECT = "projects/13030322P00396710002A/"
MARKED = "rgb(255, 243, 196)"
"""The background of a row a link led to (site.css, :target)."""


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    return box["y"] >= 0 and box["y"] + min(box["height"], 40) <= viewport["height"]


def background(page: Page, selector: str) -> str:
    return str(page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_finding_leads_to_its_row_and_marks_it(
    browser: Browser, base_url: str, size: str
) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
    page.goto(f"{base_url}/{PROJECT}", wait_until="networkidle")
    place = page.locator(".bs-findings li a[href*='#指标-']").first
    anchor = "#" + str(place.get_attribute("href")).split("#")[1]
    place.click()
    assert page.evaluate("decodeURIComponent(location.hash)") == anchor
    row = f"tr[id='{anchor[1:]}']"
    assert in_view(page, row)
    cell = f"{row} td.bs-value"
    assert background(page, cell) == MARKED
    screenshot(page, f"finding-followed-{size}")
    page.context.close()


def test_a_finding_on_a_unit_page_leads_to_the_row_on_the_project_page(
    desktop: Page, base_url: str, built: Built
) -> None:
    doc = next(d for d in built.documents if d.source == "2021/130303/201001.txt")
    desktop.goto(f"{base_url}/{paths.unit(doc).removesuffix('index.md')}")
    desktop.locator(".bs-findings").evaluate("e => e.closest('details').open = true")
    place = desktop.locator(".bs-findings li a[href*='/projects/'][href*='#指标-']").first
    anchor = str(place.get_attribute("href")).split("#")[1]
    place.click()
    desktop.wait_for_load_state("networkidle")
    assert "/projects/" in desktop.url
    assert in_view(desktop, f"tr[id='{anchor}']")
    assert background(desktop, f"tr[id='{anchor}'] td.bs-value") == MARKED


def test_a_linked_finding_in_a_folded_list_is_opened(
    desktop: Page, base_url: str, built: Built
) -> None:
    doc = next(d for d in built.documents if d.source == "2021/130303/201001.txt")
    address = f"{base_url}/{paths.unit(doc).removesuffix('index.md')}"
    desktop.goto(address)
    finding = str(desktop.locator(".bs-findings li").last.get_attribute("id"))
    assert desktop.locator("details").evaluate("e => e.open") is False
    desktop.goto(f"{address}#{finding}")
    desktop.wait_for_function("document.querySelector('.bs-findings').closest('details').open")
    assert in_view(desktop, f"li[id='{finding}']")


@pytest.fixture
def clipboard(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    yield context.new_page()
    context.close()


def test_a_rows_link_copies_its_address(clipboard: Page, base_url: str) -> None:
    clipboard.goto(f"{base_url}/{PROJECT}", wait_until="networkidle")
    row = clipboard.locator(".bs-indicators tbody tr").nth(1)
    row.hover()
    row.locator("a.bs-copy").click()
    expect(row.locator(".bs-copied")).to_have_text("已复制链接")
    copied = clipboard.evaluate("navigator.clipboard.readText()")
    assert copied == f"{base_url}/{PROJECT}#{row.get_attribute('id')}"


def test_a_printed_page_gives_the_site_its_address_and_the_date(
    desktop: Page, base_url: str
) -> None:
    desktop.goto(f"{base_url}/{PROJECT}", wait_until="networkidle")
    desktop.emulate_media(media="print")
    line = desktop.locator(".bs-print")
    expect(line).to_be_visible()
    expect(line).to_contain_text("预算绩效目标公开")
    expect(line).to_contain_text(f"{base_url}/{PROJECT}")
    expect(line).to_contain_text(desktop.evaluate("new Date().getFullYear()") and "年")
    desktop.emulate_media(media="screen")
    expect(line).to_be_hidden()


def test_the_404_page_is_chinese_and_searches(browser: Browser, built: Built) -> None:
    with serve(built.site_dir, not_found="404.html") as url:
        page = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
        response = page.goto(f"{url}/projects/NO-SUCH-CODE/", wait_until="networkidle")
        assert response is not None and response.status == 404
        expect(page.locator("article h1")).to_have_text("页面不存在")
        screenshot(page, "404-phone")
        page.locator("article a", has_text="全部项目").click()
        page.wait_for_load_state()
        assert page.url == f"{url}/projects/"
        page.goto(f"{url}/2031/no/such/page/", wait_until="networkidle")
        page.locator("article label.bs-search-button").click()  # the page's own search box
        page.locator("input.md-search__input").fill("车辆保险")
        expect(page.locator(RESULT_PAGES).first).to_contain_text("车辆保险费", timeout=30_000)
        page.context.close()


def test_a_site_built_for_disk_opens_from_file_and_its_links_lead_to_pages(
    desktop: Page,
) -> None:
    site: Path = disk_built_once().site_dir
    desktop.goto((site / "index.html").as_uri())
    expect(desktop.locator("article h1")).to_have_text("预算绩效目标公开")
    desktop.locator("article a", has_text="全部项目").first.click()
    expect(desktop.locator("article h1")).to_have_text("全部项目")
    assert desktop.url.endswith("/projects/index.html")
    # The list's filters cannot fetch its rows from disk either: the built rows stay, and the
    # page says why there are no filters.
    expect(desktop.locator("[data-bs-count]")).to_contain_text("无法筛选")
    expect(desktop.locator("form[data-bs-filter]")).to_be_hidden()
    expect(desktop.locator("#bs-projects-table tbody tr")).to_have_count(24)
    desktop.locator("#bs-projects-table tbody tr a").first.click()
    assert desktop.url.endswith("/index.html")
    expect(desktop.locator(".bs-indicators")).to_be_visible()
    desktop.locator(".bs-crumbs a").first.click()
    assert desktop.url == (site / "index.html").as_uri()
    # Search cannot fetch its index from disk, and says so.
    box = desktop.locator("input.md-search__input")
    box.click()
    box.fill("车辆保险")
    expect(desktop.locator("[data-bs-search-meta]")).to_contain_text("无法搜索")
    screenshot(desktop, "disk-search")
