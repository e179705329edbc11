"""Word files that are not what their names say, through the real command line.

Each bad file is one line ``file:place: what was expected`` naming it, never a traceback,
and the good reports beside it are still read: ``check`` lists every problem and exits 1,
``build`` stops without publishing, ``build --keep-going`` publishes the good ones.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from builder.parse import decode, parse_document
from tests.conftest import CONTENT, ROOT, SITE_DATA
from tests.support.docx_package import DOCUMENT, with_parts
from tests.support.docx_writer import write_docx
from tests.support.soffice import convert, soffice

SEED = CONTENT / "2022/130529/131001.txt"
SEED_PROJECT = "13052922P00584010141N"
LETTER = (
    "关于召开2022年预算绩效工作会议的通知",
    "各科室：",
    "定于下周一上午九时在三楼会议室开会。",
)
PASSWD = "root:x:0:0"
"""The first entry of /etc/passwd, which an external entity would pull into the text."""

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def docx(paragraphs: tuple[str, ...], *, doctype: str = "") -> bytes:
    """A minimal Word package, one paragraph per text (already XML when ``doctype`` is set)."""
    body = "".join(
        f"<w:p><w:r><w:t>{text if doctype else escape(text)}</w:t></w:r></w:p>"
        for text in paragraphs
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return out.getvalue()


def workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "项目支出绩效目标表"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encrypted() -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx(LETTER))).encrypt("密码123", out)
    assert out.getvalue().startswith(b"\xd0\xcf\x11\xe0")  # an OLE file, as Word writes it
    return out.getvalue()


def truncated() -> bytes:
    whole = docx(LETTER)
    return whole[: len(whole) // 2]


def xxe() -> bytes:
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return docx(("&xxe;",), doctype=doctype)


def old_doc() -> bytes:
    """A real Word 97 .doc, saved by LibreOffice from the letter."""
    return convert({"letter.docx": docx(LETTER)}, "doc:MS Word 97")["letter.docx"]


NOT_A_REPORT = "expected a 项目支出绩效目标表: a title line ending in 绩效目标表"
CASES: Mapping[str, tuple[Callable[[], bytes], str]] = {
    "预算表.docx": (workbook, ":1: parse-error error expected a Word document; this is an Excel"),
    "加密.docx": (encrypted, ":1: parse-error error expected a .docx without a password"),
    "截断.docx": (truncated, ":1: parse-error error expected a whole .docx: the zip package is"),
    "说明.docx": (
        lambda: "这是一份说明，不是 Word 文件。\n".encode(),
        ":1: parse-error error expected a .docx (a zip package); this file is not one",
    ),
    "空白.docx": (lambda: b"", ":1: parse-error error expected a .docx; the file is empty"),
    "通知.docx": (lambda: docx(LETTER), f": paragraph 3: parse-error error {NOT_A_REPORT}"),
    "外部实体.docx": (
        xxe,
        ":1: parse-error error expected Word's own XML in word/document.xml: it declares a DOCTYPE",
    ),
}
"""Bad file → (its bytes, the end of its line in ``check``'s output after the file name)."""


def run(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=None if env is None else {**os.environ, **env},
    )


def content_with(tmp_path: Path, files: Mapping[str, bytes]) -> Path:
    """content/ with the seed in its year/region folder and the given files at the top."""
    content = tmp_path / "content"
    (content / "2022" / "130529").mkdir(parents=True)
    shutil.copy(SEED, content / "2022" / "130529" / "131001.txt")
    for name, data in files.items():
        (content / name).write_bytes(data)
    return content


def check(content: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """``budgetsite check content``'s lines; it exits 1 and never shows a traceback."""
    result = run("check", str(content), "--site-data", str(SITE_DATA), env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # The good report is still read: its own finding is there.
    assert f"{content / '2022/130529/131001.txt'}:98: cost-not-upper-bound warning" in "\n".join(
        lines
    )
    return lines


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_word_file_is_one_line_naming_it(tmp_path: Path, name: str) -> None:
    make, expected = CASES[name]
    content = content_with(tmp_path, {name: make()})
    shown = [line for line in check(content) if name in line]
    assert len(shown) == 1 and shown[0].startswith(f"{content / name}{expected}"), shown


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    assert PASSWD in Path("/etc/passwd").read_text("utf-8")
    content = content_with(tmp_path, {"外部实体.docx": xxe()})
    checked = run("check", str(content), "--site-data", str(SITE_DATA))
    parsed = run("parse", str(content / "外部实体.docx"), "--site-data", str(SITE_DATA))
    for result in (checked, parsed):
        assert result.returncode == 1
        assert PASSWD not in result.stdout + result.stderr
        assert "DOCTYPE" in result.stdout + result.stderr


def test_an_old_doc_named_docx_says_to_save_or_rename_it(tmp_path: Path) -> None:
    content = content_with(tmp_path, {"旧格式.docx": old_doc()})
    shown = [line for line in check(content) if "旧格式.docx" in line]
    assert shown == [
        f"{content / '旧格式.docx'}:1: parse-error error expected a .docx; this is an older "
        "Word .doc (or another OLE file) named .docx: save it as .docx, or name it .doc so "
        "that LibreOffice converts it"
    ]


def test_a_docx_named_doc_is_converted_and_read(tmp_path: Path) -> None:
    soffice()  # the conversion is the point: skipped without LibreOffice, failed in CI
    content = content_with(tmp_path, {"通知.doc": docx(LETTER)})
    shown = [line for line in check(content) if "通知.doc" in line]
    # Read through LibreOffice: the letter's own last paragraph is named.
    expected = f"{content / '通知.doc'}: paragraph 3: parse-error error {NOT_A_REPORT}"
    assert len(shown) == 1 and shown[0].startswith(expected), shown


def test_without_libreoffice_a_doc_says_what_to_install(tmp_path: Path) -> None:
    content = content_with(tmp_path, {"通知.doc": docx(LETTER)})
    # soffice is found on PATH (builder/engines/libreoffice.py): a PATH without it.
    no_soffice = {"PATH": str(tmp_path / "empty")}
    shown = [line for line in check(content, no_soffice) if "通知.doc" in line]
    assert len(shown) == 1
    assert shown[0].startswith(f"{content / '通知.doc'}:1: parse-error error expected LibreOffice")
    assert "apt-get install libreoffice-writer-nogui" in shown[0]
    parsed = run("parse", str(content / "通知.doc"), "--site-data", str(SITE_DATA), env=no_soffice)
    assert parsed.returncode == 1 and parsed.stdout == ""
    assert "libreoffice-writer-nogui" in parsed.stderr and "Traceback" not in parsed.stderr


def test_build_stops_on_bad_word_files_or_publishes_the_rest(tmp_path: Path) -> None:
    content = content_with(tmp_path, {name: make() for name, (make, _) in CASES.items()})
    site, work = tmp_path / "site", tmp_path / "work"
    options = ["--content", str(content), "--site-data", str(SITE_DATA)]
    options += ["--output", str(site), "--work", str(work)]

    stopped = run("build", *options)
    assert stopped.returncode == 1
    assert not site.exists()
    kept_going = run("build", *options, "--keep-going")
    assert kept_going.returncode == 0, kept_going.stderr
    for result in (stopped, kept_going):
        output = result.stdout + result.stderr
        assert "Traceback" not in output and PASSWD not in output
        for name, (_, expected) in CASES.items():
            # build prints ``file:place: error: message`` for check's ``place: rule error``.
            place, message = expected.split(" parse-error error ")
            assert f"{content / name}{place} error: {message}" in output, name
    assert (site / "projects" / SEED_PROJECT / "index.html").is_file()
    problems = (site / "problems" / "index.html").read_text("utf-8")
    assert all(name in problems for name in CASES)
    assert PASSWD not in problems


def replaced_in_body(data: bytes, old: str, new: str) -> bytes:
    """The package with the first ``old`` in word/document.xml replaced by ``new``."""

    def replace(xml: str) -> str:
        assert old in xml
        return xml.replace(old, new, 1)

    return with_parts(data, {DOCUMENT: replace})


def test_a_bad_amount_in_a_report_is_named_by_table_row_and_cell(tmp_path: Path) -> None:
    seed = "2022/130303/131001.txt"
    document = parse_document(decode((CONTENT / seed).read_bytes(), seed), seed)
    assert str(document.projects[0].budget_yuan) == "8000"  # 0.80 万元, its 预算数
    data = replaced_in_body(write_docx(document), ">0.80<", ">八千<")
    content = content_with(tmp_path, {"x.docx": data})
    shown = [line for line in check(content) if "x.docx" in line]
    assert shown == [
        f"{content / 'x.docx'}: table 1, row 3, cell 3: parse-error error expected an amount "
        "such as 143.00 for 预算数, found '八千'"
    ]
