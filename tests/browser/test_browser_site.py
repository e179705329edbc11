"""The built site in the real Chromium: loading, search, project pages, phone size, print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from builder.publish.build import Built, build_site
from builder.render.lists.projects import FIRST_PAGE
from tests.browser.conftest import ARTIFACTS, screenshot, settle, watch
from tests.browser.search_ui import RESULT_PAGES, search
from tests.conftest import synthetic
from tests.site.serving import serve

pytestmark = pytest.mark.browser

UNIT = "2022/130303/131001/"
PROJECT = "projects/13030322P00397010024Q/"


def test_home_page_loads_with_no_failure_and_only_local_requests(
    desktop: Page, base_url: str
) -> None:
    traffic = watch(desktop)
    desktop.goto(f"{base_url}/", wait_until="networkidle")
    expect(desktop.locator("h1")).to_have_text("预算绩效目标公开")
    assert traffic.failures == []
    assert traffic.console_errors == []
    assert len(traffic.requests) >= 5
    assert traffic.other_hosts() == []


@pytest.mark.parametrize("address", ["", UNIT, PROJECT, "projects/", "indicators/"])
def test_pages_request_nothing_from_another_host(
    desktop: Page, base_url: str, address: str
) -> None:
    traffic = watch(desktop)
    desktop.goto(f"{base_url}/{address}", wait_until="networkidle")
    assert traffic.other_hosts() == []
    assert traffic.failures == []
    assert traffic.console_errors == []


def test_search_vehicle_insurance_then_open_a_result(
    desktop: Page, base_url: str, built: Built
) -> None:
    desktop.goto(f"{base_url}/", wait_until="networkidle")
    found = search(desktop, "车辆保险")
    expected = {f"projects/{p.code}/" for d in built.documents for p in d.projects}
    insurance = {
        f"projects/{p.code}/" for d in built.documents for p in d.projects if p.name == "车辆保险费"
    }
    assert set(found[:4]) == insurance
    assert set(found) & expected
    screenshot(desktop, "search-desktop")
    desktop.locator(RESULT_PAGES).first.click()
    desktop.wait_for_load_state("networkidle")
    assert "/projects/" in desktop.url
    expect(desktop.locator("article h1")).to_have_text("车辆保险费")


@pytest.mark.parametrize(
    ("query", "must_find"),
    [
        ("政协", {"2022/130303/131001/", "2022/130529/131001/"}),
        ("绩效", {"how-to-read/"}),
        ("13052922P00584010141N", {"projects/13052922P00584010141N/"}),
    ],
)
def test_chinese_queries_in_the_browser(
    desktop: Page, base_url: str, query: str, must_find: set[str]
) -> None:
    desktop.goto(f"{base_url}/", wait_until="networkidle")
    found = search(desktop, query)
    assert must_find <= set(found[:5]), found[:5]


def test_every_project_page_shows_every_indicator_row(
    desktop: Page, base_url: str, built: Built
) -> None:
    for doc in built.documents:
        for project in doc.projects:
            desktop.goto(f"{base_url}/projects/{project.code}/")
            rows = desktop.locator(".bs-indicators tbody tr")
            expect(rows).to_have_count(len(project.indicators))
            values = desktop.locator(".bs-indicators td.bs-value").all_inner_texts()
            assert values == [r.value for r in project.indicators], project.code
            for row in range(len(project.indicators)):
                expect(rows.nth(row)).to_be_visible()


@pytest.mark.parametrize(("name", "address"), [("home", ""), ("unit", UNIT), ("project", PROJECT)])
def test_screenshots_and_phone_layout(
    desktop: Page, phone: Page, base_url: str, name: str, address: str
) -> None:
    desktop.goto(f"{base_url}/{address}", wait_until="networkidle")
    assert screenshot(desktop, f"{name}-desktop").stat().st_size > 10_000
    phone.goto(f"{base_url}/{address}", wait_until="networkidle")
    assert screenshot(phone, f"{name}-phone").stat().st_size > 10_000
    # Wide tables scroll inside their box; the page itself never scrolls sideways.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_project_page_prints_on_a4_without_site_chrome(desktop: Page, base_url: str) -> None:
    desktop.goto(f"{base_url}/{PROJECT}", wait_until="networkidle")
    desktop.emulate_media(media="print")
    expect(desktop.locator(".md-header")).to_be_hidden()
    expect(desktop.locator(".md-sidebar--primary")).to_be_hidden()
    expect(desktop.locator(".bs-indicators table")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = desktop.pdf(path=str(ARTIFACTS / "project-print.pdf"), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2


def test_projects_index_filters_sorts_and_keeps_its_state_in_the_address(
    desktop: Page, base_url: str, built: Built
) -> None:
    desktop.goto(f"{base_url}/projects/", wait_until="networkidle")
    rows = desktop.locator("#bs-projects-table tbody tr")
    expect(rows).to_have_count(24)
    desktop.select_option("select[name=year]", "2022")
    in_2022 = sum(len(d.projects) for d in built.documents if d.year == 2022)
    expect(rows).to_have_count(in_2022)
    assert "year=2022" in desktop.url
    desktop.select_option("select[name=region]", "130529")
    expect(rows).to_have_count(1)
    expect(desktop.locator("p[data-bs-count]")).to_have_text("共 1 个项目")
    desktop.select_option("select[name=year]", "")
    desktop.select_option("select[name=region]", "")
    desktop.fill("input[name=q]", "车辆保险")
    expect(rows).to_have_count(4)
    desktop.fill("input[name=min]", "10000")
    expect(rows).to_have_count(2)  # 16,000 and 32,000
    desktop.fill("input[name=max]", "20000")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("16,000")
    desktop.fill("input[name=min]", "")
    desktop.fill("input[name=max]", "")
    desktop.fill("input[name=unit]", "统战部")
    expect(rows).to_have_count(1)
    # Sorting by amount, both ways, then by name.
    desktop.fill("input[name=unit]", "")
    desktop.fill("input[name=q]", "")
    budget = desktop.locator("th[data-bs-sort=budget] button")
    budget.click()
    smallest = min(p.budget_yuan for d in built.documents for p in d.projects)
    expect(rows.first.locator("td.bs-num")).to_have_text(f"{smallest:,}")
    expect(desktop.locator("th[data-bs-sort=budget]")).to_have_attribute("aria-sort", "ascending")
    budget.click()
    expect(rows.first).to_contain_text("专项运转保障经费")
    desktop.locator("th[data-bs-sort=year] button").click()
    expect(rows.first.locator("td").nth(3)).to_have_text("2021")
    # The address holds the view: a reload restores it, the back button the one before.
    desktop.fill("input[name=q]", "车辆保险")
    expect(rows).to_have_count(4)
    shared = desktop.url
    assert "q=" in shared and "sort=year" in shared
    desktop.goto(shared, wait_until="networkidle")
    expect(rows).to_have_count(4)
    expect(desktop.locator("input[name=q]")).to_have_value("车辆保险")
    desktop.locator("th[data-bs-sort=name] button").click()
    assert "sort=name" in desktop.url
    desktop.go_back()
    expect(desktop.locator("th[data-bs-sort=year]")).to_have_attribute("aria-sort", "ascending")


def test_projects_index_pages_through_every_project(desktop: Page, tmp_path: Path) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 10, 6)
    build_site(content, site, site_data=site_data, work=work)
    codes = {p.code for d in corpus.documents for p in d.projects}
    assert len(codes) > FIRST_PAGE
    with serve(site) as url:
        desktop.goto(f"{url}/projects/?sort=code&order=asc", wait_until="networkidle")
        listed: list[str] = []
        pages = -(-len(codes) // FIRST_PAGE)
        for number in range(1, pages + 1):
            counter = desktop.locator("p[data-bs-count]")
            expect(counter).to_contain_text(f"第 {number} / {pages} 页")
            listed += desktop.locator("#bs-projects-table tbody td code").all_inner_texts()
            if number < pages:
                desktop.locator(".bs-pager button", has_text="下一页").click()
        assert listed == sorted(codes)
        assert f"page={pages}" in desktop.url
        desktop.reload(wait_until="networkidle")
        expect(desktop.locator("p[data-bs-count]")).to_contain_text(f"第 {pages} / {pages} 页")
        desktop.go_back()
        expect(desktop.locator("p[data-bs-count]")).to_contain_text(f"第 {pages - 1} / {pages} 页")


def test_projects_index_works_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/projects/")
    expect(page.locator("#bs-projects-table tbody tr")).to_have_count(24)
    expect(page.locator("form[data-bs-filter]")).to_be_hidden()
    context.close()


def test_search_box_on_the_home_page_opens_search_on_a_phone(phone: Page, base_url: str) -> None:
    phone.goto(f"{base_url}/", wait_until="networkidle")
    box = phone.locator("input.md-search__input")
    toggle = phone.locator("#__search")  # Material's search overlay is open when checked
    expect(toggle).not_to_be_checked()
    phone.locator("label.bs-search-button").click()
    expect(toggle).to_be_checked()
    expect(box).to_be_focused()
    box.fill("车辆保险")
    expect(phone.locator(RESULT_PAGES).first).to_be_visible(timeout=10_000)
    expect(phone.locator(RESULT_PAGES).first).to_contain_text("车辆保险费")
    settle(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "search-phone")
