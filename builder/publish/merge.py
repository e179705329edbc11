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
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from builder.contract import paths
from builder.contract.compact import compact
from builder.contract.errors import ReportError
from builder.contract.model import Document
from builder.downloads.sheets.workbook import stamp_from_env
from builder.engines import search_job
from builder.engines.mkdocs import run_mkdocs, site_config, write_config
from builder.engines.search_index import records_key
from builder.intake.crosscheck import duplicate_projects, duplicate_units
from builder.intake.hand_pages import listed_pages, load_hand_pages
from builder.intake.site_data import load_parents, load_settings
from builder.publish import split
from builder.publish.build import DOWNLOADS, Built
from builder.publish.long_lived import settle, settling
from builder.render import catalog
from builder.render.site import rendering
from builder.search.records import each_record
from builder.write.docs import DocsFolder, move_downloads, write_sitemap
from builder.write.lock import one_build
from builder.write.staging import repair_swap, staged


def part_documents(part: Path) -> list[Document]:
    """The reports of a built part, from its data/all.json, one report at a time."""
    path = part / paths.ALL_DATA_JSON
    if not path.is_file():
        raise ReportError(str(path), 1, "expected a part built with `budgetsite build --only`")
    try:
        return [compact(Document.model_validate_json(item)) for item in _items(path)]
    except (ValueError, TypeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise ReportError(str(path), 1, f"expected a list of Documents: {first}") from None


def _items(path: Path) -> Iterator[bytes]:
    """The JSON text of each item of the list in all.json, as the build writes it.

    The build writes each report indented by two spaces (builder/downloads/files.all_json),
    and a JSON string holds no raw line break, so a line ``  }`` or ``  },`` ends a report.
    Read so, a merge holds one report's text and values at a time, not the whole list's
    (several times the file's size). A file not in that shape is read whole.
    """
    with path.open("rb") as lines:
        first = lines.readline()
        if first != b"[\n":
            rest = first + lines.read()
            items = json.loads(rest)
            if not isinstance(items, list):
                raise ValueError("the file holds no list")
            yield from (json.dumps(item).encode() for item in items)
            return
        item: list[bytes] = []
        for line in lines:
            if line in (b"  },\n", b"  }\n"):
                yield b"".join([*item, b"}"])
                item = []
            elif line != b"]\n":
                item.append(line)
        if b"".join(item).strip():
            raise ValueError("the list is cut short")


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
    with one_build(output, work), settling():
        repair_swap(output)
        return _merge_site(parts, output, content, site_data, work)


def _merge_site(
    parts: Sequence[Path], output: Path, content: Path, site_data: Path, work: Path
) -> Built:
    by_part = [(part, part_documents(part)) for part in parts]
    check_parts(by_part)
    settle()
    docs = [doc for _, found in by_part for doc in found]
    settings = load_settings(site_data)
    hand_pages = load_hand_pages(content)
    docs_dir, made = work / "docs", work / DOWNLOADS
    shutil.rmtree(made, ignore_errors=True)  # a failed merge's
    stamp = stamp_from_env(os.environ)
    # Part-built pages and downloads stay in the docs folder, empty and excluded, so that
    # MkDocs still resolves the index pages' links to them; the files come from the parts.
    # The reports' shares of the downloads go through a folder, as in a build: held, at
    # 3,000 reports, they would take about 1 GB. The next merge keeps those it can.
    shares = work / "shares"
    rendering_all = rendering(
        docs, settings, hand_pages, stamp=stamp, into=made, placeholders=True, shares=shares
    )
    with rendering_all as (pages, downloads):
        folder = DocsFolder(docs_dir)
        for name, page in pages:
            folder.put(name, page)
        names = sorted(folder.names)
        folder.finish()
        with staged(output) as site_dir:
            config = site_config(settings, site_dir, catalog.years(docs), listed_pages(hand_pages))
            config["exclude_docs"] = split.excluded_pattern(docs)
            run_mkdocs(write_config(config, work))
            for part, found in by_part:
                copy_owned(part, found, site_dir)
            downloads()
            shared = move_downloads(made, site_dir)
            parents = load_parents(site_data)
            records = search_job.spool_records(each_record(docs, parents), work)
            words = records_key(parents)
            with search_job.started(
                site_dir, work, words, records=records, rebuild=False, state=False
            ) as indexing:
                indexing.finish(None)
            write_sitemap(site_dir, settings.url, names)
    held = tuple(docs)
    projects = sum(len(doc.projects) for doc in held)
    files = tuple(sorted({*names, *shared}))
    return Built(docs_dir, output, len(held), projects, files, read=lambda: held)
