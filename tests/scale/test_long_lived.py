"""The reports a build reads are frozen out of the cycle collector while it runs, and given
back when it ends, also when it fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from builder.contract.model import Document
from builder.contract.problems import ProblemsFound
from builder.publish.build import build_site
from builder.publish.long_lived import YOUNG
from builder.render.site import rendering
from tests.conftest import synthetic


def test_the_reports_are_frozen_while_a_build_renders_and_given_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus, content, site_data, site, work = synthetic(tmp_path, 3, 4)
    seen: list[bool] = []

    def watched(docs: list[Document], *args: object, **kwargs: object) -> object:
        seen.append(gc.get_freeze_count() > len(docs) and gc.get_threshold()[0] == YOUNG)
        return rendering(docs, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("builder.publish.build.rendering", watched)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] < YOUNG
    build_site(content, site, site_data=site_data, work=work)
    assert seen == [True]
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] < YOUNG


def test_a_failed_build_gives_the_reports_back_too(tmp_path: Path) -> None:
    corpus, content, site_data, site, work = synthetic(tmp_path, 2, 5)
    report = content / next(iter(corpus.files))
    report.write_text("第一部分\n没有表格\n", encoding="utf-8")
    with pytest.raises(ProblemsFound):
        build_site(content, site, site_data=site_data, work=work, keep_going=False)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] < YOUNG
