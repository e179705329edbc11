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
# Left out of the index: what only repeats what every page of its kind says (column headers,
# the bar chart beside the spending-plan table) or what other pages hold (the all-projects
# table, whose rows are the project pages). Fewer indexed words, smaller index chunks.
EXCLUDED = ("thead", ".bs-chart", ".bs-projects")


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
