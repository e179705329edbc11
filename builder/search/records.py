"""Each page's search record: the words it is found by, and what a result shows of it.

A project or unit page is found by its own words (issue 15): where it is (year, region with
the city and province above it, unit), and for a project its name, code, purpose, goals and
every indicator cell; for a unit its goals and measures. Not by what the page repeats of
other pages (a unit's list of projects) nor by what every page of its kind says alike (the
column headers), which would make a word's index shard as large as the site. Its names
are kept apart, so that the page a query names ranks above pages that merely mention it.

The index (index.py) holds its words, cut as words.py cuts them, and what a result shows.
The readable text of the record, one cell or sentence a line, is what the search script
cuts its excerpts from, so that they never stop inside a number. Its year, region, unit and
kind are words of their own (words.filter_word), which a search narrowed by them requires.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from builder.contract import paths
from builder.contract.model import Document, Project
from builder.render.html.money import yuan
from builder.render.unit import unit_total
from builder.search.words import filter_word

PROJECT, UNIT, PAGE = "项目", "单位", "页面"
LINE_BREAK = "\u00a6"  # ¦ between the lines of a record's text, as a result stores it
SENTENCE = re.compile(r"(?<=[。；！？;])|\n")


@dataclass(frozen=True)
class Record:
    """One page as search knows it."""

    url: str  # the page's address from the site root: /projects/<code>/
    kind: str  # 项目, 单位 or 页面
    title: str  # the page's name
    names: tuple[str, ...]  # texts the page is named by (weighted)
    texts: tuple[str, ...]  # every other text it is found by
    lines: tuple[str, ...]  # readable text for excerpts: one cell or sentence each
    unit: str = ""
    year: str = ""
    region: str = ""
    amount: str = ""  # 预算数, in yuan as the site prints it


def region_names(code: str, name: str, parents: Mapping[str, str]) -> list[str]:
    """Province, city and region: 秦皇岛 finds 山海关区's pages."""
    return [n for n in (parents.get(code[:2], ""), parents.get(code[:4], ""), name) if n]


def _where(doc: Document, parents: Mapping[str, str]) -> list[str]:
    return [str(doc.year), *region_names(doc.region.code, doc.region.name, parents), doc.unit.name]


def _cells(project: Project) -> list[str]:
    lines = [project.purpose, *project.goals]
    for row in project.indicators:
        name = " › ".join(n for n in (row.level1, row.level2, row.level3) if n)
        lines.append(f"{name}：{row.description}；指标值 {row.value}；依据 {row.basis}")
    return [line for line in lines if line.strip()]


def _place(doc: Document, parents: Mapping[str, str]) -> str:
    """A line for excerpts, last: where a query matched only the page's place or unit."""
    return " · ".join([*region_names(doc.region.code, doc.region.name, parents), doc.unit.name])


def _url(page: str) -> str:
    """A page's address: ``projects/<code>/index.md`` → ``/projects/<code>/``."""
    return "/" + page.removesuffix("index.md")


def project_record(doc: Document, project: Project, parents: Mapping[str, str]) -> Record:
    cells = _cells(project)
    words = [*_where(doc, parents), *cells]
    return Record(
        url=_url(paths.project(project.code)),
        kind=PROJECT,
        title=project.name,
        names=(project.name, project.code),
        texts=tuple(words),
        lines=(*cells, project.name, _place(doc, parents)),
        unit=doc.unit.name,
        year=str(doc.year),
        region=doc.region.name,
        amount=f"{yuan(project.budget_yuan)} 元",
    )


def _sentences(texts: Iterable[str]) -> list[str]:
    return [s.strip() for text in texts for s in SENTENCE.split(text) if s.strip()]


def unit_record(doc: Document, parents: Mapping[str, str]) -> Record:
    goals = [doc.overall_goal, doc.sub_goals_intro]
    for goal in doc.sub_goals:
        goals += [goal.title, goal.text]
    goals.append(doc.measures)
    total = unit_total(doc)
    return Record(
        url=_url(paths.unit(doc)),
        kind=UNIT,
        title=doc.unit.name,
        names=(doc.unit.name,),
        texts=tuple(_where(doc, parents) + goals),
        lines=(*_sentences(goals), _place(doc, parents)),
        unit=doc.unit.name,
        year=str(doc.year),
        region=doc.region.name,
        amount=f"{yuan(total)} 元" if doc.projects else "",
    )


def report_records(docs: Iterable[Document], parents: Mapping[str, str]) -> dict[str, Record]:
    """URL → record of every unit and project page."""
    return {record.url: record for record in each_record(docs, parents)}


def each_record(docs: Iterable[Document], parents: Mapping[str, str]) -> Iterator[Record]:
    """The records of report_records, made one at a time as they are taken."""
    for doc in docs:
        yield unit_record(doc, parents)
        for project in doc.projects:
            yield project_record(doc, project, parents)


def filter_words(record: Record) -> list[str]:
    """The words that narrow a search to this page's year, region, unit and kind."""
    values = {
        "year": record.year,
        "region": record.region,
        "unit": record.unit,
        "kind": record.kind,
    }
    return [filter_word(name, value) for name, value in values.items() if value]
