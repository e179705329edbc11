"""The same input gives the same Markdown, byte for byte; renderers touch no disk."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from builder.contract.errors import ReportError
from builder.downloads.sheets.workbook import stamp_from_env
from builder.intake.content import read_content
from builder.intake.hand_pages import load_hand_pages
from builder.intake.site_data import load_regions, load_settings
from builder.publish.build import Built
from builder.render.site import render_site
from tests.conftest import CONTENT, SITE_DATA, site_files
from tests.site.building import build_into
from tests.support.reading import load_content


def test_building_twice_gives_the_same_docs_and_pages(built: Built, tmp_path: Path) -> None:
    again = build_into(tmp_path)
    first, second = site_files(built.docs_dir), site_files(again.docs_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    html_first = {k: v for k, v in site_files(built.site_dir).items() if k.endswith(".html")}
    html_second = {k: v for k, v in site_files(again.site_dir).items() if k.endswith(".html")}
    assert [k for k in html_first if html_first[k] != html_second.get(k)] == []


def test_render_does_not_depend_on_input_order(built: Built) -> None:
    docs = load_content(CONTENT, load_regions(SITE_DATA))
    settings, pages = load_settings(SITE_DATA), load_hand_pages(CONTENT)
    stamp = stamp_from_env(os.environ)  # as the build dates the workbook
    forward = render_site(docs, settings, pages, stamp=stamp)
    backward = render_site(list(reversed(docs)), settings, pages, stamp=stamp)
    assert forward == backward
    assert tuple(forward) == built.files  # the build's docs are those files
    written = site_files(built.docs_dir)
    for name, text in forward.items():
        if name.endswith(".md"):
            assert written[name] == (text.encode() if isinstance(text, str) else text), name
    assert list(forward) == sorted(forward)


def test_a_region_without_a_name_keeps_its_reports_off_the_site() -> None:
    intake = read_content(CONTENT, {"130303": "山海关区"})  # 巨鹿县 (130529) left out
    assert [str(p) for p in intake.errors] == [
        "2022/130529/131001.txt:1: error: expected a name for region 130529 in "
        "site_data/regions.toml"
    ]
    assert "2022/130529/131001.txt" not in [d.source for d in intake.documents]


EPOCH = "1704153600"  # 2024-01-02 00:00:00 UTC, far from any day the tests run


def test_two_builds_with_source_date_epoch_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build_into(tmp_path / "one")
    second = build_into(tmp_path / "two")
    one, two = site_files(first.site_dir), site_files(second.site_dir)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    # No sitemap without site.toml's url; the one date a build writes is the workbook's.
    assert not [name for name in one if name.startswith("sitemap")]
    with zipfile.ZipFile(io.BytesIO(one["data/budget-goals.xlsx"])) as packed:
        stamped = {info.date_time for info in packed.infolist()}
    assert stamped == {time.gmtime(int(EPOCH))[:6]}
    assert str(tmp_path) not in "".join(v.decode("utf-8", "replace") for v in one.values())


def test_a_bad_source_date_epoch_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2024-01-02")
    with pytest.raises(ReportError, match=r"^SOURCE_DATE_EPOCH:1: expected whole seconds"):
        build_into(tmp_path)
    assert not (tmp_path / "site").exists()
