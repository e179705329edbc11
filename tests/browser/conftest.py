"""Serve the built site on 127.0.0.1 and drive Debian's Chromium through Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, ViewportSize

from builder.publish.build import Built
from tests.conftest import ROOT
from tests.site.building import built_once
from tests.site.serving import serve

ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture(scope="session")
def built() -> Built:
    return built_once()


@pytest.fixture(scope="session")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site_dir) as url:
        yield url


@dataclass
class Traffic:
    """Every request a page made, and everything that went wrong while loading it."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def other_hosts(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname != "127.0.0.1"]


def watch(page: Page) -> Traffic:
    traffic = Traffic()

    def on_response(response: Response) -> None:
        if response.status >= 400:
            traffic.failures.append(f"{response.status} {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            traffic.console_errors.append(message.text)

    page.on("request", lambda request: traffic.requests.append(request.url))
    page.on("requestfailed", lambda request: traffic.failures.append(f"failed {request.url}"))
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: traffic.console_errors.append(str(error)))
    return traffic


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    yield context.new_page()
    context.close()


def settle(page: Page) -> None:
    """Wait until every finite animation, such as the search panel opening, has run."""
    # While Material's search overlay grows over a phone's screen it is wider than the
    # screen; a page is judged, and pictured, as the visitor sees it once it has opened.
    page.wait_for_function(
        """() => document.getAnimations().every(
            (a) => a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity
        )""",
        timeout=10_000,
    )


def screenshot(page: Page, name: str) -> Path:
    settle(page)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
