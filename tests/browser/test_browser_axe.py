"""axe-core (bundled by axe-playwright-python) on every kind of page and on open search, at
desktop and phone sizes."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from builder.publish.build import Built
from tests.browser.conftest import DESKTOP, PHONE, settle
from tests.browser.search_ui import RESULT_PAGES, search
from tests.browser.test_browser_phone import KINDS
from tests.site.serving import serve

pytestmark = pytest.mark.browser


@pytest.fixture(params=["desktop", "phone"])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at desktop or phone size that lets axe-core in: it is injected as an inline
    script, which the pages' Content-Security-Policy refuses (as it must refuse any other)."""
    phone = request.param == "phone"
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP, is_mobile=phone, locale="zh-CN", bypass_csp=True
    )
    yield context.new_page()
    context.close()


def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    assert result["testEngine"]["name"] == "axe-core"
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_serious_or_critical_accessibility_violation(
    sized: Page, base_url: str, kind: str
) -> None:
    sized.goto(f"{base_url}/{KINDS[kind]}", wait_until="networkidle")
    assert serious_violations(sized) == []


def test_open_search_results_have_no_serious_violation(sized: Page, base_url: str) -> None:
    sized.goto(f"{base_url}/", wait_until="networkidle")
    if sized.viewport_size == PHONE:
        sized.locator("label.bs-search-button").click()
        sized.locator("input.md-search__input").fill("车辆保险")
        expect(sized.locator(RESULT_PAGES).first).to_be_visible(timeout=30_000)
    else:
        search(sized, "车辆保险")
    # Results are drawn as they arrive, maybe while the search panel still fades in; its
    # colours are judged as the visitor sees them once it has.
    settle(sized)
    assert serious_violations(sized) == []


def test_the_404_page_has_no_serious_violation(sized: Page, built: Built) -> None:
    with serve(built.site_dir, not_found="404.html") as url:
        sized.goto(f"{url}/no/such/page/", wait_until="networkidle")
        assert serious_violations(sized) == []
