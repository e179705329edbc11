"""Which changes to a page reach its search index entry (a rebuild's delta, search_index.py)."""

from __future__ import annotations

from builder.engines.search_index import same_for_search
from builder.publish.build import Built


def test_a_page_changed_only_in_its_findings_reads_the_same_to_the_index(built: Built) -> None:
    doc = next(d for d in built.documents if d.projects)
    page = built.site_dir / str(doc.year) / doc.region.code / doc.unit.code / "index.html"
    html = page.read_bytes()
    assert b'<div class="bs-findings">' in html
    # A finding's id changed (another finding of its rule came before it): only the
    # findings block changed.
    moved = html.replace("问题-".encode(), "问题-9".encode())
    assert moved != html
    assert same_for_search(html, moved)
    # The overall goal changed: the index entry changes.
    goal = doc.overall_goal.splitlines()[0].encode()
    assert goal in html
    assert not same_for_search(html, html.replace(goal, goal + "（修订）".encode()))
