"""Blocks of HTML that Python-Markdown passes through without parsing them.

MkDocs spends most of a page's time in Python-Markdown, and most of that on the page's
tables: every cell is scanned for inline syntax, and raw HTML is read twice by Python's
HTMLParser (once by Python-Markdown to find where the block ends, once by MkDocs to collect
ids). The renderers therefore write their large blocks as finished HTML between two comment
lines. This extension (``markdown_extensions`` in the mkdocs.yml the build writes) stores
each marked block as it is, so nothing scans it.

The Markdown stays plain Markdown for any engine (docs/DESIGN.md §7): without the extension a
marked block is an ordinary raw HTML block between two HTML comments, and the page shows the
same (tests/site/test_verbatim.py converts every page both ways). So that CommonMark engines
read it as one block too, a marked block holds no blank line.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPEN = "<!-- verbatim -->"
CLOSE = "<!-- /verbatim -->"
_BLANK_LINES = re.compile(r"\n\s*\n")


def verbatim(block: str) -> str:
    """A block of HTML marked to pass through untouched; blank lines inside are dropped."""
    return f"{OPEN}\n{_BLANK_LINES.sub(chr(10), block.strip())}\n{CLOSE}"


class VerbatimPreprocessor(Preprocessor):
    """Replaces each marked block by a placeholder for the HTML it holds."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            end = _close_after(lines, index) if line == OPEN else -1
            if end < 0:
                out.append(line)
                index += 1
                continue
            # The newline: Python-Markdown ends a raw HTML block it finds itself with one.
            block = "\n".join(lines[index + 1 : end]) + "\n"
            out += ["", self.md.htmlStash.store(block), ""]
            index = end + 1
        return out


def _close_after(lines: list[str], start: int) -> int:
    try:
        return lines.index(CLOSE, start + 1)
    except ValueError:
        return -1  # not closed: left to Python-Markdown as ordinary text


class VerbatimExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace is normalised (30), before MkDocs reads raw HTML for ids (21)
        # and Python-Markdown looks for raw HTML blocks (20).
        md.preprocessors.register(VerbatimPreprocessor(md), "verbatim", 25)


def makeExtension(**kwargs: Any) -> VerbatimExtension:
    return VerbatimExtension(**kwargs)
