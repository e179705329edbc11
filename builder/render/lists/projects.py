"""/projects/ as a data browser: its first page as HTML, every project as JSON chunks.

The page holds the largest projects as a plain table, so it reads without a script, and
stays small at any scale; projects.js loads the chunks when a reader filters, sorts or
pages, and keeps the state in the address, so that a view can be shared.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.render import catalog
from builder.render.data_page import data_link
from builder.render.html.blocks import front_matter
from builder.render.html.escape import html_text
from builder.render.html.money import wan, yuan
from builder.render.html.verbatim import verbatim

FIRST_PAGE = 50
"""Rows on the page as built (largest first), and on each page the script shows."""
CHUNK = 2000
"""Projects in one data file: about 250 KB, loaded all at once on the first filter."""
LIST_INDEX = "projects/list/index.json"
COLUMNS = ("code", "name", "unit", "unit_code", "region", "year", "budget")
"""The fields of a row in a chunk, in order (amounts as exact decimal strings)."""


def chunk_file(number: int) -> str:
    return f"projects/list/{number}.json"


def project_list_files(docs: Sequence[Document]) -> dict[str, str]:
    """The /projects/ page and its data: an index of the chunks, and the chunks."""
    found = catalog.by_amount(catalog.entries(docs))
    rows = [
        [
            e.project.code,
            e.project.name,
            e.doc.unit.name,
            e.doc.unit.code,
            e.doc.region.code,
            e.doc.year,
            str(e.project.budget_yuan),
        ]
        for e in found
    ]
    chunks = [rows[start : start + CHUNK] for start in range(0, len(rows), CHUNK)]
    index = {
        "count": len(rows),
        "columns": list(COLUMNS),
        # Relative to the index file itself.
        "chunks": [posixpath.basename(chunk_file(n)) for n in range(len(chunks))],
        "years": catalog.years(docs),
        "regions": dict(catalog.regions(docs)),
        "page": FIRST_PAGE,
    }
    files = {paths.PROJECTS: render_projects(docs), LIST_INDEX: _json(index)}
    files.update({chunk_file(n): _json(chunk) for n, chunk in enumerate(chunks)})
    return files


def posix_name(name: str) -> str:
    """A data file's name relative to /projects/, where the page loads it from."""
    return name.removeprefix("projects/")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _options(pairs: Sequence[tuple[str, str]]) -> str:
    return "".join(f'<option value="{html_text(v)}">{html_text(t)}</option>' for v, t in pairs)


HEADS = (
    ("name", "项目名称", ""),
    ("code", "项目编码", "bs-minor"),
    ("unit", "单位", ""),
    ("year", "年度", "bs-minor"),
    ("region", "地区", "bs-minor"),
    ("budget", "预算数（元）", "bs-num"),
)


def render_projects(docs: Sequence[Document]) -> str:
    """The page: filters (shown by the script), the count, the first page of rows."""
    page = paths.PROJECTS
    found = catalog.by_amount(catalog.entries(docs))
    total = catalog.total(found)
    years = [(str(y), f"{y}年") for y in catalog.years(docs)]
    controls = (
        '<form class="bs-filters" data-bs-filter="projects" role="search" hidden>'
        '<label>关键词 <input type="search" name="q" placeholder="项目名称、单位或编码"></label> '
        f'<label>年度 <select name="year"><option value="">全部</option>{_options(years)}'
        "</select></label> "
        f'<label>地区 <select name="region"><option value="">全部</option>'
        f"{_options(catalog.regions(docs))}</select></label> "
        '<label>单位 <input type="search" name="unit" placeholder="单位名称或编码"></label> '
        '<label>预算（元）<input type="number" name="min" min="0" placeholder="最少" '
        'inputmode="numeric"> – <input type="number" name="max" min="0" placeholder="最多" '
        'inputmode="numeric"></label>'
        "</form>\n"
        '<p class="bs-count" aria-live="polite" data-bs-count></p>'
    )
    head = "".join(
        f'<th scope="col" data-bs-sort="{key}"'
        + (f' class="{css}"' if css else "")
        + (' aria-sort="descending"' if key == "budget" else "")
        + f">{name}</th>"
        for key, name, css in HEADS
    )
    rows = []
    for entry in found[:FIRST_PAGE]:
        project, doc = entry.project, entry.doc
        rows.append(
            "<tr>"
            f'<td><a href="{html_text(paths.href(page, paths.project(project.code)))}">'
            f"{html_text(project.name)}</a></td>"
            f'<td class="bs-minor"><code>{html_text(project.code)}</code></td>'
            f'<td><a href="{html_text(paths.href(page, paths.unit(doc)))}">'
            f"{html_text(doc.unit.name)}</a></td>"
            f'<td class="bs-minor">{doc.year}</td>'
            f'<td class="bs-minor">{html_text(doc.region.name or doc.region.code)}</td>'
            f'<td class="bs-num">{yuan(project.budget_yuan)}</td>'
            "</tr>"
        )
    table = (
        '<div class="bs-projects" role="region" aria-label="全部项目表" tabindex="0">\n'
        f'<table class="bs-table" id="bs-projects-table" data-bs-list="{posix_name(LIST_INDEX)}" '
        f'data-bs-total="{len(found)}" data-bs-page="{FIRST_PAGE}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        '<nav class="bs-pager" aria-label="分页" hidden></nav>\n</div>'
    )
    shown = min(FIRST_PAGE, len(found))
    parts = [
        front_matter("全部项目"),
        "# 全部项目",
        f"共 {len(found)} 个项目，预算合计 {yuan(total)} 元（{wan(total)} 万元）。"
        f"下表先列出预算最多的 {shown} 个；可按关键词、年度、地区、单位和预算筛选，"
        "点击表头排序，筛选和排序写在网址里，可以直接分享。"
        "全部项目也可从各单位页面和数据下载中查看。",
        verbatim(controls),
        verbatim(table),
        data_link(page),
    ]
    return "\n\n".join(parts) + "\n"
