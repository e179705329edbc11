"""The parser: report text → Document (see document.py for the steps)."""

from builder.parse.decode import decode, detect_encoding
from builder.parse.document import Parsed, parse_document, parse_with_ledger
from builder.parse.ledger import NOISE, Ledger, LineUse

__all__ = [
    "NOISE",
    "Ledger",
    "LineUse",
    "Parsed",
    "decode",
    "detect_encoding",
    "parse_document",
    "parse_with_ledger",
]
