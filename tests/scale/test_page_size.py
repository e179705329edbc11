"""Index pages that sum up the whole corpus stay about the same size as the corpus grows."""

from __future__ import annotations

import re

from builder.contract import paths
from builder.contract.settings import Settings
from builder.render.home import DEPARTMENTS, render_home
from builder.render.lists.indicators import PER_PAGE, indicator_pages
from tests.support import synth_corpus

DOCS = synth_corpus.corpus(240, seed=4).documents
# The 次数 cell of a catalogue row (三级指标, 次数, the common values).
COUNT = re.compile(r'<tr id="[^"]*">\n<td>.*</td>\n<td[^>]*>(\d+)</td>')


def test_home_page_charts_the_largest_departments_and_counts_the_rest() -> None:
    home = render_home(DOCS, Settings(title="标题"), "")
    assert home.count('class="bs-bar-row"') == DEPARTMENTS
    assert f"全部 {len(DOCS)} 个见[单位](units/index.md)" in home
    small = render_home(DOCS[:60], Settings(title="标题"), "")
    assert small.count('class="bs-bar-row"') == DEPARTMENTS
    assert "全部 60 个" in small


def test_indicator_catalogue_grows_with_the_names_and_pages_stay_small() -> None:
    files = indicator_pages(DOCS)
    catalogue = files[paths.INDICATORS]
    counts = [int(n) for n in COUNT.findall(catalogue)]
    assert sum(counts) == sum(len(p.indicators) for d in DOCS for p in d.projects)
    # Four times the projects, about the same catalogue: it grows with the names only.
    assert len(catalogue) < 1.1 * len(indicator_pages(DOCS[:60])[paths.INDICATORS])
    # Every use is listed on its indicator's pages, PER_PAGE rows at most on each.
    listed = [
        page.split("## 使用的项目")[1].count("<tr>") - 1  # less the table's head
        for name, page in files.items()
        if name != paths.INDICATORS
    ]
    assert max(listed) == PER_PAGE
    assert any(name.endswith("/2/index.md") for name in files)


def test_home_page_totals_go_by_year_when_regions_are_many() -> None:
    from builder.render import catalog
    from builder.render.home import PLACE_ROWS

    few = DOCS[:60]
    assert len(catalog.places(few)) <= PLACE_ROWS
    home = render_home(few, Settings(title="标题"), "")
    table = home.split("## 按年度和地区")[1].split("## ")[0]
    assert table.count("<tr>") - 1 == len(catalog.places(few))  # a row a place, less the head
    many = synth_corpus.corpus(700, seed=4).documents
    assert len(catalog.places(many)) > PLACE_ROWS
    home = render_home(many, Settings(title="标题"), "")
    assert "## 按年度和地区" not in home
    table = home.split("## 按年度\n")[1].split("## ")[0]
    years = catalog.years(many)
    assert table.count("<tr>") - 1 == len(years)
    for year in years:
        of_year = [d for d in many if d.year == year]
        projects = sum(len(d.projects) for d in of_year)
        assert f'href="{year}/">{year}年</a>' in table
        assert f">{projects}</td>" in table
