"""axe-core (bundled by axe-playwright-python) on the home, a unit, a project, the projects
list, the downloads page and open search."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP
from tests.browser.search_ui import search

pytestmark = pytest.mark.browser


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    """A desktop page that lets axe-core in: it is injected as an inline script, which the
    pages' Content-Security-Policy refuses (as it must refuse any other)."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", bypass_csp=True)
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


@pytest.mark.parametrize(
    "address",
    ["", "2021/130303/213001/", "projects/13030322P00397010024Q/", "projects/", "data/"],
)
def test_no_serious_or_critical_accessibility_violation(
    desktop: Page, base_url: str, address: str
) -> None:
    desktop.goto(f"{base_url}/{address}", wait_until="networkidle")
    assert serious_violations(desktop) == []


def test_open_search_results_have_no_serious_violation(desktop: Page, base_url: str) -> None:
    desktop.goto(f"{base_url}/", wait_until="networkidle")
    search(desktop, "车辆保险")
    assert serious_violations(desktop) == []
