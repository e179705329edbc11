"""Parsing throughput on seed-sized reports: documents/second on one core and peak memory.

Usage: python benchmarks/bench_parse.py [--docs N] [--seconds S]

Two corpora: the five shipped seeds as files (bytes, decoded and parsed: what `budgetsite
build` does per file), and synthetic reports of the same size written by builder.writer.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from builder import synth
from builder.parse import decode, parse_document
from builder.writer import Style, write_report

ROOT = Path(__file__).resolve().parent.parent


def seed_corpus() -> list[tuple[str, bytes]]:
    content = ROOT / "content"
    return [
        (p.relative_to(content).as_posix(), p.read_bytes()) for p in sorted(content.rglob("*.txt"))
    ]


def synthetic_corpus(count: int) -> list[tuple[str, bytes]]:
    rng = random.Random(2026)
    corpus = []
    for _ in range(count):
        document = synth.document(rng, projects=(4, 7))  # seeds hold 1–7 projects, 4.8 on average
        corpus.append((document.source, write_report(document, Style()).encode("utf-8")))
    return corpus


def rate(corpus: list[tuple[str, bytes]], seconds: float) -> tuple[float, int]:
    """Documents per CPU second (process time, so other load does not count); median of 5."""
    rates = []
    for _ in range(5):
        done = 0
        start = time.process_time()
        while time.process_time() - start < seconds / 5:
            for source, data in corpus:
                parse_document(decode(data, source), source)
            done += len(corpus)
        rates.append(done / (time.process_time() - start))
    return statistics.median(rates), done


def peak_memory(corpus: list[tuple[str, bytes]]) -> int:
    """Peak bytes allocated while parsing the corpus once, keeping every Document."""
    gc.collect()
    tracemalloc.start()
    documents = [parse_document(decode(data, source), source) for source, data in corpus]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(documents) == len(corpus)
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=500, help="synthetic reports (default 500)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time per corpus")
    args = parser.parse_args()

    seeds = seed_corpus()
    synthetic = synthetic_corpus(args.docs)
    for name, corpus in (("seeds", seeds), ("synthetic", synthetic)):
        size = sum(len(d) for _, d in corpus) / len(corpus)
        per_second, _ = rate(corpus, args.seconds)
        peak = peak_memory(corpus)
        print(
            f"{name:>9}: {len(corpus)} reports, {size / 1024:.1f} KiB each on average: "
            f"{per_second:,.0f} documents/second on one core; "
            f"peak {peak / 2**20:.1f} MiB traced for {len(corpus)} documents kept "
            f"({peak / len(corpus) / 1024:.0f} KiB each)"
        )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"process peak RSS: {maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
