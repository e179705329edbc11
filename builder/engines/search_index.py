"""The search index: Pagefind over each page's search record, written into the built site.

Every page MkDocs wrote with ``data-pagefind-body`` (overrides/main.html) is indexed by its
record (builder/search/): its words already cut into trigrams, as the search script cuts a
query, and what a result shows of it. Pagefind writes a chunked index into
``<site>/pagefind/``; the browser then downloads only the chunks a query needs, so the first
search stays small however large the site grows (docs/DESIGN.md §5).

Pagefind has no incremental mode, and at 10,000 pages indexing the whole site is a quarter of
a full build. So a rebuild indexes only the pages changed since the last full index, as a
search engine adds a small segment beside a large one: a second bundle, ``pagefind/delta/``,
holds the changed and new pages, and ``pagefind/segments.json`` lists the results of the full
index that they replace (a removed page's too). The search box merges the two bundles with
Pagefind's ``mergeIndex`` and leaves the replaced results out (assets/search.js), so a query
finds the same pages as after a clean build; only the order of results may differ a little,
as each bundle ranks with its own word statistics. Once the delta holds more than
``DELTA_SHARE`` of the site's pages, the whole site is indexed again and the delta goes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pagefind_bin_extended import get_executable

from builder.contract.errors import EnvironmentFailure
from builder.search.pages import page_record
from builder.search.records import Record, document

BUNDLE = "pagefind"
ENTRY = f"{BUNDLE}/pagefind-entry.json"
DELTA = f"{BUNDLE}/delta"
SEGMENTS = f"{BUNDLE}/segments.json"
"""Read by the search box: whether there is a delta, and the full index's results it replaces."""
DELTA_SHARE = 0.1
"""The largest delta, as a share of the pages in the full index, before it is all indexed again."""
LANGUAGE = "zh"
BODY = b"<div data-pagefind-body"  # overrides/main.html: a page to index (page text is escaped)
_FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what starts every decompressed Pagefind file
WORDS_VERSION = "trigrams-1"
"""Changes when the words a record is indexed by change: a rebuild then indexes all again."""


# The quality findings, a block the renderers write whole (render_quality.py) and the index
# leaves out: a page whose HTML changed only inside it (a finding's line moved) reads the
# same to the index, so it need not go into the delta.
_FINDINGS_BLOCK = re.compile(rb'<div class="bs-findings">\n.*?\n</div>', re.DOTALL)


def same_for_search(old: bytes, new: bytes) -> bool:
    """Whether two versions of a page give the same index entry: equal but for findings."""
    return old == new or _FINDINGS_BLOCK.sub(b"", old) == _FINDINGS_BLOCK.sub(b"", new)


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    """The indexing command. The pages it reads hold words already cut (builder/search/)."""
    where = ["--output-path", str(output)] if output is not None else []
    return [
        str(get_executable()),
        "--site",
        str(site_dir),
        *where,
        "--force-language",
        LANGUAGE,
        "--silent",
    ]


def _pagefind(site_dir: Path, output: Path) -> int:
    """Index the HTML pages under site_dir into the bundle folder output; the pages indexed."""
    # A subprocess, not Pagefind's asyncio API: callers may already run an event loop.
    command = pagefind_command(site_dir, output)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise EnvironmentFailure(
            str(site_dir), f"expected Pagefind to index the site: {' '.join(message[-3:])}"
        )
    pages = page_count(output)
    if pages == 0:
        raise EnvironmentFailure(
            str(site_dir), "expected HTML pages with data-pagefind-body to index"
        )
    return pages


def page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(entry["languages"][LANGUAGE]["page_count"])


def index_site(site_dir: Path, records: Mapping[str, Record]) -> int:
    """Write site_dir/pagefind/ for the HTML pages under site_dir; the number of pages indexed.

    ``records`` are the unit and project pages' (builder/search/records.py), by URL; every
    other page is indexed by its own text (builder/search/pages.py).
    """
    bundle = site_dir / BUNDLE
    if bundle.exists():
        raise EnvironmentFailure(str(bundle), "expected no search index yet (it is written once)")
    names = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    _index_pages(site_dir, names, bundle, records)
    write_segments(site_dir, delta=False, replaced=())
    return page_count(bundle)


def write_segments(site_dir: Path, *, delta: bool, replaced: Collection[str]) -> None:
    """pagefind/segments.json, for the search box: a new file (the old one may be a hard link)."""
    path = site_dir / SEGMENTS
    path.unlink(missing_ok=True)
    text = json.dumps({"delta": delta, "replaced": sorted(replaced)}, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


@dataclass(frozen=True)
class IndexState:
    """What a rebuild needs to know about the search index of the site it starts from."""

    full: str
    """A hash of the full index's entry file: the index these facts are about."""
    words: str = ""
    """What the records were made with (records_key): another key means index all again."""
    changed: tuple[str, ...] = ()
    """Pages (HTML files, site-relative) changed, added or removed since the full index."""
    ids: Mapping[str, str] = field(default_factory=dict)
    """Page URL → its result id in the full index; read from the index when first needed."""


def entry_hash(site_dir: Path) -> str:
    return hashlib.sha256((site_dir / ENTRY).read_bytes()).hexdigest()


def records_key(parents: Mapping[str, str]) -> str:
    """What a page's record depends on beyond its own HTML: the regions above, the words."""
    text = json.dumps([WORDS_VERSION, sorted(parents.items())], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def full_state(site_dir: Path, words: str) -> IndexState:
    """The state after a full index of site_dir, its records made as ``words`` says."""
    return IndexState(entry_hash(site_dir), words)


def update_index(
    site_dir: Path,
    changed_now: Collection[str],
    state: IndexState,
    records: Mapping[str, Record],
    words: str,
) -> IndexState:
    """Bring the search index of a rebuilt site up to date; its state for the next rebuild.

    site_dir holds the last build's index (``state``) and this build's pages, of which
    ``changed_now`` (site-relative HTML files) differ from the last build's or are gone.
    ``records`` and ``words`` as for index_site and records_key.
    """
    if state.full != entry_hash(site_dir):
        raise EnvironmentFailure(str(site_dir / ENTRY), "expected the index the last build wrote")
    if state.words != words:
        return reindex(site_dir, records, words)
    ids = state.ids or result_ids(site_dir / BUNDLE)
    # A page left out of the index (search: exclude) changes nothing a search finds: only
    # pages in the index now, or in the full index, count towards the delta.
    changed = sorted(
        name
        for name in {*state.changed, *changed_now}
        if page_url(name) in ids or _indexed(site_dir / name)
    )
    if len(changed) > DELTA_SHARE * page_count(site_dir / BUNDLE):
        return reindex(site_dir, records, words)
    shutil.rmtree(site_dir / DELTA, ignore_errors=True)
    pages = [name for name in changed if _indexed(site_dir / name)]
    added = _index_pages(site_dir, pages, site_dir / DELTA, records) if pages else set()
    urls = {page_url(name) for name in changed}
    replaced = {ids[url] for url in urls if url in ids} - added
    kept = {result for url, result in ids.items() if url not in urls}
    # A new page's id equal to an unchanged page's: only a full index tells them apart.
    if added & kept:
        return reindex(site_dir, records, words)
    write_segments(site_dir, delta=bool(pages), replaced=replaced)
    return IndexState(state.full, words, tuple(changed), ids)


def reindex(site_dir: Path, records: Mapping[str, Record], words: str) -> IndexState:
    """Index the whole site again, in place of its index and delta."""
    shutil.rmtree(site_dir / BUNDLE)
    index_site(site_dir, records)
    return full_state(site_dir, words)


def _indexed(page: Path) -> bool:
    return page.suffix == ".html" and page.is_file() and BODY in page.read_bytes()


def _index_pages(
    site_dir: Path, pages: list[str], output: Path, records: Mapping[str, Record]
) -> set[str]:
    """Index these pages of site_dir (at their own URLs) into output; their result ids.

    Pagefind reads, for each page, a small page of its record (its words already cut), laid
    out as the site is, so that each result keeps its page's URL.
    """
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".pages-") as temp:
        for name in pages:
            url = page_url(name)
            record = records.get(url)
            if record is None:
                page = site_dir / name
                # Read once; the quick test spares parsing a page left out of search.
                html = page.read_bytes() if page.suffix == ".html" and page.is_file() else b""
                record = page_record(url, html) if BODY in html else None
            if record is None:
                continue
            target = Path(temp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document(record), encoding="utf-8")
        _pagefind(Path(temp), output)
    return {path.stem for path in (output / "fragment").iterdir()}


def page_url(name: str) -> str:
    """The URL Pagefind gives a site-relative HTML file: ``a/b/index.html`` → ``/a/b/``."""
    if name == "index.html" or name.endswith("/index.html"):
        return "/" + name.removesuffix("index.html")
    return "/" + name


def result_ids(bundle: Path) -> dict[str, str]:
    """Page URL → result id (its fragment's name) of every page in a Pagefind bundle."""
    ids = {}
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(_FRAGMENT_SIGNATURE):
            raise EnvironmentFailure(str(path), "expected a Pagefind fragment")
        ids[json.loads(data[len(_FRAGMENT_SIGNATURE) :])["url"]] = path.stem
    return ids


def load_state(path: Path) -> IndexState | None:
    """The state a build left at path, or None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        words = str(data["words"])
        return IndexState(data["full"], words, tuple(data["changed"]), dict(data["ids"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_state(path: Path, state: IndexState) -> None:
    data = {
        "full": state.full,
        "words": state.words,
        "changed": list(state.changed),
        "ids": dict(state.ids),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
