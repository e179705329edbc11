"""What the first search downloads, on a synthetic site of many reports.

Usage: python -m benchmarks.bench_search [--reports N] [--seed S]  (from the repository root)

Writes N synthetic reports (tests/support/synth.py, written as Tika text by
tests/support/writer.py) into a temporary content folder, builds the site, serves it on
127.0.0.1 and, in Chromium, types a few queries into the header's search box, each in a fresh
browser (nothing cached). It prints the
build time, the size of the search bundle on disk, and the bytes of search files each first
search fetched (uncompressed; a web server's gzip makes them smaller still).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from builder.engines.search_index import BUNDLE
from builder.intake.site_data import load_regions
from builder.publish.build import build_site
from tests.browser.search_ui import first_search
from tests.site.serving import CHROMIUM, CHROMIUM_ARGS, serve
from tests.support import synth
from tests.support.writer import write_report

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("车辆保险", "政协", "绩效", "学生资助资金")


def write_corpus(content: Path, reports: int, seed: int) -> int:
    """``reports`` synthetic reports at distinct addresses; the number of projects."""
    rng = random.Random(seed)
    seen_units: set[str] = set()
    seen_codes: set[str] = set()
    projects = 0
    while len(seen_units) < reports:
        doc = synth.document(rng, projects=(5, 15))
        codes = {p.code for p in doc.projects}
        if doc.source in seen_units or codes & seen_codes:
            continue
        seen_units.add(doc.source)
        seen_codes |= codes
        projects += len(doc.projects)
        path = content / doc.source
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(write_report(doc), encoding="utf-8")
    return projects


def write_site_data(folder: Path) -> Path:
    """The shipped settings, with a name for every region the synthetic reports use."""
    shutil.copytree(ROOT / "site_data", folder)
    names = {**load_regions(folder), **synth.REGIONS}
    lines = ["[regions]", *(f'"{code}" = "{name}"' for code, name in sorted(names.items()))]
    (folder / "regions.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def build(out: Path, reports: int, seed: int) -> Path:
    """Write the corpus and build it into out/site; print what was built and how long it took."""
    projects = write_corpus(out / "content", reports, seed)
    shutil.copytree(ROOT / "content" / "pages", out / "content" / "pages")
    site_data = write_site_data(out / "site_data")
    start = time.perf_counter()
    built = build_site(out / "content", out / "site", site_data=site_data, work=out / "work")
    seconds = time.perf_counter() - start
    pages = sum(1 for _ in built.site_dir.rglob("*.html"))
    print(f"reports: {reports}, projects: {projects}, HTML pages: {pages}")
    print(f"build (parse, render, MkDocs, Pagefind): {seconds:.1f} s")
    return built.site_dir


def measure(site: Path) -> None:
    """Print the bundle's size and, per query, what a first search downloads."""
    bundle = site / BUNDLE
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    chunks = len(list((bundle / "index").iterdir()))
    print(f"search bundle on disk: {size / 1e6:.1f} MB, {chunks} index chunks")
    with serve(site) as url, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in QUERIES:
            context = browser.new_context()
            found, downloads = first_search(context.new_page(), f"{url}/", query)
            context.close()
            print(
                f"first search {query!r}: {downloads.total / 1000:.0f} kB in "
                f"{len(downloads.files)} files ({downloads.wire / 1000:.0f} kB with gzipped "
                f"scripts), first result {found[0]}"
            )
            largest = sorted(downloads.files.items(), key=lambda item: -item[1])[:4]
            for name, length in largest:
                print(f"    {length / 1000:6.1f} kB  {name.split('/' + BUNDLE + '/')[-1]}")
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep", type=Path, help="build into this folder and keep it; measure it again if built"
    )
    args = parser.parse_args(argv)
    if args.keep is not None:
        site = args.keep / "site"
        if not site.is_dir():
            args.keep.mkdir(parents=True, exist_ok=True)
            build(args.keep, args.reports, args.seed)
        measure(site)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        measure(build(Path(tmp), args.reports, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
