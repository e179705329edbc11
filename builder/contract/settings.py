"""The site's settings, site_data/site.toml, as a typed model: a wrong key or type is an error."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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

    @property
    def max_report_bytes(self) -> int:
        return self.max_report_mb * 2**20
