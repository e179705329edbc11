"""The mkdocs.yml the build writes: Material, Chinese, no network, a nav of index pages only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from builder.contract import paths

ASSETS = "assets/bs"
VERBATIM = "builder.render.html.verbatim"
"""The Python-Markdown extension that passes marked HTML blocks through unparsed."""
CSS = f"{ASSETS}/site.css"
SCRIPTS = (f"{ASSETS}/projects.js", f"{ASSETS}/search.js", f"{ASSETS}/links.js")


def nav(
    years: Sequence[int], hand_pages: Sequence[tuple[str, str]], quality: bool = False
) -> list[Any]:
    """Sections and index pages, never every project (docs/DESIGN.md §4: a full nav is O(n²)).

    ``hand_pages`` are (stem, title): every entry has its title here, so that a run that
    does not render the page (builder/engines/shards.py) shows the same navigation.
    """
    sections = [
        {"首页": paths.HOME},
        {"全部项目": paths.PROJECTS},
        {"单位": [{"按年度和地区": paths.UNITS}, *({f"{y}年": paths.year(y)} for y in years)]},
        {"指标目录": paths.INDICATORS},
        {"同类项目": paths.SIMILAR},
        {"数据下载": paths.DATA},
        {"说明": [{title: paths.hand_page(stem)} for stem, title in hand_pages]},
    ]
    if quality:
        sections.insert(-1, {"数据质量": paths.QUALITY})
    return sections


def mkdocs_config(
    *,
    title: str,
    description: str,
    footer: str,
    site_dir: Path,
    overrides: Path | None,
    years: Sequence[int],
    hand_pages: Sequence[tuple[str, str]],
    quality: bool = False,
    url: str = "",
    for_disk: bool = False,
) -> dict[str, Any]:
    """``footer`` is the footer's HTML (builder/render/provenance.py); ``url`` the site's
    address, which gives every page a canonical link (site.toml ``url``); ``for_disk``
    makes every link to a page name its index.html, for a site opened from disk."""
    theme: dict[str, Any] = {
        "name": "material",
        "language": "zh",
        "font": False,  # no Google Fonts: the site must load with no internet
        "features": ["navigation.sections", "navigation.top"],
        "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
    }
    if overrides is not None:
        theme["custom_dir"] = str(overrides)
    config: dict[str, Any] = {
        "site_name": title,
        "site_description": description,
        "copyright": footer,
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        # The pages are <address>/index.md either way, so the files are where they would be.
        "use_directory_urls": not for_disk,
        "theme": theme,
        # Search is the site's own chunked index, made after MkDocs (engines/search_index.py):
        # Material's search plugin would send every page one index of the whole site.
        "plugins": [],
        "markdown_extensions": [
            # align="right", not style="text-align: right": the CSP allows no inline style.
            {"tables": {"use_align_attribute": True}},
            "attr_list",
            "md_in_html",
            {"toc": {"permalink": False}},
            VERBATIM,  # a speed-up only: pages read the same without it
        ],
        "extra_css": [CSS],
        "extra_javascript": list(SCRIPTS),
        "extra": {"generator": False},
        "nav": nav(years, hand_pages, quality),
        "validation": {"nav": {"omitted_files": "info"}},
    }
    if url:
        config["site_url"] = url
    if for_disk:
        config["hooks"] = [str(Path(__file__).with_name("disk_links.py"))]
    return config


def to_yaml(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
