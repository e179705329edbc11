"""The indicator catalogue: /indicators/ lists every 三级指标 by 一级 and 二级 with the
spread of its targets, and /indicators/<name>/ lists every project using it, paged.

The catalogue grows with the indicator names, not the projects. Each indicator's page and
its row in the catalogue are named from its three names, never from a count, so links to
them stay put as reports come and go.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from builder.compare.likeness import like_key
from builder.contract import paths
from builder.contract.model import Document, Indicator
from builder.incremental.folder_sync import Content
from builder.incremental.kept_whole import Part, kept_whole, shares_of
from builder.incremental.report_cache import Kept
from builder.render import catalog
from builder.render.data_page import data_link
from builder.render.html import anchors
from builder.render.html.blocks import crumbs, front_matter
from builder.render.html.escape import html_text, md_inline
from builder.render.html.markup import RIGHT, link, table
from builder.render.html.verbatim import verbatim

PER_PAGE = 500
"""Rows on one page of an indicator (about 100 KB): a name used 10,000 times still makes
pages well under 1 MB, and few of them, since every page costs the build its template."""
VALUES_SHOWN = 4
"""Most used 指标值 named in the catalogue's row; the indicator's page lists them all."""
HEAD = ("三级指标", "次数", "常见指标值（次数）")
TITLE = "指标目录"

# The framework order of the Ministry of Finance (docs/DESIGN.md §6); other names sort after.
LEVEL_ORDER = (
    "产出",
    "效益",
    "满意度",
    "成本",
    "数量",
    "质量",
    "时效",
    "经济",
    "社会",
    "生态",
    "可持续",
    "服务对象",
)

Name = tuple[str, str, str]
"""(一级, 二级, 三级指标)."""


def level_key(name: str) -> tuple[int, str]:
    for rank, prefix in enumerate(LEVEL_ORDER):
        if name.startswith(prefix):
            return rank, name
    return len(LEVEL_ORDER), name


def indicator_key(name: Name) -> str:
    """The indicator's folder: its names' letters and digits, and a hash of the names as
    printed, so that two names differing only in punctuation still get pages of their own."""
    readable = "-".join(like_key(part) or "空" for part in name)
    digest = hashlib.sha1("\x00".join(name).encode()).hexdigest()[:6]
    return f"{readable}-{digest}"


def indicator_page(name: Name, number: int = 1) -> str:
    folder = f"indicators/{indicator_key(name)}"
    return f"{folder}/index.md" if number == 1 else f"{folder}/{number}/index.md"


Files = dict[str, Content]


@dataclass(frozen=True)
class Use:
    """One indicator row of one project, with the row's id on the project's page."""

    entry: catalog.Entry
    row: Indicator
    anchor: str
    number: int = 0
    """Its place among its report's rows as uses_by_name takes them (report_shares)."""


def uses_by_name(docs: Sequence[Document]) -> dict[Name, list[Use]]:
    found: defaultdict[Name, list[Use]] = defaultdict(list)
    taken: Counter[str] = Counter()  # rows of each report so far
    for entry in catalog.entries(docs):
        rows = entry.project.indicators
        number = taken[entry.doc.source]
        for row, anchor in zip(rows, anchors.indicator_ids(rows), strict=True):
            found[(row.level1, row.level2, row.level3)].append(Use(entry, row, anchor, number))
            number += 1
        taken[entry.doc.source] = number
    return found


def _ordered(names: Sequence[Name]) -> list[Name]:
    return sorted(names, key=lambda n: (level_key(n[0]), level_key(n[1]), n[2]))


@overload
def indicator_pages(docs: Sequence[Document]) -> dict[str, str]: ...


@overload
def indicator_pages(docs: Sequence[Document], kept: Kept | None) -> Files: ...


def indicator_pages(docs: Sequence[Document], kept: Kept | None = None) -> dict[str, str] | Files:
    """/indicators/ and every page of every indicator (indicator_files, as a mapping)."""
    return dict(indicator_files(docs, kept))


SHARES = "indicator rows"
"""The kind of summary that holds a report's share of the indicator pages' keys."""
SHARE = 16
"""Bytes of a row's hash in a share: 128 bits, no collision among a nation's rows."""


def indicator_files(
    docs: Sequence[Document], kept: Kept | None = None
) -> Iterator[tuple[str, Content]]:
    """/indicators/ and every page of every indicator, one indicator's pages at a time: a
    province's indicator pages hold every indicator row of every report.

    With ``kept`` (a cache and each report's doc_hash, builder/incremental/report_cache.py),
    an indicator's pages are kept under a hash of all they show, made from each report's
    share (report_shares, kept under its doc_hash), and made again only when a row changed.
    When no share changed, they are the last build's as they are (incremental/kept_whole.py).
    """
    cache = None if kept is None else kept[0]
    shares = shares_of(kept, docs, SHARES, report_shares)

    def parts() -> Iterator[Part]:
        uses = uses_by_name(docs)
        every = functools.partial(_every_shown, uses, shares)
        yield "indicators", every, functools.partial(_catalogue_page, uses)
        for name, found in uses.items():
            ordered = sorted(found, key=lambda u: (-u.entry.doc.year, u.entry.project.code))
            make = functools.partial(_indicator_pages, name, ordered)
            yield "indicator", functools.partial(_shown, name, ordered, shares), make

    yield from kept_whole(cache, "indicator pages", lambda: shares.items(), parts)


def report_shares(doc: Document) -> bytes:
    """What each indicator row of a report shows on its indicator's pages, hashed, in the
    order of Use.number: the report's share of those pages' keys."""
    shares = []
    for name, found in uses_by_name([doc]).items():
        for use in found:
            entry = use.entry
            target = use.row.target  # its fields, not its repr: pydantic's is slow
            shown = (
                name,
                (entry.doc.year, entry.doc.unit.name, entry.project.code, entry.project.name),
                (use.anchor, use.row.value, target and tuple(target.__dict__.values())),
            )
            shares.append((use.number, hashlib.sha256(repr(shown).encode()).digest()[:SHARE]))
    return b"".join(share for _, share in sorted(shares))


def _shown(name: Name, ordered: Sequence[Use], shares: Mapping[str, bytes]) -> tuple[Name, str]:
    """What an indicator's pages show: its name and its uses' shares, in their order."""
    digest = hashlib.sha256()
    _add_shares(digest, ordered, shares)
    return name, digest.hexdigest()


def _add_shares(digest: hashlib._Hash, uses: Sequence[Use], shares: Mapping[str, bytes]) -> None:
    for u in uses:
        start = u.number * SHARE
        digest.update(shares[u.entry.doc.source][start : start + SHARE])


def _every_shown(uses: Mapping[Name, Sequence[Use]], shares: Mapping[str, bytes]) -> tuple[str]:
    """What /indicators/ shows, hashed: every indicator's name and its uses' shares, in the
    order it counts them (the most common values come first, the first seen of a tie)."""
    digest = hashlib.sha256()
    for name, found in uses.items():
        digest.update(repr(name).encode())
        _add_shares(digest, found, shares)
    return (digest.hexdigest(),)


def _catalogue_page(uses: dict[Name, list[Use]]) -> dict[str, str]:
    return {paths.INDICATORS: _catalogue(uses)}


def _indicator_pages(name: Name, ordered: Sequence[Use]) -> dict[str, str]:
    pages = max(1, -(-len(ordered) // PER_PAGE))
    return {
        indicator_page(name, number): _indicator(name, ordered, number, pages)
        for number in range(1, pages + 1)
    }


def _spread(found: Sequence[Use]) -> Counter[str]:
    return Counter(u.row.value for u in found)


def _values(counted: Counter[str], shown: int) -> str:
    listed = "；".join(f"{html_text(v) or '（空）'}（{n}）" for v, n in counted.most_common(shown))
    return listed + (f" 等 {len(counted)} 种" if len(counted) > shown else "")


def _catalogue(uses: dict[Name, list[Use]]) -> str:
    page = paths.INDICATORS
    total = sum(len(found) for found in uses.values())
    parts = [
        front_matter(TITLE),
        f"# {TITLE}",
        f"全部项目的 {total} 行绩效指标、{len(uses)} 个不同的三级指标，按一级指标、二级指标归类。"
        "每个三级指标列出使用次数和最常见的指标值；点击指标名称，可看到使用它的每个项目和指标值。",
    ]
    by_group: defaultdict[tuple[str, str], list[Name]] = defaultdict(list)
    for name in _ordered(list(uses)):
        by_group[name[:2]].append(name)
    current = None
    for (level1, level2), names in by_group.items():
        if level1 != current:
            parts.append(f"## {md_inline(level1) or '（未填写一级指标）'}")
            current = level1
        count = sum(len(uses[n]) for n in names)
        parts.append(f"### {md_inline(level2) or '（未填写二级指标）'}（{count} 次）")
        rows = [
            (
                link(paths.href(page, indicator_page(n)), html_text(n[2]) or "（空）"),
                str(len(uses[n])),
                _values(_spread(uses[n]), VALUES_SHOWN),
            )
            for n in sorted(names, key=lambda n: (-len(uses[n]), n[2]))
        ]
        ids = [
            f"指标-{indicator_key(n)}" for n in sorted(names, key=lambda n: (-len(uses[n]), n[2]))
        ]
        parts.append(verbatim(table(HEAD, rows, ("", RIGHT, ""), ids=ids)))
    parts.append(data_link(page))
    return "\n\n".join(parts) + "\n"


def _indicator(name: Name, ordered: Sequence[Use], number: int, pages: int) -> str:
    page = indicator_page(name, number)
    level1, level2, level3 = name
    title = f"{level3 or '（空）'} · {level2} · {TITLE}" + (
        f"（第 {number} 页）" if number > 1 else ""
    )
    shown = ordered[(number - 1) * PER_PAGE : number * PER_PAGE]
    parts = [
        # Out of the search index: the list names projects whose own pages a search finds.
        front_matter(
            title,
            exclude_from_search=True,
            crumbs=crumbs(page, [("首页", paths.HOME), (TITLE, paths.INDICATORS)]),
            description=f"使用三级指标“{level3}”的 {len(ordered)} 个项目行及其指标值。",
        ),
        f"# {md_inline(level3) or '（空）'}",
        f"{md_inline(level1)} › {md_inline(level2)}。{len(ordered)} 个项目行使用这个指标。",
    ]
    if number == 1:
        parts += ["## 指标值的分布 { #values }", _distribution(ordered)]
    parts += ["## 使用的项目 { #projects }"]
    if pages > 1:
        parts.append(verbatim(_pager(name, number, pages, page)))
    rows = [
        (
            link(
                paths.href(page, paths.project(u.entry.project.code)) + f"#{u.anchor}",
                html_text(u.entry.project.name),
            ),
            html_text(u.entry.doc.unit.name),
            str(u.entry.doc.year),
            html_text(u.row.value) or "（空）",
        )
        for u in shown
    ]
    parts.append(verbatim(table(("项目（指标行）", "单位", "年度", "指标值"), rows)))
    return "\n\n".join(parts) + "\n"


def _pager(name: Name, number: int, pages: int, page: str) -> str:
    links = " · ".join(
        f"<strong>{n}</strong>"
        if n == number
        else link(paths.href(page, indicator_page(name, n)), str(n))
        for n in range(1, pages + 1)
    )
    return f"<p>每页 {PER_PAGE} 行。分页：{links}</p>"


def _distribution(found: Sequence[Use]) -> str:
    """Every 指标值 written for the indicator, with how often; numeric targets summed up."""
    counted = _spread(found)
    numbers: defaultdict[tuple[str, str], list[float]] = defaultdict(list)
    for u in found:
        target = u.row.target
        if target is not None:
            numbers[(target.operator or "", target.unit)].append(float(target.number))
    lines = []
    for (operator, unit), values in sorted(numbers.items(), key=lambda kv: -len(kv[1])):
        low, high = min(values), max(values)
        span = f"{low:g}{unit}" if low == high else f"{low:g}{unit} 至 {high:g}{unit}"
        kind = f"数值目标（{operator}）" if operator else "数值目标"
        lines.append(f"<p>{html_text(kind)} {len(values)} 个：{html_text(span)}。</p>")
    rows = [(html_text(v) or "（空）", str(n)) for v, n in counted.most_common()]
    return verbatim("\n".join([*lines, table(("指标值", "次数"), rows, ("", RIGHT))]))
