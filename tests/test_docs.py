"""The docs cannot fall out of date: citations resolve, named modules exist, modules stay small."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDER = ROOT / "builder"
DESIGN = ROOT / "docs" / "DESIGN.md"
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"

CITED_SUFFIXES = (".py", ".js", ".css", ".html")
CITATION = re.compile(r"DESIGN\.md\s*§\s*(\d+)")
HEADING = re.compile(r"^## (\d+)\.", re.MULTILINE)

MODULE_PATH = re.compile(r"(?<![\w/.])((?:builder|tests)/[\w/]*\w\.py)\b")
"""A module named by its path from the repository root, in backticks or not."""
GROUP_BULLET = re.compile(r"^- `((?:builder|tests)/[\w/]+/)`")
"""A module group's bullet: its bare module names (`table.py`) are relative to the folder."""
BARE_MODULE = re.compile(r"`([\w/]+\.py)`")

MAX_MODULES = 12
MAX_LINES = 320
MAX_SUMMARY = 100


def builder_modules() -> list[Path]:
    """Every .py file under builder/, sorted, caches left out."""
    return sorted(p for p in BUILDER.rglob("*.py") if "__pycache__" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_design_citations_resolve() -> None:
    """Every "DESIGN.md §N" under builder/ names a section `## N.` of docs/DESIGN.md."""
    assert DESIGN.is_file(), "docs/DESIGN.md is missing"
    sections = set(HEADING.findall(DESIGN.read_text(encoding="utf-8")))
    files = sorted(
        p
        for p in BUILDER.rglob("*")
        if p.suffix in CITED_SUFFIXES and p.is_file() and "__pycache__" not in p.parts
    )
    cited: list[str] = []
    dangling: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in CITATION.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            where = f"{rel(path)}:{line}: {match.group(0)}"
            cited.append(where)
            if match.group(1) not in sections:
                dangling.append(where)
    assert cited, "expected builder/ to cite DESIGN.md somewhere"
    assert not dangling, "citations of sections docs/DESIGN.md lacks:\n" + "\n".join(dangling)


def architecture_modules() -> list[tuple[int, str]]:
    """The modules docs/ARCHITECTURE.md names, as (line number, path from the root)."""
    named: list[tuple[int, str]] = []
    group: str | None = None
    for number, line in enumerate(ARCHITECTURE.read_text(encoding="utf-8").splitlines(), 1):
        bullet = GROUP_BULLET.match(line)
        if bullet is not None:
            group = bullet.group(1)
        elif not line.startswith((" ", "\t")):
            group = None  # a bullet's continuation lines are indented
        found = set(MODULE_PATH.findall(line))
        if group is not None:
            found.update(
                group + name
                for name in BARE_MODULE.findall(line)
                if not name.startswith(("builder/", "tests/"))
            )
        named.extend((number, path) for path in sorted(found))
    return named


def test_architecture_names_existing_modules() -> None:
    """Every module path docs/ARCHITECTURE.md mentions is a file of the repository."""
    assert ARCHITECTURE.is_file(), "docs/ARCHITECTURE.md is missing"
    named = architecture_modules()
    assert named, "expected docs/ARCHITECTURE.md to name modules"
    missing = [
        f"docs/ARCHITECTURE.md:{line}: {path}"
        for line, path in named
        if not (ROOT / path).is_file()
    ]
    assert not missing, "modules named but not in the repository:\n" + "\n".join(missing)


def test_packages_are_small() -> None:
    """Every folder under builder/ holds at most 12 modules (its __init__.py counted)."""
    folders = sorted({p.parent for p in builder_modules()})
    crowded = [
        f"{rel(folder)}/: {count} modules"
        for folder in folders
        if (count := len(list(folder.glob("*.py")))) > MAX_MODULES
    ]
    assert not crowded, f"folders with more than {MAX_MODULES} modules:\n" + "\n".join(crowded)


def summary_problem(path: Path) -> str | None:
    """What is wrong with the module's docstring summary line, or None."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstring = ast.get_docstring(tree, clean=False)
    if docstring is None:
        return "no module docstring"
    summary = docstring.split("\n", 1)[0].strip()
    if not summary:
        return "the docstring's first line is empty"
    if len(summary) > MAX_SUMMARY:
        return f"the docstring's first line has {len(summary)} characters"
    return None


def test_modules_start_with_a_summary() -> None:
    """Every module under builder/ starts with a docstring: a first line of 1 to 100 characters."""
    found = [(rel(p), summary_problem(p)) for p in builder_modules()]
    bad = [f"{path}: {problem}" for path, problem in found if problem is not None]
    assert not bad, "modules without a good summary line:\n" + "\n".join(bad)


def test_modules_are_short() -> None:
    """Every module under builder/ has at most 320 lines."""
    lengths = [(rel(p), len(p.read_text(encoding="utf-8").splitlines())) for p in builder_modules()]
    long = [f"{path}: {count} lines" for path, count in lengths if count > MAX_LINES]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)
