"""Nothing read from a report becomes part of a path unchecked; nothing is written outside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.intake.identity import Where, identity_problems
from builder.parse import parse_document
from builder.publish.build import build_site
from builder.write.docs import write_docs
from tests.conftest import CONTENT, SITE_DATA

SEED = CONTENT / "2022/130529/131001.txt"
SEED_CODE = "13052922P00584010141N"
TRAVERSALS = ["../../../../etc/passwd", "/etc/passwd", "..\\..\\x", "a/../../x", "..", ""]


@pytest.fixture(scope="module")
def seed(regions: dict[str, str]) -> Document:
    return parse_document(SEED.read_text(encoding="utf-8"), "2022/130529/131001.txt", regions)


def with_codes(doc: Document, *, project: str = "", unit: str = "", region: str = "") -> Document:
    projects = tuple(p.model_copy(update={"code": project or p.code}) for p in doc.projects)
    return doc.model_copy(
        update={
            "projects": projects,
            "unit": doc.unit.model_copy(update={"code": unit or doc.unit.code}),
            "region": doc.region.model_copy(update={"code": region or doc.region.code}),
        }
    )


def errors(doc: Document) -> list[str]:
    return [p.message for p in identity_problems(doc, Where(34, {})) if p.level == "error"]


def test_the_seed_has_safe_codes(seed: Document) -> None:
    assert errors(seed) == []


@pytest.mark.parametrize("code", [*TRAVERSALS, "１３０５２９22P00584010141N", SEED_CODE.lower()])
def test_a_project_code_that_is_not_21_of_0_9_A_Z_is_an_error(seed: Document, code: str) -> None:
    found = errors(with_codes(seed, project=code or " "))
    assert [m.startswith("expected a 项目编码 of 21 characters 0-9 or A-Z") for m in found] == [
        True
    ]


@pytest.mark.parametrize("code", [*TRAVERSALS, "１３１００１", "13100"])
def test_unit_and_region_codes_must_be_six_ascii_digits(seed: Document, code: str) -> None:
    assert errors(with_codes(seed, unit=code or " ")) == [
        f"expected a unit code of 6 digits 0-9, found '{code or ' '}'"
    ]
    assert errors(with_codes(seed, region=code or " ")) == [
        f"expected a region code of 6 digits 0-9, found '{code or ' '}'"
    ]


@pytest.mark.parametrize("name", ["../escape.md", "/tmp/escape.md", "a/../../escape.md"])
def test_write_docs_refuses_a_path_outside_the_docs_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReportError, match="expected a page path inside"):
        write_docs({"index.md": "# ok\n", name: "# escaped\n"}, tmp_path / "work/docs")
    assert sorted(p.name for p in tmp_path.rglob("*")) == []


def test_traversal_in_a_report_writes_nothing_outside_the_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    text = SEED.read_text(encoding="utf-8")
    attacks = {
        "900201": text.replace(SEED_CODE, "13052922../../../../x"),
        "900202": text.replace(SEED_CODE, "13052922P00584010141N/../../../../x"),
        "900203": text.replace("\t131001中国", "\t../../900203中国"),
        "900204": text.replace(SEED_CODE, "13052922..\\..\\..\\..\\x"),
    }
    for unit, attack in attacks.items():
        path = content / f"2022/130529/{unit}.txt"
        path.write_text(attack.replace("\t131001中国", f"\t{unit}中国"), encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    built = build_site(
        content,
        tmp_path / "out/site",
        site_data=SITE_DATA,
        work=tmp_path / "out/work",
        keep_going=True,
    )
    assert sorted({p.source for p in built.problems}) == [f"2022/130529/{u}.txt" for u in attacks]
    written = {p for p in tmp_path.rglob("*")} - before
    assert [p for p in written if not p.is_relative_to(tmp_path / "out")] == []
    assert [p for p in written if p.name == "x" or p.name.startswith("x.")] == []
