"""Comparing Documents in tests: a model dump without the source line numbers.

A Document written again (as text or as a .docx) and parsed back has the same content
at other lines, and a generated Document has no lines at all; these fields are left out.
"""

from __future__ import annotations

from typing import Any

LINE_FIELDS = frozenset({"line", "text_lines", "budget_line", "plan_lines", "goal_lines"})


def without_lines(value: Any) -> Any:
    """A model dump without source line numbers, which a generated Document cannot know."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in LINE_FIELDS}
    if isinstance(value, list | tuple):
        return [without_lines(v) for v in value]
    return value
