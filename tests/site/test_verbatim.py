"""Blocks marked verbatim: a speed-up only, every page reads the same without it."""

from __future__ import annotations

import re

import markdown
import pytest

from builder.engines.mkdocs_config import VERBATIM
from builder.publish.build import Built
from builder.render.html.verbatim import CLOSE, OPEN, verbatim
from tests.site.building import hostile_built_once

EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc"]
MARKER_LINE = re.compile(rf"^(?:{re.escape(OPEN)}|{re.escape(CLOSE)})\n?", re.MULTILINE)
BLANK_LINES = re.compile(r"\n\s*\n")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def convert(text: str, extensions: list[str]) -> str:
    configs = {"tables": {"use_align_attribute": True}}  # as builder/engines/mkdocs_config.py
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(
        FRONT_MATTER.sub("", text)
    )


def pages(built: Built) -> dict[str, str]:
    return {
        name: (built.docs_dir / name).read_text(encoding="utf-8")
        for name in built.files
        if name.endswith(".md")
    }


def assert_same_without_extension(built: Built) -> int:
    marked = 0
    for name, text in pages(built).items():
        fast = convert(text, [*EXTENSIONS, VERBATIM])
        plain = MARKER_LINE.sub("", convert(text, EXTENSIONS)).rstrip()
        # Blank lines between elements are not content: a marked block inside a Markdown
        # <div> (a unit page's sub-goal) ends with one more than Python-Markdown writes.
        assert BLANK_LINES.sub("\n", fast) == BLANK_LINES.sub("\n", plain), name
        assert OPEN not in fast and CLOSE not in fast, name
        marked += text.count(f"\n{OPEN}\n")
    return marked


def test_every_page_reads_the_same_without_the_extension(built: Built) -> None:
    assert assert_same_without_extension(built) > 200


def test_the_hostile_report_reads_the_same_without_the_extension() -> None:
    assert assert_same_without_extension(hostile_built_once()) > 20


def test_a_marked_block_holds_no_blank_line_so_commonmark_reads_one_block(built: Built) -> None:
    blocks = [
        block
        for text in pages(built).values()
        for block in re.findall(rf"{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}", text, re.DOTALL)
    ]
    assert len(blocks) > 200
    assert not [b for b in blocks if re.search(r"\n\s*\n", b)]
    assert verbatim("<p>a</p>\n\n  \n<p>b</p>") == f"{OPEN}\n<p>a</p>\n<p>b</p>\n{CLOSE}"


@pytest.mark.parametrize(
    "text",
    [
        f"{OPEN}\n<p>*never closed*</p>",  # no closing line: ordinary Markdown
        f"text {OPEN}\n<p>x</p>\n{CLOSE}",  # the marker is not a line of its own
    ],
)
def test_an_incomplete_marker_is_left_to_markdown(text: str) -> None:
    assert convert(text, [*EXTENSIONS, VERBATIM]) == convert(text, EXTENSIONS)


def test_a_marked_block_is_not_parsed() -> None:
    text = f"# T\n\n{verbatim('<p>*a* [b](c.md) &amp;</p>')}\n\n*d*\n"
    assert convert(text, [*EXTENSIONS, VERBATIM]) == (
        '<h1 id="t">T</h1>\n<p>*a* [b](c.md) &amp;</p>\n\n<p><em>d</em></p>'
    )
