"""Reports named as they came, anywhere under content/: identity from the document itself.

A file in ``content/<year>/<region>/`` is checked against its codes whatever its name,
and one outside that layout keeps the addresses its codes give.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.parse import decode, parse_document
from builder.publish.build import build_site
from tests.conftest import CONTENT, ROOT, SITE_DATA
from tests.site.building import built_once
from tests.support.docx_writer import write_docx

SEED = "2022/130303/131001.txt"
"""山海关区政协办公室, 2022: its first project is 13030322P00397010024Q, its code on line 49."""
NAME = "政协办公室2022年部门绩效目标"
FIRST = "13030322P00397010024Q"


def check(content: Path) -> list[str]:
    """The errors ``budgetsite check content`` prints; it exits 1, never with a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "check", str(content), "--site-data", str(SITE_DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if " error " in line]


def seed_docx() -> bytes:
    """The seed as the Word file it came as."""
    data = (CONTENT / SEED).read_bytes()
    return write_docx(parse_document(decode(data, SEED), SEED))


@pytest.mark.parametrize(
    ("suffix", "located"), [(".txt", ":49:"), (".docx", ": table 1, row 2, cell 2:")]
)
def test_a_folder_whose_year_or_region_disagrees_is_an_error_whatever_the_name(
    tmp_path: Path, suffix: str, located: str
) -> None:
    content = tmp_path / "content"
    data = (CONTENT / SEED).read_bytes() if suffix == ".txt" else seed_docx()
    for folder in ("2021/130303", "2022/130529"):
        (content / folder).mkdir(parents=True)
        (content / folder / f"{NAME}{suffix}").write_bytes(data)
    errors = check(content)
    assert (
        f"{content}/2021/130303/{NAME}{suffix}{located} parse-error error expected project "
        f"codes of year 2021 (from the file's folder), found none: {FIRST} is year 2022" in errors
    )
    assert (
        f"{content}/2022/130529/{NAME}{suffix}{located} parse-error error expected project "
        f"codes of region 130529 (from the file's folder), found none: {FIRST} is region 130303"
        in errors
    )
    assert len(errors) == 2, errors  # held back, so neither is also a second report of the unit


def test_a_docx_named_as_it_came_in_an_inbox_gets_the_addresses_of_its_codes(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / SEED).unlink()  # the seed comes as Word instead, in no year/region folder
    inbox = content / "收件箱" / "第二批"
    inbox.mkdir(parents=True)
    (inbox / f"{NAME}.docx").write_bytes(seed_docx())

    built = build_site(content, tmp_path / "site", site_data=SITE_DATA, work=tmp_path / "work")
    assert built.problems == ()
    (doc,) = (d for d in built.documents if d.source.endswith(".docx"))
    assert doc.source == f"收件箱/第二批/{NAME}.docx"
    assert (doc.year, doc.region.code, doc.unit.code) == (2022, "130303", "131001")
    assert doc.projects[0].code == FIRST and len(doc.projects) == 5
    for project in doc.projects:
        assert (tmp_path / "site" / "projects" / project.code / "index.html").is_file()
    # Every page of the shipped site is at the same address, and there is no other.
    shipped = built_once()
    assert sorted(n for n in built.files if n.endswith(".md")) == sorted(
        n for n in shipped.files if n.endswith(".md")
    )
