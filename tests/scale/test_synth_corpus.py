"""The synthetic corpus: deterministic, varied like real files, and parsed back exactly."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

from benchmarks.make_corpus import write_corpus
from builder.compare.likeness import like_key
from builder.compare.years import by_unit, changes, code_pattern
from builder.intake.site_data import load_regions
from builder.parse import decode, detect_encoding, parse_document
from tests.support import synth, synth_corpus
from tests.support.dumps import without_lines


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    first, again = synth_corpus.corpus(12, seed=3), synth_corpus.corpus(12, seed=3)
    assert first.files == again.files
    assert synth_corpus.corpus(12, seed=4).files != first.files
    # Given the regions (two for both), a report depends on its index and on the reports
    # before it, never on the ones after.
    assert synth_corpus.corpus(47, seed=3).documents[:12] == first.documents


def test_every_report_parses_back_to_its_document() -> None:
    corpus = synth_corpus.corpus(30, seed=1)
    assert list(corpus.files) == sorted(d.source for d in corpus.documents)
    by_source = {d.source: d for d in corpus.documents}
    for source, data in corpus.files.items():
        parsed = parse_document(decode(data, source), source, corpus.regions)
        assert without_lines(parsed.model_dump()) == without_lines(by_source[source].model_dump())


def test_layout_spans_regions_years_and_units_with_unique_consistent_codes() -> None:
    corpus = synth_corpus.corpus(200, seed=0)
    docs = corpus.documents
    assert len(corpus.regions) == 5 == len({d.region.code for d in docs})
    assert {d.year for d in docs} == set(synth_corpus.YEARS)
    assert len({(d.year, d.region.code, d.unit.code) for d in docs}) == 200
    # A unit reports in every year, under the same code and name.
    assert len({(d.region.code, d.unit.code, d.unit.name) for d in docs}) == 200 // 5
    codes = [p.code for d in docs for p in d.projects]
    assert len(codes) == len(set(codes))
    assert all(
        p.code.startswith(f"{d.region.code}{d.year % 100:02d}") for d in docs for p in d.projects
    )
    assert 8 <= len(codes) / len(docs) <= 12


def test_reports_vary_as_real_files_do() -> None:
    corpus = synth_corpus.corpus(60, seed=0)
    files = corpus.files.values()
    assert {detect_encoding(data) for data in files} == {"utf-8", "utf-8-sig", "gb18030", "utf-16"}
    assert any(b"\r\n" in data for data in files)
    assert any(b"[bookmark: _Toc" in data for data in files)
    projects = [p for d in corpus.documents for p in d.projects]
    assert {p.money_unit for p in projects} == {"元", "万元"}
    assert {p.spending_plan_basis for p in projects} == {"percent", "amount", "empty"}


def test_make_corpus_writes_content_and_matching_site_data(tmp_path: Path) -> None:
    corpus = write_corpus(10, 0, tmp_path)
    written = sorted(
        p.relative_to(tmp_path / "content").as_posix() for p in tmp_path.rglob("*.txt")
    )
    assert written == list(corpus.files)
    assert load_regions(tmp_path / "site_data") == corpus.regions
    assert (tmp_path / "site_data" / "site.toml").read_text("utf-8").startswith("title = ")


def test_units_continue_change_stop_and_add_projects_from_year_to_year() -> None:
    docs = synth_corpus.corpus(200, seed=0).documents
    units = by_unit(docs)
    assert all(len(reports) == len(synth_corpus.YEARS) for reports in units.values())
    earlier = continued = dropped = added = budgets = targets = goals = renamed = 0
    for reports in units.values():
        for before, after in pairwise(reports):
            assert after.year == before.year + 1
            old = {code_pattern(p.code): p for p in before.projects}
            pairs = [
                (old[code_pattern(p.code)], p)
                for p in after.projects
                if code_pattern(p.code) in old
            ]
            for first, then in pairs:
                # The same project: its name but for a year in it, its code but for the year.
                assert then.name == first.name.replace(str(before.year), str(after.year))
                assert then.code[8:] == first.code[8:] and then.code[:6] == first.code[:6]
                assert synth.money_check(then)
            found = changes(before, after)
            # The site's comparison pairs them the same way, by name.
            assert {(c.before.code, c.after.code) for c in found.continued} == {
                (first.code, then.code) for first, then in pairs
            }
            earlier += len(before.projects)
            continued += len(pairs)
            dropped += len(found.dropped)
            added += len(found.added)
            budgets += sum(c.budget_change != 0 for c in found.continued)
            targets += sum(bool(c.targets) for c in found.continued)
            goals += sum(c.goals_changed for c in found.continued)
            renamed += sum(first.name != then.name for first, then in pairs)
    assert 0.6 <= continued / earlier <= 0.8
    assert dropped == earlier - continued
    assert added >= sum(len(reports) - 1 for reports in units.values())  # one a year at least
    assert 0.3 < budgets / continued < 0.7
    assert 0.2 < targets / continued < 0.6
    assert goals and renamed


def test_like_projects_across_units_but_no_name_everywhere() -> None:
    docs = synth_corpus.corpus(200, seed=0).documents
    projects = [p for d in docs for p in d.projects]
    units: dict[str, set[tuple[str, str]]] = {}
    for doc in docs:
        for project in doc.projects:
            units.setdefault(like_key(project.name), set()).add((doc.region.code, doc.unit.code))
    names = Counter(like_key(p.name) for p in projects)
    assert len(names) >= 200
    assert max(names.values()) <= 0.05 * len(projects)
    shared = sorted(len(found) for found in units.values())
    assert shared[len(shared) // 2] >= 2  # most names are in several units
    for name in (
        "车辆保险费",
        "综合事务管理费",
        "会务活动承办费",
        "网站网络维护管理经费",
        "学生资助资金",
    ):
        assert len(units[name]) >= 2
    # Names with a year, written for the report's year.
    dated = [(d.year, p.name) for d in docs for p in d.projects if re.search(r"20\d\d年", p.name)]
    assert dated and all(str(year) in name for year, name in dated)
    # Within a report every name is its own, so a project is matched across years by name.
    assert all(len({like_key(p.name) for p in d.projects}) == len(d.projects) for d in docs)
