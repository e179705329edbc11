"""mkdocs-material's browser search, ported to Python over the `lunr` package.

The built site/search/search_index.json is indexed the way Material's search worker does it
(9.6: HTML-aware tokenizer splitting on the configured separator, title boost 1000, b = 0,
pipeline reduced to the configured functions), and a query goes through the same steps:
Chinese runs are segmented greedily against the index's own terms, every term becomes a
prefix query, and results are re-scored and grouped by page. The browser test checks the
real thing; this port lets the search tests run without a browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Hit:
    location: str  # the page, without a #section
    title: str  # the page's title as indexed (segmented with \u200b)
    score: float


def _segment(query: str, index: dict[str, Any]) -> list[str]:
    """Material's ``segment``: greedy longest matches against the index terms."""
    segments: dict[str, None] = {}
    wordcuts = [0] * len(query)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):
            if query[i:j] in index:
                wordcuts[i] = j - i

    def cut(at: int) -> int:
        return wordcuts[at] if at < len(wordcuts) else 0

    stack: dict[int, int] = {0: 0}  # JS array semantics: stack[s++] = value overwrites
    s = 1
    while s > 0:
        s -= 1
        p = stack[s]
        for q in range(1, cut(p)):
            if cut(p + q) > cut(p) - q:
                segments[query[p : p + q]] = None
                stack[s] = p + q
                s += 1
        end = p + cut(p)
        if cut(end) and end < len(query) - 1:
            stack[s] = end
            s += 1
        segments[query[p:end]] = None
    if "" in segments:
        return [query]
    return list(segments)


class MaterialSearch:
    """The search index of a built site, queried like the browser does."""

    def __init__(self, site_dir: Path) -> None:
        data = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
        config = data["config"]
        self.separator = re.compile(config["separator"])
        self.docs: dict[str, dict[str, Any]] = {}
        self.parent: dict[str, str] = {}
        for doc in data["docs"]:
            page = doc["location"].split("#")[0]
            if page in self.docs:
                self.parent[doc["location"]] = page
            self.docs.setdefault(doc["location"], doc)
        builder = Builder()
        builder.ref("location")
        builder.b(0)
        keep = {"trimmer": trimmer, "stopWordFilter": stop_word_filter, "stemmer": stemmer}
        for name in ("trimmer", "stopWordFilter", "stemmer"):
            if name in config["pipeline"]:
                builder.pipeline.add(keep[name])
                builder.search_pipeline.add(keep[name])
        builder.field("title", boost=1000, extractor=lambda d: self.tokens(d["title"]))
        builder.field("text", boost=1, extractor=lambda d: self.tokens(d["text"]))
        for doc in data["docs"]:
            builder.add(doc, {"boost": doc.get("boost", 1)})
        self.index: Index = builder.build()

    def tokens(self, html: str) -> list[str]:
        """Material's tokenizer: text between tags, split on the separator, lower-cased."""
        out: list[str] = []
        for text in _TAG.split(html):
            out += [t.lower() for t in self.separator.split(text) if t]
        return out

    def _terms(self, query: str) -> Iterator[str]:
        segmented = _HAN.sub(
            lambda m: "* ".join(_segment(m.group(0), self.index.inverted_index)), query
        )
        for part in segmented.split():
            for piece in self.separator.split(part):
                if piece:
                    yield piece.lower() + "*"

    def search(self, query: str) -> list[Hit]:
        """Pages in the order the browser lists them."""
        terms = list(self._terms(query))
        if not terms:
            return []
        q: Query = self.index.create_query()
        for term in terms:
            q.term(term.rstrip("*"), wildcard=Query.WILDCARD_TRAILING, use_pipeline=False)
        analysis = [t[:-1] for t in terms]  # Material strips one trailing * for its boost
        scored: list[tuple[float, str]] = []
        for result in self.index.query(q):
            location = result["ref"]
            matched = list(result["match_data"].metadata)
            found = {c for c in analysis if any(m.startswith(c) for m in matched)}
            boost = (location not in self.parent) + len(found) / len(set(analysis))
            scored.append((result["score"] * (1 + boost**2), location))
        scored.sort(key=lambda item: -item[0])
        pages: dict[str, float] = {}
        for score, location in scored:
            pages.setdefault(self.parent.get(location, location), score)
        return [Hit(page, self.docs[page]["title"], score) for page, score in pages.items()]
