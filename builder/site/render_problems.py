"""The page /problems/: files held back from the site and warnings, with file:line."""

from __future__ import annotations

from collections.abc import Sequence

from builder.problems import ERROR, Problem, failed_sources
from builder.site.blocks import front_matter
from builder.site.escape import md_cell, md_inline

STEM = "problems"
PAGE = f"{STEM}/index.md"
TITLE = "未发布的文件和警告"


def _table(problems: Sequence[Problem]) -> str:
    rows = ["| 文件 | 行 | 说明 |", "| --- | ---: | --- |"]
    rows += [f"| {md_cell(p.source)} | {p.line} | {md_cell(p.message)} |" for p in problems]
    return "\n".join(rows)


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
