"""第一部分 部门整体绩效目标: 总体绩效目标, 分项绩效目标 and 工作保障措施."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from builder.contract.errors import ReportError
from builder.contract.model import SubGoal
from builder.parse.ledger import Ledger
from builder.parse.lines import Line, compact

SECTION_NAMES: dict[str, str] = {
    "总体绩效目标": "overall_goal",
    "分项绩效目标": "sub_goals",
    "工作保障措施": "measures",
}
_SECTION = re.compile(r"^[一二三四]\s*[、.．]\s*(总体绩效目标|分项绩效目标|工作保障措施)$")
# Part headings, alone or run together: 第一部分 / 部门整体绩效目标 / 第二部分 / 预算项目绩效目标.
PART_HEADING = re.compile(
    r"^(第[一二三]部分)?\s*(部门整体绩效目标|预算项目绩效目标|项目支出绩效目标表?)?$"
)
# A page header that repeats the section's name under it, e.g. 部门总体绩效目标.
_SECTION_ECHO = re.compile(r"^(部门)?(整体|总体|分项)?(绩效目标|工作保障措施)$")
_SENTENCE_PUNCTUATION = re.compile(r"[。，；：:,;]")
# A tab inside running text is a lost table or tab stop, not content.
_INNER_TAB = re.compile(r"[ \u3000]*\t\s*")
_PUNCTUATION_AFTER = re.compile(r"^[：:，,。；;、）)]")

LABELS: dict[str, str] = {
    "主要职责": "main_duty",
    "职责目标": "duty_goal",
    "绩效目标": "performance_goal",
    "绩效指标": "performance_indicators",
    "绩效标准": "performance_standard",
}
_LABEL_NAMES = "|".join(LABELS)
_NO_LABELLED_FIELDS: dict[str, Any] = dict.fromkeys(LABELS.values())
_LABEL_WORD = re.compile(_LABEL_NAMES)
_LABEL_AT_START = re.compile(rf"^({_LABEL_NAMES})(是|：|:)?\s*")
# A label run into the previous sentence by a lost paragraph break: "…任务。绩效目标：…".
_LABEL_INSIDE = re.compile(rf"(?<=[。；;！!])\s*(?=({_LABEL_NAMES})(是|：|:))")

# Sub-goal numbering styles: 1、 / (一) / 一、 — one pattern, the group that matched names it.
_NUMBERING = re.compile(
    r"^(?:(?P<arabic>\d{1,2}\s*[、.．])"
    r"|(?P<paren>[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）])"
    r"|(?P<chinese>[一二三四五六七八九十]{1,3}\s*、))\s*"
)


LONGEST_HEADING = 40


def section_of(line: Line) -> str | None:
    """The section a heading line opens (overall_goal, sub_goals, measures), else None."""
    text = line.text
    if len(text) > LONGEST_HEADING or not (text.endswith("绩效目标") or text.endswith("保障措施")):
        return None
    match = _SECTION.match(compact(text))
    return SECTION_NAMES[match.group(1)] if match else None


def is_part_heading(line: Line) -> bool:
    text = line.text
    return bool(text) and len(text) <= 30 and bool(PART_HEADING.match(compact(text)))


class Paragraph(NamedTuple):
    """A line of running text: where it is and what it says."""

    line: int
    text: str


def drop_page_header(lines: list[Line], ledger: Ledger) -> list[Line]:
    """Lines of a section without the page header Word repeats under its heading.

    Seen in seed 004: the unit's name, a blank, then 部门总体绩效目标; or just the section's
    name again (seed 003: 工作保障措施).
    """
    texts = [ln for ln in lines if ln.text]
    if texts and _SECTION_ECHO.match(compact(texts[0].text)):
        ledger.mark(texts[0].number, "repeated", "section name repeated under its heading")
        return [ln for ln in lines if ln is not texts[0]]
    if (
        len(texts) >= 2
        and _SECTION_ECHO.match(compact(texts[1].text))
        and len(texts[0].text) <= LONGEST_HEADING
        and not _SENTENCE_PUNCTUATION.search(texts[0].text)
    ):
        for ln in texts[:2]:
            ledger.mark(ln.number, "repeated", "page header repeated under the section heading")
        return [ln for ln in lines if ln is not texts[0] and ln is not texts[1]]
    return lines


def paragraphs(lines: list[Line], ledger: Ledger, where: str) -> list[Paragraph]:
    """The section's non-empty lines as paragraphs; blanks and page numbers are noise.

    The section's lines are marked as a region (text as content, blank lines as blank);
    only the other noise, bookmarks and page numbers, is marked line by line.
    """
    if lines:
        ledger.mark_region(lines[0].number, lines[-1].number, where)
    result = []
    for ln in lines:
        if not ln.text and not ln.raw.strip():
            continue  # a blank line: the region marks it
        if not mark_noise(ln, ledger):
            result.append(Paragraph(ln.number, ln.text))
    return result


def untab(text: str) -> str:
    """Running text with its inner tabs removed: nothing before punctuation, else a space."""
    if "\t" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        rest = text[match.end() :]
        return "" if not rest or _PUNCTUATION_AFTER.match(rest) else " "

    return _INNER_TAB.sub(replace, text)


def mark_noise(line: Line, ledger: Ledger) -> bool:
    """Classify a blank, bookmark-only or page-number line as noise; False for real text."""
    if not line.text:
        ledger.mark(line.number, "bookmark" if line.is_bookmark_only else "blank")
    elif line.is_page_number:
        ledger.mark(line.number, "page_number")
    else:
        return False
    return True


def text_of(paras: list[Paragraph]) -> str:
    return "\n".join(untab(p.text) for p in paras)


def _numbering(text: str) -> tuple[str, re.Match[str]] | None:
    match = _NUMBERING.match(text)
    if match is None or match.lastgroup is None:
        return None
    return match.lastgroup, match


def starts_with_label(text: str) -> bool:
    """Whether a sub-goal line opens a labelled part (主要职责 / 职责目标 / 绩效目标 …)."""
    return bool(_LABEL_AT_START.match(text))


def sub_goals(paras: list[Paragraph]) -> tuple[str, list[dict[str, Any]]]:
    """Split 分项绩效目标 into its intro and one block per duty.

    A block's title is a line numbered in the style of the first title (1、 / (一) / 一、)
    with a number above the last title's, so that a block's own numbered lines stay in
    the block: those written in another style, and a list introduced by a line ending in a
    colon (职责目标：/ 1、… / 2、…), counted from 1. Where titles carry no numbering
    (seed 004), a title is an unlabelled line followed by a labelled one (主要职责：…).
    """
    paras = _split_glued_titles(paras)
    labelled = [starts_with_label(para.text) for para in paras] + [False]
    style: str | None = None
    last_title = 0
    next_item: int | None = None  # the number of a list's next item, while a list is open
    intro: list[str] = []
    blocks: list[tuple[str, str, list[Paragraph], int]] = []
    for index, para in enumerate(paras):
        text = para.text
        found = None if labelled[index] else _numbering(text)
        is_title = False
        if found and (style is None or found[0] == style):
            value = _number_value(found[1].group(found[0]))
            if next_item is not None and value == next_item:
                next_item += 1
            elif value > last_title:
                is_title, style, last_title = True, found[0], value
        elif found is None and not labelled[index]:
            is_title = style in (None, "none") and labelled[index + 1]
            style = "none" if is_title else style
        if is_title:
            next_item = None
            number = found[1].group(found[0]) if found else ""
            title = text[found[1].end() :] if found else text
            blocks.append((number, title.strip(), [], para.line))
            continue
        if blocks and text.endswith(("：", ":")):  # in the intro, a colon introduces the blocks
            next_item = 1
        elif labelled[index]:
            next_item = None
        if blocks:
            blocks[-1][2].append(para)
        else:
            intro.append(text)
    return "\n".join(intro), [
        sub_goal_fields(n, t, [p.text for p in body], line, [p.line for p in body])
        for n, t, body, line in blocks
    ]


_CHINESE_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _number_value(numbering: str) -> int:
    """The number a sub-goal's numbering stands for: 3、→ 3, （十二）→ 12."""
    digits = "".join(c for c in numbering if c.isdigit() or c in _CHINESE_DIGITS or c == "十")
    if digits.isdigit():
        return int(digits)
    tens, ten, units = digits.partition("十")
    if not ten:
        return _CHINESE_DIGITS.get(digits, 0)
    return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(units, 0)


def _split_glued_titles(paras: list[Paragraph]) -> list[Paragraph]:
    """A tab inside a numbered title line separates the title from the block's first line.

    Seed 002: "4、保障新闻宣传…稳定。\t    社情民意反映率\t:反映…" is a title and a body line
    that lost their paragraph break.
    """
    result = []
    for para in paras:
        raw = para.text
        if "\t" in raw and _numbering(raw):
            head, _, rest = raw.partition("\t")
            result.append(Paragraph(para.line, untab(head.strip())))
            if rest.strip():
                result.append(Paragraph(para.line, untab(rest.strip())))
        elif "\t" in raw:
            result.append(Paragraph(para.line, untab(raw)))
        else:
            result.append(para)
    return result


def make_sub_goal(number: str, title: str, body: list[str]) -> SubGoal:
    """A SubGoal from its title and body lines; labelled parts are read from the body."""
    return SubGoal.model_validate(sub_goal_fields(number, title, body))


def sub_goal_fields(
    number: str, title: str, body: list[str], title_line: int = 0, lines: Sequence[int] = ()
) -> dict[str, Any]:
    """make_sub_goal's fields, unvalidated (the parser validates the Document once).

    ``title_line`` is the title's source line, ``lines`` those of the body lines (0 and empty
    for a block that was not read from a file).
    """
    parts: list[tuple[str, list[str]]] = []
    for line in body:
        for piece in _split_at_inner_labels(line):
            match = _LABEL_AT_START.match(piece)
            if match:
                parts.append((match.group(1), [piece[match.end() :].strip()]))
            elif parts:
                parts[-1][1].append(piece)
    fields: dict[str, Any] = dict(_NO_LABELLED_FIELDS)
    labelled = []
    for label, texts in parts:
        text = "\n".join(filter(None, texts))  # 职责目标：alone on its line, a list below
        labelled.append({"label": label, "text": text})
        name = LABELS[label]
        fields[name] = text if fields[name] is None else f"{fields[name]}\n{text}"
    fields.update(
        number=number,
        title=title,
        parts=labelled,
        text="\n".join(body),
        line=title_line,
        text_lines=tuple(lines),
    )
    return fields


def _split_at_inner_labels(line: str) -> list[str]:
    if _LABEL_WORD.search(line, 1) is None:  # the common case: no label after the start
        return [line.strip()] if line.strip() else []
    starts = [0, *(m.start() for m in _LABEL_INSIDE.finditer(line) if m.start() > 0)]
    ends = [*starts[1:], len(line)]
    return [line[s:e].strip() for s, e in zip(starts, ends, strict=True) if line[s:e].strip()]


def check_sections_found(found: set[str], source: str, line: int) -> None:
    if not found:
        raise ReportError(
            source,
            line,
            "expected a performance-goal report: no 一、总体绩效目标 / 二、分项绩效目标 / "
            "三、工作保障措施 heading before the first project table",
        )
