"""The search index: Pagefind (extended build, which segments Chinese) over the built site.

Pagefind reads the HTML MkDocs wrote, indexes what is inside ``data-pagefind-body`` (the page
itself, not the navigation; see overrides/main.html) and writes a chunked index into
``<site>/pagefind/``. The browser then downloads only the chunks a query needs, so the first
search stays small however large the site grows (DESIGN.md §5).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pagefind_bin_extended import get_executable

from builder.errors import ReportError

BUNDLE = "pagefind"
ENTRY = f"{BUNDLE}/pagefind-entry.json"
LANGUAGE = "zh"
# Left out of the index: what every page of its kind says alike, and what other pages hold.
# A word's chunk holds every place the word is used, so a label printed on 10,000 project
# pages makes the chunk a search for that word downloads 10,000 entries larger.
_PROJECT = '[data-bs-kind="project"]'  # overrides/main.html marks the project pages
EXCLUDED = (
    "thead",  # column headers
    ".bs-chart",  # bar charts: the spending plan again, and the home page's list of units
    ".bs-projects",  # the all-projects table: its rows are the project pages
    ".bs-findings",  # quality findings: the page's own names and values again, as messages
    f"{_PROJECT} > h2",  # 资金用途, 资金支出计划, 绩效目标, 绩效指标, 数据
    f"{_PROJECT} > table:first-of-type td:first-child",  # 项目编码, 预算单位, 预算数 …
    f"{_PROJECT} > table:nth-of-type(2)",  # the spending plan: periods and percentages
)


def pagefind_command(site_dir: Path) -> list[str]:
    """The indexing command; the extended binary, since only it segments Chinese."""
    return [
        str(get_executable()),
        "--site",
        str(site_dir),
        "--force-language",
        LANGUAGE,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--silent",
    ]


def index_site(site_dir: Path) -> int:
    """Write site_dir/pagefind/ from the HTML pages under site_dir; the number of pages indexed."""
    bundle = site_dir / BUNDLE
    if bundle.exists():
        raise ReportError(str(bundle), 1, "expected no search index yet (it is written once)")
    # A subprocess, not Pagefind's asyncio API: callers may already run an event loop.
    done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise ReportError(
            str(site_dir), 1, f"expected Pagefind to index the site: {' '.join(message[-3:])}"
        )
    entry = json.loads((site_dir / ENTRY).read_text(encoding="utf-8"))
    pages = int(entry["languages"][LANGUAGE]["page_count"])
    if pages == 0:
        raise ReportError(str(site_dir), 1, "expected HTML pages with data-pagefind-body to index")
    return pages
