"""CSV text of a download table: UTF-8 with a BOM so that Excel shows the Chinese."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from builder.downloads.columns import Cell

BOM = "\ufeff"
CRLF = "\r\n"


def cell_text(value: Cell) -> str:
    """A cell as CSV text: amounts in plain notation exactly as held (``8000.00``), null empty."""
    if isinstance(value, str):  # first: most cells are text (3.3 million at 3,000 reports)
        if value[:1] in FORMULA_START:
            # A spreadsheet runs a text cell starting like this as a formula (=HYPERLINK(…)
            # sends the reader's data away): a leading apostrophe keeps it text, as OWASP's
            # advice on CSV injection has it. Numbers are never text cells, so never altered.
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    return str(value)


FORMULA_START = frozenset("=+-@\t\r")
"""How a text cell starts that Excel, LibreOffice or Google Sheets would run as a formula."""


def csv_head(headers: Sequence[str]) -> str:
    """The start of a CSV file: the BOM and the header row."""
    out = io.StringIO()
    out.write(BOM)
    csv.writer(out, lineterminator=CRLF).writerow(headers)
    return out.getvalue()


def csv_body_parts(rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """These rows as CSV lines (CRLF, as Excel writes), in pieces of ``ROWS_PER_PART``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=CRLF)
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell_text(value) for value in row])
        if number % ROWS_PER_PART == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


ROWS_PER_PART = 1000
