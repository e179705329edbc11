"""datapackage.json: a Tabular Data Package describing the CSV tables, with fiscal annotations.

Amount columns are ``number`` fields in yuan and are annotated the way the Fiscal Data Package
describes measures: currency CNY, direction expenditure, phase approved (these are approved
budgets). The package keeps the ``tabular-data-package`` profile: the fiscal profile is only
published online, and the descriptor must validate on a machine with no internet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from builder.contract.settings import Settings
from builder.downloads.columns import Column, Table
from builder.downloads.tables import PROJECTS

CURRENCY = "CNY"
PHASE = "approved"
DIRECTION = "expenditure"

# Measure name (Fiscal Data Package model) → column of the projects table.
MEASURES = {"budget": "预算数（元）", "fiscal": "财政资金（元）", "other": "其他资金（元）"}

# Dimension → (type, {attribute: column}, primary key attribute); all in the projects table.
DIMENSIONS: dict[str, tuple[str, dict[str, str], str]] = {
    "project": ("activity", {"code": "项目编码", "name": "项目名称"}, "code"),
    "year": ("datetime", {"year": "年度"}, "year"),
    "region": ("location", {"code": "地区代码", "name": "地区"}, "code"),
    "unit": ("entity", {"code": "单位编码", "name": "单位"}, "code"),
}


def _field(column: Column[Any]) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.required:
        field["constraints"] = {"required": True}
    if column.money:
        # Fiscal Data Package measure properties, on the field itself for readers of one CSV.
        field.update(
            {"columnType": "value", "currency": CURRENCY, "direction": DIRECTION, "phase": PHASE}
        )
    return field


def _resource(table: Table[Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.column_list()],
        "primaryKey": list(table.key),
    }
    if table is not PROJECTS:
        schema["foreignKeys"] = [
            {
                "fields": ["项目编码"],
                "reference": {"resource": PROJECTS.name, "fields": ["项目编码"]},
            }
        ]
    return {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": table.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": schema,
    }


def _model() -> dict[str, Any]:
    measures = {
        name: {
            "source": column,
            "resource": PROJECTS.name,
            "currency": CURRENCY,
            "direction": DIRECTION,
            "phase": PHASE,
        }
        for name, column in MEASURES.items()
    }
    dimensions = {
        name: {
            "dimensionType": kind,
            "attributes": {
                attribute: {"source": column, "resource": PROJECTS.name}
                for attribute, column in attributes.items()
            },
            "primaryKey": key,
        }
        for name, (kind, attributes, key) in DIMENSIONS.items()
    }
    return {"measures": measures, "dimensions": dimensions}


def descriptor(
    tables: Sequence[Table[Any]], title: str, settings: Settings | None = None
) -> dict[str, Any]:
    """The datapackage.json descriptor of the given tables (their CSVs lie beside it).

    With ``settings``, the licence and the date of the data from site.toml: ``created``
    is that date at midnight China time, as the spec wants a datetime.
    """
    found: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "budget-performance-goals",
        "title": title,
        "description": "预算单位公开的部门整体绩效目标和项目支出绩效目标表，解析为表格。"
        "金额单位为元（人民币），为批准的预算数。",
        "countryCode": "CN",
        "granularity": "aggregated",
        "resources": [_resource(t) for t in tables],
        "model": _model(),
    }
    if settings is not None and settings.license:
        licence = {"name": settings.license}
        licence |= {"title": settings.license_title} if settings.license_title else {}
        licence |= {"path": settings.license_url} if settings.license_url else {}
        found["licenses"] = [licence]
    if settings is not None and settings.data_date:
        found["created"] = f"{settings.data_date.isoformat()}T00:00:00+08:00"
    return found
