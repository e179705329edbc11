"""parse_document: the text of one report → Document. Pure: touches no disk.

The steps, in order:
1. split_lines: number the lines, strip Word bookmarks and field codes from each;
2. find the first table title: lines before it are 第一部分, from it on 第二部分;
3. 第一部分: cut at the section headings, read 总体绩效目标 / 分项绩效目标 / 工作保障措施;
4. 第二部分: cut at table titles, group lines into rows of cells, fold stray repeats,
   read each table into a Project;
5. identity: unit from the tables' unit line, year and region from the file's place under
   content/ (``<year>/<region>/<unit>.txt``) or else from the first project code.
Every line is recorded in a Ledger as placed in the model or as layout noise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from builder.errors import ReportError
from builder.model import Document, Project, Region, Unit
from builder.parse import narrative, table
from builder.parse.ledger import Ledger
from builder.parse.lines import Line, compact, split_lines

_PATH = re.compile(r"(?:^|/)(\d{4})/(\d{6})/(\d{6})\.[A-Za-z0-9]+$")
_UNIT_LINE = re.compile(r"^(\d{6})(.*?)(本级)?$")


@dataclass(frozen=True)
class Parsed:
    """A parsed document with the accounting of its lines."""

    document: Document
    ledger: Ledger
    line_count: int


def parse_document(
    text: str, source: str = "<text>", regions: Mapping[str, str] | None = None
) -> Document:
    """Parse one report's Tika text into a Document.

    ``source`` is the file's path relative to content/; ``regions`` maps region codes to
    names (site_data/regions.toml). Raises ReportError for input that is not a report.
    """
    return parse_with_ledger(text, source, regions).document


def parse_with_ledger(
    text: str, source: str = "<text>", regions: Mapping[str, str] | None = None
) -> Parsed:
    """parse_document, also returning how every line was used."""
    lines = split_lines(text)
    ledger = Ledger()
    first_table = _first_table_title(lines)
    if first_table is None:
        raise ReportError(
            source,
            len(lines) or 1,
            "expected a 项目支出绩效目标表: a title line ending in 绩效目标表 followed by "
            "table cells (lines starting with a tab); none found",
        )
    part_one, part_two = lines[:first_table], lines[first_table:]
    sections = _read_part_one(part_one, ledger, source)
    projects, unit_label, unit_line = _read_part_two(part_two, ledger, source)

    unit_match = _UNIT_LINE.match(compact(unit_label))
    assert unit_match is not None  # table.read_project checked the unit line
    unit_code = unit_match.group(1)
    unit_name = unit_label.strip()[len(unit_code) :].strip()
    if unit_name.endswith("本级"):
        unit_name = unit_name[: -len("本级")].strip()

    year, region_code = _identity(source, unit_code, unit_line, projects)
    overall, intro, goals, measures = sections
    document = Document(
        source=source,
        year=year,
        region=Region(code=region_code, name=(regions or {}).get(region_code, "")),
        unit=Unit(code=unit_code, name=unit_name, label=unit_label.strip()),
        overall_goal=overall,
        sub_goals_intro=intro,
        sub_goals=goals,
        measures=measures,
        projects=tuple(projects),
    )
    return Parsed(document, ledger, len(lines))


def _first_table_title(lines: list[Line]) -> int | None:
    """Index of the first table title: a 绩效目标表 line whose next text line is a cell."""
    for index, line in enumerate(lines):
        if table.title_of(line) is None:
            continue
        for following in lines[index + 1 : index + 4]:
            if following.is_cell:
                return index
            if not following.is_blank:
                break
    return None


def _read_part_one(
    lines: list[Line], ledger: Ledger, source: str
) -> tuple[str, str, tuple[narrative.SubGoal, ...], str]:
    current: str | None = None
    by_section: dict[str, list[Line]] = {}
    for line in lines:
        section = narrative.section_of(line)
        if section is not None:
            if section in by_section:
                raise ReportError(
                    source, line.number, f"expected one '{line.text}' heading; found a second one"
                )
            ledger.mark(line.number, "heading", section)
            current = section
            by_section[section] = []
        elif narrative.is_part_heading(line):
            ledger.mark(line.number, "heading", "part heading")
        elif current is not None:
            by_section[current].append(line)
        elif not narrative.mark_noise(line, ledger):
            raise ReportError(
                source,
                line.number,
                f"expected 第一部分 and the heading 一、总体绩效目标 before any text, "
                f"found '{line.text[:40]}'",
            )
    narrative.check_sections_found(set(by_section), source, lines[0].number if lines else 1)

    def read(section: str) -> list[narrative.Paragraph]:
        body = narrative.drop_page_header(by_section.get(section, []), ledger)
        return narrative.paragraphs(body, ledger, section)

    overall = narrative.text_of(read("overall_goal"))
    intro, goals = narrative.sub_goals(read("sub_goals"), source)
    measures = narrative.text_of(read("measures"))
    return overall, intro, goals, measures


def _read_part_two(
    lines: list[Line], ledger: Ledger, source: str
) -> tuple[list[Project], str, int]:
    starts = [i for i, line in enumerate(lines) if table.title_of(line) is not None]
    segments = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        segments.append(table.segment(lines[start], lines[start + 1 : end], ledger, source))
    projects: list[Project] = []
    unit_label = ""
    unit_line = 0
    seen: dict[str, int] = {}
    for seg in table.merge_repeats(segments, ledger):
        project, label = table.read_project(seg, source, ledger)
        if not unit_label:
            unit_label, unit_line = label, seg.rows[0].line
        elif compact(label) != compact(unit_label):
            raise ReportError(
                source,
                seg.rows[0].line,
                f"expected the same unit line as line {unit_line} ('{unit_label}'), "
                f"found '{label}'",
            )
        if project.code in seen:
            raise ReportError(
                source,
                project.line,
                f"expected each 项目编码 once; {project.code} is also the project at line "
                f"{seen[project.code]}",
            )
        seen[project.code] = project.line
        projects.append(project)
    return projects, unit_label, unit_line


def _identity(
    source: str, unit_code: str, unit_line: int, projects: list[Project]
) -> tuple[int, str]:
    """Year and region code: from content/<year>/<region>/<unit>.txt, else the project code."""
    match = _PATH.search(source.replace("\\", "/"))
    if match:
        year, region, file_unit = int(match.group(1)), match.group(2), match.group(3)
        if file_unit != unit_code:
            raise ReportError(
                source,
                unit_line,
                f"expected unit code {file_unit} (from the file name), "
                f"found {unit_code} in the unit line",
            )
        return year, region
    code = projects[0].code
    return 2000 + int(code[6:8]), code[:6]
