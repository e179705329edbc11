"""A report's findings do not change when lines move in another report.

Otherwise one edit to a report would change the pages of every report that shares an
indicator row with it, and a rebuild would render and index them all again.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.make_corpus import write_corpus
from builder.quality import check_document, check_documents, sort_findings
from builder.quality.copies import check_copied_rows
from tests.support.reading import load_content
from tests.support.writer import write_report


def test_findings_elsewhere_stay_when_a_report_gains_a_line(tmp_path: Path) -> None:
    written = write_corpus(12, 5, tmp_path)
    docs = load_content(tmp_path / "content", written.regions)
    before = check_documents(docs)
    # The report most often named by another report's row-copied finding.
    named = [f.message for f in before if f.rule == "row-copied"]
    edited = max(docs, key=lambda d: sum(d.source in m for m in named))
    assert any(edited.source in m for m in named)
    longer = edited.model_copy(update={"overall_goal": "年中修订。\n" + edited.overall_goal})
    (tmp_path / "content" / edited.source).write_text(write_report(longer), encoding="utf-8")
    after = check_documents(load_content(tmp_path / "content", written.regions))

    assert [f for f in after if f.source != edited.source] == [
        f for f in before if f.source != edited.source
    ]
    moved = [f for f in after if f.source == edited.source and f.line > 1]
    assert moved and moved != [f for f in before if f.source == edited.source and f.line > 1]


def test_the_findings_about_some_reports_are_those_of_all_about_them(tmp_path: Path) -> None:
    """A part of a split build checks against every report but keeps only its own findings."""
    written = write_corpus(12, 3, tmp_path)
    docs = load_content(tmp_path / "content", written.regions)
    every = check_documents(docs)
    some = docs[4:9]
    sources = {doc.source for doc in some}
    about = check_documents(docs, about=some)
    assert about == [f for f in every if f.source in sources]
    assert any(f.rule == "row-copied" for f in about)  # found against the other reports
    assert check_documents(some) != about


def test_findings_of_every_report_come_in_one_order_without_duplicates(tmp_path: Path) -> None:
    """Each report's own findings and those across reports are merged report by report:
    the result is the same as sorting all of them at once."""
    written = write_corpus(12, 5, tmp_path)
    docs = load_content(tmp_path / "content", written.regions)
    own = [f for doc in docs for f in check_document(doc)]
    across = list(check_copied_rows(docs))
    assert across and own
    for doc in docs:
        assert check_document(doc) == sort_findings(check_document(doc))  # sorted, once each
    merged = check_documents(list(reversed(docs)))
    assert merged == sort_findings([*own, *across])
    assert len(merged) == len(set(merged))
