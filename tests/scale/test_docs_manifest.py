"""The docs folder's manifest: unchanged files are not read back, anything else still is."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.contract.errors import EnvironmentFailure
from builder.contract.streamed import Streamed
from builder.incremental import docs_manifest, folder_sync
from builder.publish.build import build_site
from builder.write.docs import DocsFolder, write_docs
from tests.conftest import synthetic

PAST_NS = 1_000_000_000_000_000_000  # 2001: older than any manifest these tests write
FILES: dict[str, str | bytes] = {"a/index.md": "# 甲\n", "b.json": b"{}", "c/d/e.md": "# 丙\n"}


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read with Path.read_bytes from now on."""
    names: list[str] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        names.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    return names


def age(folder: Path) -> None:
    """Give every file an old modification time, as files written by an earlier build have."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(PAST_NS, PAST_NS))


def test_stored_content_is_loaded_only_when_the_folder_does_not_hold_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, manifest = tmp_path / "docs", tmp_path / "docs.manifest"
    folder_sync.sync_folder(FILES, docs, manifest)
    age(docs)
    folder_sync.sync_folder(FILES, docs, manifest)  # every stat recorded, older than it
    loaded: list[str] = []

    def stored(text: str) -> folder_sync.Stored:
        def load() -> str:
            loaded.append(text)
            return text

        return folder_sync.Stored(docs_manifest.digest(text.encode("utf-8")), load)

    read = reads(monkeypatch)
    same = {**FILES, "a/index.md": stored("# 甲\n")}
    assert folder_sync.sync_folder(same, docs, manifest).written == ()
    assert loaded == [] and [n for n in read if n != manifest.name] == []
    other = {**FILES, "a/index.md": stored("# 乙\n"), "new.md": stored("# 新\n")}
    assert folder_sync.sync_folder(other, docs, manifest).written == ("a/index.md", "new.md")
    assert loaded == ["# 乙\n", "# 新\n"]
    assert (docs / "a" / "index.md").read_text("utf-8") == "# 乙\n"


def assert_restored(docs: Path, manifest: Path) -> None:
    """A sync of FILES writes the page a/index.md, changed by hand, and only that, again."""
    synced = folder_sync.sync_folder(FILES, docs, manifest)
    assert synced.written == ("a/index.md",)
    assert (docs / "a" / "index.md").read_text("utf-8") == "# 甲\n"


def test_files_the_last_sync_left_are_not_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, manifest = tmp_path / "docs", tmp_path / "docs.manifest"
    folder_sync.sync_folder(FILES, docs, manifest)
    age(docs)  # a stat the manifest does not know: read and compared, then recorded
    again = folder_sync.sync_folder(FILES, docs, manifest)
    assert (again.written, again.removed) == ((), ())
    read = reads(monkeypatch)
    changed = {**FILES, "b.json": b"[]"}
    synced = folder_sync.sync_folder(changed, docs, manifest)
    assert (synced.written, synced.removed) == (("b.json",), ())
    assert [name for name in read if name != manifest.name] == ["b.json"]
    assert (docs / "b.json").read_bytes() == b"[]"
    # the same as without a manifest
    plain = tmp_path / "plain"
    folder_sync.sync_folder(FILES, plain)
    assert folder_sync.sync_folder(changed, plain) == synced


def test_a_file_changed_by_hand_is_written_again(tmp_path: Path) -> None:
    docs, manifest = tmp_path / "docs", tmp_path / "docs.manifest"
    folder_sync.sync_folder(FILES, docs, manifest)
    age(docs)
    folder_sync.sync_folder(FILES, docs, manifest)
    page = docs / "a" / "index.md"
    page.write_text("# 乙\n", encoding="utf-8")  # the same size, a new modification time
    assert_restored(docs, manifest)


def test_a_file_as_new_as_the_manifest_is_read(tmp_path: Path) -> None:
    # Changed by hand within the clock tick the manifest was written in, a file can keep its
    # recorded size and modification time: only a file older than the manifest is trusted.
    docs, manifest = tmp_path / "docs", tmp_path / "docs.manifest"
    folder_sync.sync_folder(FILES, docs, manifest)
    page = docs / "a" / "index.md"
    stat = page.stat()
    page.write_text("# 乙\n", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert_restored(docs, manifest)


def test_the_manifest_is_written_only_after_a_sync_succeeds(tmp_path: Path) -> None:
    docs, manifest = tmp_path / "docs", tmp_path / "docs.manifest"
    folder_sync.sync_folder(FILES, docs, manifest)
    assert set(docs_manifest.load(manifest).entries) == set(FILES)
    with pytest.raises(OSError):  # a page below a file: the folder cannot be made
        folder_sync.sync_folder({**FILES, "b.json/x.md": "# x\n"}, docs, manifest)
    assert not manifest.exists()
    assert docs_manifest.load(manifest) == docs_manifest.Manifest()
    manifest.write_bytes(b"not marshal")
    assert docs_manifest.load(manifest) == docs_manifest.Manifest()


def test_a_rebuild_restores_a_docs_page_changed_by_hand(tmp_path: Path) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 2, 2)
    built = build_site(content, site, site_data=site_data, work=work)
    age(work / "docs")
    files = {
        name: (work / "docs" / name).read_bytes() for name in built.files if name.endswith(".md")
    }
    write_docs(files, work / "docs")  # every stat recorded, older than the manifest
    doc = corpus.documents[0]
    page = work / "docs" / "projects" / doc.projects[0].code / "index.md"
    page.write_text("# 手改\n", encoding="utf-8")
    synced = write_docs(files, work / "docs")
    assert synced.written == (f"projects/{doc.projects[0].code}/index.md",)
    assert page.read_bytes() == files[synced.written[0]]


def test_streamed_content_is_written_in_parts_and_only_when_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, manifest = tmp_path / "docs", tmp_path / "docs.manifest"

    def streamed(*parts: str) -> Streamed:
        return Streamed(iter(parts))

    def files(*parts: str) -> dict[str, folder_sync.Content]:
        return {**FILES, "q/findings.csv": streamed(*parts)}

    csv = docs / "q" / "findings.csv"
    assert "q/findings.csv" in folder_sync.sync_folder(files("甲,1\r\n", "乙,2\r\n"), docs).written
    assert csv.read_bytes().decode() == "甲,1\r\n乙,2\r\n"
    age(docs)
    kept = csv.stat()
    for known in (None, manifest):  # compared by content; the stat recorded
        synced = folder_sync.sync_folder(files("甲,1\r\n乙", ",2\r\n"), docs, known)
        assert synced.written == () and csv.stat().st_ino == kept.st_ino
    with monkeypatch.context() as patched:  # now known by the manifest: not read back
        patched.setattr(folder_sync, "_same_bytes", lambda *paths: pytest.fail("read back"))
        synced = folder_sync.sync_folder(files("甲,1\r\n乙", ",2\r\n"), docs, manifest)
        assert synced.written == () and csv.stat().st_ino == kept.st_ino
    assert docs_manifest.load(manifest).entries["q/findings.csv"][0] == docs_manifest.digest(
        csv.read_bytes()
    )
    synced = folder_sync.sync_folder(files("甲,1\r\n", "丙,3\r\n"), docs, manifest)
    assert synced.written == ("q/findings.csv",)
    assert csv.read_bytes().decode() == "甲,1\r\n丙,3\r\n"
    assert sorted(p.name for p in csv.parent.iterdir()) == ["findings.csv"]

    def failing() -> Iterator[str]:
        yield "丁,4\r\n"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        folder_sync.sync_folder({"q/findings.csv": Streamed(failing())}, docs)
    assert csv.read_bytes().decode() == "甲,1\r\n丙,3\r\n"  # the old file, no part left beside it
    assert sorted(p.name for p in csv.parent.iterdir()) == ["findings.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "docs.manifest"]
    # A part an older build left in the folder when it was killed is removed like any file.
    (csv.parent / ".findings.csv.part").write_bytes(b"half")
    synced = folder_sync.sync_folder(files("甲,1\r\n", "丙,3\r\n"), docs, manifest)
    assert synced.removed == ("q/.findings.csv.part",)
    # the same size as the file it replaces, compared by its bytes (filecmp's cache would not)
    synced = folder_sync.sync_folder(files("甲,1\r\n", "丁,4\r\n"), docs)
    assert synced.written == ("q/findings.csv",)
    assert csv.read_bytes().decode() == "甲,1\r\n丁,4\r\n"


def test_a_docs_folder_refused_for_a_link_keeps_its_manifest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_docs({"index.md": "# 首页\n", "a/page.md": "# 页\n"}, docs)
    manifest = docs.with_name("docs.manifest")
    kept = manifest.read_bytes()
    (docs / "a" / "out").symlink_to(tmp_path)
    with pytest.raises(EnvironmentFailure, match="expected no symbolic link in the docs folder"):
        DocsFolder(docs)
    assert manifest.read_bytes() == kept  # the next build still trusts the unchanged files
    (docs / "a" / "out").unlink()
    synced = write_docs({"index.md": "# 首页\n", "a/page.md": "# 页\n"}, docs)
    assert synced.written == ()
