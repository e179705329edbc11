"""Text too long for the downloads: an error at the line of the cell that holds it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from builder.contract.model import MAX_TEXT, Document
from builder.contract.problems import ERROR, Problem
from builder.intake.identity import line_of


def _long(value: Any, line: int, field: str, found: list[tuple[int, str, str]]) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            found.append((line, field, value))
    elif isinstance(value, BaseModel):
        # The nearest recorded source line: a sub-goal's, a project's or an indicator row's.
        fields = vars(value)  # the field values, without a dump of the whole tree
        here = fields.get("line")
        for key, item in fields.items():
            _long(item, here if isinstance(here, int) and here else line, key, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _long(item, line, field, found)


def long_texts(doc: Document, raws: Sequence[str]) -> list[Problem]:
    """An error for each text field of ``doc`` over MAX_TEXT characters, at its cell's line.

    The cell's line is the first from its row's (``raws``: the file's lines) that holds the
    text's beginning.

    Checked on intake, so that ``parse``, ``check`` and ``build`` refuse the same file and
    ``--keep-going`` leaves only that file out, rather than the workbook stopping the build.
    """
    found: list[tuple[int, str, str]] = []
    _long(doc, 1, "", found)
    places = {(line_of(raws, text[:40], line, start=line), field) for line, field, text in found}
    return [
        Problem(doc.source, line, ERROR, f"expected at most {MAX_TEXT} characters in {field}")
        for line, field in sorted(places)
    ]
