"""The site's settings, site_data/site.toml, as a typed model: a wrong key or type is an error."""

from __future__ import annotations

import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Settings(BaseModel):
    """site_data/site.toml. Every key is optional; an unknown key or a wrong type is an error."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )

    title: str = "预算绩效目标公开"
    """The site's name: in the header, every tab's title and the home page."""
    publisher: str = ""
    """Who publishes the site, e.g. 区县财政局: shown in the footer."""
    description: str = ""
    """What the site is, for search engines and link previews."""
    quality: bool = True
    """The 数据质量 section: rule pages, summary, findings on unit and project pages.
    ``true`` or ``false``; a string such as ``"false"`` is an error, not a true value."""
    max_report_mb: int = Field(default=20, gt=0)
    """The largest report file read, in MB: a larger one is an error for that file and is
    not read, so that one huge file cannot take the build's memory. A Word report of a
    department is well under 1 MB; a text one under 200 KB."""

    url: str = ""
    """The address the site is published at, e.g. ``https://czj.example.gov.cn/jixiao/``:
    every page then has a canonical link and its address in link previews, and
    ``sitemap.xml`` lists every page. Without it the site writes no absolute address, and
    no sitemap, whose addresses must be absolute."""
    license: str = ""
    """The data's licence as an SPDX identifier, e.g. ``CC-BY-4.0``: in every page's footer
    and in datapackage.json (``licenses``)."""
    license_title: str = ""
    """The licence's name as readers see it, e.g. 知识共享署名 4.0 国际许可协议."""
    license_url: str = ""
    """Where the licence's text is, linked from the footer and in datapackage.json."""
    data_date: datetime.date | None = None
    """The date of the data (a TOML date, ``2026-11-30``): 数据更新 on the home page and in
    every page's footer, ``created`` in datapackage.json."""

    @field_validator("url", "license_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("expected an address starting with https:// or http://")
        return value

    @field_validator("url")
    @classmethod
    def _folder(cls, value: str) -> str:
        # The site is a folder: page addresses are joined to it.
        return value if not value or value.endswith("/") else value + "/"

    @property
    def data_date_text(self) -> str:
        """The data date as a reader writes it: 2026年11月30日, or "" without one."""
        day = self.data_date
        return f"{day.year}年{day.month}月{day.day}日" if day else ""

    @property
    def max_report_bytes(self) -> int:
        return self.max_report_mb * 2**20
