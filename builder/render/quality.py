"""The 数据质量 section: /quality/ summary, /quality/<rule-id>/ pages, findings on pages.

Pure renderers over the findings of builder.quality; the build decides whether the section
exists (site_data/site.toml ``quality``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.contract.places import line_or_place
from builder.contract.streamed import Streamed
from builder.downloads.tabular import csv_body_parts, csv_head
from builder.quality import LEVELS, RULES, Finding, Level, Rule
from builder.quality.finding import project_subject
from builder.render.html import anchors
from builder.render.html.anchors import Target
from builder.render.html.blocks import crumbs, front_matter
from builder.render.html.escape import html_lines, html_text, md_inline
from builder.render.html.markup import RIGHT, bullets, code, div, link, strong, table
from builder.render.html.verbatim import verbatim
from builder.render.project import facts_table
from builder.render.quality_tally import LISTED, Tally, tally_of

LEVEL_NAMES: dict[Level, str] = {"error": "错误", "warning": "警告", "info": "提示"}
SECTION = "数据质量"
FOLDED = 12
"""More findings than this on a page are listed folded, under a line that opens them."""
CSV_COLUMNS = ("文件", "行", "规则", "级别", "项目编码", "对象", "指标值", "说明")
_BY_ID = {rule.id: rule for rule in RULES}


def quality_pages(
    docs: Sequence[Document], findings: Sequence[Finding]
) -> dict[str, str | Streamed]:
    """The summary page, one page per rule and every finding as a CSV file, from findings
    held whole (quality_files for a build, which holds none of them)."""
    return quality_files(docs, tally_of(docs, findings), Streamed(findings_csv_parts(findings)))


def quality_files(
    docs: Sequence[Document], tally: Tally, csv: Streamed
) -> dict[str, str | Streamed]:
    """The summary page, one page per rule and ``csv``, findings.csv (made as it is written:
    80 MB of text at 3,000 reports)."""
    files: dict[str, str | Streamed] = {
        paths.QUALITY: render_summary(docs, tally),
        paths.QUALITY_CSV: csv,
    }
    for rule in RULES:
        listed = tally.listed.get(rule.id, [])
        files[paths.quality_rule(rule.id)] = render_rule(rule, docs, listed, tally.rules[rule.id])
    return files


def findings_csv(findings: Sequence[Finding]) -> str:
    """Every finding, one row each, as CSV text (see findings_csv_parts)."""
    return "".join(findings_csv_parts(findings))


def findings_csv_parts(findings: Iterable[Finding]) -> Iterator[str]:
    """Every finding, one row each, in pieces: the downloads' CSV form (a BOM so that Excel
    reads the Chinese, text that would start a formula kept text)."""
    return findings_csv_of(csv_body_parts(_cells(findings)))


def findings_csv_of(rows: Iterable[str]) -> Iterator[str]:
    """findings.csv from its rows' text in order, such as each report's findings_rows."""
    yield csv_head(CSV_COLUMNS)
    yield from rows


def findings_rows(findings: Iterable[Finding]) -> str:
    """The CSV rows of these findings, without the header: one report's part of findings.csv
    (all of a report's findings are together in it, as they are sorted by file first)."""
    return "".join(csv_body_parts(_cells(findings)))


def _cells(findings: Iterable[Finding]) -> Iterator[tuple[str | int, ...]]:
    for f in findings:
        yield (
            f.source,
            f.line,
            f.rule,
            LEVEL_NAMES[f.level],
            f.project,
            f.subject,
            f.value,
            f.message,
        )


def _level_counts(counts: Counter[str]) -> str:
    return "，".join(f"{LEVEL_NAMES[level]} {counts[level]} 条" for level in LEVELS)


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _rule_link(page: str, rule: Rule) -> str:
    return link(paths.href(page, paths.quality_rule(rule.id)), html_text(rule.title))


def render_summary(docs: Sequence[Document], tally: Tally) -> str:
    """Findings per rule and per unit, and the share of indicators without findings."""
    page = paths.QUALITY
    clean, rows = tally.clean_rows, tally.rows
    parts = [
        front_matter(SECTION, crumbs=crumbs(page, [("首页", paths.HOME)])),
        f"# {SECTION}",
        "按财政部绩效目标和指标设置的要求及表内数字关系，对每份报告逐项检查。"
        "每条规则有单独的页面，说明检查什么、为什么、合格的写法和依据；"
        "单位页和项目页列出各自的问题。检查由程序完成，结果供审核参考。",
        f"共发现 {tally.total} 条问题（{_level_counts(tally.levels)}），"
        f"全部列在 [findings.csv]({paths.md_link(page, paths.QUALITY_CSV)})。"
        f"全部 {rows} 行绩效指标中，**{clean} 行（{_percent(clean, rows)}）没有发现问题**。",
        "## 按规则 { #rules }",
        _rule_table(page, tally.rules),
        "## 按单位 { #units }",
        _unit_table(page, docs, tally),
    ]
    return "\n\n".join(parts) + "\n"


def _rule_table(page: str, by_rule: Counter[str]) -> str:
    rows = [
        (_rule_link(page, rule), code(rule.id), LEVEL_NAMES[rule.level], str(by_rule[rule.id]))
        for rule in RULES
    ]
    return verbatim(table(("规则", "编号", "级别", "问题数"), rows, ("", "", "", RIGHT)))


def _unit_table(page: str, docs: Sequence[Document], tally: Tally) -> str:
    rows = []
    for doc in sorted(docs, key=lambda d: (d.year, d.region.code, d.unit.code)):
        levels, by_rule = tally.of_report.get(doc.source, (Counter(), Counter()))
        rules = "，".join(
            f"{_rule_link(page, rule)} {by_rule[rule.id]}" for rule in RULES if by_rule[rule.id]
        )
        unit = link(paths.href(page, paths.unit(doc)), html_text(doc.unit.name))
        counts = [str(levels[level]) for level in ("error", "warning", "info")]
        rows.append((unit, str(doc.year), *counts, rules or "无"))
    head = ("单位", "年度", "错误", "警告", "提示", "规则（问题数）")
    return verbatim(table(head, rows, ("", RIGHT, RIGHT, RIGHT, RIGHT, "")))


def render_rule(rule: Rule, docs: Sequence[Document], listed: Sequence[Finding], count: int) -> str:
    """One rule: what it checks, why, a good value, its source; then its findings: the
    first of them (``listed``) and how many there are."""
    page = paths.quality_rule(rule.id)
    parts = [
        front_matter(
            rule.title, crumbs=crumbs(page, [("首页", paths.HOME), (SECTION, paths.QUALITY)])
        ),
        f"# {md_inline(rule.title)}",
        facts_table(
            [
                ("规则编号", code(rule.id)),
                ("级别", LEVEL_NAMES[rule.level]),
                ("检查什么", html_lines(rule.checks)),
                ("为什么", html_lines(rule.why)),
                ("合格的写法", html_lines(rule.good)),
                ("依据", html_lines(rule.source)),
            ]
        ),
        f"## 发现的问题（{count} 条） {{ #findings }}",
        _findings_listed(page, docs, listed, count),
    ]
    return "\n\n".join(parts) + "\n"


def _findings_listed(
    page: str, docs: Sequence[Document], listed: Sequence[Finding], count: int
) -> str:
    if not count:
        return "没有发现此类问题。"
    csv_link = f"[findings.csv]({paths.md_link(page, paths.QUALITY_CSV)})"
    head = f"全部问题（含其他规则）见 {csv_link}。"
    if count > LISTED:
        head = f"以下列出前 {LISTED} 条；全部 {count} 条及其他规则的问题见 {csv_link}。"
    # Out of the search index (.bs-findings): the findings repeat what the project pages
    # say, and a code listed many times here would outrank its own page.
    shown = _finding_table(page, docs, listed[:LISTED])
    return f"{head}\n\n{verbatim(div('bs-findings', shown))}"


def _finding_table(page: str, docs: Sequence[Document], own: Sequence[Finding]) -> str:
    by_source = {doc.source: doc for doc in docs}
    rows = []
    for f in own:
        doc = by_source.get(f.source)
        unit = html_text(f.source)
        if doc is not None:
            target = paths.href(page, paths.unit(doc))
            unit = link(target, f"{html_text(doc.unit.name)}（{doc.year}）")
        # The source line is the publisher's pointer; the link is the reader's.
        where = html_text(line_or_place(f.line, f.place))
        project = next((p for p in doc.projects if p.code == f.project), None) if doc else None
        if project is not None:
            place = anchors.project_targets(project).get(f.line) or anchors.whole_project(project)
            where = f"{link(place.href(page), html_text(f.project))} {where}"
        rows.append((unit, where, html_lines(f.value) or "—", html_lines(f.message)))
    return table(("单位", "位置", "指标值", "说明"), rows)


def findings_section(
    page: str, own: Sequence[Finding], target: Callable[[Finding], Target], known: str = ""
) -> str:
    """The findings of one page as a short list with links to their rules.

    Starts with a blank line: it is appended to a page that ends with a newline. ``known``
    is the name the page is about, left out of the messages (the project on its own page).
    Each finding links to the row or block it is about (``target``), not to a source
    line, which a reader never sees; it has an id of its own to be linked to.
    """
    summary = paths.md_link(page, paths.QUALITY)
    if not own:
        return f"\n## {SECTION} {{ #quality }}\n\n未发现问题（[检查规则]({summary})）。\n"
    targets = [target(f) for f in own]
    ids = anchors.finding_ids([(f.rule, t.key(page)) for f, t in zip(own, targets, strict=True)])
    items = []
    for f, place, anchor in zip(own, targets, ids, strict=True):
        rule = _BY_ID[f.rule]
        message = f.message.removeprefix(known).lstrip("·：") if known else f.message
        where = link(place.href(page), html_text(place.label))
        items.append(
            f"{strong(LEVEL_NAMES[f.level])} {_rule_link(page, rule)}（{where}）："
            f"{html_text(message)}{anchors.self_link(anchor, rule.title)}"
        )
    listed = div("bs-findings", bullets(items, ids))
    if len(own) > FOLDED:
        # A unit page's findings can outgrow its project table: they open on request.
        listed = f"<details>\n<summary>列出全部 {len(own)} 条</summary>\n{listed}\n</details>"
    counts = _level_counts(Counter(f.level for f in own))
    head = f"\n## {SECTION} {{ #quality }}\n\n{counts}（[全部规则]({summary})）。\n\n"
    return head + verbatim(listed) + "\n"


def unit_findings(doc: Document, own: Sequence[Finding]) -> str:
    """The unit page's section: every finding of its report (``own``), in line order.

    A finding about a project points at its row on the project's page, named by the
    project; one about the report's text at the sub-goal block it is in.
    """
    projects = {p.code: p for p in doc.projects}
    places = {code: anchors.project_targets(p) for code, p in projects.items()}

    def target(f: Finding) -> Target:
        project = projects.get(f.project)
        if project is None:
            return anchors.unit_target(doc, f.line)
        place = places[f.project].get(f.line) or anchors.whole_project(project)
        return Target(place.page, place.anchor, f"{project.name} · {place.label}")

    return findings_section(paths.unit(doc), own, target)


def project_findings(doc: Document, code: str, of_report: Sequence[Finding]) -> str:
    """The project page's section: the findings about this project (among its report's)."""
    own = [f for f in of_report if f.project == code]
    project = next(p for p in doc.projects if p.code == code)
    places = anchors.project_targets(project)

    def target(f: Finding) -> Target:
        return places.get(f.line) or anchors.whole_project(project)

    return findings_section(paths.project(code), own, target, project_subject(project))
