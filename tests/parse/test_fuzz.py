"""Fuzzing the parser with mutated seeds: a Document or the project's own error, nothing else.

Each strategy mutates one of the shipped reports the way files really break: lines lost,
doubled or out of order (copy and paste), bytes changed (a bad disk or transfer), the end
cut off (an interrupted copy), report vocabulary in the wrong place. Hypothesis runs
derandomized, so CI sees the same 4,500 cases every time.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.intake.content import take_in_one
from builder.parse import decode, parse_document
from tests.conftest import CONTENT

SEEDS = sorted(CONTENT.rglob("*.txt"))
SEED_BYTES = [(p.relative_to(CONTENT).as_posix(), p.read_bytes()) for p in SEEDS]

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def parse_or_report_error(source: str, data: bytes, regions: dict[str, str]) -> None:
    """The property: parsing gives a Document or raises ReportError, and intake never raises."""
    take_in_one(source, data, regions)
    try:
        text = decode(data, source)
    except ReportError as error:
        assert error.source == source and error.line >= 1 and error.message
        return
    try:
        document = parse_document(text, source, regions)
    except ReportError as error:
        lines = text.count("\n") + 1  # decode() made every line end a \n
        assert error.source == source and 1 <= error.line <= lines and error.message
    else:
        assert isinstance(document, Document)


@st.composite
def line_mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed with lines deleted, duplicated or swapped, one to four times."""
    source, data = draw(st.sampled_from(SEED_BYTES))
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap"]))
        at = draw(st.integers(0, len(lines) - 1))
        count = draw(st.integers(1, 8))
        if kind == "delete" and len(lines) > count:
            del lines[at : at + count]
        elif kind == "duplicate":
            lines[at:at] = lines[at : at + count]
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return source, b"\n".join(lines)


@st.composite
def byte_flips(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed with one to eight bytes changed."""
    source, data = draw(st.sampled_from(SEED_BYTES))
    changed = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(changed) - 1))
        changed[at] ^= draw(st.integers(1, 255))
    return source, bytes(changed)


@st.composite
def ascii_flips(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed with ASCII bytes changed to other ASCII: still valid UTF-8, so the parser
    (not the decoder) meets the damage: digits, tabs, line ends, % and dots."""
    source, data = draw(st.sampled_from(SEED_BYTES))
    changed = bytearray(data)
    ascii_at = [i for i, byte in enumerate(data) if byte < 0x80]
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.sampled_from(ascii_at))
        changed[at] ^= draw(st.integers(1, 127))
    return source, bytes(changed)


# Pieces of a report's own vocabulary: inserted anywhere, they make near-miss layouts.
TOKENS = [
    "\t",
    "\n",
    "\n\n",
    "\t\n",
    " ",
    "\u3000",
    "0",
    "9",
    "100",
    "%",
    "≥",
    "≤",
    ".",
    "、",
    "万元",
    "元",
    "本级",
    "1、",
    "（一）",
    "第一部分",
    "第二部分",
    "一、总体绩效目标",
    "二、分项绩效目标",
    "三、工作保障措施",
    "绩效目标表",
    "\t项目编码\n",
    "\t预算数\n",
    "绩效目标：",
    "[bookmark: _Toc1]",
    " TC 目标 \\f A \\l 1",
    "\f",
    "\r",
]


@st.composite
def token_insertions(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed with report vocabulary inserted at one to six places."""
    source, data = draw(st.sampled_from(SEED_BYTES))
    text = data.decode("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    return source, text.encode("utf-8")


@st.composite
def truncations(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed cut off at any byte."""
    source, data = draw(st.sampled_from(SEED_BYTES))
    return source, data[: draw(st.integers(0, len(data)))]


STRATEGIES = {
    "lines": line_mutations(),
    "bytes": byte_flips(),
    "ascii": ascii_flips(),
    "vocabulary": token_insertions(),
    "truncation": truncations(),
}


@pytest.mark.parametrize("mutation", sorted(STRATEGIES))
@settings(FUZZ, max_examples=900)
@given(data=st.data())
def test_a_mutated_report_parses_or_reports_an_error(
    mutation: str, data: st.DataObject, regions: dict[str, str]
) -> None:
    parse_or_report_error(*data.draw(STRATEGIES[mutation], label=mutation), regions)
