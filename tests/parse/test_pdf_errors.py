"""PDF files that cannot be read as reports, through the real command line.

Each is one line ``file:1: …`` or ``file: page N: …`` naming it, never a traceback, and
the good report beside it is still read: ``check`` exits 1 listing it, ``build --keep-going``
publishes the good one. The PDFs are written here byte by byte (objects, cross-reference
table, trailer), so that each shows exactly one fault: a page that is only a picture (a
scan), an /Encrypt dictionary whose user password is not empty, a file cut short.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.conftest import SITE_DATA
from tests.parse.test_docx_errors import NOT_A_REPORT, SEED_PROJECT, check, content_with, run

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_ID = "<00112233445566778899aabbccddeeff>"


def pdf(objects: list[bytes], trailer: str = "") -> bytes:
    """A PDF of ``objects`` (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\n".encode()
    return bytes(out + f"startxref\n{xref}\n%%EOF\n".encode())


def stream(data: bytes, keys: str = "") -> bytes:
    return f"<< /Length {len(data)} {keys}>>\nstream\n".encode() + data + b"\nendstream"


def one_page(content: bytes, resources: str, *more: bytes, trailer: str = "") -> bytes:
    """A one-page A4 PDF drawing ``content``; ``more`` are objects 5, 6, …"""
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    page += f"/Resources {resources} /Contents 4 0 R >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page.encode(),
            stream(content),
            *more,
        ],
        trailer,
    )


def letter() -> bytes:
    """A PDF with a text layer that is a letter, not a report."""
    text = b"BT /F1 12 Tf 72 760 Td (Notice of the 2022 budget meeting) Tj ET"
    return one_page(text, "<< /Font << /F1 5 0 R >> >>", _FONT)


def scan() -> bytes:
    """A page that is one picture and no text, as a scanner's PDF is."""
    image = stream(
        b"\x80" * 64,
        "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        "/BitsPerComponent 8 ",
    )
    return one_page(b"q 451 0 0 698 72 72 cm /Im0 Do Q", "<< /XObject << /Im0 5 0 R >> >>", image)


def encrypted() -> bytes:
    """The standard security handler (RC4, revision 2) with a U entry that the empty
    password does not give: a file that opens only with its user password."""
    handler = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
    handler += b"> /P -44 >>"
    return one_page(
        b"BT /F1 12 Tf 72 760 Td (x) Tj ET",
        "<< /Font << /F1 5 0 R >> >>",
        _FONT,
        handler,
        trailer=f"/Encrypt 6 0 R /ID [{_ID} {_ID}] ",
    )


def truncated() -> bytes:
    whole = letter()
    return whole[: len(whole) // 2]


OCR = "expected text: this PDF has no text layer (a scan or a picture of the pages)"
CASES: Mapping[str, tuple[Callable[[], bytes], str]] = {
    "扫描件.pdf": (scan, f":1: parse-error error {OCR}"),
    "加密.pdf": (encrypted, ":1: parse-error error expected a PDF report: it is encrypted"),
    "截断.pdf": (truncated, ":1: parse-error error expected a PDF report: it is damaged or cut"),
    "通知.pdf": (letter, f": page 1: parse-error error {NOT_A_REPORT}"),
    "说明.pdf": (
        lambda: "这是一份说明，不是 PDF。\n".encode(),
        ":1: parse-error error expected a PDF report; this is not a PDF (no %PDF- header)",
    ),
    "空白.pdf": (lambda: b"", ":1: parse-error error expected a PDF report; this is an empty file"),
}
"""Bad file → (its bytes, the end of its line in ``check``'s output after the file name)."""


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_pdf_is_one_line_naming_it(tmp_path: Path, name: str) -> None:
    make, expected = CASES[name]
    content = content_with(tmp_path, {name: make()})
    shown = [line for line in check(content) if name in line]
    assert len(shown) == 1 and shown[0].startswith(f"{content / name}{expected}"), shown


def test_a_scan_says_to_run_ocr(tmp_path: Path) -> None:
    content = content_with(tmp_path, {"扫描件.pdf": scan()})
    shown = [line for line in check(content) if "扫描件.pdf" in line]
    assert "ocrmypdf -l chi_sim" in shown[0]
    parsed = run("parse", str(content / "扫描件.pdf"), "--site-data", str(SITE_DATA))
    assert parsed.returncode == 1 and parsed.stdout == ""
    assert "no text layer" in parsed.stderr and "Traceback" not in parsed.stderr


def test_build_publishes_the_rest_beside_bad_pdfs(tmp_path: Path) -> None:
    content = content_with(tmp_path, {name: make() for name, (make, _) in CASES.items()})
    site, work = tmp_path / "site", tmp_path / "work"
    options = ["--content", str(content), "--site-data", str(SITE_DATA)]
    options += ["--output", str(site), "--work", str(work)]
    stopped = run("build", *options)
    assert stopped.returncode == 1 and not site.exists()
    kept_going = run("build", *options, "--keep-going")
    assert kept_going.returncode == 0, kept_going.stderr
    for result in (stopped, kept_going):
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        for name, (_, expected) in CASES.items():
            place, message = expected.split(" parse-error error ")
            assert f"{content / name}{place} error: {message}" in output, name
    assert (site / "projects" / SEED_PROJECT / "index.html").is_file()
