"""Every file under content/ is read or listed with its reason; links never leave content/."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from builder.incremental.folder_sync import Stored
from builder.intake.content import read_content
from builder.intake.files import listing, named, received
from tests.conftest import CONTENT

SEED = CONTENT / "2022/130529/131001.txt"


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text("# 关于\n", "utf-8")
    return content


def test_every_file_is_a_report_or_listed_with_a_reason(tmp_path: Path) -> None:
    content = _content(tmp_path)
    year = content / "2022" / "130529"
    year.mkdir(parents=True)
    shutil.copy(SEED, year / "131001.TXT")  # a suffix in capitals is still a report
    shutil.copy(SEED, content / "政协 办公室 2022.txt ")  # spaces, and one after the suffix
    (content / "~$协办公室.docx").write_bytes(b"\0" * 162)  # Word's lock file
    (content / ".DS_Store").write_bytes(b"x")
    (content / "草稿.docx.tmp").write_bytes(b"x")
    (content / "预算表.xlsx").write_bytes(b"x")
    (content / "pages" / "logo.png").write_bytes(b"x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0\n", "utf-8")
    (content / "passwd.txt").symlink_to(outside / "passwd.txt")
    (content / "elsewhere").symlink_to(outside)
    (content / "again").symlink_to(year)
    (content / ".git").mkdir()

    found = listing(content)
    assert [p.relative_to(content).as_posix() for p in found.reports] == [
        "2022/130529/131001.TXT",
        "政协 办公室 2022.txt ",
    ]
    reasons = {p.relative_to(content).as_posix(): why for p, why in found.skipped}
    assert set(reasons) == {
        "~$协办公室.docx",
        ".DS_Store",
        "草稿.docx.tmp",
        "预算表.xlsx",
        "pages/logo.png",
        "passwd.txt",
        "elsewhere",
        "again",
        ".git",
    }
    assert "Word lock file" in reasons["~$协办公室.docx"]
    assert "hidden" in reasons[".DS_Store"] and "hidden" in reasons[".git"]
    assert "temporary" in reasons["草稿.docx.tmp"]
    assert "expected one of .doc, .docx, .odt, .pdf, .rtf, .txt, .wps" in reasons["预算表.xlsx"]
    assert "hand-written .md pages" in reasons["pages/logo.png"]
    assert "leaves content/" in reasons["passwd.txt"] and "not followed" in reasons["passwd.txt"]
    assert "leaves content/" in reasons["elsewhere"]
    assert "folder" in reasons["again"]


def test_skipped_files_are_warnings_of_the_build(regions: dict[str, str], tmp_path: Path) -> None:
    content = _content(tmp_path)
    (content / "2022" / "130529").mkdir(parents=True)
    shutil.copy(SEED, content / "2022" / "130529" / "131001.txt")
    (content / "预算表.xlsx").write_bytes(b"x")
    (content / "passwd.txt").symlink_to("/etc/passwd")
    intake = read_content(content, regions)
    assert [d.source for d in intake.documents] == ["2022/130529/131001.txt"]
    shown = [str(p) for p in intake.problems]
    assert shown[0].startswith("passwd.txt:1: warning: skipped: a symbolic link that leaves")
    assert shown[1].startswith("预算表.xlsx:1: warning: skipped: not a report")
    assert all(p.rule_id == "file-skipped" for p in intake.problems)
    assert "root:" not in " ".join(shown)  # the link was not read


def test_a_file_given_by_path_is_read_whatever_its_name(tmp_path: Path) -> None:
    given = tmp_path / "report.TXT"
    shutil.copy(SEED, given)
    assert named([given]).files == [(given.as_posix(), given)]


def test_each_file_read_through_the_cache_is_known_by_the_hash_of_its_bytes(
    regions: dict[str, str], tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    first = read_content(content, regions, cache=tmp_path / "cache")
    again = read_content(content, regions, cache=tmp_path / "cache")  # from the index, unread
    hashed = {
        d.source: hashlib.sha256((content / d.source).read_bytes()).hexdigest()
        for d in first.documents
    }
    assert first.file_digests == again.file_digests == hashed
    edited = first.documents[0].source
    (content / edited).write_bytes((content / edited).read_bytes() + b"\n")
    later = read_content(content, regions, cache=tmp_path / "cache")
    assert later.file_digests[edited] == hashlib.sha256((content / edited).read_bytes()).hexdigest()
    sources = [
        (name, data) for name, data in received(content, later.documents, later.file_digests)
    ]
    assert all(isinstance(data, Stored) for _, data in sources)
    assert {name: data.read() for name, data in sources if isinstance(data, Stored)} == {
        name: data for name, data in received(content, later.documents)
    }
