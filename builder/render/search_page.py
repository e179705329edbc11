"""The search page /search/?q=…: a form whose address can be shared, and where results go.

The form works as a plain GET form (its address is the query and the filters), so a search
can be bookmarked, shared and gone back to; assets/search.js reads the address, runs the
search in the page and lists the results. The page itself is left out of the index.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.contract import paths
from builder.contract.model import Document
from builder.render import catalog
from builder.render.html.blocks import front_matter
from builder.render.html.escape import html_text
from builder.render.html.verbatim import verbatim
from builder.search.records import PAGE, PROJECT, UNIT

SEARCH = "search/index.md"
HINT = "项目、单位、地区、编码或年度"
HOW = "输入词语后按回车搜索。多个词用空格分开，结果须包含每一个词。"


def _select(name: str, label: str, every: str, options: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<option value="{html_text(value)}">{html_text(text)}</option>' for value, text in options
    )
    return (
        f'<label class="bs-filter">{label}<select name="{name}">'
        f'<option value="">{every}</option>{items}</select></label>'
    )


def render_search(docs: Sequence[Document]) -> str:
    """Markdown of /search/ (pure: no disk)."""
    years = [(str(y), f"{y}年") for y in catalog.years(docs)]
    regions = sorted({(name, name) for _code, name in catalog.regions(docs)})
    kinds = [(k, k) for k in (PROJECT, UNIT, PAGE)]
    # The unit filter names one unit exactly (words.filter_word): the list offers every name.
    units = "".join(
        f'<option value="{html_text(name)}"></option>'
        for name in sorted({d.unit.name for d in docs})
    )
    form = f"""
<form class="bs-search-page" data-bs-search-page action="./" method="get" role="search">
<div class="bs-search-row">
<label class="bs-search-label" for="bs-search-q">搜索</label>
<input id="bs-search-q" type="search" name="q" placeholder="{HINT}" autocomplete="off">
<button type="submit" class="md-button md-button--primary">搜索</button>
</div>
<div class="bs-search-filters">
{_select("year", "年度", "全部年度", years)}
{_select("region", "地区", "全部地区", regions)}
{_select("kind", "类型", "全部类型", kinds)}
<label class="bs-filter">单位<input type="text" name="unit" placeholder="全部单位"
list="bs-search-units" autocomplete="off"></label>
<datalist id="bs-search-units">{units}</datalist>
</div>
</form>
<p class="bs-search-count" data-bs-search-count aria-live="polite">{HOW}</p>
<ol class="bs-search-results" data-bs-search-results></ol>
<p><button type="button" class="md-button" data-bs-search-more hidden>显示更多结果</button></p>
<noscript><p>搜索需要浏览器启用 JavaScript；也可以从各年度、地区和单位页面浏览。</p></noscript>
"""
    return "\n\n".join(
        [
            front_matter(
                "搜索",
                exclude_from_search=True,
                crumbs=[("首页", paths.href(SEARCH, paths.HOME))],
                description="搜索本站的项目、单位和页面。",
            ),
            "# 搜索",
            verbatim(form),
        ]
    )
