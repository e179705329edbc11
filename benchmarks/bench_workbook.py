"""The workbook two ways: the builder's own SpreadsheetML against xlsxwriter (constant_memory).

Usage: python -m benchmarks.bench_workbook [--docs N]

The same sheets (builder.downloads.sheets.workbook's tables, rows and values) are written by
builder.downloads.sheets.xlsx and by xlsxwriter in constant-memory mode, each in a fresh process
state: CPU seconds, peak traced memory, file size, whether two runs give the same bytes,
and whether openpyxl reads every sheet back. xlsxwriter is a comparison only.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from benchmarks.bench_downloads import corpus
from builder.contract.model import Document
from builder.downloads.shares import Joined
from builder.downloads.sheets.workbook import (
    MONEY_FORMAT,
    ZIP_EPOCH,
    add_table,
    new_workbook,
    table_sheet,
)
from builder.downloads.sheets.xlsx import MONEY
from builder.downloads.tables import TABLES
from builder.incremental.share_store import ShareStore
from builder.parse.controls import visible


def ours(docs: Sequence[Document], stamp: datetime) -> bytes:
    """As a full build makes it: from each report's share, made now (whose CSV lines and
    database rows are made too, and count here)."""
    joined = Joined(docs, [str(n) for n in range(len(docs))], ShareStore())
    book = new_workbook(TABLES, stamp)
    for number, table in enumerate(TABLES, start=1):
        add_table(book, table, joined.count(table), (rows[3] for rows in joined.rows(number)))
    return book.finish()


def with_xlsxwriter(docs: Sequence[Document], stamp: datetime) -> bytes:
    import xlsxwriter  # a comparison only

    # constant_memory streams each row to a temporary file; in_memory would turn it off.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budget-goals.xlsx"
        _write(
            xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False}),
            docs,
            stamp,
        )
        return path.read_bytes()


def _write(book: Any, docs: Sequence[Document], stamp: datetime) -> None:
    book.set_properties({"created": stamp.replace(tzinfo=None)})
    money = book.add_format({"num_format": MONEY_FORMAT})
    bold = book.add_format({"bold": True})
    for table in TABLES:
        sheet_data = table_sheet(table, table.rows(docs))
        sheet = book.add_worksheet(sheet_data.title)
        for col, width in enumerate(sheet_data.widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, list(sheet_data.header), bold)
        for r, row in enumerate(sheet_data.rows, start=1):
            for c, value in enumerate(row):
                style = money if sheet_data.styles[c] == MONEY else None
                if isinstance(value, Decimal):
                    sheet.write_number(r, c, float(value), style)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value, style)
                elif value is None:
                    continue
                else:
                    sheet.write_string(r, c, visible(str(value)))
    book.close()


def measure(
    write: Callable[[Sequence[Document], datetime], bytes], docs: Sequence[Document]
) -> dict[str, Any]:
    start = time.process_time()
    data = write(docs, ZIP_EPOCH)
    seconds = time.process_time() - start
    tracemalloc.start()  # a second run for memory: tracing slows the code it traces
    again = write(docs, ZIP_EPOCH)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = sum(sheet.max_row or 0 for sheet in book.worksheets)
    return {
        "seconds": seconds,
        "peak": peak,
        "size": len(data),
        "stable": hashlib.sha256(data).digest() == hashlib.sha256(again).digest(),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    docs = corpus(args.docs)
    for name, write in (
        ("own SpreadsheetML", ours),
        ("xlsxwriter constant_memory", with_xlsxwriter),
    ):
        m = measure(write, docs)
        print(
            f"{name:>27}: {args.docs} reports: {m['seconds']:.2f} CPU s, "
            f"peak {m['peak'] / 2**20:.0f} MiB traced, {m['size'] / 2**20:.1f} MiB file, "
            f"{m['rows']:,} rows read back by openpyxl, "
            f"{'byte-stable' if m['stable'] else 'NOT byte-stable'}"
        )


if __name__ == "__main__":
    main()
