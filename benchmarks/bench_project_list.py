"""/projects/ at scale: what its first load downloads, and how fast it filters and sorts.

Usage: python -m benchmarks.bench_project_list [--reports N] [--seed S] [--site SITE]

Builds N synthetic reports (benchmarks/make_corpus.py; default 1,000), or takes a built
site, serves it on 127.0.0.1 and opens /projects/ in Chromium with an empty cache. It prints
the bytes of the page's HTML and of everything the first load fetched (the site's CSS and
scripts included, raw and gzip-compressed as a server that compresses text sends them), then
times a few actions from the event to the table's update (the first one also loads the
project list's chunks) and prints each, with Chromium's CPU at full speed and throttled 4×
(a mid-range phone).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, Response, sync_playwright

from benchmarks.make_corpus import write_corpus
from builder.publish.build import build_site
from tests.site.serving import CHROMIUM, CHROMIUM_ARGS, serve

# Run one action in the page and resolve with the ms until the table's body changed.
TIMED = """async (action) => {
  const body = document.querySelector('#bs-projects-table tbody');
  const changed = new Promise((done) => {
    new MutationObserver((_, observer) => { observer.disconnect(); done(); })
      .observe(body, { childList: true });
  });
  const start = performance.now();
  const form = document.querySelector('form[data-bs-filter]');
  if (action.kind === 'fill') {
    form.elements[action.name].value = action.value;
    form.dispatchEvent(new Event('input', { bubbles: true }));
  } else {
    document.querySelector(`th[data-bs-sort="${action.name}"] button`).click();
  }
  await changed;
  return performance.now() - start;
}"""
ACTIONS = (
    ("keyword 车辆 (loads the list)", {"kind": "fill", "name": "q", "value": "车辆"}),
    ("keyword 车辆保险", {"kind": "fill", "name": "q", "value": "车辆保险"}),
    ("year 2023", {"kind": "fill", "name": "year", "value": "2023"}),
    ("amount at least 100000", {"kind": "fill", "name": "min", "value": "100000"}),
    ("sort by name", {"kind": "sort", "name": "name", "value": ""}),
    ("sort by unit", {"kind": "sort", "name": "unit", "value": ""}),
    ("clear keyword", {"kind": "fill", "name": "q", "value": ""}),
    ("sort by amount", {"kind": "sort", "name": "budget", "value": ""}),
)


def first_load(page: Page, url: str) -> tuple[int, int, int]:
    """The page's HTML bytes, the bytes of every response of its first load, and the same
    gzip-compressed, as a server that compresses text sends them."""
    responses: list[Response] = []

    def seen(response: Response) -> None:
        responses.append(response)

    page.on("response", seen)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", seen)
    # Bodies are read once the load is over: a response's body is gone with its context.
    bodies = {r.url: r.body() for r in responses if r.ok}
    squeezed = sum(len(gzip.compress(body, 6)) for body in bodies.values())
    return len(bodies.get(url, b"")), sum(map(len, bodies.values())), squeezed


def measure(site: Path) -> None:
    with sync_playwright() as playwright, serve(site) as root:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for throttle in (1, 4):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            html, total, squeezed = first_load(page, f"{root}/projects/")
            kib = (
                f"HTML {html / 1024:.1f} KB, first load {total / 1024:.1f} KB "
                f"({squeezed / 1024:.1f} KB gzip-compressed)"
            )
            print(f"CPU {throttle}x: /projects/ {kib}")
            for label, action in ACTIONS:
                ms = page.evaluate(TIMED, action)
                print(f"  {label}: {ms:.0f} ms")
            context.close()
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--site", type=Path, help="a built site instead of a new build")
    args = parser.parse_args(argv)
    if args.site:
        measure(args.site)
        return 0
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        corpus = root / "corpus"
        write_corpus(args.reports, args.seed, corpus)
        start = time.perf_counter()
        build_site(
            corpus / "content", root / "site", site_data=corpus / "site_data", work=root / "work"
        )
        print(f"{args.reports} reports built in {time.perf_counter() - start:.0f} s")
        measure(root / "site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
