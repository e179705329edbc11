"""Bytes → text: the encoding is detected, never asked for."""

from __future__ import annotations

import codecs

from builder.contract.errors import ReportError
from builder.parse.lines import normalize_newlines

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a BOM: UTF-8 if the bytes are valid UTF-8, else GB18030, a superset of GBK and
# GB2312, so one codec reads all three.
_WITHOUT_BOM = ("utf-8", "gb18030")


def _candidates(data: bytes) -> tuple[str, ...]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return (name,)
    utf16 = _utf16_without_bom(data)
    return (utf16,) if utf16 else _WITHOUT_BOM


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' for UTF-16 text saved without a BOM, else None.

    UTF-16 puts a NUL in the high byte of every ASCII character (a report's tabs, line ends
    and digits): nearly all NULs at odd (LE) or at even (BE) offsets, the few others the
    low bytes of characters such as 一 (U+4E00). A binary file has NULs at both about
    equally; the codec must then also read the whole file (see _decode).
    """
    sample = data[:4096]
    # Counted in C: this runs for every report file without a BOM.
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    nuls = odd + even
    if nuls < 8:
        return None
    if odd * 10 >= nuls * 9:
        return "utf-16-le"
    if odd * 10 <= nuls:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the codec that read it; if none does, the error of the codec that read
    furthest: a UTF-8 file with one bad byte is reported at that byte, not where GB18030,
    tried next, first stumbled."""
    errors: list[UnicodeDecodeError] = []
    for name in _candidates(data):
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            errors.append(exc)
    raise max(errors, key=lambda exc: exc.start)


def detect_encoding(data: bytes) -> str:
    """Name of the codec that reads ``data``: a BOM wins, then strict UTF-8, then GB18030."""
    return _decode(data)[1]


def decode(data: bytes, source: str) -> str:
    """The text of ``data`` with line ends normalised to LF.

    A file no codec reads is reported at the line where decoding fails.
    """
    nul = data.find(b"\x00")
    if nul != -1 and _candidates(data) == _WITHOUT_BOM:  # neither a BOM nor UTF-16's NULs
        # Text in UTF-8 or GB18030 never holds a NUL byte; a .docx, PDF or image does.
        raise ReportError(
            source,
            data.count(b"\n", 0, nul) + 1,
            "expected the text of a report, found a NUL byte: a binary file such as .docx",
        )
    try:
        text, _ = _decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReportError(
            source,
            line,
            f"expected text in UTF-8, UTF-16 or GB18030 ({exc.encoding}: {exc.reason})",
        ) from None
    return normalize_newlines(text)
