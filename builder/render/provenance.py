"""Where the data comes from, as every page's footer and the home page say it."""

from __future__ import annotations

from builder.contract.settings import Settings
from builder.render.html.escape import html_text
from builder.render.html.markup import link


def footer(settings: Settings) -> str:
    """The footer line (HTML): publisher, the date of the data, the licence."""
    parts = []
    if settings.publisher:
        parts.append(f"发布：{html_text(settings.publisher)}")
    if settings.data_date_text:
        parts.append(f"数据更新：{settings.data_date_text}")
    name = settings.license_title or settings.license
    if name:
        licence = html_text(name)
        if settings.license_url:
            licence = link(html_text(settings.license_url), licence)
        parts.append(f"许可：{licence}")
    return " · ".join(parts)


def home_line(settings: Settings) -> str:
    """The home page's 数据更新 line (Markdown), or "" when site.toml gives no date."""
    if not settings.data_date_text:
        return ""
    return f"数据更新：{settings.data_date_text}。"
