"""The parse cache and the parallel parse: same Documents, fewer parses."""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.incremental import parse_cache
from builder.incremental.parse_cache import PARALLEL_MIN, ParseResults, parse_cached
from builder.intake.content import read_content
from builder.intake.files import named
from tests.support.reading import load_content


@dataclass(frozen=True)
class Loaded:
    documents: tuple[Document, ...]
    parsed: int
    cached: int


def load_documents(
    content: Path, regions: dict[str, str], *, cache: Path | None = None, workers: int = 2
) -> Loaded:
    """The reports under content/ through the parse cache, in path order; the first failure
    raised."""
    files = [(source, path.read_bytes()) for source, path in named([content], content).files]
    results: ParseResults = parse_cached(files, regions, cache=cache, workers=workers)
    if results.failures:
        raise results.failures[0]
    docs = tuple(results.reports[source].document for source, _ in files)
    return Loaded(docs, results.parsed, results.cached)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    written = write_corpus(8, 5, tmp_path)
    return tmp_path / "content", written.regions


def test_second_load_parses_nothing_and_gives_the_same_documents(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    content, regions = corpus
    cache = tmp_path / "cache"
    first = load_documents(content, regions, cache=cache)
    second = load_documents(content, regions, cache=cache)
    assert (first.parsed, first.cached) == (8, 0)
    assert (second.parsed, second.cached) == (0, 8)
    assert second.documents == first.documents == tuple(load_content(content, regions))
    assert len(list(cache.iterdir())) == 8


def test_changing_one_report_parses_one_and_forgets_its_old_entry(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    content, regions = corpus
    cache = tmp_path / "cache"
    load_documents(content, regions, cache=cache)
    report = sorted(content.rglob("*.txt"))[3]
    report.write_bytes(report.read_bytes().replace("保障".encode(), "支持".encode()))
    again = load_documents(content, regions, cache=cache)
    assert (again.parsed, again.cached) == (1, 7)
    assert again.documents == tuple(load_content(content, regions))
    assert len(list(cache.iterdir())) == 8


def test_new_region_names_parse_everything_again(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    content, regions = corpus
    cache = tmp_path / "cache"
    load_documents(content, regions, cache=cache)
    renamed = {code: name + "（新）" for code, name in regions.items()}
    again = load_documents(content, renamed, cache=cache)
    assert again.parsed == 8
    assert all(d.region.name.endswith("（新）") for d in again.documents)


def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    content, regions = corpus
    cache = tmp_path / "cache"
    first = load_documents(content, regions, cache=cache)
    entries = sorted(cache.iterdir())
    entries[0].write_text('{"source": "truncated', encoding="utf-8")
    entries[1].write_text('{"source": "x.txt"}', encoding="utf-8")  # JSON, not an entry
    # sealed as this code seals, but not a Document's plain value
    payload = marshal.dumps(((), ("x.txt", 2021)))
    entries[2].write_bytes(hashlib.sha256(payload).digest() + payload)
    again = load_documents(content, regions, cache=cache)
    assert (again.parsed, again.cached) == (3, 5)
    assert again.documents == first.documents
    assert load_documents(content, regions, cache=cache).parsed == 0


def test_parallel_parse_gives_the_serial_documents_in_path_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = write_corpus(PARALLEL_MIN + 4, 9, tmp_path)
    content = tmp_path / "content"
    serial = load_documents(content, written.regions, workers=1)
    monkeypatch.setattr(parse_cache, "BATCH", 7)  # several batches, the last one short
    parallel = load_documents(content, written.regions, workers=2)
    assert parallel.documents == serial.documents
    assert [d.source for d in parallel.documents] == list(written.files)
    # compacted as they arrived: every project of every report shares one set of fields
    projects = {id(p.__pydantic_fields_set__) for d in parallel.documents for p in d.projects}
    assert len(projects) == 1
    # With a cache, each worker writes its parses there and the build reads them back.
    cache = tmp_path / "cache"
    cached = load_documents(content, written.regions, cache=cache, workers=2)
    assert cached.documents == serial.documents and cached.parsed == len(written.files)
    assert len(list(cache.glob(f"*{parse_cache.SUFFIX}"))) == len(written.files)
    assert len({id(p.__pydantic_fields_set__) for d in cached.documents for p in d.projects}) == 1
    again = load_documents(content, written.regions, cache=cache, workers=2)
    assert again.documents == serial.documents and again.cached == len(written.files)


def test_a_bad_file_in_a_parallel_parse_is_reported_with_file_and_line(tmp_path: Path) -> None:
    written = write_corpus(PARALLEL_MIN + 4, 9, tmp_path)
    bad = tmp_path / "content" / list(written.files)[-3]
    bad.write_text("第一部分\n没有表格\n", encoding="utf-8")
    with pytest.raises(ReportError) as raised:
        load_documents(tmp_path / "content", written.regions, workers=2)
    assert raised.value.source == list(written.files)[-3]
    assert str(raised.value).startswith(f"{raised.value.source}:{raised.value.line}: expected")


@pytest.mark.parametrize("cached", [False, True])
def test_every_document_taken_in_is_compacted(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path, cached: bool
) -> None:
    """Parsed here, or read back from the cache: each model holds a shared set of fields."""
    content, regions = corpus
    cache = tmp_path / "cache" if cached else None
    if cache is not None:
        read_content(content, regions, cache=cache)
    docs = read_content(content, regions, cache=cache).documents
    indicators = {
        id(i.__pydantic_fields_set__) for d in docs for p in d.projects for i in p.indicators
    }
    assert len(docs) > 1 and len(indicators) == 1
