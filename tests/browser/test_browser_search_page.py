"""The search page /search/?q=… in Chromium, at desktop and phone sizes: benchmark queries,
the count, 显示更多结果, filters in the address, the back button, the header box's Enter."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks import search_truth
from builder.publish.build import Built
from tests.browser.conftest import DESKTOP, PHONE, screenshot, watch
from tests.browser.test_browser_axe import serious_violations
from tests.conftest import ROOT, SITE_DATA

pytestmark = pytest.mark.browser

HITS = "ol[data-bs-search-results] > li.bs-hit"
COUNT = "[data-bs-search-count]"
MORE = "[data-bs-search-more]"


def sample() -> list[tuple[str, str]]:
    """The first two queries of each kind in the benchmark's [shipped] list."""
    table = tomllib.loads((ROOT / "benchmarks" / "search_queries.toml").read_text("utf-8"))
    return [(kind, q) for kind, listed in table["shipped"].items() for q in listed[:2]]


@pytest.fixture(params=["desktop", "phone"])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    phone = request.param == "phone"
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        is_mobile=phone,
        has_touch=phone,
        locale="zh-CN",
        bypass_csp=True,  # axe is injected as an inline script
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def own_pages(built: Built) -> dict[str, str]:
    reports = search_truth.load_reports(built.site_dir)
    return search_truth.own_words(reports, search_truth.parents(SITE_DATA))


def results(page: Page) -> list[str]:
    hrefs: list[str] = page.locator(f"{HITS} a.bs-hit-link").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname.replace(/^\\//, ''))"
    )
    return hrefs


def open_search(page: Page, base_url: str, query: str, extra: str = "") -> int:
    page.goto(f"{base_url}/search/?q={quote(query)}{extra}", wait_until="networkidle")
    expect(page.locator(COUNT)).to_contain_text("共 ")
    text = page.locator(COUNT).inner_text()
    return int(text.split()[1])


def show_all(page: Page, total: int) -> None:
    """Press 显示更多结果 until every result is listed, 20 at a time."""
    shown = min(total, 20)
    expect(page.locator(HITS)).to_have_count(shown)
    while shown < total:
        page.locator(MORE).click()
        shown = min(total, shown + 20)
        expect(page.locator(HITS)).to_have_count(shown)
    expect(page.locator(MORE)).to_be_hidden()


def test_benchmark_queries_find_their_pages(sized: Page, base_url: str, built: Built) -> None:
    pages = own_pages(built)
    size = "phone" if sized.viewport_size == PHONE else "desktop"
    traffic = watch(sized)
    for kind, query in sample():
        total = open_search(sized, base_url, query)
        truth = search_truth.truth(query, pages)
        show_all(sized, total)
        found = results(sized)
        assert len(found) == total == len(set(found)), query
        assert truth <= set(found), query
        own = [a for a in found if a in pages]
        assert len(set(own) & truth) >= 0.95 * len(own), query
        if total:
            first = sized.locator(HITS).first
            assert first.locator(".bs-hit-kind").inner_text() in ("项目", "单位", "页面")
            expect(first.locator("strong")).not_to_be_empty()
        # On a phone nothing runs off the side of the screen.
        width = sized.evaluate("document.documentElement.scrollWidth")
        assert width <= (sized.viewport_size or DESKTOP)["width"], query
        screenshot(sized, f"search-{kind}-{size}")
    assert traffic.failures == [] and traffic.console_errors == []
    assert traffic.other_hosts() == []


def test_results_open_have_no_serious_accessibility_violation(sized: Page, base_url: str) -> None:
    assert open_search(sized, base_url, "车辆保险") > 0
    expect(sized.locator(f"{HITS} mark").first).to_be_visible()
    assert serious_violations(sized) == []


def test_results_show_kind_name_unit_year_amount_and_a_marked_excerpt(
    desktop: Page, base_url: str
) -> None:
    open_search(desktop, base_url, "山海关 车辆保险")
    first = desktop.locator(HITS).first
    expect(first.locator(".bs-hit-kind")).to_have_text("项目")
    expect(first.locator("strong")).to_have_text("车辆保险费")
    facts = first.locator(".bs-hit-facts").inner_text()
    assert "山海关区" in facts and "年" in facts and "元" in facts
    expect(first.locator(".bs-hit-excerpt mark").first).to_have_text("车辆保险")
    # The excerpt is the page's own cells, cut whole, not the page's furniture.
    excerpt = first.locator(".bs-hit-excerpt").inner_text()
    assert "下载" not in excerpt and "链接" not in excerpt


def test_filters_are_kept_in_the_address_and_the_back_button_restores(
    desktop: Page, base_url: str
) -> None:
    everything = open_search(desktop, base_url, "车辆保险")
    in_2021 = open_search(desktop, base_url, "车辆保险", "&year=2021")
    assert 0 < in_2021 < everything
    assert all("2021年" in t for t in desktop.locator(f"{HITS} .bs-hit-facts").all_inner_texts())
    expect(desktop.locator("select[name=year]")).to_have_value("2021")
    desktop.locator("select[name=kind]").select_option("项目")
    desktop.wait_for_url("**kind=*")
    assert "year=2021" in desktop.url
    expect(desktop.locator(f"{HITS} .bs-hit-kind")).to_have_text(["项目"] * 3)
    desktop.locator("#bs-search-q").fill("政协")
    desktop.locator("#bs-search-q").press("Enter")
    desktop.wait_for_url("**q=%E6%94%BF%E5%8D%8F**")
    desktop.go_back()
    expect(desktop.locator("#bs-search-q")).to_have_value("车辆保险")
    expect(desktop.locator(COUNT)).to_have_text("共 3 条结果")


def test_the_header_box_leads_to_the_search_page_on_enter(desktop: Page, base_url: str) -> None:
    desktop.goto(f"{base_url}/", wait_until="networkidle")
    box = desktop.locator("input.md-search__input")
    box.click()
    box.fill("秦皇岛 政协")
    box.press("Enter")
    desktop.wait_for_url("**/search/?q=**")
    expect(desktop.locator("#bs-search-q")).to_have_value("秦皇岛 政协")
    expect(desktop.locator(COUNT)).to_contain_text("共 ")
    expect(desktop.locator(HITS).first).to_be_visible()


def test_a_word_found_nowhere_gives_no_results(desktop: Page, base_url: str) -> None:
    assert open_search(desktop, base_url, "车辆保险 火星") == 0
    expect(desktop.locator(HITS)).to_have_count(0)
