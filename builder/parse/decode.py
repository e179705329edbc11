"""Bytes → text: the encoding is detected, never asked for."""

from __future__ import annotations

import codecs

from builder.errors import ReportError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    """Name of the codec that reads ``data``: a BOM wins, then strict UTF-8, then GB18030."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def decode(data: bytes, source: str) -> str:
    """The text of ``data`` with line ends normalised to LF.

    GB18030 is a superset of GBK and GB2312, so one codec reads all three; a file that is
    neither UTF-8 nor GB18030 is reported at the line where decoding fails.
    """
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReportError(
            source, line, f"expected text in UTF-8, UTF-16 or GB18030 (decoding as {encoding})"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
