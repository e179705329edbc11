"""The /data/ downloads of the built site read back equal to the parsed reports.

Every expectation here is written from the model's own fields, not from the column
definitions the writers use, so a writer that drops, reorders or rounds a value fails.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from frictionless import validate

from builder.contract.model import Document, Indicator, Project
from builder.contract.paths import WORKBOOK
from builder.downloads import files, shares, tabular
from builder.downloads.datapackage import CURRENCY
from builder.downloads.files import data_files, one_download
from builder.downloads.schemas import FIELD_NOTES, all_schema, field_docs
from builder.downloads.sheets import xlsx
from builder.downloads.sheets.workbook import stamp_from_env
from builder.downloads.tables import TABLES
from builder.parse import parse_document
from builder.publish.build import Built
from tests.conftest import CONTENT
from tests.site.html_tree import Node, load
from tests.support import synth

CONTEXT = ["项目编码", "项目名称", "年度", "地区代码", "地区", "单位编码", "单位"]
SHEETS = ["项目", "绩效指标", "资金支出计划", "绩效目标"]


def data(built: Built) -> Path:
    return built.site_dir / "data"


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} must start with a UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def projects(docs: Sequence[Document]) -> Iterator[tuple[Document, Project]]:
    """Every (report, project), by project code: the order of every table."""
    pairs = [(d, p) for d in docs for p in d.projects]
    yield from sorted(pairs, key=lambda pair: pair[1].code)


def context(doc: Document, project: Project) -> dict[str, str]:
    return {
        "项目编码": project.code,
        "项目名称": project.name,
        "年度": str(doc.year),
        "地区代码": doc.region.code,
        "地区": doc.region.name,
        "单位编码": doc.unit.code,
        "单位": doc.unit.name,
    }


def expected_projects(docs: Sequence[Document]) -> list[dict[str, str]]:
    return [
        {
            **context(doc, p),
            "预算数（元）": str(p.budget_yuan),
            "财政资金（元）": str(p.fiscal_yuan),
            "其他资金（元）": str(p.other_yuan),
            "原表金额单位": p.money_unit,
            "资金用途": p.purpose,
            "支出计划填写方式": p.spending_plan_basis,
            "表格标题": p.title,
            "来源文件": doc.source,
            "原文行号": str(p.line),
        }
        for doc, p in projects(docs)
    ]


def _target(row: Indicator) -> dict[str, str]:
    if row.target is None:
        return {"目标比较符": "", "目标数值": "", "目标单位": ""}
    return {
        "目标比较符": row.target.operator or "",
        "目标数值": str(row.target.number),
        "目标单位": row.target.unit,
    }


def expected_indicators(docs: Sequence[Document]) -> list[dict[str, str]]:
    return [
        {
            **context(doc, p),
            "序号": str(number),
            "一级指标": row.level1,
            "二级指标": row.level2,
            "三级指标": row.level3,
            "绩效指标描述": row.description,
            "指标值": row.value,
            **_target(row),
            "指标值确定依据": row.basis,
            "原文行号": str(row.line),
        }
        for doc, p in projects(docs)
        for number, row in enumerate(p.indicators, start=1)
    ]


def expected_plans(docs: Sequence[Document]) -> list[dict[str, str]]:
    return [
        {
            **context(doc, p),
            "时间": entry.period,
            "原表填写": entry.raw,
            "累计百分比": "" if entry.percent is None else repr(entry.percent),
        }
        for doc, p in projects(docs)
        for entry in p.spending_plan
    ]


def expected_goals(docs: Sequence[Document]) -> list[dict[str, str]]:
    return [
        {**context(doc, p), "序号": str(number), "绩效目标": goal}
        for doc, p in projects(docs)
        for number, goal in enumerate(p.goals, start=1)
    ]


def expected_tables(docs: Sequence[Document]) -> dict[str, list[dict[str, str]]]:
    return {
        "projects.csv": expected_projects(docs),
        "indicators.csv": expected_indicators(docs),
        "spending_plan.csv": expected_plans(docs),
        "goals.csv": expected_goals(docs),
    }


def in_csv(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows as the CSV holds them: a text cell a spreadsheet would run as a formula
    starts with an apostrophe; numbers as they are."""
    return [
        {k: "'" + v if k not in NUMERIC and v and v[0] in "=+-@\t\r" else v for k, v in row.items()}
        for row in rows
    ]


def test_every_csv_reads_back_equal_to_the_model(built: Built) -> None:
    tables = expected_tables(built.documents)
    for name, expected in tables.items():
        rows = read_csv(data(built) / name)
        assert rows == in_csv(expected), name
        assert list(rows[0])[: len(CONTEXT)] == CONTEXT
    assert len(tables["projects.csv"]) == 24
    assert len(tables["indicators.csv"]) == sum(
        len(p.indicators) for _d, p in projects(built.documents)
    )


def test_money_in_the_csv_is_exact_and_adds_up(built: Built) -> None:
    rows = {r["项目编码"]: r for r in read_csv(data(built) / "projects.csv")}
    assert rows["13030322P00397010024Q"]["预算数（元）"] == "8000"  # printed as 0.80 万元
    assert sum(Decimal(r["预算数（元）"]) for r in rows.values()) == Decimal("4131000")
    for _doc, project in projects(built.documents):
        row = rows[project.code]
        assert Decimal(row["预算数（元）"]) == project.budget_yuan
        assert Decimal(row["财政资金（元）"]) == project.fiscal_yuan
        assert Decimal(row["其他资金（元）"]) == project.other_yuan


def _sheet_text(value: Any) -> str:
    """A workbook cell as the CSV writes it: numbers compared as exact decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


NUMERIC = ("预算数（元）", "财政资金（元）", "其他资金（元）", "目标数值", "累计百分比")


def assert_workbook_equal(book: Any, tables: dict[str, list[dict[str, str]]]) -> None:
    """Each sheet holds its table's rows; numbers come back as floats, compared as decimals."""
    assert book.sheetnames == SHEETS
    for sheet, (name, expected) in zip(book.worksheets, tables.items(), strict=True):
        values = list(sheet.iter_rows(values_only=True))
        header = [str(v) for v in values[0]]
        assert header == list(expected[0]), name
        rows = [dict(zip(header, map(_sheet_text, row), strict=True)) for row in values[1:]]
        assert len(rows) == len(expected), name
        for got, want in zip(rows, expected, strict=True):
            for column, text in want.items():
                cell = got[column]
                if column in NUMERIC:
                    assert (cell and Decimal(cell)) == (text and Decimal(text)), (name, column)
                else:
                    assert cell == text, (name, column)


def test_the_workbook_reads_back_equal_to_the_model(built: Built) -> None:
    book = openpyxl.load_workbook(data(built) / "budget-goals.xlsx")
    assert_workbook_equal(book, expected_tables(built.documents))


def test_money_cells_in_the_workbook_are_numbers_equal_to_the_model(built: Built) -> None:
    sheet = openpyxl.load_workbook(data(built) / "budget-goals.xlsx")["项目"]
    header = [c.value for c in sheet[1]]
    budget = header.index("预算数（元）")
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for _doc, project in projects(built.documents):
        cell = cells[project.code][budget]
        assert isinstance(cell.value, int | float)
        assert Decimal(str(cell.value)) == project.budget_yuan
        assert cell.number_format == "#,##0.00"
        assert cells[project.code][header.index("单位编码")].data_type == "s"  # keeps leading 0s


def test_all_json_and_every_page_json_validate_against_their_schema(built: Built) -> None:
    site = built.site_dir
    schemas = {
        name: json.loads((data(built) / name).read_text("utf-8"))
        for name in ("schema.json", "unit.schema.json", "project.schema.json")
    }
    everything = json.loads((data(built) / "all.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schemas["schema.json"]).validate(everything)
    assert [Document.model_validate(d) for d in everything] == sorted(
        built.documents, key=lambda d: (-d.year, d.region.code, d.unit.code)
    )
    unit_check = jsonschema.Draft202012Validator(schemas["unit.schema.json"])
    project_check = jsonschema.Draft202012Validator(schemas["project.schema.json"])
    for doc in built.documents:
        unit = json.loads(
            (site / str(doc.year) / doc.region.code / f"{doc.unit.code}.json").read_text("utf-8")
        )
        unit_check.validate(unit)
        assert Document.model_validate(unit) == doc
        for project in doc.projects:
            record = json.loads((site / "projects" / f"{project.code}.json").read_text("utf-8"))
            project_check.validate(record)
            assert (record["year"], record["region"]["code"], record["unit"]["code"]) == (
                doc.year,
                doc.region.code,
                doc.unit.code,
            )
            context = {"source", "year", "region", "unit"}
            own = {k: v for k, v in record.items() if k not in context}
            assert Project.model_validate(own) == project


def test_the_schema_rejects_a_float_amount_and_an_unknown_field(built: Built) -> None:
    schema = json.loads((data(built) / "project.schema.json").read_text("utf-8"))
    record = json.loads(
        (built.site_dir / "projects" / "13030322P00397010024Q.json").read_text("utf-8")
    )
    check = jsonschema.Draft202012Validator(schema)
    assert check.is_valid(record)
    assert not check.is_valid({**record, "budget_yuan": 8000.0})
    assert not check.is_valid({**record, "budget": "8000"})


def test_the_old_data_copies_are_gone(built: Built) -> None:
    assert not (data(built) / "projects").exists()
    assert not (data(built) / "units").exists()


def test_datapackage_validates_with_frictionless(built: Built) -> None:
    report = validate(str(data(built) / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {
        name.removesuffix(".csv"): len(v) for name, v in expected_tables(built.documents).items()
    }


def test_frictionless_finds_a_broken_amount_and_a_dangling_project_code(
    built: Built, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data(built), folder)
    projects_csv = folder / "projects.csv"
    projects_csv.write_bytes(projects_csv.read_bytes().replace(b",8000,", b",8000 yuan,", 1))
    goals_csv = folder / "goals.csv"
    goals_csv.write_bytes(goals_csv.read_bytes().replace(b"13030322P00397010024Q", b"X", 1))
    report = validate(str(folder / "datapackage.json"))
    kinds = {error[0] for error in report.flatten(["type"])}
    assert not report.valid
    assert {"type-error", "foreign-key"} <= kinds


def test_datapackage_annotates_every_amount_as_an_approved_cny_expenditure(built: Built) -> None:
    package = json.loads((data(built) / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert [r["path"] for r in package["resources"]] == [t.file for t in TABLES]
    fields = {f["name"]: f for f in resources["projects"]["schema"]["fields"]}
    money = {name for name, f in fields.items() if f.get("currency")}
    assert money == {"预算数（元）", "财政资金（元）", "其他资金（元）"}
    measures = package["model"]["measures"]
    assert {m["source"] for m in measures.values()} == money
    for measure in measures.values():
        assert (measure["currency"], measure["phase"], measure["direction"]) == (
            CURRENCY,
            "approved",
            "expenditure",
        )
        assert fields[measure["source"]]["type"] == "number"
    for dimension in package["model"]["dimensions"].values():
        assert dimension["primaryKey"] in dimension["attributes"]
        for attribute in dimension["attributes"].values():
            names = {f["name"] for f in resources[attribute["resource"]]["schema"]["fields"]}
            assert attribute["source"] in names


def links(root: Node) -> list[str]:
    return [a.attrs.get("href") or "" for a in root.find("article").find_all("a")]


def page(built: Built, address: str) -> Node:
    return load(built.site_dir / address / "index.html")


def test_every_page_type_links_to_its_downloads(built: Built) -> None:
    doc = next(d for d in built.documents if d.source == "2022/130303/131001.txt")
    project = page(built, "projects/13030322P00397010024Q")
    assert "../13030322P00397010024Q.json" in links(project)
    assert "../../data/" in links(project)
    unit = page(built, "2022/130303/131001")
    assert "../131001.json" in links(unit)
    assert "../../../data/" in links(unit)
    addresses = {
        "": "data/",
        "projects": "../data/",
        "units": "../data/",
        "indicators": "../data/",
        "2022": "../data/",
        f"2022/{doc.region.code}": "../../data/",
    }
    for address, target in addresses.items():
        assert target in links(page(built, address)), address
    nav = [a.text().strip() for a in page(built, "").find_all("a", class_="md-nav__link")]
    assert "数据下载" in nav


def test_the_downloads_page_links_every_file_and_explains_every_column_and_field(
    built: Built,
) -> None:
    root = page(built, "data")
    article = root.find("article")
    hrefs = set(links(root))
    for file in sorted(data(built).iterdir()):
        if file.name != "index.html":
            assert file.name in hrefs, file.name
    cells = {td.text().strip() for td in article.find_all("td")}
    for table in TABLES:
        for column in table.column_list():
            assert column.name in cells, (table.name, column.name)
    for field in field_docs(all_schema(), "Document"):
        assert field.path in cells, field.path
        assert field.note, f"no Chinese explanation for {field.path}"


def test_every_model_field_has_a_chinese_explanation() -> None:
    defs = all_schema()["$defs"]
    missing = [
        f"{model}.{name}"
        for model, body in defs.items()
        for name in body["properties"]
        if f"{model}.{name}" not in FIELD_NOTES
    ]
    assert missing == []


def test_the_workbook_is_byte_stable_and_dated_by_source_date_epoch(built: Built) -> None:
    docs = list(built.documents)
    assert one_download(WORKBOOK, docs, stamp_from_env({})) == one_download(
        WORKBOOK, list(reversed(docs)), stamp_from_env({})
    )
    assert (data(built) / "budget-goals.xlsx").read_bytes() == one_download(
        WORKBOOK, docs, stamp_from_env(os.environ)
    )
    dated = one_download(WORKBOOK, docs, stamp_from_env({"SOURCE_DATE_EPOCH": "1700000000"}))
    with zipfile.ZipFile(io.BytesIO(dated)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2023-11-14T22:13:20Z") == 2  # created and modified


def test_a_bad_source_date_epoch_is_a_clear_error() -> None:
    from builder.contract.errors import ReportError

    with pytest.raises(ReportError, match="SOURCE_DATE_EPOCH:1: expected whole seconds"):
        stamp_from_env({"SOURCE_DATE_EPOCH": "yesterday"})


def _with_first_project(doc: Document, **changes: Any) -> Document:
    first = doc.projects[0].model_copy(update=changes)
    return doc.model_copy(update={"projects": (first, *doc.projects[1:])})


def _only(built: Built) -> Document:
    return next(d for d in built.documents if d.source == "2022/130303/131001.txt")


def test_workbook_text_that_looks_like_a_formula_stays_text(built: Built) -> None:
    doc = _only(built)
    row = doc.projects[0].indicators[0].model_copy(update={"value": "=100%"})
    changed = _with_first_project(doc, indicators=(row, *doc.projects[0].indicators[1:]))
    book = openpyxl.load_workbook(io.BytesIO(one_download(WORKBOOK, [changed], stamp_from_env({}))))
    found = [c for row in book["绩效指标"].iter_rows() for c in row if c.value == "=100%"]
    assert [c.data_type for c in found] == ["s"]


def test_an_amount_too_long_for_a_spreadsheet_number_is_kept_exact_as_text(built: Built) -> None:
    amount = Decimal("12345678901234567.89")
    changed = _with_first_project(_only(built), budget_yuan=amount)
    book = openpyxl.load_workbook(io.BytesIO(one_download(WORKBOOK, [changed], stamp_from_env({}))))
    sheet = book["项目"]
    header = [c.value for c in sheet[1]]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    cell = cells[changed.projects[0].code][header.index("预算数（元）")]
    assert cell.value == "12345678901234567.89"
    assert Decimal(str(cells[changed.projects[1].code][header.index("预算数（元）")].value)) == (
        changed.projects[1].budget_yuan
    )


def test_text_longer_than_a_cell_stops_the_workbook_with_file_and_line(built: Built) -> None:
    from builder.contract.errors import ReportError

    doc = _only(built)
    changed = _with_first_project(doc, purpose="续保" * 16384)
    where = f"{doc.source}:{doc.projects[0].line}"
    expected = "expected at most 32767 characters in 资金用途"
    with pytest.raises(ReportError, match=f"^{where}: {expected}$"):
        one_download(WORKBOOK, [changed], stamp_from_env({}))
    # The longest text a cell holds is written whole.
    whole = _with_first_project(doc, purpose="续" * 32767)
    book = openpyxl.load_workbook(io.BytesIO(one_download(WORKBOOK, [whole], stamp_from_env({}))))
    assert "续" * 32767 in [c.value for row in book["项目"].iter_rows() for c in row]


def test_control_characters_appear_in_the_workbook_as_on_the_site(built: Built) -> None:
    # XML cannot hold them; the site shows [U+000B] and the intake warns about the line.
    changed = _with_first_project(_only(built), purpose="两辆公车\x0b续保")
    book = openpyxl.load_workbook(io.BytesIO(one_download(WORKBOOK, [changed], stamp_from_env({}))))
    values = [c.value for row in book["项目"].iter_rows() for c in row]
    assert "两辆公车[U+000B]续保" in values


def test_the_downloads_page_is_not_in_the_search_index(built: Built) -> None:
    # Search indexes only what is inside data-search-body (overrides/main.html).
    data_page = (built.site_dir / "data" / "index.html").read_text("utf-8")
    project_page = built.site_dir / "projects" / "13030322P00397010024Q" / "index.html"
    assert "data-search-body" in project_page.read_text("utf-8")
    assert "项目编码" in data_page and "data-search-body" not in data_page


def synthetic_corpus() -> list[Document]:
    """Synthetic reports, one project carrying text that CSV and spreadsheets treat specially."""
    rng = random.Random(11)
    docs: list[Document] = []
    seen: set[Any] = set()
    while len(docs) < 40:
        doc = synth.document(rng)
        unit = (doc.year, doc.region.code, doc.unit.code)
        codes = {p.code for p in doc.projects}
        if unit not in seen and not codes & seen:
            seen |= {unit, *codes}
            docs.append(doc)
    tricky = '购置"办公"设备，含,逗号\n第二段 =SUM(A1)'
    docs[0] = _with_first_project(docs[0], purpose=tricky, goals=("=100%", "  前后空格  "))
    return docs


def test_synthetic_reports_read_back_equal_from_csv_and_workbook(tmp_path: Path) -> None:
    docs = synthetic_corpus()
    expected = expected_tables(docs)
    files = data_files(docs)
    for name, rows in expected.items():
        path = tmp_path / name
        data = files[f"data/{name}"]
        assert isinstance(data, bytes)
        path.write_bytes(data)
        assert read_csv(path) == in_csv(rows), name
    workbook = files["data/budget-goals.xlsx"]
    assert isinstance(workbook, bytes)
    assert_workbook_equal(openpyxl.load_workbook(io.BytesIO(workbook)), expected)
    everything = json.loads(files["data/all.json"])
    jsonschema.Draft202012Validator(all_schema()).validate(everything)
    assert len(everything) == len(docs)


def test_formula_text_is_neutralised_in_the_csv_and_kept_in_the_json(
    regions: dict[str, str],
) -> None:
    source = "2022/130529/131001.txt"
    text = (CONTENT / source).read_text(encoding="utf-8")
    text = text.replace(
        "\t1.做好经费保障工作", '\t1.=HYPERLINK("http://x","点")做好经费保障工作', 1
    )
    text = text.replace("\t统计调查", "\t@SUM(1+1)", 1)
    doc = parse_document(text, source, regions)
    files = data_files([doc])
    goals, indicators, projects_csv = (
        _text(files[f"data/{name}.csv"]) for name in ("goals", "indicators", "projects")
    )
    assert "'=HYPERLINK(" in goals and ',"=HYPERLINK' not in goals
    assert ",'@SUM(1+1)" in indicators
    project = json.loads(files["data/all.json"])[0]["projects"][0]
    assert project["goals"][0].startswith('=HYPERLINK("http://x"')  # JSON keeps the text
    assert [i["basis"] for i in project["indicators"]].count("@SUM(1+1)") == 1
    row = next(csv.DictReader(io.StringIO(projects_csv.removeprefix("\ufeff"))))
    assert Decimal(row["预算数（元）"]) == doc.projects[0].budget_yuan  # numbers untouched


def _text(data: str | bytes) -> str:
    assert isinstance(data, bytes)
    return data.decode("utf-8")


def test_downloads_written_in_parts_are_the_same_bytes(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large tables are written a thousand rows at a time, and the reports' shares read
    again when more than HELD_BYTES of them are held: cutting after every row, and holding
    one report's share at a time, gives the files the build published."""
    docs = list(built.documents)
    monkeypatch.setattr(tabular, "ROWS_PER_PART", 1)
    monkeypatch.setattr(xlsx, "ROWS_PER_CHUNK", 1)
    monkeypatch.setattr(files, "ROWS_AT_ONCE", 1)
    monkeypatch.setattr(shares, "HELD_BYTES", 1)
    cut = dict(files.whole(files.shared_downloads(docs, stamp_from_env(os.environ))))
    tables = [name for name in cut if name.endswith((".csv", ".xlsx", ".sqlite", "all.json"))]
    assert len(tables) == 7
    for name in tables:
        content = cut[name]
        published = (built.site_dir / name).read_bytes()
        assert published == (content.encode("utf-8") if isinstance(content, str) else content)
