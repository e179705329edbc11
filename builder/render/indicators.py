"""The indicator catalogue /indicators/: every 二级指标 with its 三级指标 across all units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.render import catalog
from builder.render.data_page import data_link
from builder.render.html.blocks import front_matter
from builder.render.html.escape import html_text, md_inline
from builder.render.html.markup import RIGHT, link, table
from builder.render.html.verbatim import verbatim

PROJECTS_LISTED = 12
"""Projects linked per 三级指标: the catalogue grows with the indicators, not the projects."""
HEAD = ("三级指标", "次数", "使用的项目")

# The framework order of the Ministry of Finance (docs/DESIGN.md §6); other names sort after.
LEVEL_ORDER = (
    "产出",
    "效益",
    "满意度",
    "成本",
    "数量",
    "质量",
    "时效",
    "经济",
    "社会",
    "生态",
    "可持续",
    "服务对象",
)


def level_key(name: str) -> tuple[int, str]:
    for rank, prefix in enumerate(LEVEL_ORDER):
        if name.startswith(prefix):
            return rank, name
    return len(LEVEL_ORDER), name


def render_indicators(docs: Sequence[Document]) -> str:
    """Markdown of the catalogue: 一级 → 二级 → table of 三级 with counts and projects."""
    page = paths.INDICATORS
    uses: dict[tuple[str, str], dict[str, list[catalog.Entry]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = 0
    for entry in catalog.entries(docs):
        for row in entry.project.indicators:
            uses[(row.level1, row.level2)][row.level3].append(entry)
            rows += 1
    parts = [
        front_matter("指标目录"),
        "# 指标目录",
        f"全部项目的 {rows} 行绩效指标，按一级指标、二级指标归类；"
        "每个三级指标列出使用次数和使用它的项目"
        f"（多于 {PROJECTS_LISTED} 个时列出前 {PROJECTS_LISTED} 个）。",
    ]
    current_level1 = None
    for level1, level2 in sorted(uses, key=lambda k: (level_key(k[0]), level_key(k[1]))):
        if level1 != current_level1:
            parts.append(f"## {md_inline(level1) or '（未填写一级指标）'}")
            current_level1 = level1
        names = uses[(level1, level2)]
        count = sum(len(found) for found in names.values())
        parts.append(f"### {md_inline(level2) or '（未填写二级指标）'}（{count} 次）")
        cells = []
        for name in sorted(names, key=lambda n: (-len(names[n]), n)):
            using = {e.project.code: e for e in names[name]}
            projects = "、".join(
                f"{link(paths.href(page, paths.project(code)), html_text(e.project.name))}"
                f"（{e.doc.year}）"
                for code, e in list(using.items())[:PROJECTS_LISTED]
            )
            if len(using) > PROJECTS_LISTED:
                projects += f" 等 {len(using)} 个项目"
            cells.append((html_text(name) or "（空）", str(len(names[name])), projects))
        parts.append(verbatim(table(HEAD, cells, ("", RIGHT, ""))))
    parts.append(data_link(page))
    return "\n\n".join(parts) + "\n"
