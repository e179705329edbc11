"""The search index changed in place by a rebuild: only the files its changed pages touch.

A rebuild of a large site changes a few pages. Their results, the shards of the words they
gained or lost, and meta.json are written again (index.py's own functions write them, so the
files are those a whole index would have, byte for byte); every other file is left as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from builder.search.index import (
    FOLDER,
    NAME_MARK,
    WORD_BREAK,
    Index,
    decode_pages,
    encode_pages,
    entry,
    file_hash,
    indexed,
    item,
    page_order,
    record_digest,
    shard_count,
    shard_json,
    shard_of,
    with_meta,
)
from builder.search.records import Record


def _split(words: str) -> set[str]:
    return set(words.split(WORD_BREAK)) if words else set()


def update_index(
    last: Index, records: Iterable[Record], read: Callable[[str], bytes]
) -> Index | None:
    """The index ``last`` changed in place for these pages: only the files that differ, read
    with ``read`` (site-relative path → bytes); or None where only a whole index will do
    (pages added, removed or in another order, or another number of shards).

    The files are those build_index would write for the same pages, byte for byte.
    """
    ordered = sorted(records, key=page_order)
    if [r.url for r in ordered] != [p.url for p in last.pages]:
        return None
    count = len(ordered)
    pages = list(last.pages)
    files: dict[str, bytes] = {}
    added: dict[str, set[int]] = {}
    gone: dict[str, set[int]] = {}
    postings = last.postings
    for number, record in enumerate(ordered):
        digest = record_digest(record)
        if digest == pages[number].digest:
            continue
        page = entry(record)
        old = pages[number]
        before = _split(old.words) | {NAME_MARK + w for w in _split(old.names)}
        after = set(page.words) | {NAME_MARK + w for w in page.names}
        postings += len(after) - len(before)
        for word in after - before:
            added.setdefault(word, set()).add(number)
        for word in before - after:
            gone.setdefault(word, set()).add(number)
        files[f"{FOLDER}/p/{number}.json"] = page.result
        pages[number] = indexed(record, page, digest)
    if shard_count(postings) != last.shards:
        return None
    by_shard: dict[int, set[str]] = {}
    for word in {*added, *gone}:
        by_shard.setdefault(shard_of(word.removeprefix(NAME_MARK), last.shards), set()).add(word)
    for shard, words in sorted(by_shard.items()):
        name = f"{FOLDER}/w/{shard}.json"
        held: dict[str, list[int] | str] = json.loads(read(name))
        items = {word: item(word, value) for word, value in held.items()}
        for word in words:
            numbers = set(decode_pages(held[word])) if word in held else set()
            numbers = (numbers - gone.get(word, set())) | added.get(word, set())
            items.pop(word, None)
            if numbers:
                items[word] = item(word, encode_pages(sorted(numbers), count))
        files[name] = shard_json(items)
    if not files:
        return Index({}, last.pages, last.hashes, last.shards, postings)
    hashes = {**last.hashes, **{name: file_hash(data) for name, data in files.items()}}
    with_meta(files, hashes, [record.kind for record in ordered], last.shards)
    return Index(files, tuple(pages), hashes, last.shards, postings)
