"""The Column and Table types of the /data/ downloads, and the context columns of every row.

One column definition drives CSV, XLSX and datapackage: builder.downloads.tables defines the
tables with these types. Every row starts with the same context columns (project code and
name, year, region, unit), so a row read on its own, or filtered in a spreadsheet, still
says where it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

from builder.contract.model import Document
from builder.render import catalog

Cell = str | int | float | Decimal | None
"""A cell as the model holds it: text, year, percent, exact amount or nothing."""

FieldType = Literal["string", "integer", "number"]
"""Table Schema field types (frictionless)."""

Item = TypeVar("Item")


@dataclass(frozen=True)
class Column(Generic[Item]):
    """One column: its header, type, Chinese explanation and where its value comes from."""

    name: str  # the header: Chinese, as Excel users read it
    type: FieldType
    description: str  # Chinese, shown on the downloads page and in datapackage.json
    source: str  # the JSON path of the value in all.json, e.g. projects[].budget_yuan
    get: Callable[[Item], Cell]
    money: bool = False  # an amount in yuan (CNY): exact decimal, annotated as a fiscal measure
    required: bool = False


@dataclass(frozen=True)
class Table(Generic[Item]):
    """One table: its file name, title, explanation, key and columns."""

    name: str  # resource name and file stem: projects → projects.csv
    title: str  # sheet name in the workbook
    description: str
    items: Callable[[catalog.Entry], Sequence[Item]]
    columns: tuple[Column[Item], ...]
    key: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def headers(self) -> list[str]:
        return [c.name for c in self.column_list()]

    def rows(self, docs: Sequence[Document]) -> list[list[Cell]]:
        """Every row of the table, by project code, then in the order the report prints."""
        return [row for entry in catalog.entries(docs) for row in self.of(entry)]

    def of(self, entry: catalog.Entry) -> list[list[Cell]]:
        """The rows of one project, in the order the report prints."""
        context = [c.get(entry) for c in CONTEXT]
        return [context + [c.get(item) for c in self.columns] for item in self.items(entry)]

    def column_list(self) -> list[Column[Any]]:
        """The context columns followed by the table's own."""
        return [*CONTEXT, *self.columns]


CONTEXT: tuple[Column[catalog.Entry], ...] = (
    Column(
        "项目编码",
        "string",
        "项目编码，21 位，以地区代码和年度开头",
        "projects[].code",
        lambda e: e.project.code,
        required=True,
    ),
    Column("项目名称", "string", "项目名称", "projects[].name", lambda e: e.project.name),
    Column("年度", "integer", "预算年度", "year", lambda e: e.doc.year, required=True),
    Column(
        "地区代码", "string", "行政区划代码（6 位）", "region.code", lambda e: e.doc.region.code
    ),
    Column("地区", "string", "地区名称", "region.name", lambda e: e.doc.region.name),
    Column("单位编码", "string", "预算单位编码", "unit.code", lambda e: e.doc.unit.code),
    Column("单位", "string", "预算单位名称", "unit.name", lambda e: e.doc.unit.name),
)
