"""``budgetsite build`` with broken input: every problem at once, old site kept or --keep-going."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from builder.contract.errors import EnvironmentFailure
from builder.contract.problems import Problem
from builder.render.problems import render_problems
from builder.write.docs import inside, write_docs
from tests.conftest import CONTENT, FIXTURES, ROOT, SITE_DATA
from tests.site.html_tree import Node, load
from tests.site.html_tree import parse as load_html

BROKEN = FIXTURES / "broken"
CASES = ("binary", "duplicate-code", "truncated", "control-characters", "year-in-path")


def content_with_broken_files(root: Path) -> Path:
    """The shipped content plus a few broken cases, as content/ under ``root``."""
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for case in CASES:
        shutil.copytree(BROKEN / case, content, dirs_exist_ok=True)
    return content


def build(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder.cli", "build", "--site-data", str(SITE_DATA)]
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


EXPECTED_STDERR = [
    "content/2021/130529/900009.txt:38: error: expected project codes of year 2021",
    "content/2022/130529/900002.txt:1: error: expected the text of a report, found a NUL byte",
    "content/2022/130529/900003.txt:59: error: expected the spending plan values",
    "content/2022/130529/900006.txt:38: error: expected each 项目编码 in one file only; "
    "13052922FIX0000000006 is also in 1 later file, left off the site: "
    "2022/130529/900007.txt:38",
    "content/2022/130529/900010.txt:51: warning: control characters shown on the site",
]


def test_errors_stop_the_build_and_leave_the_old_site(tmp_path: Path) -> None:
    content_with_broken_files(tmp_path)
    old = tmp_path / "site"
    old.mkdir()
    (old / "index.html").write_text("the site as it was", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert [line[: len(want)] for line, want in zip(lines, EXPECTED_STDERR, strict=False)] == (
        EXPECTED_STDERR
    )
    assert lines[-1] == (
        "budgetsite: 4 error(s) in the input; nothing was published; site was left as it was"
    )
    # Only the parse cache was written (build/cache: the files that did parse), no pages;
    # and the build's locks (builder/write/lock.py), beside the site and in build/.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "build", "content", "site"]
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == [".build.lock", "cache"]
    assert [p.name for p in old.iterdir()] == ["index.html"]
    assert (old / "index.html").read_text(encoding="utf-8") == "the site as it was"


def test_keep_going_publishes_the_rest_and_lists_the_failed_files(tmp_path: Path) -> None:
    content_with_broken_files(tmp_path)
    result = build(tmp_path, "--keep-going")
    assert result.returncode == 0, result.stderr
    reported = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert [line[: len(want)] for line, want in zip(reported, EXPECTED_STDERR, strict=True)] == (
        EXPECTED_STDERR
    )
    site = tmp_path / "site"
    for unit in ("2022/130529/131001", "2021/130303/101001", "2022/130529/900006"):
        assert (site / unit / "index.html").is_file(), unit  # shipped and good files published
    for held_back in ("2022/130529/900002", "2022/130529/900003", "2022/130529/900007"):
        assert not (site / held_back).exists(), held_back
    assert not (site / "2021/130529/900009").exists()
    text = load(site / "problems/index.html").find("article").text()
    for source in (
        "2021/130529/900009.txt",
        "2022/130529/900002.txt",
        "2022/130529/900003.txt",
        "2022/130529/900007.txt",
    ):
        assert source in text
    assert "[U+0007] [U+000B]" in text.split("警告")[-1]  # the warning, on a published file
    assert "未能发布的文件" in text and "以下 4 个文件有错误" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "build", "content", "site"]


def test_a_failing_mkdocs_build_leaves_the_old_site(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content/pages/broken-link.md").write_text("[x](missing.md)\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site/keep.txt").write_text("old", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode == 1
    assert "expected a clean MkDocs build" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["keep.txt"]
    assert not (tmp_path / ".site.new").exists()


def test_a_successful_build_replaces_the_old_site(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "site").mkdir()
    (tmp_path / "site/stale.html").write_text("old", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site/stale.html").exists()
    assert (tmp_path / "site/index.html").is_file()
    assert not (tmp_path / "site/problems").exists()  # no problems, no page
    # the replaced site stays beside it, a one-step rollback, until the next build
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".site.lock",
        ".site.old",
        "build",
        "content",
        "site",
    ]
    assert [p.name for p in (tmp_path / ".site.old").iterdir()] == ["stale.html"]


def test_page_paths_cannot_leave_the_docs_folder(tmp_path: Path) -> None:
    for name in ("../x.md", "/etc/x.md", "a/../../x.md", "..\\x.md", "", "a/./../../x"):
        assert not inside(name), name
    assert inside("projects/13030322P00397010024Q/index.md")


def test_a_link_in_the_docs_folder_stops_the_write(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "projects").mkdir(parents=True)
    outside.mkdir()
    (docs / "projects" / "X").symlink_to(outside, target_is_directory=True)
    with pytest.raises(EnvironmentFailure, match="expected no symbolic link in the docs folder"):
        write_docs({"projects/X/index.md": "# escaped\n"}, docs)
    assert list(outside.iterdir()) == []


def test_problem_messages_are_text_on_the_page() -> None:
    hostile = Problem("2022/130529/x.txt", 3, "error", "found '<script>alert(1)</script> | *x*'")
    page = render_problems([hostile])
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables"])
    row = load_html(html).find("tbody").find("tr")
    assert [cell.text() for cell in row.children if isinstance(cell, Node)] == [
        "2022/130529/x.txt",
        "第 3 行",
        "found '<script>alert(1)</script> | *x*'",
    ]
    assert "<script>" not in html and "<em>" not in html


def test_a_word_file_problem_shows_its_table_cell_in_chinese() -> None:
    problem = Problem("政协.docx", 1, "error", "expected an amount").at("table 2, row 5, cell 3")
    html = markdown.markdown(render_problems([problem]).split("---\n", 2)[2], extensions=["tables"])
    row = load_html(html).find("tbody").find("tr")
    cells = [cell.text() for cell in row.children if isinstance(cell, Node)]
    assert cells[1] == "第 2 个表格第 5 行第 3 格"


def test_a_pdf_problem_shows_its_page_and_row_in_chinese() -> None:
    at_row = Problem("政协.pdf", 1, "error", "expected an amount").at("page 3, table 2, row 5")
    on_page = Problem("政协.pdf", 1, "error", "expected a title").at("page 4")
    html = markdown.markdown(
        render_problems([at_row, on_page]).split("---\n", 2)[2], extensions=["tables"]
    )
    rows = [
        [cell.text() for cell in row.children if isinstance(cell, Node)]
        for row in load_html(html).find("tbody").children
        if isinstance(row, Node)
    ]
    assert sorted(row[1] for row in rows) == ["第 3 页第 2 个表格第 5 行", "第 4 页"]
