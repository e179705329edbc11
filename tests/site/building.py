"""Build the shipped content once per test session; shared by the site and browser tests."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from builder.publish.build import Built, build_site
from tests.conftest import CONTENT, FIXTURES, SITE_DATA


def scratch(name: str) -> Path:
    """A temporary folder for one kind of build, removed at interpreter exit."""
    root = Path(tempfile.mkdtemp(prefix=f"budgetsite-{name}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


@functools.cache
def built_once() -> Built:
    """The site built from content/ into a temporary folder."""
    return build_into(scratch("test"))


def build_into(
    root: Path, content: Path = CONTENT, site_data: Path = SITE_DATA, *, for_disk: bool = False
) -> Built:
    """Build content into root/site, with the generated Markdown in root/work/docs."""
    work = root / "work"
    return build_site(content, root / "site", site_data=site_data, work=work, for_disk=for_disk)


HOSTILE = FIXTURES / "hostile"
"""A report whose cells hold HTML, Markdown, template syntax, control characters, a long line."""


@functools.cache
def hostile_built_once() -> Built:
    """The shipped content plus the hostile report."""
    root = scratch("hostile")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(HOSTILE, content, dirs_exist_ok=True)
    return build_into(root, content)


@functools.cache
def disk_built_once() -> Built:
    """The shipped content built for opening from disk (``build --for-disk``)."""
    return build_into(scratch("disk"), for_disk=True)


SITE_URL = "https://czj.example.gov.cn/jixiao/"


@functools.cache
def url_built_once() -> Built:
    """The shipped content built with site.toml's ``url`` set to SITE_URL."""
    root = scratch("url")
    site_data = root / "site_data"
    shutil.copytree(SITE_DATA, site_data)
    settings = site_data / "site.toml"
    settings.write_text(settings.read_text("utf-8") + f'url = "{SITE_URL}"\n', encoding="utf-8")
    return build_into(root, site_data=site_data)
