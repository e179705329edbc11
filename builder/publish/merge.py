"""The disk edge of a split build's merge: parts built separately, published under one root.

Each part (``budgetsite build --only year=2022``) is a complete site of its own reports. The
merge reads every part's ``data/all.json`` (the published data model), renders the pages that
span parts (home, all projects, units, indicators, year and region pages, the downloads of
everything) with MkDocs, copies each part's own unit and project pages and downloads beside
them, and indexes the whole root for search once.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from builder.contract import paths
from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.downloads.workbook import stamp_from_env
from builder.engines.mkdocs import run_mkdocs, site_config, write_config
from builder.engines.search_index import index_site, records_key
from builder.intake.crosscheck import duplicate_projects, duplicate_units
from builder.intake.hand_pages import listed_pages, load_hand_pages
from builder.intake.site_data import load_parents, load_settings
from builder.publish import split
from builder.publish.build import Built
from builder.render import catalog
from builder.render.site import render_site
from builder.search.records import report_records
from builder.write.docs import write_docs, write_sitemap
from builder.write.lock import one_build
from builder.write.staging import repair_swap, staged


def part_documents(part: Path) -> list[Document]:
    """The reports of a built part, from its data/all.json."""
    path = part / paths.ALL_DATA_JSON
    if not path.is_file():
        raise ReportError(str(path), 1, "expected a part built with `budgetsite build --only`")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Document.model_validate(item) for item in data]
    except (ValueError, TypeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise ReportError(str(path), 1, f"expected a list of Documents: {first}") from None


def check_parts(by_part: Sequence[tuple[Path, Sequence[Document]]]) -> None:
    """Each report in one part, each unit and 项目编码 in one report (as intake checks)."""
    first: dict[str, Path] = {}
    for part, docs in by_part:
        for doc in docs:
            if doc.source in first:
                raise ReportError(
                    str(part / paths.ALL_DATA_JSON),
                    1,
                    f"expected each report in one part only; {doc.source} is also in "
                    f"{first[doc.source]}",
                )
            first[doc.source] = part
    docs = [doc for _, found in by_part for doc in found]
    for problem in [*duplicate_units(docs, {}), *duplicate_projects(docs, {})]:
        raise ReportError(problem.source, problem.line, problem.message)


def copy_owned(part: Path, docs: Sequence[Document], output: Path) -> int:
    """Copy the pages and downloads of the part's own reports into output; how many files."""
    names = [
        name
        for doc in docs
        for name in [*map(split.html_of, split.owned_pages(doc)), *split.owned_data(doc)]
    ]
    for name in names:
        source = part / name
        if not source.is_file():
            raise ReportError(str(source), 1, "expected the part to hold this page")
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return len(names)


def merge_site(
    parts: Sequence[Path],
    output: Path,
    *,
    content: Path = Path("content"),
    site_data: Path = Path("site_data"),
    work: Path = Path("build"),
) -> Built:
    """Merge the built parts into one site at output; content/ gives the hand-written pages."""
    with one_build(output, work):
        repair_swap(output)
        return _merge_site(parts, output, content, site_data, work)


def _merge_site(
    parts: Sequence[Path], output: Path, content: Path, site_data: Path, work: Path
) -> Built:
    by_part = [(part, part_documents(part)) for part in parts]
    check_parts(by_part)
    docs = [doc for _, found in by_part for doc in found]
    settings = load_settings(site_data)
    hand_pages = load_hand_pages(content)
    files = render_site(docs, settings, hand_pages, stamp=stamp_from_env(os.environ))
    pages = {page for doc in docs for page in split.owned_pages(doc)}
    data = {name for doc in docs for name in split.owned_data(doc)}
    # Part-built pages and downloads stay in the docs folder, empty and excluded, so that
    # MkDocs still resolves the index pages' links to them; the files come from the parts.
    docs_files = {name: "" if name in pages | data else text for name, text in files.items()}
    docs_dir = work / "docs"
    write_docs(docs_files, docs_dir)
    with staged(output) as site_dir:
        config = site_config(settings, site_dir, catalog.years(docs), listed_pages(hand_pages))
        config["exclude_docs"] = split.excluded_pattern(docs)
        run_mkdocs(write_config(config, work))
        for part, found in by_part:
            copy_owned(part, found, site_dir)
        parents = load_parents(site_data)
        index_site(site_dir, report_records(docs, parents), records_key(parents))
        write_sitemap(site_dir, settings.url, files)
    return Built(docs_dir, output, tuple(docs), tuple(sorted(files)))
