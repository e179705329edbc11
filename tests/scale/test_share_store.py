"""Each report's share of the downloads, kept between builds: read back whole or made again."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from builder.contract.model import Document
from builder.downloads import shares
from builder.incremental.share_store import SUFFIX, ShareStore
from builder.publish.build import CACHE, SHARES, build_site
from tests.conftest import site_files, synthetic
from tests.support.writer import write_report

SECTIONS = [b"[item]", b"\x00rows\xff", b""]


def made(calls: list[int]) -> Sequence[bytes]:
    calls.append(1)
    return SECTIONS


def test_a_kept_share_is_read_back_section_by_section(tmp_path: Path) -> None:
    calls: list[int] = []
    store = ShareStore(tmp_path)
    assert store.section("k", 1, lambda: made(calls)) == SECTIONS[1]
    again = ShareStore(tmp_path)
    assert [again.section("k", n, lambda: made(calls)) for n in range(3)] == SECTIONS
    assert len(calls) == 1


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data[:-3] + b"x" + data[-2:],  # a byte changed
        lambda data: b"",  # empty
        lambda data: data + b"more",  # longer than its sections
    ],
)
def test_a_spoilt_share_is_made_again(tmp_path: Path, spoil: object) -> None:
    calls: list[int] = []
    ShareStore(tmp_path).section("k", 0, lambda: made(calls))
    path = tmp_path / f"k{SUFFIX}"
    path.write_bytes(spoil(path.read_bytes()))  # type: ignore[operator]
    assert ShareStore(tmp_path).section("k", 1, lambda: made(calls)) == SECTIONS[1]
    assert len(calls) == 2
    assert ShareStore(tmp_path).section("k", 1, lambda: made(calls)) == SECTIONS[1]
    assert len(calls) == 2  # whole again


def test_only_the_shares_of_this_build_are_kept(tmp_path: Path) -> None:
    store = ShareStore(tmp_path)
    for key in ("a", "b", "c"):
        store.section(key, 0, lambda: SECTIONS)
    (tmp_path / f"d{SUFFIX}.tmp").write_bytes(b"half")  # what a stopped build left
    store.keep_only(["b"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"b{SUFFIX}"]


def test_a_rebuild_makes_only_the_changed_reports_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 6, 4)
    build_site(content, site, site_data=site_data, work=work)
    kept = sorted(p.name for p in (work / CACHE / SHARES).iterdir())
    assert len(kept) == 6
    edited = corpus.documents[2]
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    remade: list[str] = []
    real = shares.sections

    def counted(doc: Document) -> list[bytes]:
        remade.append(doc.source)
        return real(doc)

    monkeypatch.setattr(shares, "sections", counted)
    build_site(content, site, site_data=site_data, work=work)
    assert remade == [edited.source]
    now = sorted(p.name for p in (work / CACHE / SHARES).iterdir())
    assert len(now) == 6 and len(set(now) - set(kept)) == 1  # the old share is gone
    clean = tmp_path / "clean"
    build_site(content, clean / "site", site_data=site_data, work=clean / "work")
    assert site_files(site) == site_files(clean / "site")
