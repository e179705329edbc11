"""Acceptance over the shipped content: counts, money, and lossless accounting."""

from __future__ import annotations

from decimal import Decimal

import pytest

from builder.contract.model import Document
from builder.intake.files import report_files
from tests.conftest import CONTENT
from tests.support.reading import load_content, parse_file


@pytest.fixture(scope="module")
def documents(regions: dict[str, str]) -> list[Document]:
    return load_content(CONTENT, regions)


def test_five_documents_24_projects_4131000_yuan(documents: list[Document]) -> None:
    assert len(documents) == 5
    projects = [p for d in documents for p in d.projects]
    assert len(projects) == 24
    assert sum(p.budget_yuan for p in projects) == Decimal(4131000)
    assert len({p.code for p in projects}) == 24


def test_identity_comes_from_the_path(documents: list[Document]) -> None:
    seen = {(d.year, d.region.code, d.region.name, d.unit.code) for d in documents}
    assert seen == {
        (2022, "130303", "山海关区", "131001"),
        (2022, "130529", "巨鹿县", "131001"),
        (2021, "130303", "山海关区", "101001"),
        (2021, "130303", "山海关区", "213001"),
        (2021, "130303", "山海关区", "201001"),
    }


def test_budget_is_fiscal_plus_other_in_every_seed(documents: list[Document]) -> None:
    for project in (p for d in documents for p in d.projects):
        assert project.budget_yuan == project.fiscal_yuan + project.other_yuan, project.code


@pytest.mark.parametrize("report", report_files(CONTENT), ids=lambda p: p.name)
def test_no_line_of_any_seed_is_unaccounted(report: object, regions: dict[str, str]) -> None:
    parsed = parse_file(report, regions, CONTENT)  # type: ignore[arg-type]
    assert parsed.ledger.unaccounted() == []
    uses = parsed.ledger.report()
    assert len(uses) == parsed.line_count


def test_every_indicator_value_is_a_line_of_the_source(
    documents: list[Document], regions: dict[str, str]
) -> None:
    for document in documents:
        raw = (CONTENT / document.source).read_text(encoding="utf-8").split("\n")
        for project in document.projects:
            for row in project.indicators:
                # The row's first cell is at .line; its value is the fifth cell.
                assert raw[row.line - 1 + 4] == "\t" + row.value, (document.source, row.line)
