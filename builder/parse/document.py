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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from builder.contract import codes
from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.parse import losses, narrative, rows, table
from builder.parse.ledger import Ledger
from builder.parse.lines import Line, compact, normalize_newlines, split_lines

_TITLE_MARK = "绩效目标表"


@dataclass(frozen=True)
class Parsed:
    """A parsed document with the accounting of its lines."""

    document: Document
    ledger: Ledger
    line_count: int

    @property
    def warnings(self) -> tuple[tuple[int, str], ...]:
        """(line, message) of each warning, in line order."""
        return tuple(sorted(self.ledger.warnings))


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
    text = normalize_newlines(text)  # for text that did not come through decode()
    raws = split_lines(text)
    ledger = Ledger(raws)
    titles = _table_titles(text, raws)
    if not titles:
        raise losses.no_tables(text, source, len(raws))
    part_one = [Line(n, raw) for n, raw in enumerate(raws[: titles[0].number - 1], start=1)]
    part_one = losses.drop_title_copy(part_one, titles[0], ledger)
    sections = _read_part_one(part_one, ledger, source)
    projects, unit_label, unit_line = _read_part_two(raws, titles, ledger, source)

    unit_match = table.UNIT_LINE.match(unit_label)
    assert unit_match is not None  # table.read_project checked the unit line
    unit_code, unit_name = unit_match.groups()

    year, region_code = _identity(source, unit_code, unit_line, projects)
    overall, intro, goals, measures = sections
    # One validation of the whole tree: pydantic does it far faster than model by model.
    document = Document.model_validate(
        {
            "source": source,
            "year": year,
            "region": {"code": region_code, "name": (regions or {}).get(region_code, "")},
            "unit": {"code": unit_code, "name": unit_name, "label": unit_label},
            "overall_goal": overall,
            "sub_goals_intro": intro,
            "sub_goals": goals,
            "measures": measures,
            "projects": projects,
        }
    )
    return Parsed(document, ledger, len(raws))


def _table_titles(text: str, raws: list[str]) -> list[Line]:
    """The table title lines: a line ending in 绩效目标表 that starts a table.

    The first title must be followed by table cells (after any blank, bookmark or page
    number lines and a few lines of text, see _cells_follow): before it, a 绩效目标表 line
    may be part one's text. Every title must
    follow a blank or noise line, or the first line of the file: a line ending in 绩效目标表
    right after a cell is that cell's next paragraph. A title not followed by cells is a
    table that breaks off, reported when the table is read. Candidates are found by
    searching the text, not by visiting every line.
    """
    titles: list[Line] = []
    index = scanned = 0
    pos = text.find(_TITLE_MARK)
    while pos != -1:
        index += text.count("\n", scanned, pos)  # the line holding the candidate
        scanned = pos
        line = Line(index + 1, raws[index])
        if (
            rows.title_of(line) is not None
            and (index == 0 or Line(index, raws[index - 1]).is_noise or not titles)
            and (titles or _cells_follow(raws, index))
        ):
            titles.append(line)
        end_of_line = text.find("\n", pos)
        pos = -1 if end_of_line == -1 else text.find(_TITLE_MARK, end_of_line)
    return titles


_TEXT_BEFORE_TABLE = 3
"""Lines of text a first title may have above its table: a note, or the unit line and
单位：元 written as paragraphs. They are read (or refused) with the table; a title further
from any table is text of 第一部分."""


def _cells_follow(raws: list[str], index: int) -> bool:
    """Whether a table starts after at most a few lines of text that are not a title."""
    text_lines = 0
    for raw in raws[index + 1 :]:
        if raw.startswith("\t"):
            return True
        line = Line(0, raw)
        if line.is_noise:
            continue
        text_lines += 1
        if text_lines > _TEXT_BEFORE_TABLE or rows.title_of(line) is not None:
            return False
    return False


def _read_part_one(
    lines: list[Line], ledger: Ledger, source: str
) -> tuple[str, str, list[dict[str, Any]], str]:
    current: str | None = None
    by_section: dict[str, list[Line]] = {}
    headings: dict[str, int] = {}
    for line in lines:
        if line.is_cell:
            losses.refuse_table_in_part_one(line, source)
        # Headings are short: long paragraphs (and empty lines) skip the heading checks.
        short = 0 < len(line.text) <= narrative.LONGEST_HEADING
        section = narrative.section_of(line) if short else None
        if section is not None:
            if section in by_section:
                raise ReportError(
                    source, line.number, f"expected one '{line.text}' heading; found a second one"
                )
            ledger.mark(line.number, "heading", section)
            headings[section] = line.number
            current = section
            by_section[section] = []
        elif short and narrative.is_part_heading(line):
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
    bodies = {
        section: narrative.paragraphs(
            narrative.drop_page_header(by_section.get(section, []), ledger), ledger, section
        )
        for section in losses.SECTION_ORDER
    }
    losses.check_heading_order(headings, ledger)
    losses.check_missing_sections(headings, bodies, lines[-1].number + 1, ledger)
    overall = narrative.text_of(bodies["overall_goal"])
    intro, goals = narrative.sub_goals(bodies["sub_goals"])
    measures = narrative.text_of(bodies["measures"])
    return overall, intro, goals, measures


def _read_part_two(
    raws: list[str], titles: list[Line], ledger: Ledger, source: str
) -> tuple[list[table.ProjectFields], str, int]:
    segments = []
    for n, title in enumerate(titles):
        end = titles[n + 1].number - 1 if n + 1 < len(titles) else len(raws)
        segments.append(rows.segment(title, raws[title.number : end], ledger, source))
    losses.check_file_end(segments[-1], len(raws), ledger)
    losses.check_code_rows(segments, ledger)
    projects: list[table.ProjectFields] = []
    unit_label = ""
    unit_line = 0
    for seg in rows.merge_repeats(segments, ledger):
        project, label = table.read_project(seg, source, ledger)
        if not unit_label:
            unit_label, unit_line = label, seg.chunks[0][0]
        elif compact(label) != compact(unit_label):
            raise ReportError(
                source,
                seg.chunks[0][0],
                f"expected the same unit line as line {unit_line} ('{unit_label}'), "
                f"found '{label}'",
            )
        projects.append(project)
    return projects, unit_label, unit_line


def _identity(
    source: str, unit_code: str, unit_line: int, projects: list[table.ProjectFields]
) -> tuple[int, str]:
    """Year and region code: from content/<year>/<region>/<unit>.txt, else the project code."""
    place = codes.file_place(source)
    if place:
        year, region, file_unit = place
        if file_unit != unit_code:
            raise ReportError(
                source,
                unit_line,
                f"expected unit code {file_unit} (from the file name), "
                f"found {unit_code} in the unit line",
            )
        return year, region
    code: str = projects[0]["code"]
    return codes.year_of(code), code[codes.REGION_PART]
