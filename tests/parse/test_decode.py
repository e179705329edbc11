"""Bytes → text: encodings found without asking, and errors at the line of the bad byte."""

from __future__ import annotations

import io
import zipfile

import pytest

from builder.contract.errors import ReportError
from builder.parse import decode
from tests.conftest import CONTENT

SEED = (CONTENT / "2022/130529/131001.txt").read_text(encoding="utf-8")


def error_of(data: bytes) -> str:
    with pytest.raises(ReportError) as info:
        decode(data, "r.txt")
    return str(info.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(codec: str) -> None:
    assert decode(SEED.encode(codec), "r.txt") == SEED


@pytest.mark.parametrize("line", [4, 51])
def test_a_bad_byte_in_utf8_is_reported_at_its_line(line: int) -> None:
    lines = SEED.split("\n")
    data = (
        "\n".join(lines[: line - 1]).encode() + b"\n\xff\xfe\n" + "\n".join(lines[line:]).encode()
    )
    assert error_of(data).startswith(
        f"r.txt:{line}: expected text in UTF-8, UTF-16 or GB18030 (utf-8:"
    )


def test_a_bad_byte_in_gb18030_is_reported_at_its_line() -> None:
    lines = SEED.split("\n")
    data = (
        "\n".join(lines[:60]).encode("gb18030")
        + b"\n\x80\xff\n"
        + "\n".join(lines[61:]).encode("gb18030")
    )
    assert error_of(data).startswith(
        "r.txt:61: expected text in UTF-8, UTF-16 or GB18030 (gb18030:"
    )


def test_a_zip_is_still_named_a_binary_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 20)
        archive.writestr("word/media/image1.png", bytes(range(256)) * 8)
    assert "found a NUL byte: a binary file such as .docx" in error_of(buffer.getvalue())
