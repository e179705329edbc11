"""Build the shipped content once per test session; shared by the site and browser tests."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from builder.publish.build import Built, build_site
from tests.conftest import CONTENT, FIXTURES, SITE_DATA


@functools.cache
def built_once() -> Built:
    """The site built from content/ into a temporary folder (removed at interpreter exit)."""
    root = Path(tempfile.mkdtemp(prefix="budgetsite-test-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return build_into(root)


def build_into(root: Path) -> Built:
    """Build content/ into root/site, with the generated Markdown in root/work/docs."""
    return build_site(CONTENT, root / "site", site_data=SITE_DATA, work=root / "work")


HOSTILE = FIXTURES / "hostile"
"""A report whose cells hold HTML, Markdown, template syntax, control characters, a long line."""


@functools.cache
def hostile_built_once() -> Built:
    """The shipped content plus the hostile report, built into a temporary folder."""
    root = Path(tempfile.mkdtemp(prefix="budgetsite-hostile-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    content = root / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(HOSTILE, content, dirs_exist_ok=True)
    return build_site(content, root / "site", site_data=SITE_DATA, work=root / "work")
