"""Cost of the /data/ downloads at scale: CPU seconds and bytes of each kind of file.

Usage: python benchmarks/bench_downloads.py [--docs N]

Synthetic reports (tests.support.synth) with unique units and project codes; every download is
rendered in memory as the build does, timed in CPU seconds (process time) so that other
processes on the machine do not count.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from builder.contract.model import Document
from builder.downloads.database import database_bytes
from builder.downloads.datapackage import descriptor
from builder.downloads.files import all_json, project_json, unit_json
from builder.downloads.tables import TABLES
from builder.downloads.tabular import csv_text
from builder.downloads.workbook import ZIP_EPOCH, workbook_bytes
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
    steps: dict[str, Callable[[], str | bytes | list[str]]] = {
        "all.json": lambda: all_json(docs),
        "per-unit JSON": lambda: [unit_json(d) for d in docs],
        "per-project JSON": lambda: [project_json(p, d) for d in docs for p in d.projects],
        "CSV tables": lambda: [csv_text(t, docs) for t in TABLES],
        "XLSX workbook": lambda: workbook_bytes(TABLES, docs, ZIP_EPOCH),
        "SQLite database": lambda: database_bytes(TABLES, docs),
        "datapackage.json": lambda: str(descriptor(TABLES, "bench")),
    }
    total = 0.0
    for name, make in steps.items():
        seconds, size = timed(make)
        total += seconds
        print(f"  {name:18} {seconds:7.2f} s CPU {size / 1024:10.0f} KiB")
    print(f"  {'total':18} {total:7.2f} s CPU")


if __name__ == "__main__":
    main()
