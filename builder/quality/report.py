"""``budgetsite check``: parse the reports, run the rules, print the findings.

The disk edge of the quality review. A report that cannot be parsed becomes a
``parse-error`` finding, and the other reports are still checked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.intake.layout import parse_file, report_files
from builder.quality.check import check_documents, sort_findings
from builder.quality.finding import Finding, finding


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders replaced by the reports under them, sorted."""
    files: list[Path] = []
    for path in paths:
        files += report_files(path) if path.is_dir() else [path]
    return files


def load(files: Sequence[Path], regions: dict[str, str]) -> tuple[list[Document], list[Finding]]:
    """The reports that parse, and a parse-error finding for each one that does not."""
    docs: list[Document] = []
    errors: list[Finding] = []
    for path in files:
        try:
            docs.append(parse_file(path, regions).document)
        except ReportError as exc:
            errors.append(
                finding("parse-error", exc.source, exc.line, "", exc.source, "", exc.message)
            )
        except (OSError, UnicodeError) as exc:
            message = f"expected a readable report file: {exc}"
            errors.append(
                finding("parse-error", path.as_posix(), 1, "", path.as_posix(), "", message)
            )
    return docs, errors


def exit_status(found: Sequence[Finding], *, strict: bool) -> int:
    """1 when there is an error (or, with strict, a warning); else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.level in failing for f in found) else 0


def render(found: Sequence[Finding], fmt: str) -> str:
    """One ``file:line: rule-id level message`` per finding, or a JSON list."""
    if fmt == "json":
        return json.dumps([f.model_dump() for f in found], ensure_ascii=False, indent=2) + "\n"
    return "".join(f.text() + "\n" for f in found)


def run_check(
    paths: Sequence[Path], regions: dict[str, str], *, fmt: str, strict: bool, out: TextIO
) -> int:
    """Check the reports under ``paths``, write the findings to ``out``, return the status."""
    docs, errors = load(expand(paths), regions)
    found = sort_findings([*errors, *check_documents(docs)])
    out.write(render(found, fmt))
    return exit_status(found, strict=strict)
