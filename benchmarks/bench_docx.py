"""Word reading throughput on seed-sized reports: .docx/second on one core, parsing included.

Usage: python -m benchmarks.bench_docx [--seconds S]

The five shipped seeds, each written as a .docx by tests.support.docx_writer (the default
style, and a style with every feature the reader handles), are read and parsed as
`budgetsite build` reads a file: builder.parse.readers.read_text (read_docx for a .docx)
and parse_with_ledger. For comparison: the same reports as Tika text, read and parsed the
same way, and python-docx on the same .docx files: loading only, and loading with every
paragraph's and cell's text (still less than the parser needs: no merges, tracked changes,
fields or numbering).
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from builder.contract.model import Document
from builder.intake.site_data import load_regions
from builder.parse import decode, parse_document, parse_with_ledger
from builder.parse.readers import read_text
from builder.parse.values import clear_caches
from tests.support.docx_writer import DocxStyle, write_docx

ROOT = Path(__file__).resolve().parent.parent
TARGET_DOCX = 100
"""Reports per second per core the .docx reader must reach, parsing included."""
TARGET_TEXT = 1000
"""Reports per second per core the text reader must keep."""

Corpus = list[tuple[str, bytes]]


def seed_documents() -> list[tuple[str, bytes, Document]]:
    """(source, text bytes, Document) of each shipped seed."""
    content = ROOT / "content"
    out = []
    for path in sorted(content.rglob("*.txt")):
        source = path.relative_to(content).as_posix()
        data = path.read_bytes()
        out.append((source, data, parse_document(decode(data, source), source)))
    return out


def docx_corpus(seeds: list[tuple[str, bytes, Document]], style: DocxStyle) -> Corpus:
    return [
        (source.removesuffix(".txt") + ".docx", write_docx(document, style))
        for source, _, document in seeds
    ]


def passes(corpus: Corpus, seconds: float, one: Callable[[str, bytes], object]) -> list[float]:
    """Reports per CPU second, one figure per pass over the corpus (as bench_parse.rates)."""
    results: list[float] = []
    spent = 0.0
    while spent < seconds or len(results) < 5:
        clear_caches()  # each pass starts cold, as a new corpus would
        start = time.process_time()
        for source, data in corpus:
            one(source, data)
        elapsed = time.process_time() - start
        spent += elapsed
        results.append(len(corpus) / elapsed)
    return results


def show(name: str, corpus: Corpus, figures: list[float], target: int | None) -> None:
    size = sum(len(d) for _, d in corpus) / len(corpus)
    verdict = ""
    if target is not None:
        verdict = f" (target ≥{target:,}: {'met' if max(figures) >= target else 'NOT MET'})"
    print(
        f"{name:>22}: {len(corpus)} reports, {size / 1024:.1f} KiB each on average: "
        f"{max(figures):,.0f}/second on one core at best, "
        f"{statistics.median(figures):,.0f} median of {len(figures)} passes{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="time per corpus")
    args = parser.parse_args()

    regions = load_regions(ROOT / "site_data")

    def read_and_parse(source: str, data: bytes) -> object:
        return parse_with_ledger(read_text(data, source).text, source, regions)

    seeds = seed_documents()
    corpora: dict[str, Corpus] = {
        "docx (default style)": docx_corpus(seeds, DocxStyle()),
        "docx (all features)": docx_corpus(seeds, DocxStyle.all_features()),
    }
    for name, corpus in corpora.items():
        show(name, corpus, passes(corpus, args.seconds, read_and_parse), TARGET_DOCX)
    text = [(source, data) for source, data, _ in seeds]
    show("text (.txt)", text, passes(text, args.seconds, read_and_parse), TARGET_TEXT)
    try:
        import docx  # python-docx, a comparison only
    except ImportError:
        print("python-docx not installed")
        return

    def load(source: str, data: bytes) -> object:
        return docx.Document(io.BytesIO(data))

    def texts(source: str, data: bytes) -> object:
        # What a reader built on python-docx would do at least: every paragraph's and
        # every cell's text. It still would not see merges (row.cells repeats a merged
        # cell), nor tracked changes, fields or numbering, which read_docx handles.
        document = docx.Document(io.BytesIO(data))
        out = [p.text for p in document.paragraphs]
        out += [cell.text for t in document.tables for row in t.rows for cell in row.cells]
        return out

    for name, corpus in corpora.items():
        style = name.removeprefix("docx ")
        show(f"python-docx load {style}", corpus, passes(corpus, args.seconds, load), None)
        show(f"python-docx text {style}", corpus, passes(corpus, args.seconds, texts), None)


if __name__ == "__main__":
    main()
