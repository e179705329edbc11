"""The split build: parts built separately (by year, by region) and merged under one root."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from builder.cli import main
from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.publish.build import Built, build_site
from builder.publish.merge import merge_site, part_documents
from builder.publish.split import Part, parse_part
from tests.conftest import CONTENT, SITE_DATA, site_files
from tests.site.site_search import site_search
from tests.site.test_site_links import broken_links

SPLITS = {
    "year": [Part("year", "2021"), Part("year", "2022")],
    "region": [Part("region", "130303"), Part("region", "130529")],
}


def build_part(part: Part, root: Path) -> Path:
    """Build one part as its own job would: its own output and work folders."""
    out = root / f"part-{part.key}-{part.value}"
    build_site(CONTENT, out / "site", site_data=SITE_DATA, work=out / "work", only=part)
    return out / "site"


@pytest.fixture(scope="module", params=sorted(SPLITS))
def merged(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp(f"split-{request.param}")
    parts = [build_part(part, root) for part in SPLITS[request.param]]
    return merge_site(
        parts, root / "site", content=CONTENT, site_data=SITE_DATA, work=root / "merge-work"
    )


def test_merged_site_is_the_site_built_in_one_go(merged: Built, built: Built) -> None:
    split, whole = site_files(merged.site_dir), site_files(built.site_dir)
    assert sorted(split) == sorted(whole)
    assert [name for name in whole if split[name] != whole[name]] == []
    assert len(merged.documents) == len(built.documents) == 5


def test_merged_site_has_no_broken_link(merged: Built) -> None:
    checked, broken = broken_links(merged.site_dir)
    assert checked > 1000
    assert broken == []


@pytest.mark.browser
def test_search_over_the_merged_site_finds_pages_of_every_part(
    browser: Browser, merged: Built
) -> None:
    insurance = {
        f"projects/{p.code}/"
        for d in merged.documents
        for p in d.projects
        if p.name == "车辆保险费"
    }
    years = {d.year for d in merged.documents for p in d.projects if p.name == "车辆保险费"}
    assert years == {2021, 2022}
    with site_search(browser, merged.site_dir) as engine:
        assert {h.location for h in engine.search("车辆保险")[:4]} == insurance
        top = {h.location for h in engine.search("政协")[:5]}
        assert {"2022/130303/131001/", "2022/130529/131001/"} <= top
        assert engine.search("13030321EDVATPNRXMPQI")[0].location == (
            "projects/13030321EDVATPNRXMPQI/"
        )


def test_a_part_holds_only_its_reports_but_names_every_year(tmp_path: Path) -> None:
    site = build_part(Part("year", "2022"), tmp_path)
    assert (site / "2022" / "130529" / "131001" / "index.html").is_file()
    assert not (site / "2021").exists()  # built by the other part
    unit_page = (site / "2022" / "130303" / "131001" / "index.html").read_text("utf-8")
    assert 'href="../../../2021/"' in unit_page  # the navigation's link to the other year


def test_a_report_in_two_parts_is_an_error(tmp_path: Path) -> None:
    site = build_part(Part("region", "130529"), tmp_path)
    twin = tmp_path / "twin"
    shutil.copytree(site, twin)
    with pytest.raises(ReportError, match="expected each report in one part only; 2022/130529/"):
        merge_site(
            [site, twin], tmp_path / "site", content=CONTENT, site_data=SITE_DATA, work=tmp_path
        )


def test_merge_needs_built_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", str(tmp_path), "--output", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}/data/all.json:1: expected a part built with" in err
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "all.json").write_text('[{"year": "soon"}]', encoding="utf-8")
    assert main(["merge", str(tmp_path), "--output", str(tmp_path / "site")]) == 1
    assert "all.json:1: expected a list of Documents" in capsys.readouterr().err


def test_a_parts_reports_are_read_one_at_a_time_as_the_whole_list_reads(tmp_path: Path) -> None:
    site = build_part(Part("year", "2022"), tmp_path)
    path = site / "data" / "all.json"
    whole = [Document.model_validate(item) for item in json.loads(path.read_bytes())]
    assert len(whole) > 1 and part_documents(site) == whole
    compact_list = tmp_path / "compact" / "data" / "all.json"
    compact_list.parent.mkdir(parents=True)
    compact_list.write_text(json.dumps(json.loads(path.read_bytes())), encoding="utf-8")
    assert part_documents(compact_list.parent.parent) == whole  # not as the build writes it
    text = path.read_text("utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")  # a copy cut short
    with pytest.raises(ReportError, match=r"all\.json:1: expected a list of Documents"):
        part_documents(site)


@pytest.mark.parametrize("text", ["year=22", "region=1303", "unit=131001", "2022"])
def test_only_names_a_year_or_a_region(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="expected year=<4 digits> or region=<6 digits>"):
        parse_part(text)
    with pytest.raises(SystemExit) as exited:
        main(["build", "--only", text])
    assert exited.value.code == 2
    assert "expected year=<4 digits>" in capsys.readouterr().err


def test_a_part_with_no_reports_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="expected reports of part year=1999, found none"):
        build_part(Part("year", "1999"), tmp_path)


@pytest.fixture
def stray_content(tmp_path: Path) -> Iterator[Path]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "extra").mkdir()
    (content / "2021" / "130303" / "101001.txt").rename(content / "extra" / "101001.txt")
    yield content


def test_a_split_build_needs_the_content_layout(stray_content: Path, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"extra/101001.txt:1: expected content/<year>/"):
        build_site(stray_content, tmp_path / "site", site_data=SITE_DATA, only=Part("year", "2021"))


def test_a_part_lists_the_findings_of_its_own_reports(tmp_path: Path, built: Built) -> None:
    """The rules look at every report, so a part finds what the whole build finds about its
    reports; it lists only those, not the other parts'."""

    def rows(site: Path) -> list[str]:
        text = (site / "quality" / "findings.csv").read_text(encoding="utf-8-sig")
        return text.splitlines()[1:]

    site = build_part(Part("year", "2022"), tmp_path)
    whole = rows(built.site_dir)
    assert {row[:5] for row in whole} == {"2021/", "2022/"}
    assert rows(site) == [row for row in whole if row.startswith("2022/")]
    summary = (site / "quality" / "index.html").read_text(encoding="utf-8")
    assert f"共发现 {len(rows(site))} 条问题" in summary
