"""The search index as files: each word's pages, in shards a query fetches alone, and results.

The site's search is a small static index of its own, read by assets/search.js with no
server (docs/DESIGN.md §5). Pagefind, which the site used before, could not meet issue 15's
numbers: its script, WebAssembly and list of every page were about 200 KB before a query
fetched any word, and a query of several words took 0.5–1 s on a throttled phone.

The index is a folder of files (``FOLDER``):

- ``meta.json``: how many pages and shards there are, where each kind of page starts, and a
  stamp of the whole index that the search script adds to every other file's address, so
  that a browser never mixes the files of two builds.
- ``w/<n>.json``: shard n of the words, a JSON object: word → its pages, and ``^`` + word →
  the pages whose name holds it (for ranking). A word's shard is its FNV-1a hash modulo the
  number of shards; there are enough shards for each to be small, so a query fetches the
  shards of its own words and no more.
- ``p/<id>.json``: what a result shows of page ``id``: its address, title, kind, unit, year,
  region, amount and its readable lines (for excerpts).

Pages are numbered project pages first, then unit pages, then every other page, each kind
by year (latest first) and address; ``starts`` in meta.json says where each kind begins. The
search script ranks the pages whose name holds every word of a query first (a project above
the pages that mention it), then unit pages, project pages and other pages, each in page
order. A page list is a JSON array of the gaps between page numbers or,
where that is larger, a bitmap in base64 (a word on most pages). The same pages give the
same files, byte for byte.

The files are plain JSON, which a web server may compress as it sends them. Stored as gzip,
they would be a third of the size on a server that does not, but a phone then spends as long
unpacking a query's files as fetching them (issue 15's 300 ms): the browser's
DecompressionStream costs about 3 ms a file with the CPU throttled 4×.
"""

from __future__ import annotations

import base64
import hashlib
import json
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import sub

from builder.parse.controls import visible
from builder.search.records import LINE_BREAK, PAGE, PROJECT, UNIT, Record, filter_words
from builder.search.words import index_words

FOLDER = "search-index"
META = f"{FOLDER}/meta.json"
VERSION = 1
WORDS = "trigrams-2"
"""Changes when the words a record is indexed by change: a rebuild then reads every page."""
KINDS = (PROJECT, UNIT, PAGE)
NAME_MARK = "^"
"""Before a word: the pages whose name holds it. No word of text or filter starts with it."""
SHARD_POSTINGS = 5_000
"""About how many (word, page) pairs a shard holds: about 6 KB of JSON on the 1,000-report
site; counted in pairs, a rebuild can tell the number of shards without writing them."""


@dataclass(frozen=True)
class Entry:
    """One page as the index holds it."""

    url: str
    kind: str
    year: str
    words: frozenset[str]
    """Every word it is found by: its own, its name's and its filters'."""
    names: frozenset[str]
    """The words of its name: a page a query names ranks above pages that mention it."""
    result: bytes
    """What a result shows of it (JSON)."""


def entry(record: Record) -> Entry:
    names = index_words(record.names)
    words = index_words(record.texts) | names | set(filter_words(record))
    # Control characters as the site's pages show them (builder/parse/controls.py).
    shown = {
        "url": record.url,
        "title": visible(record.title),
        "kind": record.kind,
        "unit": visible(record.unit),
        "year": record.year,
        "region": visible(record.region),
        "amount": record.amount,
        "text": visible(LINE_BREAK.join(record.lines)),
    }
    result = json.dumps(
        {k: v for k, v in shown.items() if v}, ensure_ascii=False, separators=(",", ":")
    )
    return Entry(
        record.url, record.kind, record.year, frozenset(words), frozenset(names), result.encode()
    )


def page_order(record: Record) -> tuple[int, int, str]:
    """Kind (projects first), then latest year first, then address."""
    year = int(record.year) if record.year.isdigit() else 0
    return (KINDS.index(record.kind), -year, record.url)


def shard_of(word: str, shards: int) -> int:
    """FNV-1a (32 bits) of the word's UTF-16 code units, as assets/search.js hashes it."""
    h = 0x811C9DC5
    data = word.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def encode_pages(pages: Sequence[int], count: int) -> list[int] | str:
    """A sorted list of page numbers: the gaps between them, or a bitmap if that is smaller."""
    gaps = list(map(sub, pages, [0, *pages[:-1]]))
    if len(",".join(map(str, gaps))) <= (count + 7) // 8 * 4 // 3 + 2:
        return gaps
    bits = bytearray((count + 7) // 8)
    for page in pages:
        bits[page >> 3] |= 1 << (page & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def decode_pages(encoded: list[int] | str) -> list[int]:
    """The page numbers encode_pages wrote (as assets/search.js reads them)."""
    if isinstance(encoded, str):
        bits = base64.b64decode(encoded)
        return [i * 8 + b for i, byte in enumerate(bits) if byte for b in range(8) if byte >> b & 1]
    return list(accumulate(encoded))


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Indexed:
    """A page as an index holds it: what a rebuild needs to change the index in place."""

    url: str
    digest: str
    """A hash of its record: another means the page changed."""
    words: str
    """Its words, sorted, joined by WORD_BREAK; then its name's words the same way."""
    names: str


@dataclass(frozen=True)
class Index:
    """An index: its files (all of them, or those a rebuild changed), and what a rebuild of
    it needs: its pages in order, every file's hash, its number of shards."""

    files: dict[str, bytes]
    pages: tuple[Indexed, ...]
    hashes: dict[str, str]
    shards: int
    postings: int
    """How many (word, page) pairs it holds: what the number of shards follows."""


WORD_BREAK = "\x1f"  # in no word: words.RUN takes none, and a filter's value is one line


def record_digest(record: Record) -> str:
    return hashlib.sha256(repr(record).encode()).hexdigest()


def shard_count(postings: int) -> int:
    """The shards for this many (word, page) pairs: a power of two, each about SHARD_POSTINGS."""
    shards = 1
    while postings / shards > SHARD_POSTINGS:
        shards *= 2
    return shards


def item(word: str, pages: list[int] | str) -> str:
    """A word's entry, as it is written in its shard's JSON object."""
    encoded = json.dumps(pages, separators=(",", ":"))
    return json.dumps(word, ensure_ascii=False) + ":" + encoded


def shard_json(items: dict[str, str]) -> bytes:
    return ("{" + ",".join(items[word] for word in sorted(items)) + "}").encode()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def with_meta(
    files: dict[str, bytes], hashes: dict[str, str], kinds: Sequence[str], shards: int
) -> None:
    """Add meta.json, whose stamp is a hash of every other file (by their hashes)."""
    count = len(kinds)
    starts = {kind: kinds.index(kind) if kind in kinds else count for kind in KINDS}
    stamp = hashlib.sha256()
    for name in sorted(hashes):
        stamp.update(f"{name}\0{hashes[name]}\n".encode())
    meta = {
        "version": VERSION,
        "pages": count,
        "shards": shards,
        "starts": [starts[kind] for kind in KINDS],
        "stamp": stamp.hexdigest()[:16],
    }
    files[META] = _json(meta) + b"\n"


def indexed(record: Record, page: Entry, digest: str) -> Indexed:
    """The page as the index keeps it for a rebuild: its words sorted, as text."""
    return Indexed(
        record.url, digest, WORD_BREAK.join(sorted(page.words)), WORD_BREAK.join(sorted(page.names))
    )


def build_index(records: Iterable[Record]) -> Index:
    """The whole index for these pages."""
    ordered = sorted(records, key=page_order)
    count = len(ordered)
    # One page's words at a time, into a compact list of page numbers per word: a site's
    # words, held as sets of strings, would take hundreds of megabytes.
    postings: dict[str, array[int]] = {}
    results = []
    pages = []
    for number, record in enumerate(ordered):
        page = entry(record)
        for word in page.words:
            postings.setdefault(word, array("I")).append(number)
        for word in page.names:
            postings.setdefault(NAME_MARK + word, array("I")).append(number)
        results.append(page.result)
        pages.append(indexed(record, page, record_digest(record)))
    pairs = sum(len(p) for p in postings.values())
    shards = shard_count(pairs)
    grouped: list[list[str]] = [[] for _ in range(shards)]
    for word in postings:
        grouped[shard_of(word.removeprefix(NAME_MARK), shards)].append(word)
    files = {}
    # A shard at a time, each word's pages let go of once written: the whole index as text,
    # beside its pages and its files, was a third of a large build's peak.
    for n, words in enumerate(grouped):
        items = {word: item(word, encode_pages(postings.pop(word), count)) for word in words}
        files[f"{FOLDER}/w/{n}.json"] = shard_json(items)
    files.update({f"{FOLDER}/p/{n}.json": result for n, result in enumerate(results)})
    hashes = {name: file_hash(data) for name, data in files.items()}
    with_meta(files, hashes, [record.kind for record in ordered], shards)
    return Index(files, tuple(pages), hashes, shards, pairs)


def result_urls(files: Mapping[str, bytes]) -> dict[int, str]:
    """Page number → address, from an index's result files (for benchmarks and tests)."""
    urls = {}
    prefix = f"{FOLDER}/p/"
    for name, data in files.items():
        if name.startswith(prefix):
            urls[int(name[len(prefix) :].removesuffix(".json"))] = json.loads(data)["url"]
    return urls
