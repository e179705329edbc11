"""Escaping of report text for Markdown and HTML: the one place where it happens.

Report text is data, never markup: a ``*`` or ``<`` printed in a report must show as
itself on the page. Every renderer passes text through these functions. Control
characters are shown as visible symbols (builder/parse/controls.py), never passed to the browser.
"""

from __future__ import annotations

import html
import re

from builder.parse.controls import visible

# Characters Python-Markdown (with the tables extension) treats as syntax inside a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^])")


def html_text(text: str) -> str:
    """Text for HTML content or attribute values: ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(visible(text), quote=True)


def md_inline(text: str) -> str:
    """Text for use inside a Markdown line: no emphasis, links, code, HTML or table cells."""
    escaped = html.escape(visible(text), quote=False)
    return _INLINE_SPECIAL.sub(r"\\\1", escaped)


def html_lines(text: str) -> str:
    """Multi-line text for an HTML cell: escaped, lines joined with <br>."""
    parts = [html_text(line.strip()) for line in text.split("\n") if line.strip()]
    return "<br>".join(parts)
