"""The page /problems/: files held back from the site and warnings, with file:line."""

from __future__ import annotations

from collections.abc import Sequence

from builder.contract.places import line_or_place
from builder.contract.problems import ERROR, Problem, failed_sources
from builder.render.html.blocks import front_matter
from builder.render.html.escape import html_lines, html_text, md_inline
from builder.render.html.markup import RIGHT, table
from builder.render.html.verbatim import verbatim

STEM = "problems"
PAGE = f"{STEM}/index.md"
TITLE = "未发布的文件和警告"


def _table(problems: Sequence[Problem]) -> str:
    rows = [
        (html_lines(p.source), html_text(line_or_place(p.line, p.place)), html_lines(p.message))
        for p in problems
    ]
    return verbatim(table(("文件", "位置", "说明"), rows, ("", RIGHT, "")))


def render_problems(problems: Sequence[Problem]) -> str:
    """Markdown of the problems page: failed files first, then warnings on published ones."""
    failed = sorted(failed_sources(problems))
    errors = [p for p in problems if p.level == ERROR]
    warnings = [p for p in problems if p.level != ERROR]
    parts = [front_matter(TITLE), f"# {TITLE}"]
    if failed:
        parts += [
            "## 未能发布的文件",
            f"以下 **{len(failed)}** 个文件有错误，没有发布到本站；其余文件已照常发布。",
            "\n".join(f"- {md_inline(source)}" for source in failed),
            "### 错误",
            _table(errors),
        ]
    if warnings:
        parts += [
            "## 警告",
            "以下文件已发布，但有内容需要核对。",
            _table(warnings),
        ]
    return "\n\n".join(parts) + "\n"
