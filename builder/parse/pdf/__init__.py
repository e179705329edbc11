"""PDF reports with a text layer: pages (pages.py), tables (grid.py, tables.py), prose (wrap.py)."""

from builder.parse.pdf.reader import read_pdf

__all__ = ["read_pdf"]
