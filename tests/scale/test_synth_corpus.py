"""The synthetic corpus: deterministic, varied like real files, and parsed back exactly."""

from __future__ import annotations

from pathlib import Path

from benchmarks.make_corpus import write_corpus
from builder.intake.site_data import load_regions
from builder.parse import decode, detect_encoding, parse_document
from tests.support import synth_corpus
from tests.support.dumps import without_lines


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    first, again = synth_corpus.corpus(12, seed=3), synth_corpus.corpus(12, seed=3)
    assert first.files == again.files
    assert synth_corpus.corpus(12, seed=4).files != first.files


def test_every_report_parses_back_to_its_document() -> None:
    corpus = synth_corpus.corpus(30, seed=1)
    assert list(corpus.files) == sorted(d.source for d in corpus.documents)
    by_source = {d.source: d for d in corpus.documents}
    for source, data in corpus.files.items():
        parsed = parse_document(decode(data, source), source, corpus.regions)
        assert without_lines(parsed.model_dump()) == without_lines(by_source[source].model_dump())


def test_layout_spans_regions_years_and_units_with_unique_consistent_codes() -> None:
    corpus = synth_corpus.corpus(200, seed=0)
    docs = corpus.documents
    assert len(corpus.regions) == 5 == len({d.region.code for d in docs})
    assert {d.year for d in docs} == set(synth_corpus.YEARS)
    assert len({(d.year, d.region.code, d.unit.code) for d in docs}) == 200
    # A unit reports in every year, under the same code and name.
    assert len({(d.region.code, d.unit.code, d.unit.name) for d in docs}) == 200 // 5
    codes = [p.code for d in docs for p in d.projects]
    assert len(codes) == len(set(codes))
    assert all(
        p.code.startswith(f"{d.region.code}{d.year % 100:02d}") for d in docs for p in d.projects
    )
    assert 8 <= len(codes) / len(docs) <= 12


def test_reports_vary_as_real_files_do() -> None:
    corpus = synth_corpus.corpus(60, seed=0)
    files = corpus.files.values()
    assert {detect_encoding(data) for data in files} == {"utf-8", "utf-8-sig", "gb18030", "utf-16"}
    assert any(b"\r\n" in data for data in files)
    assert any(b"[bookmark: _Toc" in data for data in files)
    projects = [p for d in corpus.documents for p in d.projects]
    assert {p.money_unit for p in projects} == {"元", "万元"}
    assert {p.spending_plan_basis for p in projects} == {"percent", "amount", "empty"}


def test_make_corpus_writes_content_and_matching_site_data(tmp_path: Path) -> None:
    corpus = write_corpus(10, 0, tmp_path)
    written = sorted(
        p.relative_to(tmp_path / "content").as_posix() for p in tmp_path.rglob("*.txt")
    )
    assert written == list(corpus.files)
    assert load_regions(tmp_path / "site_data") == corpus.regions
    assert (tmp_path / "site_data" / "site.toml").read_text("utf-8").startswith("title = ")
