"""Reading reports in tests: one file through the parser with its ledger, or a whole folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.intake.content import read_content
from builder.intake.files import source_name
from builder.parse import Parsed, parse_with_ledger
from builder.parse.readers import read_text


def parse_file(path: Path, regions: Mapping[str, str], content: Path | None = None) -> Parsed:
    """One report through the reader and the parser alone, with how every line was used."""
    source = source_name(path, content)
    return parse_with_ledger(read_text(path.read_bytes(), source).text, source, regions)


def load_content(content: Path, regions: Mapping[str, str]) -> list[Document]:
    """Every report under content/ as ``budgetsite build`` takes it in; its first error raised."""
    intake = read_content(content, regions)
    if intake.errors:
        first = intake.errors[0]
        raise ReportError(first.source, first.line, first.message)
    return list(intake.documents)
