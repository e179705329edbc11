"""axe-core (bundled by the axe-playwright-python package) on the home, a unit, a project,
the projects list and the downloads page."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")


@pytest.mark.parametrize(
    "address",
    ["", "2021/130303/213001/", "projects/13030322P00397010024Q/", "projects/", "data/"],
)
def test_no_serious_or_critical_accessibility_violation(
    desktop: Page, base_url: str, address: str
) -> None:
    desktop.goto(f"{base_url}/{address}", wait_until="networkidle")
    desktop.add_script_tag(content=axe_source())
    result: dict[str, Any] = desktop.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    assert result["testEngine"]["name"] == "axe-core"
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
