"""site_data/: typed settings, and region names, with file:line errors for what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.contract.errors import EnvironmentFailure, ReportError
from builder.contract.settings import Settings
from builder.engines.mkdocs import OVERRIDES, theme_overrides
from builder.intake.site_data import load_regions, load_settings
from tests.conftest import SITE_DATA


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_shipped_settings_read_as_written() -> None:
    settings = load_settings(SITE_DATA)
    assert settings.publisher == "区县财政局" and settings.quality is True


def test_missing_settings_are_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('title = "x"\nquality = "false"\n', 2, "expected quality to be a bool"),
        ('title = "x"\n\npublisher = 3\n', 3, "expected publisher to be a str"),
        ('title = "x"\nqualty = false\n', 2, "expected one of the keys title, publisher"),
        ('title = "x"\n[extra]\nkey = 1\n', 2, "found 'extra'"),
        ('title = "x\n', 1, "expected TOML"),
    ],
    ids=["string for bool", "number for text", "misspelled key", "unknown table", "not TOML"],
)
def test_a_wrong_key_or_type_is_an_error_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    folder = write(tmp_path, "site.toml", text)
    with pytest.raises(ReportError) as raised:
        load_settings(folder)
    assert (raised.value.source, raised.value.line) == (str(folder / "site.toml"), line)
    assert message in raised.value.message, raised.value.message


def test_regions_outside_their_table_are_an_error(tmp_path: Path) -> None:
    folder = write(tmp_path, "regions.toml", '[region]\n"130303" = "山海关区"\n')
    with pytest.raises(
        ReportError, match=r"regions.toml:1: expected only the tables \[regions\] and \[parents\]"
    ):
        load_regions(folder)


def test_the_theme_overrides_ship_with_the_package_and_their_absence_is_an_error(
    tmp_path: Path,
) -> None:
    assert theme_overrides() == OVERRIDES
    assert (OVERRIDES / "main.html").is_file()
    with pytest.raises(EnvironmentFailure, match="expected the theme overrides"):
        theme_overrides(tmp_path / "missing")
