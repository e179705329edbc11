"""content/pages/: the hand-written Markdown pages, and the titles the navigation shows."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from builder.contract.paths import HOME_PAGE

PAGES = "pages"
"""The folder of content/ that holds the hand-written pages."""


def load_hand_pages(content: Path) -> dict[str, str]:
    """content/pages/<stem>.md → text, by stem."""
    folder = content / PAGES
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def listed_pages(hand_pages: Mapping[str, str]) -> list[tuple[str, str]]:
    """(stem, title) of the hand-written pages listed under 说明 (not the home page's intro)."""
    return [
        (stem, page_title(text, stem)) for stem, text in hand_pages.items() if stem != HOME_PAGE
    ]


def page_title(text: str, fallback: str) -> str:
    """A Markdown page's title as MkDocs finds it: front matter ``title``, else the first ``# ``."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("'\"") or fallback
    heading = next((line for line in lines if line.startswith("# ")), "")
    return heading.removeprefix("# ").strip() or fallback
