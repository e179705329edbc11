"""Small pieces shared by the page renderers: front matter (with breadcrumb), bar chart."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from builder.contract import paths
from builder.parse.controls import visible
from builder.render.html.escape import html_text


def front_matter(
    title: str,
    *,
    boost: float | None = None,
    exclude_from_search: bool = False,
    hide: Sequence[str] = (),
    crumbs: Sequence[tuple[str, str]] = (),
    description: str = "",
) -> str:
    """YAML front matter; strings are JSON-quoted, which YAML reads unchanged.

    ``title`` is the page's <title> (before the site's name) and must tell it from every
    other page: same-name projects differ by unit and year. ``description`` is its meta
    description and link preview (name, unit, year, amount); the site's is used without.
    ``crumbs`` are (label, relative href) of the places above the page; the theme override
    (overrides/main.html) shows them as the breadcrumb.
    """
    # The theme writes the title and description into the page without escaping them.
    lines = ["---", f"title: {_quote(html_text(title))}"]
    if description:
        lines.append(f"description: {_quote(html_text(description))}")
    if boost is not None or exclude_from_search:
        lines.append("search:")
        lines += [f"  boost: {boost}"] if boost is not None else []
        lines += ["  exclude: true"] if exclude_from_search else []
    if hide:
        lines += ["hide:", *(f"  - {item}" for item in hide)]
    if crumbs:
        lines.append("crumbs:")
        lines += [f"  - {{label: {_quote(label)}, href: {_quote(href)}}}" for label, href in crumbs]
    lines.append("---")
    return "\n".join(lines)


def _quote(text: str) -> str:
    # YAML refuses noncharacters and most controls anywhere in the front matter, and MkDocs
    # then renders the whole block as Markdown, labels and all: they are shown as symbols.
    return json.dumps(visible(text), ensure_ascii=False)


def crumbs(from_page: str, places: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, target page) → (label, href relative to from_page)."""
    return [(label, paths.href(from_page, target)) for label, target in places]


@dataclass(frozen=True)
class Bar:
    """One bar: its label (a link when href is set), length 0–100 (None: no bar), value."""

    label: str
    href: str | None
    length: float | None
    value: str


def bar_chart(caption: str, bars: Sequence[Bar], *, tabled: bool = False) -> str:
    """A horizontal bar chart in plain HTML and CSS: prints, scales, needs no script.

    ``tabled``: a table beside the chart holds the same numbers, so print leaves it out.
    """
    summary = "；".join(f"{bar.label}：{bar.value}" for bar in bars)
    rows = []
    for bar in bars:
        width = "0" if bar.length is None else _number(max(0.0, min(100.0, bar.length)))
        label = html_text(bar.label)
        if bar.href is not None:
            label = f'<a href="{html_text(bar.href)}">{label}</a>'
        rows.append(
            '<div class="bs-bar-row">'
            f'<span class="bs-bar-label">{label}</span>'
            '<span class="bs-bar-track" aria-hidden="true">'
            # An SVG rectangle, not a styled span: the pages' CSP allows no inline style.
            '<svg class="bs-bar" viewBox="0 0 100 1" preserveAspectRatio="none">'
            f'<rect width="{width}" height="1"/></svg></span>'
            f'<span class="bs-bar-value">{html_text(bar.value)}</span>'
            "</div>"
        )
    kind = "bs-chart bs-tabled" if tabled else "bs-chart"
    return (
        f'<figure class="{kind}" role="group" aria-label="{html_text(caption + "：" + summary)}">'
        f"<figcaption>{html_text(caption)}</figcaption>" + "".join(rows) + "</figure>"
    )


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def percent(value: float) -> str:
    """A plan percentage for display: 25.0 → 25%, 83.22 → 83.22%."""
    return _number(value) + "%"
