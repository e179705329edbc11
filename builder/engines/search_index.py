"""The search index in the built site: written whole by a build, brought up to date by a rebuild.

The index (builder/search/index.py) is a function of every searchable page's record: the unit
and project pages' come from the Documents (builder/search/records.py), every other page's
from its HTML (builder/search/pages.py), that is every page MkDocs wrote with
``data-search-body`` (overrides/main.html). A rebuild takes the other pages' records from the
last build, kept in the work folder (``IndexState``), and reads again only the pages whose HTML
changed. It then changes the index in place (builder/search/rebuild.py): the changed pages'
results, the shards of the words they gained or lost, and meta.json. Pages added, removed or
in another order need the whole index made again, of which only the files that differ are
written. Either way a rebuilt site's index is the one a clean build writes, byte for byte,
and a search finds the same pages.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic_core

from builder.contract.errors import EnvironmentFailure
from builder.search.index import FOLDER, META, WORDS, Index, Indexed, build_index
from builder.search.pages import page_record
from builder.search.rebuild import update_index as updated_index
from builder.search.records import Record

BODY = b"<div data-search-body"  # overrides/main.html: a page to index (page text is escaped)

# The quality findings, a block the renderers write whole (render_quality.py) and the index
# leaves out: a page whose HTML changed only inside it (a finding's line moved) reads the
# same to the index, so it need not be read again.
_FINDINGS_BLOCK = re.compile(rb'<div class="bs-findings">\n.*?\n</div>', re.DOTALL)


def same_for_search(old: bytes, new: bytes) -> bool:
    """Whether two versions of a page give the same index entry: equal but for findings."""
    return old == new or _FINDINGS_BLOCK.sub(b"", old) == _FINDINGS_BLOCK.sub(b"", new)


@dataclass(frozen=True)
class IndexState:
    """What a rebuild needs to know about the search index of the site it starts from."""

    meta: str
    """A hash of the index's meta.json: the index these facts are about."""
    words: str = ""
    """What the records were made with (records_key): another key means read every page."""
    pages: Mapping[str, Record] = field(default_factory=dict)
    """The records of the pages that are not a unit's or a project's, by URL."""
    index: Index | None = None
    """The index's pages, file hashes and shards (not its files): to change it in place."""


def records_key(parents: Mapping[str, str]) -> str:
    """What a page's record depends on beyond its own HTML: the regions above, the words."""
    text = json.dumps([WORDS, sorted(parents.items())], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_url(name: str) -> str:
    """A site-relative HTML file's address: ``a/b/index.html`` → ``/a/b/``."""
    if name == "index.html" or name.endswith("/index.html"):
        return "/" + name.removesuffix("index.html")
    return "/" + name


def _read_record(site_dir: Path, name: str) -> Record | None:
    page = site_dir / name
    # Read once; the quick test spares parsing a page left out of search.
    html = page.read_bytes() if page.suffix == ".html" and page.is_file() else b""
    return page_record(page_url(name), html) if BODY in html else None


def index_site(site_dir: Path, records: Mapping[str, Record], words: str) -> IndexState:
    """Write site_dir's search index, for its HTML pages; its state, for the next rebuild.

    ``records`` are the unit and project pages' (builder/search/records.py), by URL; every
    other page is read from its HTML. ``words`` is records_key's.
    """
    if (site_dir / FOLDER).exists():
        raise EnvironmentFailure(
            str(site_dir / FOLDER), "expected no search index yet (it is written once)"
        )
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        if page_url(name) not in records and (record := _read_record(site_dir, name)):
            pages[record.url] = record
    return _write_index(site_dir, records, pages, words)


def update_index(
    site_dir: Path,
    changed: Collection[str],
    state: IndexState,
    records: Mapping[str, Record],
    words: str,
) -> IndexState:
    """Bring the search index of a rebuilt site up to date; its state for the next rebuild.

    site_dir holds the last build's index (``state``) and this build's pages, of which
    ``changed`` (site-relative HTML files) differ from the last build's or are gone.
    ``records`` and ``words`` as for index_site.
    """
    if state.meta != _meta_hash(site_dir):
        raise EnvironmentFailure(str(site_dir / META), "expected the index the last build wrote")
    if state.words != words:
        return _reindex(site_dir, records, words)
    pages = dict(state.pages)
    for name in sorted(changed):
        url = page_url(name)
        pages.pop(url, None)
        if url not in records and (record := _read_record(site_dir, name)):
            pages[url] = record
    return _write_index(site_dir, records, pages, words, state.index)


def _reindex(site_dir: Path, records: Mapping[str, Record], words: str) -> IndexState:
    remove_index(site_dir)
    return index_site(site_dir, records, words)


def remove_index(site_dir: Path) -> None:
    """Remove site_dir's search index, if it has one, for index_site to write it anew."""
    shutil.rmtree(site_dir / FOLDER, ignore_errors=True)


def _write_index(
    site_dir: Path,
    records: Mapping[str, Record],
    pages: Mapping[str, Record],
    words: str,
    last: Index | None = None,
) -> IndexState:
    """Write the index of these pages: changed in place where ``last`` (the index in
    site_dir) allows, else whole, leaving files that are already so as they are."""
    if not pages and not records:
        raise EnvironmentFailure(str(site_dir), "expected HTML pages with data-search-body")
    # A page of the site with the URL of a report's page is the report's page.
    every = {**pages, **records}
    index = None
    if last is not None:
        index = updated_index(last, every.values(), lambda name: (site_dir / name).read_bytes())
    if index is not None:
        for name, data in sorted(index.files.items()):
            _write_file(site_dir / name, data)
    else:
        index = build_index(every.values())
        folder = site_dir / FOLDER
        old = {p.relative_to(site_dir).as_posix() for p in folder.rglob("*") if p.is_file()}
        for name in sorted(old - index.files.keys()):
            (site_dir / name).unlink()
        for name, data in sorted(index.files.items()):
            if name not in old or (site_dir / name).read_bytes() != data:
                _write_file(site_dir / name, data)
    kept = dataclasses.replace(index, files={})
    return IndexState(_meta_hash(site_dir), words, dict(sorted(pages.items())), kept)


def _write_file(path: Path, data: bytes) -> None:
    # A new file, not written through: the staged site's files are hard links to the
    # published site's (builder/write/staging.py).
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _meta_hash(site_dir: Path) -> str:
    path = site_dir / META
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def indexed_pages(site_dir: Path) -> int:
    """How many pages the site's search index holds."""
    return int(json.loads((site_dir / META).read_text(encoding="utf-8"))["pages"])


def load_state(path: Path) -> IndexState | None:
    """The state a build left at path, or None."""
    try:
        # Parsed from the bytes: json.loads would first make the whole file one str, which
        # at 3,000 reports is a quarter of a gigabyte the rebuild does not need.
        data = pydantic_core.from_json(path.read_bytes())
        pages = {url: _record(fields) for url, fields in data["pages"].items()}
        held = data["index"]
        index = Index(
            {},
            tuple(Indexed(*(str(v) for v in page)) for page in held["pages"]),
            {str(k): str(v) for k, v in held["hashes"].items()},
            int(held["shards"]),
            int(held["postings"]),
        )
        return IndexState(str(data["meta"]), str(data["words"]), pages, index)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _record(fields: dict[str, Any]) -> Record:
    """A record as save_state wrote it: its lists are tuples again."""
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
    return Record(**values)


RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Record))
"""A record's fields, in the order Record takes them."""


def _fields(record: Record) -> dict[str, Any]:
    return {name: getattr(record, name) for name in RECORD_FIELDS}


def save_state(path: Path, state: IndexState) -> None:
    """Write the state for load_state, a page at a time: the state as one text was the largest
    thing a build held at 3,000 reports (370 MiB more than any step before it)."""
    temporary = path.with_name(f"{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as out:
        out.write('{"index": ')
        if state.index is None:
            out.write("null")
        else:
            held = state.index
            out.write(f'{{"hashes": {_dumped(held.hashes)}, "pages": [')
            for n, page in enumerate(held.pages):
                out.write(
                    ("" if n == 0 else ", ")
                    + _dumped([page.url, page.digest, page.words, page.names])
                )
            out.write(f'], "postings": {held.postings:d}, "shards": {held.shards:d}}}')
        out.write(f', "meta": {_dumped(state.meta)}, "pages": {{')
        for n, (url, record) in enumerate(state.pages.items()):
            # Field by field, not dataclasses.asdict: its deep copy took a second at 1,000
            # reports.
            out.write(f"{'' if n == 0 else ', '}{_dumped(url)}: {_dumped(_fields(record))}")
        out.write(f'}}, "words": {_dumped(state.words)}}}')
    temporary.replace(path)


def _dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
