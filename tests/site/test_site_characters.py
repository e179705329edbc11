"""Characters a page cannot carry or a reader cannot see: noncharacters, controls, bidi
overrides, zero-width characters. Each is shown as [U+XXXX], warned about at its line, and
never breaks a page's metadata, the workbook, or the escaping of the text around it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from builder.cli import main
from builder.publish.build import Built, build_site
from tests.conftest import CONTENT, SITE_DATA
from tests.site.html_tree import load

SEED = "2022/130529/131001.txt"
PROJECT = "projects/13052922P00584010141N/"
UNIT_LINE = "\t131001中国"
SCRIPT = "<img src=x onerror=alert(document.domain)>"


def hostile_seed() -> str:
    text = (CONTENT / SEED).read_text(encoding="utf-8")
    assert UNIT_LINE in text and "\t专项运转保障经费" in text
    # U+FFFF once broke the page's YAML front matter, and the breadcrumb then ran the script.
    text = text.replace(UNIT_LINE, f"\t131001{SCRIPT}\uffff中国", 1)
    text = text.replace("\t专项运转保障经费", "\t专项\u202e运转\u200b\ufffe\x85保障经费", 1)
    return text


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("characters")
    (root / "content" / SEED).parent.mkdir(parents=True)
    (root / "content" / SEED).write_text(hostile_seed(), encoding="utf-8")
    return build_site(root / "content", root / "site", site_data=SITE_DATA, work=root / "work")


def test_each_line_with_such_characters_gets_a_warning_naming_them(built: Built) -> None:
    messages = [str(p) for p in built.problems]
    assert f"{SEED}:34: warning: noncharacters shown on the site as [U+FFFF]" in messages
    assert any(
        m.startswith(f"{SEED}:")
        and m.endswith(
            "control characters, noncharacters, bidirectional controls, zero-width "
            "characters shown on the site as [U+0085] [U+200B] [U+202E] [U+FFFE]"
        )
        for m in messages
    ), messages


def test_the_breadcrumb_and_title_stay_text(built: Built) -> None:
    html = (built.site_dir / PROJECT / "index.html").read_text(encoding="utf-8")
    page = load(built.site_dir / PROJECT / "index.html")
    assert page.find_all("img") == []  # the payload is text, in the breadcrumb too
    crumbs = page.find("nav", **{"class": "bs-crumbs"}).text()
    assert f"{SCRIPT}[U+FFFF]中国人民政治协商会议巨鹿县委员会办公室" in crumbs
    assert "专项[U+202E]运转[U+200B][U+FFFE][U+0085]保障经费" in page.find("title").text()
    assert (
        "\uffff" not in html and "\u202e" not in html and "---" not in page.find("article").text()
    )


def test_the_workbook_reads_back(built: Built) -> None:
    book = openpyxl.load_workbook(built.site_dir / "data/budget-goals.xlsx", read_only=True)
    names = [row[1] for row in book["项目"].iter_rows(min_row=2, values_only=True)]
    assert any("[U+202E]" in str(name) for name in names), names


def test_json_keeps_the_text_exactly(built: Built) -> None:
    data = json.loads((built.site_dir / "projects/13052922P00584010141N.json").read_text("utf-8"))
    assert data["name"] == "专项\u202e运转\u200b\ufffe\x85保障经费"


def test_check_names_the_characters_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / SEED).parent.mkdir(parents=True)
    (tmp_path / SEED).write_text(hostile_seed(), encoding="utf-8")
    main(["check", str(tmp_path), "--site-data", str(SITE_DATA)])
    out = capsys.readouterr().out
    assert "noncharacters shown on the site as [U+FFFF]" in out


def test_a_zero_width_character_never_reaches_a_project_code(tmp_path: Path) -> None:
    text = (CONTENT / SEED).read_text(encoding="utf-8")
    text = text.replace("\t13052922P00584010141N", "\t13052922P0058401\u200b0141N", 1)
    (tmp_path / "content" / SEED).parent.mkdir(parents=True)
    (tmp_path / "content" / SEED).write_text(text, encoding="utf-8")
    other = "2022/130303/131001.txt"  # a good report beside it, which --keep-going publishes
    (tmp_path / "content" / other).parent.mkdir(parents=True)
    (tmp_path / "content" / other).write_bytes((CONTENT / other).read_bytes())
    built = build_site(
        tmp_path / "content",
        tmp_path / "site",
        site_data=SITE_DATA,
        work=tmp_path / "work",
        keep_going=True,
    )
    assert any("项目编码" in str(p) and "error" in str(p) for p in built.problems)
    assert not (tmp_path / "site" / PROJECT).exists()
