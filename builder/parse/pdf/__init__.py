"""PDF reports with a text layer: pages (pages.py, tags.py), tables (grid.py, tables.py), prose."""

from builder.parse.pdf.reader import read_pdf

__all__ = ["read_pdf"]
