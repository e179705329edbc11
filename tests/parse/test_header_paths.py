"""The fast header match and the row-by-row reading must agree on every table they both read."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from builder.intake.files import report_files
from builder.parse import Parsed, decode, parse_with_ledger, rows, table
from tests.conftest import CONTENT, FIXTURES
from tests.support import synth
from tests.support.writer import Style, write_report

REPORTS = [*report_files(CONTENT), *sorted((FIXTURES / "variants").glob("*.txt"))]


def both_ways(text: str, source: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Parsed, Parsed]:
    fast = parse_with_ledger(text, source)
    with monkeypatch.context() as patch:
        patch.setattr(table, "_header_fast", lambda seg, ledger: None)
        checked = parse_with_ledger(text, source)
    return fast, checked


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_same_document_and_accounting(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, checked = both_ways(decode(path.read_bytes(), path.name), path.name, monkeypatch)
    assert fast.document == checked.document
    assert fast.ledger.report() == checked.ledger.report()


def test_same_on_synthetic_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    for _ in range(30):
        document = synth.document(rng)
        fast, checked = both_ways(write_report(document, Style()), document.source, monkeypatch)
        assert fast.document == checked.document
        assert fast.ledger.report() == checked.ledger.report()


def test_the_fast_match_reads_the_usual_layout() -> None:
    """It must actually be taken for the shipped reports, or it is dead weight."""
    taken = 0
    original = table._header_fast

    def counting(seg: rows.Segment, ledger: object) -> object:
        nonlocal taken
        header = original(seg, ledger)  # type: ignore[arg-type]
        taken += header is not None
        return header

    for path in report_files(CONTENT):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(table, "_header_fast", counting)
            parse_with_ledger(path.read_text(encoding="utf-8"), path.name)
    assert taken == 24
