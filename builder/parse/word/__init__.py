"""Word files: a .docx package (package.py), its body (body.py) and numbering (numbering.py)."""

from builder.parse.word.body import read_docx

__all__ = ["read_docx"]
