"""Build the shipped content once per test session; shared by the site and browser tests."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from builder.site.build import Built, build_site
from tests.conftest import CONTENT, SITE_DATA


@functools.cache
def built_once() -> Built:
    """The site built from content/ into a temporary folder (removed at interpreter exit)."""
    root = Path(tempfile.mkdtemp(prefix="budgetsite-test-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return build_into(root)


def build_into(root: Path) -> Built:
    """Build content/ into root/site, with the generated Markdown in root/work/docs."""
    return build_site(CONTENT, root / "site", site_data=SITE_DATA, work=root / "work")
