"""Links between the site's own paths: the fast relative path agrees with posixpath.relpath."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from builder.contract import paths

SEGMENT = st.sampled_from(["2021", "2022", "130102", "projects", "quality", "x.json", "index.md"])
PATH = st.lists(SEGMENT, min_size=0, max_size=4).map("/".join)


@given(PATH, PATH)
def test_relative_is_relpath(target: str, base: str) -> None:
    assert paths.relative(target, base) == posixpath.relpath(target or ".", base or ".")


def test_links_between_pages() -> None:
    project = paths.project("1301022104SE9T2COXZZ6")
    assert paths.href(project, paths.DATA) == "../../data/"
    assert paths.href(project, paths.project_data("1301022104SE9T2COXZZ6")) == (
        "../1301022104SE9T2COXZZ6.json"
    )
    assert paths.href(paths.HOME, paths.HOME) == "./"
    assert paths.href(paths.HOME, paths.year(2021)) == "2021/"
    assert paths.md_link(paths.year(2021), paths.region(2021, "130102")) == "130102/index.md"
