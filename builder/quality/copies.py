"""Rules about copies: sentences between sub-goals, indicator rows across projects."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from builder.contract.model import Document, Indicator
from builder.parse.lines import compact
from builder.quality.finding import Finding, finding, project_subject
from builder.quality.indicators import level_name

# Shorter sentences (以史鉴今，资政育人 / 90%以上的为优) are set phrases, not copies.
MIN_SENTENCE = 12
_SENTENCE_END = re.compile(r"[。；;！？!?]+")
_LABEL = re.compile(r"^(?:主要职责|职责目标|绩效目标|绩效指标|绩效标准)\s*(?:是|[：:])?")
_TRIM = "，,、：: 　"
# A grading scale (90%以上的为优；80%以上的为良) is shared by every sub-goal on purpose.
_GRADES = re.compile(r"为[优良中差]")


def sentences(line: str) -> list[str]:
    """The sentences of a line of text, labels and edge punctuation removed, spaces dropped."""
    result = []
    for piece in _SENTENCE_END.split(line):
        text = _LABEL.sub("", compact(piece)).strip(_TRIM)
        if len(text) >= MIN_SENTENCE and not _GRADES.search(text):
            result.append(text)
    return result


def check_sentences(doc: Document) -> Iterator[Finding]:
    """A sentence of one sub-goal that is printed again in a later one."""
    first: dict[str, tuple[int, int]] = {}  # sentence → (block index, line)
    for index, goal in enumerate(doc.sub_goals):
        lines = goal.text.split("\n")
        reported: set[tuple[int, int]] = set()
        for number, text in enumerate(lines):
            line = goal.text_lines[number] if number < len(goal.text_lines) else goal.line
            for sentence in sentences(text):
                seen = first.setdefault(sentence, (index, line))
                if seen[0] == index or (line, seen[0]) in reported:
                    continue
                reported.add((line, seen[0]))
                other = doc.sub_goals[seen[0]].title
                yield finding(
                    "sentence-copied",
                    doc.source,
                    line,
                    "",
                    f"分项绩效目标「{goal.title}」",
                    sentence,
                    f"分项绩效目标「{goal.title}」的句子「{sentence}」"
                    f"照抄自「{other}」（第{seen[1]}行）",
                )


def _row_key(row: Indicator) -> tuple[str, ...]:
    return (
        level_name(row.level1),
        level_name(row.level2),
        compact(row.level3),
        compact(row.description),
        compact(row.value),
    )


def _kind(name: str) -> str:
    """A project's name without 费/经费: 综合事务管理 and 综合事务管理费 are one kind."""
    return compact(name).removesuffix("经费").removesuffix("费")


def check_copied_rows(docs: Sequence[Document]) -> Iterator[Finding]:
    """An output or benefit row printed the same in a project of another name.

    Projects of the same kind (车辆保险费 in two years or two units) may share rows by
    nature; satisfaction rows are alike everywhere, so they are left out.
    """
    # Per row key: the first place it was seen, and the first place in a project of another
    # kind than that one. The earliest place of a kind other than a project's own is then
    # the first place, or, when the first place is of its own kind, the second one.
    Place = tuple[str, str, str]  # file, the project's subject (project_subject), its kind
    seen: dict[tuple[str, ...], tuple[Place, Place | None]] = {}
    for doc in sorted(docs, key=lambda d: d.source):
        for project in doc.projects:
            name = _kind(project.name)
            named = project_subject(project)  # once a project, not twice a finding
            for row in project.indicators:
                if "满意" in row.level1:
                    continue
                key = _row_key(row)
                here = (doc.source, named, name)
                known = seen.get(key)
                if known is None:
                    seen[key] = (here, None)
                    continue
                first, other_kind = known
                if other_kind is None and first[2] != name:
                    seen[key] = (first, here)
                original = first if first[2] != name else other_kind
                if original is None:
                    continue
                # The other project by name, code and file, not line: a finding on one report
                # must not change when lines move in another, or one edit to a report would
                # change the pages of every report that shares a row with it.
                source, other, _ = original
                subject = f"{named}·{row.level3}"
                yield finding(
                    "row-copied",
                    doc.source,
                    row.line,
                    project.code,
                    subject,
                    row.value,
                    f"{subject}：指标行「{row.level3}｜{row.value}」与项目"
                    f"{other}（{source}）完全相同",
                )
