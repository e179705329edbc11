"""Cost of the /data/ downloads at scale: CPU seconds and bytes of each kind of file.

Usage: python benchmarks/bench_downloads.py [--docs N]

Synthetic reports (tests.support.synth) with unique units and project codes. First each
report's share of the shared downloads is made and kept in a folder, as a full build does
(builder/downloads/shares.py); then the shared downloads are joined from the kept shares, as
a rebuild does, each timed as it is made; then the per-report JSON files. Timed in CPU
seconds (process time), so that other processes on the machine do not count.
"""

from __future__ import annotations

import argparse
import functools
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder.contract.model import Document
from builder.contract.streamed import Streamed, StreamedBytes
from builder.downloads.files import project_json, shared_downloads, unit_json
from builder.downloads.shares import Joined, sections
from builder.incremental.share_store import ShareStore
from tests.support import synth


def corpus(count: int) -> list[Document]:
    """``count`` synthetic reports, no unit and no project code twice."""
    rng = random.Random(2026)
    docs: list[Document] = []
    seen: set[Any] = set()
    while len(docs) < count:
        doc = synth.document(rng, projects=(4, 7))
        codes = {p.code for p in doc.projects}
        unit = (doc.year, doc.region.code, doc.unit.code)
        if unit not in seen and not codes & seen:
            seen |= {unit, *codes}
            docs.append(doc)
    return docs


def timed(make: Callable[[], str | bytes | list[str]]) -> tuple[float, int]:
    start = time.process_time()
    out = make()
    parts = out if isinstance(out, list) else [out]
    size = sum(len(p.encode("utf-8") if isinstance(p, str) else p) for p in parts)
    return time.process_time() - start, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    docs = corpus(args.docs)
    projects = sum(len(d.projects) for d in docs)
    rows = sum(len(p.indicators) for d in docs for p in d.projects)
    print(f"{len(docs)} reports, {projects} projects, {rows} indicator rows")
    with tempfile.TemporaryDirectory() as folder:
        store = ShareStore(Path(folder) / "shares")
        keys = [str(n) for n in range(len(docs))]
        made_shares = [functools.partial(sections, doc) for doc in docs]
        seconds, _ = timed(
            lambda: b"".join(store.section(k, 0, m) for k, m in zip(keys, made_shares, strict=True))
        )
        shares = sum(p.stat().st_size for p in (Path(folder) / "shares").iterdir())
        print(f"  {'making the shares':28} {seconds:7.2f} s CPU {shares / 1024:10.0f} KiB kept")
        total = 0.0
        made = shared_downloads(docs, scratch=Path(folder), joined=Joined(docs, keys, store))
        for name, content in made:
            seconds, size = timed(lambda content=content: _taken(content))  # type: ignore[misc]
            total += seconds
            print(f"  {name:28} {seconds:7.2f} s CPU {size / 1024:10.0f} KiB")
        print(f"  {'shared downloads, joined':28} {total:7.2f} s CPU")
    steps: dict[str, Callable[[], str | bytes | list[str]]] = {
        "per-unit JSON": lambda: [unit_json(d) for d in docs],
        "per-project JSON": lambda: [project_json(p, d) for d in docs for p in d.projects],
    }
    for name, make in steps.items():
        seconds, size = timed(make)
        print(f"  {name:28} {seconds:7.2f} s CPU {size / 1024:10.0f} KiB")


def _taken(content: str | bytes | Streamed | StreamedBytes) -> bytes:
    """A download's bytes, made as they are taken (the time of a Streamed one is then)."""
    if isinstance(content, Streamed):
        return content.text().encode("utf-8")
    if isinstance(content, StreamedBytes):
        return content.whole()
    return content.encode("utf-8") if isinstance(content, str) else content


if __name__ == "__main__":
    main()
