"""Documents → .docx → read_docx → parse → the same Documents: the seeds under every Word
variant (tests/support/docx_writer.py), generated Documents, and a .doc made by LibreOffice."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.contract.model import Document
from builder.intake.content import read_content
from builder.parse import Parsed, parse_with_ledger
from builder.parse.word import read_docx
from tests.conftest import CONTENT
from tests.support import synth
from tests.support.docx_package import DELETED, DOCUMENT, part, with_parts
from tests.support.docx_writer import DocxStyle, as_written, write_docx
from tests.support.dumps import without_lines
from tests.support.soffice import convert

SEEDS = sorted(CONTENT.rglob("*.txt"))


def one_switch(name: str) -> DocxStyle:
    """The default style with one switch on (amounts in 万元 for money_unit)."""
    if name == "money_unit":
        return DocxStyle(money_unit="万元")
    switch: dict[str, Any] = {name: True}
    return dataclasses.replace(DocxStyle(), **switch)


ONE_SWITCH = [one_switch(f.name) for f in dataclasses.fields(DocxStyle)]
STYLES = [DocxStyle(), DocxStyle.all_features(), *ONE_SWITCH]


def seed(path: Path, regions: dict[str, str]) -> Document:
    source = path.relative_to(CONTENT).as_posix()
    return parse_with_ledger(path.read_text(encoding="utf-8"), source, regions).document


def through_word(
    document: Document, style: DocxStyle, regions: dict[str, str], source: str
) -> Parsed:
    return parse_with_ledger(read_docx(write_docx(document, style), source).text, source, regions)


def expected(document: Document, style: DocxStyle, source: str) -> object:
    return without_lines(
        as_written(document, style).model_copy(update={"source": source}).model_dump()
    )


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_every_seed_reads_back_the_same_under_every_word_variant(
    path: Path, regions: dict[str, str]
) -> None:
    document = seed(path, regions)
    source = path.relative_to(CONTENT).with_suffix(".docx").as_posix()
    for style in STYLES:
        parsed = through_word(document, style, regions, source)
        assert parsed.warnings == (), style
        assert without_lines(parsed.document.model_dump()) == expected(document, style, source), (
            style
        )


styles = st.builds(
    DocxStyle,
    **{
        f.name: st.sampled_from([None, "元", "万元"]) if f.name == "money_unit" else st.booleans()
        for f in dataclasses.fields(DocxStyle)
    },
)


@settings(max_examples=60, deadline=None)
@given(rng=st.randoms(use_true_random=False), style=styles)
def test_generated_documents_read_back_the_same(rng: random.Random, style: DocxStyle) -> None:
    document = synth.document(rng)
    source = "收件箱/report.docx"
    parsed = through_word(document, style, synth.REGIONS, source)
    assert without_lines(parsed.document.model_dump()) == expected(document, style, source)


def test_tracked_changes_read_as_accepted(regions: dict[str, str]) -> None:
    document = seed(SEEDS[0], regions)
    plain = read_docx(write_docx(document), "r.docx").text
    tracked = read_docx(write_docx(document, DocxStyle(tracked_changes=True)), "r.docx").text
    raw = write_docx(document, DocxStyle(tracked_changes=True))
    assert "<w:del " in part(raw) and "<w:ins " in part(raw)
    assert DELETED not in tracked
    assert tracked == plain  # inserted text is the text; deleted text and rows are not


def test_numbering_footer_toc_and_fields_are_not_lost_or_added(regions: dict[str, str]) -> None:
    document = seed(SEEDS[0], regions)
    plain = _lines(read_docx(write_docx(document), "r.docx").text)
    for switch in ("numbered_goals", "numbered_headings", "tc_fields", "toc", "page_footer"):
        style = one_switch(switch)
        # The same lines of text: a field's instruction, the table of contents (a copy of
        # the headings) and the footer's page number are not text of the report.
        assert _lines(read_docx(write_docx(document, style), "r.docx").text) == plain, switch
    numbered = write_docx(document, DocxStyle(numbered_goals=True))
    assert "<w:numPr>" in part(numbered)
    assert "\t1." in read_docx(numbered, "r.docx").text  # the digits come from numbering.xml


def test_a_document_that_ends_with_its_table_is_not_cut_short(regions: dict[str, str]) -> None:
    """A file written by a library (python-docx) may end with a table and no paragraph
    after it, where Word always writes one: the XML is whole, so no rows can be missing."""
    document = seed(SEEDS[0], regions)
    raw = with_parts(write_docx(document), {DOCUMENT: _without_last_paragraph})
    parsed = parse_with_ledger(read_docx(raw, "r.docx").text, "r.docx", regions)
    assert parsed.warnings == ()
    assert len(parsed.document.projects) == len(document.projects)


def test_a_doc_made_by_libreoffice_reads_back_the_same(
    regions: dict[str, str], tmp_path: Path
) -> None:
    """A seed saved as .doc by LibreOffice, with every Word variant but tracked changes
    (LibreOffice's .doc filter keeps a deleted row as a live one), read as the build reads
    content/: converted back to .docx in intake, then read and parsed."""
    path = next(p for p in SEEDS if "2022/130529" in p.as_posix())
    document = seed(path, regions)
    style = dataclasses.replace(DocxStyle.all_features(), tracked_changes=False)
    doc = convert({"r.docx": write_docx(document, style)}, "doc:MS Word 97")["r.docx"]
    assert doc[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE compound file: Word 97–2003
    source = path.relative_to(CONTENT).with_suffix(".doc").as_posix()
    (tmp_path / source).parent.mkdir(parents=True)
    (tmp_path / source).write_bytes(doc)
    intake = read_content(tmp_path, regions)
    assert intake.problems == ()
    (parsed,) = intake.documents
    assert without_lines(parsed.model_dump()) == expected(document, style, source)


def test_a_symbol_inserted_from_the_symbol_font_is_read_as_its_character(
    regions: dict[str, str],
) -> None:
    """≥ inserted with 插入 → 符号 in the Symbol font is a w:sym, not text: ≥90% must not
    read as 90%. A dingbat (Wingdings' check box) is no text."""
    document = seed(SEEDS[0], regions)
    xml = part(write_docx(document))
    assert "<w:t>≥90%</w:t>" in xml
    symbol = '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'
    box = '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'
    xml = xml.replace("<w:t>≥90%</w:t>", f"</w:r>{symbol}<w:r><w:t>90%</w:t>")
    xml = xml.replace(
        "<w:r><w:t>部门整体绩效目标</w:t></w:r>", f"{box}<w:r><w:t>部门整体绩效目标</w:t></w:r>"
    )
    raw = with_parts(write_docx(document), {DOCUMENT: lambda _: xml})
    parsed = parse_with_ledger(read_docx(raw, "r.docx").text, "r.docx", regions)
    assert without_lines(parsed.document.model_dump()) == expected(document, DocxStyle(), "r.docx")


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _without_last_paragraph(xml: str) -> str:
    """word/document.xml without the paragraphs after its last table; w:sectPr stays last."""
    last = xml.rindex("</w:tbl>") + len("</w:tbl>")
    tail = re.sub(r"<w:p/>|<w:p[ >].*?</w:p>", "", xml[last:], flags=re.S)
    assert "<w:p>" not in tail and "<w:p " not in tail and "<w:p/>" not in tail
    assert tail.rstrip().endswith("</w:body></w:document>")
    return xml[:last] + tail
