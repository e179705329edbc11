"""A report as its like-project pages see it: kept by its hash, so that an edit to the
report's own text, or to where its lines stand, leaves those pages as they were."""

from __future__ import annotations

import hashlib

from builder.contract.model import Document

VIEWS = "group views"
"""The kind of summary that holds the hash of a report's group view."""


def group_view(doc: Document) -> Document:
    """The report as the like-project pages see it: without its own text (goals, duties,
    measures), nor where any of its lines stand in its file."""
    projects = tuple(
        p.model_copy(
            update={
                "line": 0,
                "budget_line": 0,
                "plan_lines": (),
                "goal_lines": (),
                "indicators": tuple(i.model_copy(update={"line": 0}) for i in p.indicators),
            }
        )
        for p in doc.projects
    )
    text = {"overall_goal": "", "sub_goals_intro": "", "sub_goals": (), "measures": ""}
    return doc.model_copy(update={**text, "projects": projects})


def view_hash(doc: Document) -> bytes:
    # Of its JSON, not its marshalled plain form, whose bytes depend on which equal values
    # are one object (builder/render/lists/every_report.py).
    return hashlib.sha256(group_view(doc).model_dump_json().encode("utf-8")).digest()
