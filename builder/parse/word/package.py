"""Opening a .docx package: its parts as XML, or a ReportError saying what the file really is.

A file named .docx may be an older .doc, an encrypted package (both OLE files), an Excel
or PowerPoint package, a damaged zip or a zip bomb; each is told apart here, in words a
clerk can act on.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from builder.contract.errors import ReportError

_MAX_PART = 256 * 1024 * 1024
"""The largest part read: a report is well under 10 MB unpacked; a zip bomb is not read."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_MAIN = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class Package:
    """A Word package's parts, read on demand."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        self.zip = _open(data, source)

    def main(self) -> etree._Element:
        """The main document part (word/document.xml, or where _rels/.rels points)."""
        root = self.part(_main_part(self))
        if etree.QName(root).localname != "document":
            raise _not_word(self)
        return root

    def optional(self, name: str) -> etree._Element | None:
        """A part that may be absent, such as word/numbering.xml."""
        try:
            self.zip.getinfo(name)
        except KeyError:
            return None
        return self.part(name)

    def part(self, name: str) -> etree._Element:
        source = self.source
        try:
            info = self.zip.getinfo(name)
            if info.file_size > _MAX_PART:
                raise ReportError(
                    source,
                    1,
                    f"expected {name} of at most {_MAX_PART // 2**20} MB unpacked; "
                    f"it is {info.file_size // 2**20} MB",
                )
            if info.flag_bits & 0x1:
                raise ReportError(source, 1, "expected a .docx without a password: it is encrypted")
            root = etree.fromstring(self.zip.read(info), _PARSER)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ReportError(
                source, 1, f"expected a readable .docx: {name} is damaged ({exc})"
            ) from None
        except etree.XMLSyntaxError as exc:
            raise ReportError(source, 1, f"expected well-formed XML in {name}: {exc}") from None
        if root.getroottree().docinfo.internalDTD is not None:  # any <!DOCTYPE …>
            # Office Open XML packages may not hold DTDs (ECMA-376 part 2); Word never writes one.
            # An entity in one is how a crafted file would pull another file into the text.
            raise ReportError(
                source,
                1,
                f"expected Word's own XML in {name}: it declares a DOCTYPE, which Word never "
                "writes; its entities are not read",
            )
        return root


def _open(data: bytes, source: str) -> zipfile.ZipFile:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReportError(
                source,
                1,
                "expected a .docx without a password: this one is encrypted; remove the "
                "password in Word (文件 → 信息 → 保护文档) and save again",
            )
        raise ReportError(
            source,
            1,
            "expected a .docx; this is an older Word .doc (or another OLE file) named .docx: "
            "save it as .docx, or name it .doc so that LibreOffice converts it",
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        pass
    if not data:
        raise ReportError(source, 1, "expected a .docx; the file is empty")
    if data.startswith(b"PK"):
        raise ReportError(
            source,
            1,
            "expected a whole .docx: the zip package is damaged or cut short; "
            "copy the file again or save it again in Word",
        )
    raise ReportError(
        source, 1, "expected a .docx (a zip package); this file is not one, nor a Word .doc"
    )


def _main_part(package: Package) -> str:
    names = set(package.zip.namelist())
    rels = package.optional("_rels/.rels")
    if rels is not None:
        for rel in rels:
            if rel.get("Type") in (_MAIN, _STRICT_MAIN):
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise _not_word(package)


def _not_word(package: Package) -> ReportError:
    """Why a zip package is not a Word document: another Office file, or no document part."""
    names = package.zip.namelist()
    source = package.source
    if "xl/workbook.xml" in names:
        return ReportError(source, 1, "expected a Word document; this is an Excel workbook")
    if any(n.startswith("ppt/") for n in names):
        return ReportError(source, 1, "expected a Word document; this is a PowerPoint file")
    return ReportError(source, 1, "expected a Word document: the package has no word/document.xml")
