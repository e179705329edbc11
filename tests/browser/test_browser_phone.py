"""On a phone (390 × 844) every target and every amount is in view without sideways scrolling;
screenshots of every kind of page at both sizes go to test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from builder.contract import paths
from builder.publish.build import Built
from builder.render.lists.indicators import indicator_page
from tests.browser.conftest import PHONE, screenshot
from tests.site.serving import serve
from tests.site.test_site_compare import two_years

pytestmark = pytest.mark.browser

# The boxes of the matched cells that are shown, as [left, right] in the viewport.
BOXES = """sel => Array.from(document.querySelectorAll(sel))
  .filter(e => e.getClientRects().length > 0)
  .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, e.innerText]; })"""


def cut_off(page: Page, selector: str) -> list[str]:
    """The shown cells of ``selector`` that reach outside the viewport's width."""
    boxes: list[list[float | str]] = page.evaluate(BOXES, selector)
    width = PHONE["width"]
    return [str(text) for left, right, text in boxes if float(left) < 0 or float(right) > width]


def shown(page: Page, selector: str) -> int:
    return len(page.evaluate(BOXES, selector))


def test_every_indicator_target_is_in_view_on_every_project_page(
    phone: Page, base_url: str, built: Built
) -> None:
    for doc in built.documents:
        for project in doc.projects:
            phone.goto(f"{base_url}/projects/{project.code}/")
            assert shown(phone, "td.bs-value") == len(project.indicators), project.code
            assert cut_off(phone, "td.bs-value") == [], project.code
            assert cut_off(phone, "article td[align=right]") == [], project.code
            assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


AMOUNTS = "article td[align=right], article td.bs-num"


@pytest.mark.parametrize(
    "address",
    ["", "projects/", "units/", "2021/", "2022/130303/", "similar/", "similar/车辆保险费/"],
)
def test_amounts_of_the_list_pages_are_in_view(phone: Page, base_url: str, address: str) -> None:
    phone.goto(f"{base_url}/{address}")
    assert shown(phone, AMOUNTS) > 0
    assert cut_off(phone, AMOUNTS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_amounts_of_every_unit_page_are_in_view(phone: Page, base_url: str, built: Built) -> None:
    for doc in built.documents:
        phone.goto(f"{base_url}/{paths.unit(doc).removesuffix('index.md')}")
        assert shown(phone, AMOUNTS) >= len(doc.projects)
        assert cut_off(phone, AMOUNTS) == [], doc.source


def test_a_unit_page_shows_its_projects_before_the_long_text(
    phone: Page, base_url: str, built: Built
) -> None:
    doc = max(built.documents, key=lambda d: len(d.overall_goal + d.measures))
    phone.goto(f"{base_url}/{paths.unit(doc).removesuffix('index.md')}")
    projects = phone.locator("#projects").bounding_box()
    overall = phone.locator("#overall").bounding_box()
    assert projects is not None and overall is not None
    assert projects["y"] < overall["y"]
    # The contents line jumps to each part.
    phone.locator("nav.bs-contents a[href='#measures']").click()
    assert phone.evaluate("location.hash") == "#measures"


KINDS = {
    "home": "",
    "project": "projects/13030322P00397010024Q/",
    "unit": "2021/130303/213001/",
    "projects": "projects/",
    "units": "units/",
    "year": "2021/",
    "region": "2022/130303/",
    "indicators": "indicators/",
    "data": "data/",
    "quality": "quality/",
    "rule": "quality/value-not-target/",
    "about": "about-data/",
    "similar": "similar/",
    "group": "similar/车辆保险费/",
    "indicator": indicator_page(("产出指标", "数量指标", "车辆正常使用情况")).removesuffix(
        "index.md"
    ),
}


def test_the_year_over_year_page_on_a_phone(phone: Page) -> None:
    site, edits = two_years()
    with serve(site.site_dir) as url:
        phone.goto(f"{url}/{paths.unit_changes(edits.after).removesuffix('index.md')}")
        assert shown(phone, AMOUNTS) > 10
        assert cut_off(phone, AMOUNTS) == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(phone, "kind-changes-phone")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_screenshots_of_every_kind_of_page(
    desktop: Page, phone: Page, base_url: str, kind: str
) -> None:
    for size, page in (("desktop", desktop), ("phone", phone)):
        page.goto(f"{base_url}/{KINDS[kind]}", wait_until="networkidle")
        assert screenshot(page, f"kind-{kind}-{size}").stat().st_size > 10_000
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
