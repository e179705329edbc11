"""Score a built site's search against its own open data: recall, precision, bytes, time.

Usage (from the repository root):
    python -m benchmarks.bench_search --site site                # the shipped site, built
    python -m benchmarks.bench_search --shipped                  # build content/ first
    python -m benchmarks.bench_search --reports 1000 [--keep DIR] # a synthetic site

Each query of benchmarks/search_queries.toml ([shipped] or [synthetic]) is run as a visitor's
browser runs it: Debian's Chromium, a fresh context (nothing cached), with the CPU throttled 4×
like a mid-range phone. The query goes into the header's search box; then the site's search
script (``window.budgetSearch``, assets/search.js) gives every result, which is scored against
benchmarks/search_truth.py. Printed per query: results, truth, recall, precision (of the
project and unit pages found; other pages are counted apart), what the first search
downloaded (the meta file, its words' shards and the box's first results) and how long it
took: cold, from the query's input to its results drawn in the box (the box's pause for more
typing included), and warm, the script's answer with its first 20 results again.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks import search_truth
from benchmarks.make_corpus import write_corpus
from builder.publish.build import build_site
from builder.search.index import FOLDER, result_urls
from tests.browser.search_ui import Downloads
from tests.site.serving import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).with_name("search_queries.toml")
SHOWN = 20  # results a first page shows, whose details are fetched
THROTTLE = 4  # Chromium's CPU slowdown: a mid-range phone

# A visitor's first search: the header box, focused (which asks for the index's meta.json)
# and then given the query as one input, as an input method commits a word; timed from that
# input to the first results drawn, or the count of none, and the frame painted.
_TYPE = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector("[data-bs-search-list]");
  const meta = document.querySelector("[data-bs-search-meta]");
  const waiting = meta.textContent;
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input"));
  await new Promise((done) => {
    const check = () => {
      if (meta.textContent !== waiting && (list.children.length || /没有/.test(meta.textContent))) {
        done();
      } else {
        requestAnimationFrame(check);
      }
    };
    check();
  });
  await new Promise((done) => requestAnimationFrame(() => done()));
  return performance.now() - start;
}"""

# Every result of the same query, from the site's search script, and the time it takes again
# (the index's files now cached): its results and the details of the first page of them.
_RUN = """async ([query, shown]) => {
  const start = performance.now();
  const results = await window.budgetSearch(query);
  await Promise.all(results.slice(0, shown).map((r) => r.data()));
  return {ids: results.map((r) => r.id), warm: performance.now() - start};
}"""


@dataclass(frozen=True)
class Score:
    kind: str
    query: str
    found: int
    true: int
    recall: float
    precision: float
    others: int  # pages found that are neither a project's nor a unit's
    kilobytes: float  # as stored in the site folder
    wire_kb: float  # as sent by a web server that gzips scripts (the index files are gzip)
    cold_ms: float
    warm_ms: float


def is_own_page(address: str) -> bool:
    """A project page or a unit page: what truth is about."""
    parts = address.strip("/").split("/")
    return (len(parts) == 2 and parts[0] == "projects") or (len(parts) == 3 and parts[0].isdigit())


def addresses(site: Path) -> dict[str, str]:
    """Result id (page number) → page address (relative to the site root)."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / FOLDER).glob("p/*")}
    return {str(n): url.lstrip("/") for n, url in result_urls(files).items()}


def score(kind: str, query: str, found: list[str], truth: set[str]) -> tuple[float, float, int]:
    own = [a for a in found if is_own_page(a)]
    hits = len(set(own) & truth)
    recall = hits / len(truth) if truth else 1.0
    precision = hits / len(set(own)) if own else (1.0 if not truth else 0.0)
    return recall, precision, len(found) - len(own)


def measure(site: Path, site_data: Path, section: str, browser: Browser) -> list[Score]:
    reports = search_truth.load_reports(site)
    pages = search_truth.own_words(reports, search_truth.parents(site_data))
    ids = addresses(site)
    scores = []
    with serve(site) as url:
        for kind, query in search_truth.queries(QUERIES, section, reports):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{url}/", wait_until="networkidle")
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            downloads = Downloads()
            page.on("response", downloads.record)
            page.locator("input.md-search__input").focus()
            page.wait_for_load_state("networkidle")
            cold = page.evaluate(_TYPE, query)
            page.wait_for_load_state("networkidle")
            page.remove_listener("response", downloads.record)
            answer = page.evaluate(_RUN, [query, SHOWN])
            context.close()
            found = [ids[str(i)] for i in answer["ids"]]
            truth = search_truth.truth(query, pages)
            recall, precision, others = score(kind, query, found, truth)
            scores.append(
                Score(
                    kind, query, len(found), len(truth), recall, precision, others,
                    downloads.total / 1000, downloads.wire / 1000, cold, answer["warm"],
                )
            )  # fmt: skip
    return scores


def report(scores: list[Score]) -> None:
    print(f"{'kind':9} {'query':34} found true recall  prec. other    kB  wire  cold ms  warm ms")
    for s in scores:
        print(
            f"{s.kind:9} {s.query[:32]:34} {s.found:5} {s.true:4} {s.recall:6.2f} "
            f"{s.precision:6.2f} {s.others:5} {s.kilobytes:5.0f} {s.wire_kb:5.0f} "
            f"{s.cold_ms:8.0f} {s.warm_ms:8.0f}"
        )
    print()
    groups = {"ALL": scores} | {k: [s for s in scores if s.kind == k] for k in _kinds(scores)}
    print(f"{'mean':9} {'queries':>7} recall  prec.  max kB  mean kB  wire kB  cold ms  warm ms")
    for name, group in groups.items():
        print(
            f"{name:9} {len(group):7} {statistics.mean(s.recall for s in group):6.3f} "
            f"{statistics.mean(s.precision for s in group):6.3f} "
            f"{max(s.kilobytes for s in group):7.0f} "
            f"{statistics.mean(s.kilobytes for s in group):8.0f} "
            f"{statistics.mean(s.wire_kb for s in group):8.0f} "
            f"{statistics.mean(s.cold_ms for s in group):8.0f} "
            f"{statistics.mean(s.warm_ms for s in group):8.0f}"
        )


def _kinds(scores: list[Score]) -> list[str]:
    return list(dict.fromkeys(s.kind for s in scores))


def build(content: Path, site_data: Path, out: Path) -> Path:
    start = time.perf_counter()
    built = build_site(content, out / "site", site_data=site_data, work=out / "work")
    print(f"built {len(built.documents)} reports in {time.perf_counter() - start:.0f} s")
    return built.site_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    given = parser.add_mutually_exclusive_group(required=True)
    given.add_argument("--site", type=Path, help="a built site of content/ (the [shipped] queries)")
    given.add_argument("--shipped", action="store_true", help="build content/ and measure it")
    given.add_argument("--reports", type=int, help="build N synthetic reports and measure them")
    parser.add_argument("--site-data", type=Path, default=ROOT / "site_data")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--keep", type=Path, help="build into this folder; use a corpus written there again"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        out = args.keep or Path(tmp)
        section, site_data = "shipped", args.site_data
        if args.site is not None:
            site = args.site
        elif args.shipped:
            site = build(ROOT / "content", site_data, out)
        else:
            # A kept corpus is used again; the site is always built, by this code (a rebuild
            # of an unchanged corpus, or a clean build if the builder changed).
            section, site_data = "synthetic", out / "corpus" / "site_data"
            if not (out / "corpus").is_dir():
                write_corpus(args.reports, args.seed, out / "corpus")
            site = build(out / "corpus" / "content", site_data, out)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            scores = measure(site, site_data, section, browser)
            browser.close()
    report(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
