"""The /data/ downloads: JSON per project and per unit, everything as JSON, a CSV for Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import pydantic_core

from builder.model import Document, Project
from builder.site import catalog, paths

CSV_COLUMNS = (
    "项目编码",
    "项目名称",
    "年度",
    "地区代码",
    "地区",
    "单位编码",
    "单位",
    "预算数（元）",
    "财政资金（元）",
    "其他资金（元）",
    "资金用途",
)


def _json(value: Any) -> str:
    # pydantic-core writes the same bytes as json.dumps(ensure_ascii=False, indent=2), about
    # five times faster: with an indent, json.dumps falls back to its pure-Python encoder.
    return pydantic_core.to_json(value, indent=2).decode("utf-8") + "\n"


def project_json(project: Project, doc: Document) -> str:
    """The project's fields (DESIGN.md §3) plus the year, region and unit it belongs to."""
    context = doc.model_dump(mode="json", include={"source", "year", "region", "unit"})
    return _json({**context, **project.model_dump(mode="json")})


def unit_json(doc: Document) -> str:
    return _json(doc.model_dump(mode="json"))


def all_json(docs: Sequence[Document]) -> str:
    return _json([doc.model_dump(mode="json") for doc in catalog.sorted_docs(docs)])


def projects_csv(docs: Sequence[Document]) -> str:
    """One row per project; starts with a BOM so that Excel reads the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in catalog.entries(docs):
        p, d = entry.project, entry.doc
        writer.writerow(
            [
                p.code,
                p.name,
                d.year,
                d.region.code,
                d.region.name,
                d.unit.code,
                d.unit.name,
                format(p.budget_yuan, "f"),
                format(p.fiscal_yuan, "f"),
                format(p.other_yuan, "f"),
                p.purpose,
            ]
        )
    return "\ufeff" + out.getvalue()


def data_files(docs: Sequence[Document]) -> dict[str, str]:
    """Path under docs/ → text of every download."""
    files = {paths.ALL_DATA_JSON: all_json(docs), paths.PROJECTS_CSV: projects_csv(docs)}
    for doc in docs:
        files[paths.unit_data(doc)] = unit_json(doc)
        for project in doc.projects:
            files[paths.project_data(project.code)] = project_json(project, doc)
    return files
