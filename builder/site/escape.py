"""Escaping of report text for Markdown and HTML: the one place where it happens.

Report text is data, never markup: a ``*`` or ``<`` printed in a report must show as
itself on the page. Every renderer passes text through these functions. Control
characters are shown as visible symbols (builder/controls.py), never passed to the browser.
"""

from __future__ import annotations

import html
import re

from builder.controls import visible

# Characters Python-Markdown (with the tables extension) treats as syntax inside a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^])")
# Line starts that would open a block: ordered list "1." / "1)", bullets, setext underline.
_BLOCK_START = re.compile(r"^(\d+)([.)])(\s|$)|^([-+=])")


def html_text(text: str) -> str:
    """Text for HTML content or attribute values: ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(visible(text), quote=True)


def md_inline(text: str) -> str:
    """Text for use inside a Markdown line: no emphasis, links, code, HTML or table cells."""
    escaped = html.escape(visible(text), quote=False)
    return _INLINE_SPECIAL.sub(r"\\\1", escaped)


def md_code(text: str) -> str:
    """Text in code style inside a Markdown line: a ``<code>`` element, so that no backtick
    in the text can end the code span and let the rest through as Markdown or HTML."""
    return f"<code>{md_inline(text)}</code>"


def md_line(text: str) -> str:
    """One paragraph of text as a Markdown block that cannot turn into a list or heading."""
    stripped = text.strip()
    escaped = md_inline(stripped)

    def _block(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return f"{match.group(1)}\\{match.group(2)}{match.group(3)}"
        return "\\" + match.group(4)

    return _BLOCK_START.sub(_block, escaped, count=1)


def md_paragraphs(text: str) -> str:
    """Multi-line text (one paragraph per line) as Markdown paragraphs; blank lines dropped."""
    lines = [md_line(line) for line in text.split("\n") if line.strip()]
    return "\n\n".join(lines)


def md_cell(text: str) -> str:
    """Text for a Markdown table cell: one line, paragraphs joined with <br>."""
    parts = [md_inline(line.strip()) for line in text.split("\n") if line.strip()]
    return "<br>".join(parts)


def html_lines(text: str) -> str:
    """Multi-line text for an HTML cell: escaped, lines joined with <br>."""
    parts = [html_text(line.strip()) for line in text.split("\n") if line.strip()]
    return "<br>".join(parts)
