"""Pages across reports kept whole: when no report's share of them changed, the last build's
entries are used as they are, without looking at a report to name or make a page.

Each set of pages across reports is kept under a hash of what it shows (report_cache.page_key),
but working out those hashes means going over every report: at 3,000 reports the indicator
pages' took 2.4 s of a one-report rebuild, though an edit to a report's text changes none of
them. Their inputs are joined from each report's share (builder/incremental/summaries.py),
itself kept by the report's hash; when the joined shares are the last build's, so are the
pages' keys, kept beside them.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
from collections.abc import Callable, Iterable, Iterator, Sequence

from builder.contract.model import Document
from builder.incremental.folder_sync import Content
from builder.incremental.report_cache import (
    Kept,
    ReportCache,
    ReportFiles,
    code_version,
    page_key,
)

Part = tuple[str, Callable[[], tuple[object, ...]], Callable[[], ReportFiles]]
"""Pages made together: their kind, what they show (page_key's inputs), how to make them."""
WHOLES = "kept whole"
"""The kind of summary that holds, under the hash of all reports' shares, the pages' keys."""


def kept_whole(
    cache: ReportCache | None,
    kind: str,
    shares: Callable[[], Iterable[tuple[str, bytes]]],
    parts: Callable[[], Iterable[Part]],
) -> Iterator[tuple[str, Content]]:
    """The pages of every part: made, or with ``cache`` kept under their keys, and when
    ``shares()`` (each report's source and share, in order) are the last build's, the entries
    that build used, without calling ``parts`` at all."""
    if cache is None:
        for _, _, make in parts():
            yield from make().items()
        return
    whole = whole_key(kind, shares())
    keys = _keys(cache.summaries.peek(WHOLES, whole))
    if keys is not None and all(map(cache.holds, keys)):
        # Only if an entry is spoilt after this check are the parts named again, to make it.
        makers = functools.cache(functools.partial(_makers, parts))
        for key in keys:
            yield from cache.files(key, functools.partial(_made_again, makers, key)).items()
    else:
        keys = []
        for part_kind, show, make in parts():
            keys.append(page_key(part_kind, *show()))
            yield from cache.files(keys[-1], make).items()
    cache.summaries.put(WHOLES, whole, marshal.dumps(keys))


def _makers(parts: Callable[[], Iterable[Part]]) -> dict[str, Callable[[], ReportFiles]]:
    return {page_key(kind, *show()): make for kind, show, make in parts()}


def _made_again(
    makers: Callable[[], dict[str, Callable[[], ReportFiles]]], key: str
) -> ReportFiles:
    return makers()[key]()


def shares_of(
    kept: Kept | None, docs: Sequence[Document], kind: str, make: Callable[[Document], bytes]
) -> dict[str, bytes]:
    """Each report's ``kind`` share by source, kept as a summary under its doc_hash and made
    only for a report that changed; none without ``kept``."""
    if kept is None:
        return {}
    cache, digests = kept
    get = cache.summaries.get
    return {d.source: get(kind, digests[d.source], functools.partial(make, d)) for d in docs}


def whole_key(kind: str, shares: Iterable[tuple[str, bytes]]) -> str:
    """A hash of the code and of every report's source and share, in order."""
    digest = hashlib.sha256(f"{code_version()}\0{kind}\0".encode())
    for source, share in shares:
        digest.update(f"{source}\0{len(share)}\0".encode())
        digest.update(share)
    return digest.hexdigest()


def _keys(kept: bytes | None) -> list[str] | None:
    if kept is None:
        return None
    try:
        keys = marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None
    valid = isinstance(keys, list) and all(isinstance(key, str) for key in keys)
    return keys if valid else None


def kept_value(
    cache: ReportCache | None,
    kind: str,
    shares: Callable[[], Iterable[tuple[str, bytes]]],
    make: Callable[[], bytes],
) -> bytes:
    """``make()``, or with ``cache`` what it gave the last build when ``shares()`` (each
    report's source and share, in order) are that build's: a value made from all reports."""
    if cache is None:
        return make()
    whole = whole_key(kind, shares())
    found = cache.summaries.peek(WHOLES, whole)
    if found is None:
        found = make()
    cache.summaries.put(WHOLES, whole, found)
    return found
