"""The like-project pages: /similar/ lists the groups, /similar/<key>/ compares one group.

A group's page shows each project's unit, year, budget, fiscal share and spending plan, the
spread of the budgets with the plainly high or low ones, and the indicator rows aligned by
name: side by side for a small group, as the values each indicator takes for a large one.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from statistics import median

from builder.compare.likeness import like_groups
from builder.contract import paths
from builder.contract.model import Document, Indicator
from builder.incremental.folder_sync import Content
from builder.incremental.kept_whole import Part, kept_whole, shares_of, whole_key
from builder.incremental.report_cache import Kept
from builder.render.catalog import Entry
from builder.render.compare.group_view import VIEWS, view_hash
from builder.render.html import markup
from builder.render.html.blocks import Bar, bar_chart, crumbs, front_matter, percent
from builder.render.html.escape import html_text, md_inline
from builder.render.html.markup import RIGHT, link
from builder.render.html.money import yuan
from builder.render.html.verbatim import verbatim

PER_PAGE = 100
"""Projects listed on one page of a group: a group of 1,000 still makes small pages."""
SIDE_BY_SIDE = 8
"""Up to this many projects, their indicator tables are shown side by side."""
BARS = 30
OUTLIER = 3
"""A budget this many times the group's median, or this share of it, is called out."""
SECTION = "同类项目"
RULE = (
    "项目名称相同，或去掉其中的年份（如“2021年”）、括号、空格和标点后相同的项目，"
    "视为同类项目。名称的其他差别（如“车辆保险费”与“公务用车保险费”）一律不合并："
    "规则没有把握时，宁可分开。"
)


def group_files(
    docs: Sequence[Document], kept: Kept | None = None
) -> Iterator[tuple[str, Content]]:
    """/similar/ and every page of every group, one group's pages at a time.

    With ``kept`` (a cache and each report's hash, builder/incremental/report_cache.py), a
    group's pages are kept under the hashes of its reports' group views, made again only
    when one of those changed, and all of them are the last build's when no view changed
    (builder/incremental/kept_whole.py): an edit to a report's own text changes none.
    """
    cache = None if kept is None else kept[0]
    shares = shares_of(kept, docs, VIEWS, view_hash)

    def parts() -> Iterator[Part]:
        # From the reports themselves, which give the same pages as their group views
        # (tested): a view of every report at once would copy every indicator row.
        groups = like_groups(docs)
        yield (
            "similar",
            lambda: (whole_key("similar", shares.items()),),
            lambda: {paths.SIMILAR: _index(groups)},
        )
        for key, group in groups.items():
            inputs = functools.partial(_inputs, key, group, shares)
            yield "similar", inputs, functools.partial(_group_pages, key, group)

    yield from kept_whole(cache, "similar pages", lambda: shares.items(), parts)


def _inputs(key: str, group: Sequence[Entry], shares: Mapping[str, bytes]) -> tuple[object, ...]:
    """What a group's pages show: its projects, each by its report's group view."""
    return key, [(shares[e.doc.source], e.project.code) for e in group]


def _group_pages(key: str, group: Sequence[Entry]) -> dict[str, str]:
    pages = max(1, -(-len(group) // PER_PAGE))
    return {
        paths.similar(key, number): _group_page(key, group, number, pages)
        for number in range(1, pages + 1)
    }


def _units(group: Sequence[Entry]) -> int:
    return len({(e.doc.region.code, e.doc.unit.code) for e in group})


def _years(group: Sequence[Entry]) -> str:
    years = sorted({e.doc.year for e in group})
    return f"{years[0]}年" if len(years) == 1 else f"{years[0]}–{years[-1]}年"


def _total(group: Sequence[Entry]) -> Decimal:
    return sum((e.project.budget_yuan for e in group), Decimal(0))


def _index(groups: dict[str, list[Entry]]) -> str:
    page = paths.SIMILAR
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows = [
        (
            link(paths.href(page, paths.similar(key)), html_text(group[0].project.name)),
            str(len(group)),
            str(_units(group)),
            _years(group),
            yuan(_total(group)),
        )
        for key, group in ordered
    ]
    head = ("项目名称", "项目数", "单位数", "年度", "预算合计（元）")
    parts = [
        front_matter(SECTION, crumbs=crumbs(page, [("首页", paths.HOME)])),
        f"# {SECTION}",
        f"不同单位、不同年度的同类项目放在一起比较：预算、资金支出计划和绩效指标值。{RULE}",
        f"共 {len(groups)} 组。",
        verbatim(markup.table(head, rows, ("", RIGHT, RIGHT, "", RIGHT), minor=(2, 3))),
    ]
    return "\n\n".join(parts) + "\n"


def _label(entry: Entry) -> str:
    return f"{entry.doc.unit.name}（{entry.doc.year}）"


def _group_page(key: str, group: Sequence[Entry], number: int, pages: int) -> str:
    page = paths.similar(key, number)
    name = group[0].project.name
    shown = list(group[(number - 1) * PER_PAGE : number * PER_PAGE])
    title = f"{SECTION}：{name}" + (f"（第 {number} 页）" if number > 1 else "")
    parts = [
        front_matter(
            title,
            crumbs=crumbs(page, [("首页", paths.HOME), (SECTION, paths.SIMILAR)]),
            description=f"{len(group)} 个“{name}”类项目的预算、资金支出计划和绩效指标值比较。",
        ),
        f"# {md_inline(title)}",
        f"{_units(group)} 个单位 {_years(group)}的 **{len(group)}** 个同类项目，"
        f"预算合计 {yuan(_total(group))} 元。{RULE}",
    ]
    if number == 1:
        parts += ["## 预算 { #budget }", _spread(page, group)]
    parts += [
        "## 项目 { #projects }",
        _pager(key, number, pages, page),
        _chart(page, shown),
        verbatim(_project_table(page, shown)),
    ]
    if number == 1:
        parts += ["## 绩效指标 { #indicators }", _indicators(page, group)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _pager(key: str, number: int, pages: int, page: str) -> str:
    if pages == 1:
        return ""
    first = (number - 1) * PER_PAGE + 1
    links = " · ".join(
        f"**{n}**" if n == number else link(paths.href(page, paths.similar(key, n)), str(n))
        for n in range(1, pages + 1)
    )
    return verbatim(
        markup.paragraph(f"本页列出第 {first}–{first + PER_PAGE - 1} 个项目。分页：{links}")
    )


def _spread(page: str, group: Sequence[Entry]) -> str:
    budgets = sorted(group, key=lambda e: (e.project.budget_yuan, e.project.code))
    middle = Decimal(median(e.project.budget_yuan for e in budgets))
    low, high = budgets[0], budgets[-1]

    def named(entry: Entry) -> str:
        target = paths.href(page, paths.project(entry.project.code))
        return link(target, html_text(_label(entry)))

    lines = [
        f"最少 {yuan(low.project.budget_yuan)} 元（{named(low)}），"
        f"中位数 {yuan(middle)} 元，最多 {yuan(high.project.budget_yuan)} 元（{named(high)}）。"
    ]
    if middle > 0:
        far = [
            e
            for e in budgets
            if e.project.budget_yuan >= middle * OUTLIER
            or e.project.budget_yuan * OUTLIER <= middle
        ]
        if far:
            listed = "、".join(f"{named(e)} {yuan(e.project.budget_yuan)} 元" for e in far[:20])
            more = f"等 {len(far)} 个" if len(far) > 20 else ""
            lines.append(f"预算为中位数 {OUTLIER} 倍以上或三分之一以下的项目：{listed}{more}。")
    return verbatim("\n".join(markup.paragraph(line) for line in lines))


def _chart(page: str, shown: Sequence[Entry]) -> str:
    largest = sorted(shown, key=lambda e: (-e.project.budget_yuan, e.project.code))[:BARS]
    top = largest[0].project.budget_yuan if largest else Decimal(0)
    bars = [
        Bar(
            _label(e),
            paths.href(page, paths.project(e.project.code)),
            float(e.project.budget_yuan * 100 / top) if top else 0.0,
            f"{yuan(e.project.budget_yuan)} 元",
        )
        for e in largest
    ]
    more = "（预算最多的 30 个）" if len(shown) > BARS else ""
    return bar_chart(f"各单位预算{more}（元）", bars, tabled=True) + "\n\n数据见下表。"


def _plan(entry: Entry) -> str:
    project = entry.project
    if project.spending_plan_basis == "empty":
        return "未填写"
    return " · ".join(
        f"{e.period.removesuffix('底')} {percent(e.percent)}"
        if e.percent is not None
        else f"{e.period.removesuffix('底')} 未填"
        for e in project.spending_plan
    )


def _project_table(page: str, shown: Sequence[Entry]) -> str:
    rows = []
    for e in shown:
        p = e.project
        share = f"{p.fiscal_yuan * 100 / p.budget_yuan:.1f}%" if p.budget_yuan else "—"
        rows.append(
            (
                link(paths.href(page, paths.project(p.code)), html_text(e.doc.unit.name)),
                str(e.doc.year),
                yuan(p.budget_yuan),
                share,
                html_text(_plan(e)),
            )
        )
    head = ("单位（项目页）", "年度", "预算数（元）", "财政资金占比", "资金支出计划")
    return markup.table(head, rows, ("", "", RIGHT, RIGHT, ""), minor=(3, 4))


def _row_name(row: Indicator) -> tuple[str, str, str]:
    return (row.level1, row.level2, row.level3)


def _indicators(page: str, group: Sequence[Entry]) -> str:
    same = _identical(page, group)
    if len(group) <= SIDE_BY_SIDE:
        return same + _side_by_side(group)
    return same + _values(group)


def _identical(page: str, group: Sequence[Entry]) -> str:
    """Projects whose indicator tables are the same row for row, value for value."""
    tables: defaultdict[tuple[tuple[str, ...], ...], list[Entry]] = defaultdict(list)
    for e in group:
        rows = tuple((*_row_name(r), r.value) for r in e.project.indicators)
        if rows:
            tables[rows].append(e)
    lines = []
    for entries in tables.values():
        if len(entries) > 1:
            names = "、".join(
                link(paths.href(page, paths.project(e.project.code)), html_text(_label(e)))
                for e in entries[:20]
            )
            more = f"等 {len(entries)} 个项目" if len(entries) > 20 else ""
            lines.append(markup.paragraph(f"以下项目的绩效指标表完全相同：{names}{more}。"))
    return verbatim("\n".join(lines)) + "\n\n" if lines else ""


def _side_by_side(group: Sequence[Entry]) -> str:
    """One row per indicator name, one column per project: its 指标值, or — where it has none."""
    names: list[tuple[str, str, str]] = []
    for e in group:
        for row in e.project.indicators:
            if _row_name(row) not in names:
                names.append(_row_name(row))
    values = [{_row_name(r): r.value for r in e.project.indicators} for e in group]
    head = ("指标", *(html_text(_label(e)) for e in group))
    rows = []
    for name in names:
        cells = [html_text(v.get(name, "—")) for v in values]
        # Different targets, not a project without the indicator: its — says that already.
        differ = len({v[name] for v in values if name in v}) > 1
        label = (
            f"{html_text(name[0])} › {html_text(name[1])} › <strong>{html_text(name[2])}</strong>"
        )
        rows.append((label + (" <em>（不同）</em>" if differ else ""), *cells))
    table = markup.table(head, rows)
    return verbatim(markup.div("bs-wide", table))


def _values(group: Sequence[Entry]) -> str:
    """For a large group: each indicator name, how many projects use it, the values it takes."""
    uses: defaultdict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for e in group:
        for row in e.project.indicators:
            uses[_row_name(row)][row.value] += 1
    ordered = sorted(uses.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    rows = [
        (
            f"{html_text(name[0])} › {html_text(name[1])} › <strong>{html_text(name[2])}</strong>",
            str(sum(counted.values())),
            "；".join(
                f"{html_text(value) or '（空）'}：{n} 个" for value, n in counted.most_common(12)
            )
            + ("；……" if len(counted) > 12 else ""),
        )
        for name, counted in ordered
    ]
    head = ("指标", "项目数", "指标值（项目数）")
    intro = "同一指标在各项目中填写的指标值，按使用次数排列："
    return intro + "\n\n" + verbatim(markup.table(head, rows, ("", RIGHT, "")))
