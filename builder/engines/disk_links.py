"""A MkDocs hook for a site opened from disk: links to a folder point at its index.html.

MkDocs takes every ``on_`` function of a hook module for an event; only on_post_page is one.

From ``file://`` a browser shows a folder's listing, not its index.html, so ``…/X/`` must
be written ``…/X/index.html``. MkDocs does this for its own links when
``use_directory_urls`` is false; this hook does it for the links the pages carry as HTML
(builder/render/html/verbatim.py), per rendered page, so that a rebuild that renders only
the changed pages rewrites only those.
"""

from __future__ import annotations

import re
from typing import Any

_HREF = re.compile(r'href="([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def disk_href(href: str) -> str:
    """A relative link to a folder, with ``index.html``; any other link unchanged."""
    if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
        return href
    cut = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
    path, rest = href[:cut], href[cut:]
    if path in (".", ".."):
        path += "/"
    if not path.endswith("/"):
        return href
    return path + "index.html" + rest


def disk_links(html: str) -> str:
    return _HREF.sub(lambda m: f'href="{disk_href(m.group(1))}"', html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """MkDocs' hook: every rendered page, when the site is built for disk."""
    return output if config["use_directory_urls"] else disk_links(output)
