"""A report file over site.toml's max_report_mb is an error for that file alone, and is
never read into memory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.cli import main
from builder.contract.errors import ReportError
from builder.contract.settings import Settings
from builder.intake.site_data import load_settings
from builder.publish.build import build_site
from tests.conftest import CONTENT, SITE_DATA

BIG = "2022/130529/900001.txt"


def setup(tmp_path: Path, limit_mb: int) -> tuple[Path, Path]:
    content, site_data = tmp_path / "content", tmp_path / "site_data"
    shutil.copytree(CONTENT, content)
    shutil.copytree(SITE_DATA, site_data)
    toml = site_data / "site.toml"
    settings = toml.read_text(encoding="utf-8")
    assert "\nmax_report_mb = 20\n" in settings
    toml.write_text(settings.replace("\nmax_report_mb = 20\n", f"\nmax_report_mb = {limit_mb}\n"))
    seed = (CONTENT / "2022/130529/131001.txt").read_text(encoding="utf-8")
    # A real report padded past the limit with a long last paragraph of part one.
    padded = seed.replace("三、工作保障措施", "三、工作保障措施\n" + "很长的说明。" * 200_000, 1)
    (content / BIG).write_text(padded, encoding="utf-8")
    assert (content / BIG).stat().st_size > limit_mb * 2**20
    return content, site_data


def test_the_default_limit_is_20_mb() -> None:
    assert Settings().max_report_bytes == 20 * 2**20


def test_a_file_over_the_limit_is_an_error_and_the_others_are_published(tmp_path: Path) -> None:
    content, site_data = setup(tmp_path, 3)
    built = build_site(
        content, tmp_path / "site", site_data=site_data, work=tmp_path / "work", keep_going=True
    )
    assert [str(p) for p in built.problems if p.source == BIG] == [
        f"{BIG}:1: error: expected a report of at most 3 MB (site.toml max_report_mb); found 3.4 MB"
    ]
    assert len(built.documents) == 5


def test_check_reports_it_the_same_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, site_data = setup(tmp_path, 3)
    assert main(["check", str(content), "--site-data", str(site_data)]) == 1
    assert "expected a report of at most 3 MB (site.toml max_report_mb)" in capsys.readouterr().out


def test_a_limit_of_zero_is_a_settings_error(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text("max_report_mb = 0\n", encoding="utf-8")
    with pytest.raises(ReportError, match="max_report_mb"):
        load_settings(tmp_path)
