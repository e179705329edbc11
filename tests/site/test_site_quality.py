"""The 数据质量 section of the built site, and the setting that turns it off."""

from __future__ import annotations

import posixpath
from pathlib import Path

from builder.contract import paths
from builder.contract.settings import Settings
from builder.engines.mkdocs_config import nav
from builder.intake.site_data import load_settings
from builder.publish.build import Built
from builder.quality import RULES, check_documents
from builder.render.site import render_site
from tests.site.html_tree import Node, load


def page(built: Built, address: str) -> Node:
    return load(built.site_dir / address / "index.html").find("article")


def hrefs(node: Node) -> list[str]:
    return [a.attrs.get("href") or "" for a in node.find_all("a")]


def section(node: Node) -> str:
    """The text of the page from its 数据质量 heading on (the last: a unit page's contents
    line names it too)."""
    text = node.text()
    return text[text.rindex("数据质量") :]


def finding_links(node: Node) -> list[str]:
    """Where each finding of the page points: the link in its （place）."""
    items = node.find("div", class_="bs-findings").find_all("li")
    return [hrefs(item)[1] for item in items]


def test_summary_links_every_rule_page_and_counts(built: Built) -> None:
    summary = page(built, "quality")
    for rule in RULES:
        assert f"{rule.id}/" in hrefs(summary)
        assert (built.site_dir / "quality" / rule.id / "index.html").is_file()
    findings = check_documents(built.documents)
    rows = sum(len(p.indicators) for d in built.documents for p in d.projects)
    assert f"共发现 {len(findings)} 条问题" in summary.text()
    assert f"全部 {rows} 行绩效指标中" in summary.text()
    for doc in built.documents:  # one row per unit, linked to its page
        target = posixpath.relpath(posixpath.dirname(paths.unit(doc)), "quality") + "/"
        assert target in hrefs(summary)


def test_rule_page_explains_and_lists_its_findings(built: Built) -> None:
    rule_page = page(built, "quality/value-not-target")
    text = rule_page.text()
    for label in ("检查什么", "为什么", "合格的写法", "依据"):
        assert label in text
    # The 人 of seed 000, linked to its row.
    assert any(
        h.startswith("../../projects/13030322P00396710002A/#指标-") for h in hrefs(rule_page)
    )
    assert "没有发现此类问题" in page(built, "quality/budget-sum").text()


def test_findings_on_the_project_page(built: Built) -> None:
    project = page(built, "projects/13030322P00396710002A")
    found = section(project)
    assert "「人」" in found and "第 212 行" not in found  # source lines are not shown
    ids = {n.attrs["id"] for n in project.iter() if n.attrs.get("id")}
    targets = finding_links(project)
    assert targets and all(t.startswith("#") and t[1:] in ids for t in targets), targets
    row = project.find("tr", id=targets[0][1:])
    assert row.find("td", class_="bs-name").printed() in found
    assert "../../quality/value-not-target/" in hrefs(project)
    clean = section(page(built, "projects/13052922P00584010141N"))
    assert "错误 0 条，警告 1 条，提示 0 条" in clean and "143万元" in clean


def test_findings_on_the_unit_page(built: Built) -> None:
    unit = section(page(built, "2021/130303/201001"))
    assert "全面深化改革" in unit and "党史研究" in unit and "第 79 行" not in unit
    doc = next(d for d in built.documents if d.source == "2021/130303/201001.txt")
    codes = {p.code for p in doc.projects}
    targets = finding_links(page(built, "2021/130303/201001"))
    # A finding about a project links to the row on the project's page, by its code.
    about_projects = [t for t in targets if t.startswith("../../../projects/")]
    assert about_projects and {t.split("/")[4] for t in about_projects} <= codes
    assert all("#" in t for t in targets)


def test_nav_has_the_section(built: Built) -> None:
    home = load(built.site_dir / "index.html")
    nav_links = [a.text().strip() for a in home.find("nav", class_="md-nav--primary").find_all("a")]
    assert "数据质量" in nav_links


def test_setting_turns_the_section_off(tmp_path: Path, built: Built) -> None:
    (tmp_path / "site.toml").write_text('title = "t"\nquality = false\n', encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.quality is False
    off = render_site(built.documents, settings, {})
    on = render_site(built.documents, Settings(title="t"), {})
    assert not [name for name in off if name.startswith("quality/")]
    assert not any("数据质量" in text for text in off.values() if isinstance(text, str))
    assert len(on) - len(off) == len(RULES) + 2  # the rule pages, the summary, the CSV
    assert any("数据质量" in text for text in on.values() if isinstance(text, str))
    assert {"数据质量": paths.QUALITY} not in nav([2021], [], quality=False)
    assert {"数据质量": paths.QUALITY} in nav([2021], [], quality=True)


def test_every_finding_is_in_the_csv_and_rule_pages_list_a_bounded_number(built: Built) -> None:
    import csv
    import io

    from builder.render.quality import quality_pages
    from builder.render.quality_tally import LISTED
    from tests.support import synth_corpus

    found = check_documents(built.documents)
    text = (built.site_dir / "quality" / "findings.csv").read_text("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(found) + 1
    assert {(r[0], int(r[1]), r[2]) for r in rows[1:]} == {
        (f.source, f.line, f.rule) for f in found
    }
    assert any(h.endswith("findings.csv") for h in hrefs(page(built, "quality")))
    # A large corpus: each rule page lists at most LISTED findings and says how many there are.
    docs = synth_corpus.corpus(120, seed=7).documents
    many = check_documents(docs)
    pages = quality_pages(docs, many)
    for rule in RULES:
        own = sum(1 for f in many if f.rule == rule.id)
        rule_page = pages[paths.quality_rule(rule.id)]
        assert isinstance(rule_page, str)
        assert rule_page.count(" 行</td>") == min(own, LISTED)
        if own > LISTED:
            assert f"全部 {own} 条" in rule_page
    assert any(sum(1 for f in many if f.rule == r.id) > LISTED for r in RULES)


def test_the_findings_csv_is_made_in_parts_and_keeps_formulas_text(built: Built) -> None:
    import csv
    import io

    from builder.downloads import tabular
    from builder.render.quality import findings_csv, findings_csv_parts

    found = check_documents(built.documents)
    assert found
    # a report's value that a spreadsheet would run as a formula stays text, as in the downloads
    sly = found[0].model_copy(update={"value": '=HYPERLINK("http://x")'})
    rows = list(csv.reader(io.StringIO(findings_csv([sly, *found]))))
    assert rows[1][6] == '\'=HYPERLINK("http://x")'
    original, tabular.ROWS_PER_PART = tabular.ROWS_PER_PART, 2
    try:
        parts = list(findings_csv_parts(found))
    finally:
        tabular.ROWS_PER_PART = original
    # the header, then two rows a part
    assert len(parts) == 1 + len(found) // 2 + 1 and "".join(parts) == findings_csv(found)
