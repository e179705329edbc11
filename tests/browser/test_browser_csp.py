"""The Content-Security-Policy of every page: the site's own scripts, styles, fonts and
search run without a single violation, and a script injected inline does not run."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.search_ui import search

pytestmark = pytest.mark.browser

RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""
PAGES = ["", "2021/130303/213001/", "projects/13030322P00397010024Q/", "projects/", "data/"]


@pytest.mark.parametrize("address", PAGES)
def test_the_site_runs_within_its_policy(desktop: Page, base_url: str, address: str) -> None:
    desktop.add_init_script(RECORD)
    desktop.goto(f"{base_url}/{address}", wait_until="networkidle")
    policy = desktop.locator('meta[http-equiv="Content-Security-Policy"]')
    assert "script-src 'self'" in (policy.get_attribute("content") or "")
    assert "unsafe" not in (policy.get_attribute("content") or "")  # nor WebAssembly's
    if address == "":
        search(desktop, "车辆保险")  # the search index: its meta file, shards and results
    assert desktop.evaluate("window.__violations") == []


def test_an_injected_inline_script_or_handler_does_not_run(desktop: Page, base_url: str) -> None:
    desktop.add_init_script(RECORD)
    desktop.goto(f"{base_url}/projects/13030322P00397010024Q/", wait_until="networkidle")
    ran = desktop.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = 'script'";
          document.body.appendChild(script);
          const img = document.createElement("img");
          img.setAttribute("onerror", "window.__ran = 'handler'");
          img.src = "data:,";
          document.body.appendChild(img);
          return new Promise((done) => setTimeout(() => done(window.__ran || null), 300));
        }"""
    )
    assert ran is None
    violations = desktop.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations
