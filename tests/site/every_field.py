"""A report whose every free-text field carries every kind of hostile payload: markup that
would run, template and Markdown syntax, noncharacters, C0/C1 controls, bidi overrides.

The fields: unit name, overall goal, measures, sub-goal titles, and of each project its name,
purpose, goals and the 三级指标, 描述, 指标值 and 依据 of every indicator row. Codes, amounts
and the labels the parser reads by are left as they are: a payload there is an error of its
own (tests/site/test_site_characters.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.contract.model import Document
from builder.parse import parse_document
from builder.parse.values import parse_target
from tests.conftest import CONTENT
from tests.support.writer import write_report

SEED = "2022/130529/131001.txt"


def payload(field: str) -> str:
    """Every kind at once, named by the field it is in (so a dialog would say which)."""
    return (
        f"<script>alert('{field}')</script><img src=x onerror=alert('{field}')>"
        f"</title><svg onload=alert('{field}')>{{{{ 7*7 }}}}{{% raw %}}**粗**"
        f"[链](javascript:alert('{field}'))|a|"
        "\ufffe\uffff\x07\x85\u202e\u200b"
    )


def _with_payloads(document: Document) -> Document:
    projects = []
    for p, project in enumerate(document.projects):
        indicators = []
        for i, row in enumerate(project.indicators):
            cells = {
                name: getattr(row, name) + payload(f"{name}{p}.{i}")
                for name in ("level3", "description", "value", "basis")
            }
            indicators.append(
                row.model_copy(update={**cells, "target": parse_target(cells["value"])})
            )
        name = project.name + payload(f"name{p}")
        update: Mapping[str, Any] = {
            "name": name,
            "title": name,
            "purpose": project.purpose + payload(f"purpose{p}"),
            "goals": tuple(g + payload(f"goal{p}.{n}") for n, g in enumerate(project.goals)),
            "indicators": tuple(indicators),
        }
        projects.append(project.model_copy(update=update))
    unit_name = document.unit.name + payload("unit")
    unit = document.unit.model_copy(
        update={"name": unit_name, "label": f"{document.unit.code}{unit_name}本级"}
    )
    return document.model_copy(
        update={
            "unit": unit,
            "overall_goal": document.overall_goal + payload("overall"),
            "measures": document.measures + payload("measures"),
            "sub_goals": tuple(
                goal.model_copy(update={"title": goal.title + payload(f"sub_goal{n}")})
                for n, goal in enumerate(document.sub_goals)
            ),
            "projects": tuple(projects),
        }
    )


def hostile_report(regions: Mapping[str, str]) -> tuple[str, Document]:
    """The report's text and the Document it must parse to."""
    seed = parse_document((CONTENT / SEED).read_text(encoding="utf-8"), SEED, regions)
    document = _with_payloads(seed)
    return write_report(document), document
