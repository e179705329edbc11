"""The build date: SOURCE_DATE_EPOCH when set, so that two builds are byte-identical.

MkDocs reads the variable itself for sitemap.xml (lastmod) and sitemap.xml.gz (mtime), the
only dates a build writes; it fails with a traceback on a value that is not an integer,
so the value is checked here first. See https://reproducible-builds.org/specs/source-date-epoch/
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from builder.contract.errors import ReportError

VARIABLE = "SOURCE_DATE_EPOCH"
_SECONDS = re.compile(r"[0-9]{1,12}", re.ASCII)


def source_date_epoch(environ: Mapping[str, str]) -> int | None:
    """The build date in seconds since 1970 from ``environ``, or None when it is not set."""
    value = environ.get(VARIABLE)
    if value is None:
        return None
    if not _SECONDS.fullmatch(value):
        raise ReportError(
            VARIABLE, 1, f"expected whole seconds since 1970-01-01 UTC, found '{value}'"
        )
    return int(value)
