"""Province scale: build the site for N synthetic reports against a bare mkdocs-material build.

Usage: python -m benchmarks.bench_scale [--reports 100 1000] [--seed S] [--keep DIR] [--no-browser]
           [--no-bare] [--parts]
       python -m benchmarks.bench_scale --search SITE   # only the first search of a built site

For each N, in one run:
1. generate N reports (benchmarks.make_corpus: about 10 projects each, many regions, 5 years);
2. ours: ``budgetsite build --timings`` in a fresh process: wall and CPU time, peak RSS (the
   build and its parse workers), HTML pages, output bytes, time per page, project page HTML
   sizes, and where the time went, step by step (for the rebuilds too);
3. bare: ``mkdocs build --strict`` of a copy of the Markdown our build wrote, with our
   mkdocs.yml (same nav, theme, extensions) minus our template overrides and with
   Material's default plugins (its lunr search): what MkDocs and Material alone cost for
   the same pages as a site with search (ours writes its own index after MkDocs);
4. rebuilds: change one report's text and build again with the same work folder; then
   change another and build again (the steady state: this one also removes the site the
   first rebuild replaced);
5. first search: serve the site, open the home page in Chromium with an empty cache and
   wait for the network to settle (a lunr index is fetched here, by every page), then type
   a Chinese query and wait for results (a chunked index such as ours is fetched now).
   Only network responses are counted, so both kinds of search are measured alike.
6. with ``--parts``: the split layout, one ``build --only year=Y`` per year and their
   ``merge``, each one's wall time and peak memory.
``--no-bare`` skips step 3 (at 10,000 reports it alone takes most of an hour).
The machine may be shared: wall times are noisy, CPU times less so; both are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.launch import Launcher
from benchmarks.make_corpus import write_corpus
from builder.contract.model import Document
from tests.site.serving import serve
from tests.support.writer import write_report

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
QUERY = "车辆保险"
PAGE_LIMIT_KB = 60
"""The issue's target for a project page's HTML."""


@dataclass(frozen=True)
class Run:
    """One measured process."""

    wall: float
    cpu: float
    peak_mib: float
    log: str = ""  # what it printed


@dataclass(frozen=True)
class Output:
    """What a build wrote into its site folder."""

    pages: int
    bytes: int
    project_max: int
    project_median: float


LAUNCHER: Launcher | None = None
"""Where commands are started from (benchmarks/launch.py), made when the benchmark starts."""


def measure(command: list[str]) -> Run:
    """Run a command in a fresh process; its wall and CPU time and peak RSS (with children)."""
    # Started by main while the benchmark is small: one started later would measure wrong.
    assert LAUNCHER is not None, "main() starts the launcher"
    done = LAUNCHER.run(command, ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.printed)
        raise SystemExit(f"bench_scale: {' '.join(command)} failed")
    return Run(done.wall, done.cpu, done.peak_mib, done.printed)


def build_command(root: Path, corpus: Path, *, only: str = "") -> list[str]:
    return [
        sys.executable,
        "-m",
        "builder.cli",
        "build",
        *(["--only", only] if only else []),
        "--content",
        str(corpus / "content"),
        "--site-data",
        str(corpus / "site_data"),
        "--output",
        str(root / "site"),
        "--work",
        str(root / "work"),
        "--timings",
    ]


def split_build(corpus: Path, root: Path, years: list[int]) -> dict[str, str]:
    """One part build per year, then their merge: each one's wall time and peak memory."""
    row = {}
    for year in years:
        part = measure(build_command(root / str(year), corpus, only=f"year={year}"))
        row[f"part year={year} wall s / peak MiB"] = f"{part.wall:.1f} / {part.peak_mib:.0f}"
    sites = [str(root / str(year) / "site") for year in years]
    folders = ["--content", str(corpus / "content"), "--site-data", str(corpus / "site_data")]
    folders += ["--output", str(root / "merged"), "--work", str(root / "merge-work")]
    merge = measure([sys.executable, "-m", "builder.cli", "merge", *sites, *folders])
    row["merge wall s / peak MiB"] = f"{merge.wall:.1f} / {merge.peak_mib:.0f}"
    return row


def bare_config(ours: Path, bare: Path) -> Path:
    """Our mkdocs.yml for a copy of our docs folder, without our overrides or plugin choice."""
    shutil.copytree(ours / "work" / "docs", bare / "docs")
    config: dict[str, Any] = yaml.safe_load((ours / "work" / "mkdocs.yml").read_text("utf-8"))
    config["theme"].pop("custom_dir", None)
    config.pop("plugins", None)  # Material's defaults: a bare site searches with lunr
    config["site_dir"] = str(bare / "site")
    path = bare / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def output(site: Path) -> Output:
    html = [p for p in site.rglob("*.html")]
    projects = sorted(p.stat().st_size for p in (site / "projects").glob("*/index.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return Output(len(html), total, projects[-1], statistics.median(projects))


def change_one_report(corpus: Path, documents: tuple[Document, ...], at: float = 0.5) -> str:
    """Rewrite one report with an edited overall goal, as a publisher's correction would.

    The report at ``at`` (a share of the way through the list) is changed.
    """
    document = documents[int(len(documents) * at)]
    edited = document.model_copy(update={"overall_goal": document.overall_goal + "\n（已修订）"})
    (corpus / "content" / document.source).write_text(write_report(edited), encoding="utf-8")
    return document.source


RESULTS = ".md-search-result__item"
"""A search result, in Material's search and in ours (the same markup)."""


@dataclass(frozen=True)
class SearchCost:
    """Bytes of a first visit (with whatever search data it loads eagerly) and of a query."""

    visit_bytes: int
    query_bytes: int
    largest: tuple[str, int]
    seconds: float


def first_search(site: Path, query: str = QUERY) -> SearchCost:
    """Open the home page with an empty cache, wait for the network to settle, then search.

    Counted from the responses alone: what loading the page fetched (a lunr index is
    fetched here, by every page), then what typing the query fetched (a chunked index).
    """
    from playwright.sync_api import Response, sync_playwright

    fetched: list[tuple[str, int]] = []

    def on_response(response: Response) -> None:
        try:
            size = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            size = 0
        fetched.append((response.url.split("/", 3)[-1], size))

    with serve(site) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
        context.on("response", on_response)
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle", timeout=600_000)
        visit = sum(size for _, size in fetched)
        start = time.perf_counter()
        search = page.locator("input[type=search], input[name=query]").first
        search.click()
        search.fill(query)
        page.wait_for_selector(RESULTS, timeout=600_000)
        page.wait_for_load_state("networkidle")
        seconds = time.perf_counter() - start
        browser.close()
    total = sum(size for _, size in fetched)
    return SearchCost(visit, total - visit, max(fetched, key=lambda f: f[1]), seconds)


@dataclass(frozen=True)
class Options:
    """What to measure besides a full build and two rebuilds."""

    browser: bool = True
    bare: bool = True
    parts: bool = False


def bench(count: int, seed: int, root: Path, options: Options) -> tuple[dict[str, str], Output]:
    corpus_dir = root / "corpus"
    corpus = write_corpus(count, seed, corpus_dir)
    projects = sum(len(d.projects) for d in corpus.documents)
    ours_root, bare_root = root / "ours", root / "bare"
    ours = measure(build_command(ours_root, corpus_dir))
    ours_out = output(ours_root / "site")
    config = bare_config(ours_root, bare_root)
    bare_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)]
    bare = measure(bare_cmd) if options.bare else Run(0.0, 0.0, 0.0)
    bare_out = output(bare_root / "site") if options.bare else Output(0, 0, 0, 0.0)
    changed = change_one_report(corpus_dir, corpus.documents)
    rebuild = measure(build_command(ours_root, corpus_dir))
    changed_too = change_one_report(corpus_dir, corpus.documents, at=0.25)
    again = measure(build_command(ours_root, corpus_dir))
    for name, run in (("full build", ours), ("rebuild", rebuild), ("2nd rebuild", again)):
        steps = [line for line in run.log.splitlines() if line.startswith("  ")]
        print(f"{count} reports, {name}, where the time went:", *steps, sep="\n", flush=True)
    bare_ratio = (
        {}
        if not options.bare
        else {
            "bare wall s": f"{bare.wall:.1f}",
            "bare CPU s": f"{bare.cpu:.1f}",
            "bare peak MiB": f"{bare.peak_mib:.0f}",
            "ratio wall ours/bare": f"{ours.wall / bare.wall:.2f}",
            "ratio CPU ours/bare": f"{ours.cpu / bare.cpu:.2f}",
            "HTML pages ours/bare": f"{ours_out.pages}/{bare_out.pages}",
            "output MB ours/bare": f"{ours_out.bytes / 1e6:.1f}/{bare_out.bytes / 1e6:.1f}",
            "ms per page ours/bare": (
                f"{1000 * ours.wall / ours_out.pages:.1f}/{1000 * bare.wall / bare_out.pages:.1f}"
            ),
        }
    )
    alone = {
        "HTML pages": str(ours_out.pages),
        "output MB": f"{ours_out.bytes / 1e6:.1f}",
        "ms per page": f"{1000 * ours.wall / ours_out.pages:.1f}",
    }
    row = {
        "reports": str(count),
        "projects": str(projects),
        "regions": str(len(corpus.regions)),
        "ours wall s": f"{ours.wall:.1f}",
        "ours CPU s": f"{ours.cpu:.1f}",
        "ours peak MiB": f"{ours.peak_mib:.0f}",
        "peak KiB per project": f"{ours.peak_mib * 1024 / projects:.1f}",
        **(bare_ratio if options.bare else alone),
        "project page KB max/median": (
            f"{ours_out.project_max / 1024:.1f}/{ours_out.project_median / 1024:.1f}"
        ),
        "rebuild s (one report changed)": f"{rebuild.wall:.1f} wall, {rebuild.cpu:.1f} CPU",
        "rebuild share of full build": f"{rebuild.wall / ours.wall:.0%} wall, "
        f"{rebuild.cpu / ours.cpu:.0%} CPU ({changed})",
        "2nd rebuild s (another changed)": f"{again.wall:.1f} wall, {again.cpu:.1f} CPU",
        "2nd rebuild share of full build": f"{again.wall / ours.wall:.0%} wall, "
        f"{again.cpu / ours.cpu:.0%} CPU ({changed_too})",
        "rebuild peak MiB": f"{max(rebuild.peak_mib, again.peak_mib):.0f}",
    }
    if options.parts:
        row.update(
            split_build(corpus_dir, root / "parts", sorted({d.year for d in corpus.documents}))
        )
    if options.browser:
        row.update(search_row(first_search(ours_root / "site")))
    return row, ours_out


def search_row(cost: SearchCost) -> dict[str, str]:
    name, size = cost.largest
    return {
        "first visit KB (home page)": f"{cost.visit_bytes / 1024:.0f}",
        f"first query KB ({QUERY})": f"{cost.query_bytes / 1024:.0f}",
        "first visit + query KB": f"{(cost.visit_bytes + cost.query_bytes) / 1024:.0f}",
        "largest file fetched": f"{name} {size / 1024:.0f} KB",
        "results shown after s": f"{cost.seconds:.1f}",
    }


def table(rows: list[dict[str, str]]) -> str:
    names = list(rows[0])
    width = max(len(n) for n in names)
    lines = [f"{'':{width}}  " + "  ".join(f"N={r['reports']}" for r in rows)]
    for name in names[1:]:
        lines.append(f"{name:{width}}  " + "  |  ".join(r.get(name, "-") for r in rows))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, nargs="+", default=[100])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="work here and keep the files (default: temp)")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-search test")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare mkdocs build")
    parser.add_argument("--parts", action="store_true", help="also one part per year, merged")
    parser.add_argument("--search", type=Path, metavar="SITE", help="only the first search")
    args = parser.parse_args(argv)
    global LAUNCHER
    LAUNCHER = Launcher()  # before the benchmark holds a corpus (benchmarks/launch.py)
    if args.search:
        print(table([{"reports": str(args.search), **search_row(first_search(args.search))}]))
        return 0
    rows, outputs = [], []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        base = args.keep or Path(tmp)
        for count in args.reports:
            root = base / f"n{count}"
            if root.exists():
                shutil.rmtree(root)
            options = Options(not args.no_browser, not args.no_bare, args.parts)
            row, out = bench(count, args.seed, root, options)
            rows.append(row)
            outputs.append(out)
            print(table(rows[-1:]), flush=True)
    print(f"\nbench_scale: seed {args.seed}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(table(rows))
    return size_check(args.reports, outputs)


def size_check(counts: list[int], outputs: list[Output]) -> int:
    """Page size stays flat: a project page may not grow with the corpus, nor pass 60 KB."""
    largest = max(out.project_max for out in outputs) / 1024
    print(f"largest project page: {largest:.1f} KB (limit {PAGE_LIMIT_KB} KB)")
    if len(outputs) > 1:
        growth = outputs[-1].project_median / outputs[0].project_median
        print(
            f"median project page from N={counts[0]} to N={counts[-1]}: ×{growth:.2f} (flat: 1.00)"
        )
        if growth > 1.05:
            return 1
    return 0 if largest < PAGE_LIMIT_KB else 1


if __name__ == "__main__":
    sys.exit(main())
