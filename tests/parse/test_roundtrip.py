"""Generated Documents → report text → parse → the same Document (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.contract.model import Document
from builder.parse import decode, parse_document
from tests.conftest import CONTENT
from tests.support import synth
from tests.support.dumps import without_lines
from tests.support.writer import Encoding, Style, encode, write_report

styles = st.builds(
    Style,
    headings=st.sampled_from(["bookmark", "field_code", "plain"]),
    part_two_marker=st.booleans(),
    table_numbering=st.sampled_from([".", "、"]),
    goal_numbering=st.sampled_from([".", "、"]),
    other_funds_zero=st.sampled_from(["0", "", " "]),
    page_number=st.booleans(),
    crlf=st.booleans(),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


@settings(max_examples=150, deadline=None)
@given(rng=st.randoms(use_true_random=False), style=styles, encoding=encodings)
def test_generated_document_round_trips(
    rng: random.Random, style: Style, encoding: Encoding
) -> None:
    document = synth.document(rng)
    data = encode(write_report(document, style), encoding)
    source = document.source if rng.random() < 0.5 else "elsewhere/report.txt"
    parsed = parse_document(decode(data, source), source, synth.REGIONS)
    expected = document.model_copy(update={"source": source})
    assert without_lines(parsed.model_dump()) == without_lines(expected.model_dump())


def test_writer_reproduces_a_seed_document(regions: dict[str, str]) -> None:
    """The writer's layout is the seeds' layout: a seed → text → parse is unchanged."""
    for path in sorted(CONTENT.rglob("*.txt")):
        source = path.relative_to(CONTENT).as_posix()
        original = parse_document(path.read_text(encoding="utf-8"), source, regions)
        again = parse_document(write_report(original), source, regions)
        assert without_lines(again.model_dump()) == without_lines(original.model_dump())


def test_every_generated_line_is_accounted_for() -> None:
    from builder.parse import parse_with_ledger

    for seed in range(20):
        document = synth.document(random.Random(seed))
        text = write_report(document, Style(page_number=True, headings="field_code"))
        parsed = parse_with_ledger(text, document.source, synth.REGIONS)
        assert parsed.ledger.unaccounted() == []


def test_synthetic_documents_are_valid_models() -> None:
    document = synth.document(random.Random(1))
    assert Document.model_validate(document.model_dump()) == document
    assert all(synth.money_check(p) for p in document.projects)
