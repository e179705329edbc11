"""The search index made in a program of its own is the one the build makes in its process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.contract.errors import EnvironmentFailure
from builder.engines import processes, search_job
from builder.publish import build
from builder.publish.build import build_site
from builder.search.index import FOLDER
from tests.conftest import site_files, synthetic
from tests.support.writer import write_report


def _index(site: Path) -> dict[str, bytes]:
    return {n: data for n, data in site_files(site).items() if n.startswith(f"{FOLDER}/")}


def test_an_index_made_apart_equals_one_made_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 6, 2)
    inside = tmp_path / "inside"
    build_site(content, inside / "site", site_data=site_data, work=inside / "work")
    monkeypatch.setattr(search_job, "APART_MIN_RECORDS", 0)
    started: list[list[str]] = []
    real = processes.start_program

    def watched(place: str, purpose: str, command: list[str], log: Path, piped: bool) -> object:
        started.append(command)
        return real(place, purpose, command, log, piped=piped)

    monkeypatch.setattr(search_job, "start_program", watched)
    build_site(content, site, site_data=site_data, work=work)
    assert len(started) == 1 and started[0][-3:-1] == ["-m", "builder.engines.search_job"]
    assert _index(site) == _index(inside / "site") != {}
    # A rebuild brings the index up to date in the program too, as a clean build makes it.
    edited = corpus.documents[2]
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    build_site(content, site, site_data=site_data, work=work)
    assert len(started) == 2
    build_site(content, inside / "site", site_data=site_data, work=inside / "work")
    assert _index(site) == _index(inside / "site")
    # The job leaves nothing behind but the state of the site it indexed.
    assert not (work / search_job.RECORDS).exists()
    assert sorted(p.name for p in work.glob("search-*")) == [search_job.STATE]


def test_a_failed_index_program_says_why_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 4, 2)
    monkeypatch.setattr(search_job, "APART_MIN_RECORDS", 0)
    build_site(content, site, site_data=site_data, work=work)
    state = (work / search_job.STATE).read_bytes()
    edited = corpus.documents[0]
    revised = edited.model_copy(update={"overall_goal": edited.overall_goal + "\n年中修订。"})
    (content / edited.source).write_text(write_report(revised), encoding="utf-8")
    # A state of another index than the site's: the job refuses to change the index in place.
    kept = work / search_job.STATE
    state = re.sub(rb'"meta": "[0-9a-f]+"', b'"meta": "' + b"0" * 64 + b'"', state)
    kept.write_bytes(state)
    published = site_files(site)
    with pytest.raises(EnvironmentFailure) as failed:
        build_site(content, site, site_data=site_data, work=work)
    assert "expected to index the site for search" in str(failed.value)
    assert "expected the index the last build wrote" in str(failed.value)
    assert site_files(site) == published
    assert (work / search_job.STATE).read_bytes() == state  # the last good build's


def test_a_build_that_fails_while_the_program_waits_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus, content, site_data, site, work = synthetic(tmp_path, 2, 2)
    monkeypatch.setattr(search_job, "APART_MIN_RECORDS", 0)
    jobs: list[processes.Job[None]] = []
    real = processes.start_program

    def kept(place: str, purpose: str, command: list[str], log: Path, piped: bool) -> object:
        jobs.append(real(place, purpose, command, log, piped=piped))
        return jobs[-1]

    def broken(*_args: object, **_options: object) -> None:
        raise EnvironmentFailure("mkdocs.yml", "expected MkDocs to build the site: stopped")

    monkeypatch.setattr(search_job, "start_program", kept)
    monkeypatch.setattr(build, "run_mkdocs", broken)
    with pytest.raises(EnvironmentFailure, match="expected MkDocs"):
        build_site(content, site, site_data=site_data, work=work)
    assert len(jobs) == 1
    with pytest.raises(EnvironmentFailure, match="cancelled"):
        jobs[0].result()
    assert not site.exists() and not (work / search_job.STATE).exists()


def test_records_spooled_in_a_second_process_give_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus, content, site_data, site, work = synthetic(tmp_path, 6, 2)
    inside = tmp_path / "inside"
    build_site(content, inside / "site", site_data=site_data, work=inside / "work")
    monkeypatch.setattr(build, "BACKGROUND_MIN", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    purposes: list[str] = []
    real = processes.start

    def watched(place: str, purpose: str, *args: object) -> object:
        purposes.append(purpose)
        return real(place, purpose, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(processes, "start", watched)
    build_site(content, site, site_data=site_data, work=work)
    assert "spool the search records" in purposes
    assert _index(site) == _index(inside / "site") != {}
