"""Finished HTML for the large blocks of a page, as Python-Markdown writes the same Markdown.

Blocks are wrapped by builder.render.html.verbatim.verbatim so that MkDocs does not parse them.
Every argument called ``html`` is already HTML: text from a report goes through
builder.render.html.escape first, and links are URLs from builder.contract.paths.href, since MkDocs
does not rewrite links inside raw HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.render.html.escape import html_text

RIGHT = "right"
# As Python-Markdown's tables write it with use_align_attribute (builder/engines/
# mkdocs_config.py): an attribute, not a style, which the pages' CSP forbids.
_ALIGN = {RIGHT: ' align="right"', "": ""}
MINOR = ' class="bs-minor"'
"""A column a phone leaves out: each value in it is also shown in another form or page."""


def link(href: str, html: str) -> str:
    return f'<a href="{html_text(href)}">{html}</a>'


def code(text: str) -> str:
    return f"<code>{html_text(text)}</code>"


def strong(html: str) -> str:
    return f"<strong>{html}</strong>"


def paragraph(html: str) -> str:
    return f"<p>{html}</p>"


def paragraphs(text: str) -> str:
    """Report text, one paragraph per line (blank lines dropped); "" for none."""
    return "\n".join(
        paragraph(html_text(line.strip())) for line in text.split("\n") if line.strip()
    )


def table(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: Sequence[str] = (),
    ids: Sequence[str] = (),
    minor: Sequence[int] = (),
) -> str:
    """A table of HTML cells; ``align`` gives each column "" or RIGHT, ``ids`` each row an
    id ("" for none) that a link can point at, ``minor`` the columns a phone leaves out
    (site.css: a second form of a value, such as 万元 beside 元, or a code)."""
    styles = [_ALIGN[a] for a in align] or [""] * len(head)
    styles = [s + (MINOR if n in minor else "") for n, s in enumerate(styles)]
    lines = ["<table>", "<thead>", "<tr>"]
    lines += [f"<th{style}>{cell}</th>" for style, cell in zip(styles, head, strict=True)]
    lines += ["</tr>", "</thead>", "<tbody>"]
    for index, row in enumerate(rows):
        anchor = ids[index] if index < len(ids) else ""
        lines.append(f'<tr id="{html_text(anchor)}">' if anchor else "<tr>")
        lines += [f"<td{style}>{cell}</td>" for style, cell in zip(styles, row, strict=True)]
        lines.append("</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def ordered(items: Sequence[str], ids: Sequence[str] = ()) -> str:
    return "<ol>\n" + _items(items, ids) + "</ol>"


def bullets(items: Sequence[str], ids: Sequence[str] = ()) -> str:
    return "<ul>\n" + _items(items, ids) + "</ul>"


def _items(items: Sequence[str], ids: Sequence[str]) -> str:
    """List items, each with its id from ``ids`` when given."""
    if not ids:
        return "".join(f"<li>{item}</li>\n" for item in items)
    pairs = zip(items, ids, strict=True)
    return "".join(f'<li id="{html_text(anchor)}">{item}</li>\n' for item, anchor in pairs)


def div(css_class: str, html: str) -> str:
    return f'<div class="{css_class}">\n{html}\n</div>'
