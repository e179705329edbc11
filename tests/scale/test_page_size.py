"""Index pages that sum up the whole corpus stay about the same size as the corpus grows."""

from __future__ import annotations

import re

from builder.contract.settings import Settings
from builder.render.home import DEPARTMENTS, render_home
from builder.render.indicators import PROJECTS_LISTED, render_indicators
from tests.support import synth_corpus

DOCS = synth_corpus.corpus(240, seed=4).documents
PROJECT_LINK = re.compile(r'<a href="\.\./projects/\w+/">')
# A row of a catalogue table: 三级指标, 次数, the projects using it.
ROW = re.compile(r"<tr>\n<td>.*</td>\n<td[^>]*>(\d+)</td>\n<td>(.*)</td>\n</tr>")


def test_home_page_charts_the_largest_departments_and_counts_the_rest() -> None:
    home = render_home(DOCS, Settings(title="标题"), "")
    assert home.count('class="bs-bar-row"') == DEPARTMENTS
    assert f"全部 {len(DOCS)} 个见[单位](units/index.md)" in home
    small = render_home(DOCS[:60], Settings(title="标题"), "")
    assert small.count('class="bs-bar-row"') == DEPARTMENTS
    assert "全部 60 个" in small


def test_indicator_catalogue_links_a_few_projects_per_indicator_and_counts_all() -> None:
    catalogue = render_indicators(DOCS)
    rows = [(int(count), used) for count, used in ROW.findall(catalogue)]
    assert [used for _, used in rows if PROJECT_LINK.search(used)]
    assert all(len(PROJECT_LINK.findall(used)) <= PROJECTS_LISTED for _, used in rows)
    counted = sum(count for count, _ in rows)
    assert counted == sum(len(p.indicators) for d in DOCS for p in d.projects)
    assert any(re.search(r" 等 \d+ 个项目$", used) for _, used in rows)
    # Four times the projects, about the same page: it grows with the indicator names only.
    assert len(catalogue) < 1.1 * len(render_indicators(DOCS[:60]))
