"""Each report's files kept between builds: reused when nothing they come from changed."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import marshal
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.make_corpus import write_corpus
from builder.compare.related import Mention, ProjectRelations, UnitRelations
from builder.compare.years import by_unit
from builder.contract.model import Document
from builder.contract.settings import Settings
from builder.incremental import report_cache, summaries
from builder.incremental.folder_sync import Stored
from builder.incremental.report_cache import ReportFiles, report_key
from builder.intake.content import read_content
from builder.quality import Finding, check_documents
from builder.quality.check import check_document
from builder.render import quality
from builder.render import site as render_site
from builder.render.catalog import Entry
from builder.render.compare import changes, groups
from builder.render.lists import indicators
from tests.support.reading import load_content

SETTINGS = Settings(title="预算绩效目标公开", publisher="", description="")


@pytest.fixture
def docs(tmp_path: Path) -> list[Document]:
    written = write_corpus(6, 3, tmp_path)
    return load_content(tmp_path / "content", written.regions)


def test_a_second_render_makes_only_the_changed_reports_files(
    docs: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache" / "reports"
    cache = report_cache.load(path)
    first = render_site.render_site(docs, SETTINGS, {}, cache=cache)
    assert first == render_site.render_site(docs, SETTINGS, {})  # the cache changes nothing
    report_cache.save(cache)
    saved = {p.name: p.stat().st_mtime_ns for p in path.iterdir()}

    revised = docs[2].model_copy(update={"overall_goal": docs[2].overall_goal + "\n年中修订。"})
    changed = [*docs[:2], revised, *docs[3:]]
    made: list[str] = []
    checked: list[str] = []
    real = render_site.report_files

    def counted(
        doc: Document, own: Sequence[Finding], quality: bool, related: UnitRelations
    ) -> ReportFiles:
        made.append(doc.source)
        return real(doc, own, quality, related)

    def counted_check(doc: Document) -> list[Finding]:
        checked.append(doc.source)
        return check_document(doc)

    grouped: list[str] = []
    compared: list[str] = []
    real_group, real_change = groups._group_pages, changes._change_page

    def counted_group(key: str, group: Sequence[Entry]) -> dict[str, str]:
        grouped.append(key)
        return real_group(key, group)

    def counted_change(before: Document, after: Document) -> dict[str, str]:
        compared.append(after.source)
        return real_change(before, after)

    rowed: list[str] = []
    real_rows = quality.findings_rows

    def counted_rows(found: Sequence[Finding]) -> str:
        rowed.extend(sorted({f.source for f in found}))
        return real_rows(found)

    monkeypatch.setattr(render_site, "report_files", counted)
    monkeypatch.setattr(render_site, "check_document", counted_check)
    monkeypatch.setattr(render_site, "findings_rows", counted_rows)
    monkeypatch.setattr(groups, "_group_pages", counted_group)
    monkeypatch.setattr(changes, "_change_page", counted_change)
    loaded = report_cache.load(path)
    again = render_site.render_site(changed, SETTINGS, {}, cache=loaded)
    assert made == [revised.source]
    assert checked == [revised.source]  # the others' own findings come from the cache
    assert rowed == [revised.source]  # its rows of findings.csv; the others' are kept
    # no like-project page: they show no report's own text (tests/scale/test_group_view.py)
    assert grouped == []
    # the year-over-year pages that show the revised report, no others
    assert compared == [
        after.source
        for reports in by_unit(changed).values()
        for before, after in itertools.pairwise(reports)
        if revised.source in (before.source, after.source)
    ]
    monkeypatch.undo()
    assert again == render_site.render_site(changed, SETTINGS, {})
    report_cache.save(loaded)
    now = {p.name: p.stat().st_mtime_ns for p in path.iterdir()}
    kept = {name for name in now if saved.get(name) == now[name]}
    # only the revised report's three entries (its files, its findings, its rows of
    # findings.csv), the pages that show it, the index and the summaries were written again
    assert len(now) == len(saved)
    assert len(set(now) - kept) == 5 + len(compared)
    assert {report_cache.INDEX, summaries.FILE} <= set(now) - kept


def test_the_key_covers_the_report_its_findings_and_the_settings(docs: list[Document]) -> None:
    findings = check_documents(docs)
    doc = docs[0]
    own = [f for f in findings if f.source == doc.source]
    assert own, "the synthetic reports have findings"
    key = report_key(doc, own, True)
    assert key == report_key(doc, list(own), True)
    assert key != report_key(doc, own[1:], True)
    assert key != report_key(doc, own, False)
    assert key != report_key(doc.model_copy(update={"measures": doc.measures + "。"}), own, True)
    placed = [own[0].model_copy(update={"place": "第 2 页"}), *own[1:]]
    assert key != report_key(doc, placed, True)
    # When the digest names the file, its own findings follow from it: only those across
    # reports are hashed.
    named = functools.partial(report_key, doc, own, True, doc_digest="parsed-file-key")
    assert named(across=[]) == report_key(
        doc, own[1:], True, doc_digest="parsed-file-key", across=[]
    )
    assert named(across=[]) != named(across=own[:1]) != named()


def test_the_key_of_relations_covers_all_they_say() -> None:
    mention = Mention("13010321ERB00123", "车辆保险费", "某单位", 2021, Decimal("1.50"))
    project = ProjectRelations("车辆保险", (mention,))
    base = UnitRelations(((2021, Decimal("100")),), (("13010321ERB00124", project),))
    others = [
        dataclasses.replace(base, totals=((2021, Decimal("100.0")),)),
        dataclasses.replace(base, totals=((2022, Decimal("100")),)),
        dataclasses.replace(base, projects=(("13010321ERB00125", project),)),
        dataclasses.replace(
            base, projects=(("13010321ERB00124", ProjectRelations("", (mention,))),)
        ),
    ]
    for changed in [
        dataclasses.replace(mention, code="x"),
        dataclasses.replace(mention, name="x"),
        dataclasses.replace(mention, unit="x"),
        dataclasses.replace(mention, year=2022),
    ]:
        moved = ProjectRelations("车辆保险", (changed,))
        others.append(dataclasses.replace(base, projects=(("13010321ERB00124", moved),)))
    budget = dataclasses.replace(mention, budget=Decimal("1.5"))
    others.append(
        dataclasses.replace(
            base, projects=(("13010321ERB00124", ProjectRelations("车辆保险", (budget,))),)
        )
    )
    keys = {base.key(), *(other.key() for other in others)}
    assert len(keys) == len(others) + 1
    assert base.key() == dataclasses.replace(base).key()


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def test_kept_files_are_read_only_when_asked_and_a_spoilt_entry_is_made_again(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reports"
    assert report_cache.load(folder).index == {}
    folder.mkdir()
    (folder / f"{report_cache.FILES}good.marshal").write_bytes(marshal.dumps({"page": "text"}))
    (folder / f"{report_cache.FILES}garbled.marshal").write_bytes(b"not marshal data")
    (folder / f"{report_cache.FILES}unused.marshal").write_bytes(marshal.dumps({"x": "y"}))
    (folder / f"{report_cache.FINDINGS}wrong.marshal").write_bytes(marshal.dumps([("rule",)]))
    index = {"good": {"page": _digest("text")}, "garbled": {"page": _digest("old")}}
    (folder / report_cache.INDEX).write_bytes(marshal.dumps(index))
    cache = report_cache.load(folder)
    assert cache.index == index
    assert cache.checked == {"wrong"}  # named only: read when asked for
    made: list[str] = []

    def make(key: str) -> Callable[[], ReportFiles]:
        def files() -> ReportFiles:
            made.append(key)
            return {"page": f"made for {key}"}

        return files

    good = cache.files("good", make("good"))["page"]
    assert isinstance(good, Stored) and good.digest == _digest("text") and made == []
    assert good.load() == "text" and made == []
    garbled = cache.files("garbled", make("garbled"))["page"]
    assert isinstance(garbled, Stored) and garbled.load() == "made for garbled"
    assert cache.files("new", make("new")) == {"page": "made for new"}
    assert made == ["garbled", "new"]
    report_cache.save(cache)
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{report_cache.FILES}garbled.marshal",
        f"{report_cache.FILES}good.marshal",
        f"{report_cache.FILES}new.marshal",
        report_cache.INDEX,
    ]
    again = report_cache.load(folder)
    assert again.index["new"] == {"page": _digest("made for new")}
    (folder / report_cache.INDEX).write_bytes(marshal.dumps({"good": {"page": 1}}))
    assert report_cache.load(folder).index == {}


def _kept(cache: report_cache.ReportCache, docs: Sequence[Document]) -> report_cache.Kept:
    return cache, {doc.source: report_cache.doc_hash(doc) for doc in docs}


def test_an_indicators_pages_are_made_again_only_when_a_row_of_it_changed(
    docs: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = report_cache.load(tmp_path / "reports")
    first = indicators.indicator_pages(docs, _kept(cache, docs))
    assert first == indicators.indicator_pages(docs)  # the cache changes nothing
    report_cache.save(cache)
    doc = docs[1]
    project = doc.projects[0]
    row = project.indicators[0]
    edited = row.model_copy(update={"value": row.value + "（修订）"})
    changed_project = project.model_copy(update={"indicators": (edited, *project.indicators[1:])})
    changed = doc.model_copy(update={"projects": (changed_project, *doc.projects[1:])})
    revised = [*docs[:1], changed, *docs[2:]]
    made: list[indicators.Name] = []
    real = indicators._indicator_pages
    shared: list[str] = []
    real_shares = indicators.report_shares

    def counted(name: indicators.Name, ordered: Sequence[indicators.Use]) -> dict[str, str]:
        made.append(name)
        return real(name, ordered)

    def counted_shares(doc: Document) -> bytes:
        shared.append(doc.source)
        return real_shares(doc)

    catalogues: list[int] = []
    real_catalogue = indicators._catalogue

    def counted_catalogue(uses: dict[indicators.Name, list[indicators.Use]]) -> str:
        catalogues.append(len(uses))
        return real_catalogue(uses)

    monkeypatch.setattr(indicators, "_indicator_pages", counted)
    monkeypatch.setattr(indicators, "report_shares", counted_shares)
    monkeypatch.setattr(indicators, "_catalogue", counted_catalogue)
    kept = report_cache.load(tmp_path / "reports")
    again = indicators.indicator_pages(revised, _kept(kept, revised))
    assert made == [(row.level1, row.level2, row.level3)]
    assert shared == [changed.source]  # the other reports' shares were kept
    assert len(catalogues) == 1  # /indicators/ counts the row's new value
    report_cache.save(kept)
    later = report_cache.load(tmp_path / "reports")
    unchanged = indicators.indicator_pages(revised, _kept(later, revised))
    assert (len(made), len(shared), len(catalogues)) == (1, 1, 1)  # nothing made again
    monkeypatch.undo()
    expected = indicators.indicator_pages(revised)
    assert {n: c.load() if isinstance(c, Stored) else c for n, c in again.items()} == expected
    assert {n: c.load() if isinstance(c, Stored) else c for n, c in unchanged.items()} == expected
    assert expected != first


def test_a_cached_finding_is_the_finding_it_was(docs: list[Document]) -> None:
    """Cached findings are made again without pydantic's constructors: equal in every way
    that the build uses, to the validated Finding they were kept from."""
    made = check_document(docs[0])
    assert made
    cache = report_cache.ReportCache()
    assert cache.findings("digest", lambda: made) == made
    again = cache.findings("digest", lambda: [])
    assert again == made
    for finding, kept in zip(made, again, strict=True):
        assert kept.model_dump() == finding.model_dump()
        assert kept.model_dump_json() == finding.model_dump_json()
        assert hash(kept) == hash(finding)
        placed = {"place": "第 2 页"}
        assert kept.model_copy(update=placed) == finding.model_copy(update=placed)
        assert Finding.model_validate(kept.model_dump()) == kept
        with pytest.raises(Exception, match="frozen"):
            kept.line = 3  # type: ignore[misc]


def test_kept_findings_read_back_whole_or_not_at_all(docs: list[Document], tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    made = check_document(docs[0])
    cache = report_cache.load(folder)
    cache.findings("digest", lambda: made)
    report_cache.save(cache)
    (entry,) = folder.glob(f"{report_cache.FINDINGS}*")
    assert report_cache.load(folder).findings("digest", lambda: []) == made
    data = bytearray(entry.read_bytes())
    data[-5] ^= 1  # one bit of one finding's text
    entry.write_bytes(bytes(data))
    assert report_cache.load(folder).findings("digest", lambda: made[:1]) == made[:1]
    assert report_cache.load(folder).findings("digest", list) == made[:1]  # kept anew


def test_a_report_read_through_the_parse_cache_is_named_by_its_key(tmp_path: Path) -> None:
    written = write_corpus(4, 2, tmp_path)
    content, work = tmp_path / "content", tmp_path / "work"
    first = read_content(content, written.regions, cache=work, workers=1)
    assert sorted(first.parse_keys) == sorted(d.source for d in first.documents)
    kept = report_cache.load(tmp_path / "reports", first.parse_keys)
    digests = {d.source: kept.digest(d) for d in first.documents}
    # Not the report written out again, and as fast to tell apart: another file, another key.
    assert all(digests[d.source] != report_cache.doc_hash(d) for d in first.documents)
    edited = first.documents[1]
    path = content / edited.source
    path.write_text(path.read_text("utf-8").replace("总体绩效目标", "总体绩效目标 "), "utf-8")
    again = read_content(content, written.regions, cache=work, workers=1)
    after = report_cache.load(tmp_path / "reports", again.parse_keys)
    changed = {d.source for d in again.documents if after.digest(d) != digests[d.source]}
    assert changed == {edited.source}


def test_indicator_pages_are_taken_whole_when_no_rows_share_changed(
    docs: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that changes no indicator row reuses every indicator page without naming
    one; an entry spoilt after the build found it is made again from the reports."""
    folder = tmp_path / "reports"
    cache = report_cache.load(folder)
    expected = indicators.indicator_pages(docs, _kept(cache, docs))
    report_cache.save(cache)
    doc = docs[2]
    edited = doc.model_copy(update={"overall_goal": doc.overall_goal + "（修订）"})
    revised = [*docs[:2], edited, *docs[3:]]
    looked: list[int] = []
    real_uses = indicators.uses_by_name

    def counted(reports: Sequence[Document]) -> dict[indicators.Name, list[indicators.Use]]:
        looked.append(len(reports))
        return real_uses(reports)

    monkeypatch.setattr(indicators, "uses_by_name", counted)
    kept = report_cache.load(folder)
    pages = list(indicators.indicator_files(revised, _kept(kept, revised)))
    assert looked == [1]  # the edited report's share alone, never every report's rows
    assert {n for n, _ in pages} == set(expected)
    assert all(isinstance(c, Stored) for _, c in pages)
    report_cache.save(kept)
    # Every entry spoilt once the pages were named: each is made again when read.
    later = report_cache.load(folder)
    named = list(indicators.indicator_files(revised, _kept(later, revised)))
    assert looked == [1]
    for entry in folder.glob(f"{report_cache.FILES}*"):
        entry.write_bytes(b"spoilt")
    assert {n: c.load() if isinstance(c, Stored) else c for n, c in named} == expected
    assert looked[1:] == [len(revised)]  # named again once, for all of them
    # A changed row of one report: its indicator's keys are worked out again.
    project = edited.projects[0]
    row = project.indicators[0].model_copy(update={"value": "（修订）"})
    moved = project.model_copy(update={"indicators": (row, *project.indicators[1:])})
    changed = edited.model_copy(update={"projects": (moved, *edited.projects[1:])})
    again = [*docs[:2], changed, *docs[3:]]
    report_cache.save(later)
    pages_again = indicators.indicator_pages(again, _kept(report_cache.load(folder), again))
    assert looked[2:] == [1, len(again)]  # its share, then every report's rows
    made = {n: c.load() if isinstance(c, Stored) else c for n, c in pages_again.items()}
    assert made == indicators.indicator_pages(again) != expected
