"""The downloads page /data/: every file, every column and every JSON field, in Chinese.

The column and field tables are generated from the same definitions the writers use
(builder/downloads/tables.py, the JSON Schemas), so the page describes exactly what is published.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from builder.contract import paths
from builder.contract.model import Document
from builder.downloads.columns import Column, Table
from builder.downloads.database import SAMPLE_QUERY
from builder.downloads.schemas import TYPE_NAMES, all_schema, field_docs
from builder.downloads.sheets.workbook import EXACT_DIGITS, MONEY_FORMAT
from builder.downloads.tables import TABLES
from builder.render import catalog
from builder.render.html.blocks import front_matter
from builder.render.html.escape import html_text, md_inline
from builder.render.html.markup import link, paragraph
from builder.render.html.verbatim import verbatim

DATA_LINK_TEXT = "数据下载：JSON、CSV、Excel、SQLite"


def data_link(page: str) -> str:
    """The line that points a page to the downloads page."""
    return f"[{DATA_LINK_TEXT}]({paths.md_link(page, paths.DATA)})"


def data_section(page: str, own_json: str, label: str, doc: Document) -> str:
    """The 数据 line of a unit or project page: its own JSON, the downloads, and the report
    file as received, offered for saving under the name it came with."""
    received = posixpath.basename(doc.source)
    original = (
        f'<a href="{html_text(paths.href(page, paths.unit_source(doc)))}" '
        f'download="{html_text(received)}">{html_text(received)}</a>'
    )
    return verbatim(
        paragraph(
            f"{link(paths.href(page, own_json), label)}"
            f" · {link(paths.href(page, paths.DATA), DATA_LINK_TEXT)}"
            f" · 原始报告文件：{original}"
        )
    )


def _link(name: str, target: str) -> str:
    # HTML, not a Markdown link, which MkDocs would check against the docs folder: the shared
    # downloads are written into the site after MkDocs has run (builder/publish/build.py).
    return link(paths.href(paths.DATA, target), name)


def _files(docs: Sequence[Document]) -> str:
    rows = [
        "| 文件 | 格式 | 内容 |",
        "| --- | --- | --- |",
        f"| {_link('all.json', paths.ALL_DATA_JSON)} | JSON | 全部报告：单位、总体目标、分项目标、"
        f"保障措施和全部项目，字段见下文“JSON 字段” |",
        f"| {_link('schema.json', paths.ALL_SCHEMA)} | JSON Schema "
        "| all.json 的结构，由数据模型生成，可用任何 JSON Schema 工具校验 |",
        f"| {_link('unit.schema.json', paths.UNIT_SCHEMA)} | JSON Schema | 单个单位 JSON 的结构 |",
        f"| {_link('project.schema.json', paths.PROJECT_SCHEMA)} | JSON Schema "
        "| 单个项目 JSON 的结构 |",
    ]
    for table in TABLES:
        target = paths.data_file(table.file)
        rows.append(f"| {_link(table.file, target)} | CSV | {table.title}表：{table.description} |")
    names = "、".join(t.title for t in TABLES)
    rows += [
        f"| {_link('budget-goals.xlsx', paths.WORKBOOK)} | Excel | 同上 {len(TABLES)} 张表"
        f"（{names}），每张一个工作表 |",
        f"| {_link('budget-goals.sqlite', paths.DATABASE)} | SQLite | 同上 {len(TABLES)} 张表，"
        "含主键和外键，可用 Datasette、DB Browser for SQLite 或任何 SQL 工具直接打开 |",
        f"| {_link('datapackage.json', paths.DATAPACKAGE)} | Data Package | 上述 CSV 的描述："
        "字段、类型、主键和外键；金额列标注为人民币（CNY）、支出、批准的预算数 |",
    ]
    project = unit = ""
    for entry in catalog.entries(docs)[:1]:
        code = entry.project.code
        project = f"（例：{_link(code + '.json', paths.project_data(code))}）"
    for doc in catalog.sorted_docs(docs)[:1]:
        unit = f"（例：{_link(doc.unit.code + '.json', paths.unit_data(doc))}）"
    rows += [
        f"| `/projects/项目编码.json` | JSON | 单个项目{project}，每个项目页的“数据”一节有链接 |",
        f"| `/年度/地区代码/单位编码.json` | JSON | 单个单位的报告{unit}，"
        "每个单位页的“数据”一节有链接 |",
    ]
    return "\n".join(rows)


def _column_type(column: Column[Any]) -> str:
    return "金额（元）" if column.money else TYPE_NAMES[column.type]


def _table(table: Table[Any]) -> str:
    key = "、".join(table.key)
    rows = [
        f"### {table.file}（{table.title}）",
        f"{table.description}每行由“{key}”唯一确定。",
        "| 列名 | 类型 | 说明 | 对应 JSON 字段 |\n| --- | --- | --- | --- |\n"
        + "\n".join(
            f"| {md_inline(c.name)} | {_column_type(c)} | {md_inline(c.description)} "
            f"| {f'`{c.source}`' if c.source else '（在列表中的位置）'} |"
            for c in table.column_list()
        ),
    ]
    return "\n\n".join(rows)


def _json_fields() -> str:
    rows = ["| 字段 | 类型 | 说明 | 模型说明（英文） |", "| --- | --- | --- | --- |"]
    for field in field_docs(all_schema(), "Document"):
        rows.append(
            f"| `{field.path}` | {field.type} | {md_inline(field.note)} "
            f"| {md_inline(field.description)} |"
        )
    return "\n".join(rows)


def render_data(docs: Sequence[Document]) -> str:
    """Markdown of the downloads page (pure: no disk)."""
    found = catalog.entries(docs)
    indicators = sum(len(e.project.indicators) for e in found)
    parts = [
        # Out of the search index: its column tables would match every query for a field
        # name (项目名称, 预算数 …) and push the projects themselves down the results.
        front_matter(
            "数据下载",
            exclude_from_search=True,
            crumbs=[("首页", paths.href(paths.DATA, paths.HOME))],
        ),
        "# 数据下载",
        "本站的全部数据都可以下载，供核对、研究和再利用。数据由原始报告逐行解析而来；"
        "字段名称是公开的约定，不会随意更改。",
        f"目前包括 **{len(docs)}** 份单位报告、**{len(found)}** 个项目、"
        f"**{indicators}** 个绩效指标。",
        "## 文件",
        _files(docs),
        "## 金额",
        "金额一律以元为单位，按原表精确换算（0.80 万元记为 8000 元），从不经过浮点数。"
        'JSON 中金额是字符串（如 `"8000"`）；CSV 中是不带千分位的数字（如 `8000`、`1234.5`）；'
        f"Excel 中是数值单元格（显示格式 `{MONEY_FORMAT}`），文件保存原数字，"
        f"{EXACT_DIGITS} 位有效数字以内的金额在 Excel 中计算也精确，"
        "更长的金额以文本保存以免失真。原表金额单位见“原表金额单位”列。",
        "## 表格（CSV 和 Excel）",
        "CSV 文件为 UTF-8 编码并带 BOM，Excel 可直接打开并正确显示中文；行尾为 CRLF，"
        "含逗号或换行的单元格按 CSV 规则加引号。"
        "以 `=`、`+`、`-`、`@`、制表符或回车开头的文字单元格前加一个英文单引号 `'`，"
        "以免电子表格把它当作公式执行（数字从不改动；JSON 保存原文）。"
        "每一行都以项目编码、项目名称、年度、地区和单位开头，单独取出一行也知道它属于哪个项目。空单元格表示原表未填或没有该值。",
        *(_table(t) for t in TABLES),
        "## SQLite 数据库",
        f"budget-goals.sqlite 含上述 {len(TABLES)} 张表，表名即 CSV 文件名（"
        + "、".join(f"`{t.name}`" for t in TABLES)
        + "），列与 CSV 相同。每张表以上文“唯一确定”一行的列为主键（PRIMARY KEY）；"
        "指标、资金支出计划和绩效目标表的“项目编码”是指向 `projects` 的外键。"
        f"金额列保存数值，{EXACT_DIGITS} 位有效数字以内精确，更长的金额以文本保存以免失真。"
        "例如，各单位各年度的项目数和预算合计：",
        verbatim(f'<pre><code class="language-sql">{html_text(SAMPLE_QUERY)}</code></pre>'),
        "## JSON 字段",
        "all.json 是全部报告的列表，每份报告的字段如下；单个单位的 JSON 就是其中一份报告。"
        "单个项目的 JSON 是 `projects[]` 中的一项，另加 `source`、`year`、`region`、`unit`"
        "（含义同下）。",
        _json_fields(),
        "## 校验",
        "datapackage.json 符合 Frictionless Tabular Data Package 规范，可用 "
        "`frictionless validate datapackage.json` 校验全部 CSV；JSON 文件可用对应的 "
        "JSON Schema（2020-12 版）校验。",
    ]
    return "\n\n".join(parts) + "\n"
