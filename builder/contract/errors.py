"""The builder's two error types: bad input, and a machine that failed us."""

from __future__ import annotations


class ReportError(Exception):
    """Bad input, located: prints as ``file:line: what was expected``.

    Raised for what the person who supplied the content can fix: a report, site_data/,
    content/pages, an option. Never for a failure of the machine (see EnvironmentFailure).
    """

    def __init__(self, source: str, line: int, message: str, place: str = "") -> None:
        super().__init__(
            f"{source}: {place}: {message}" if place else f"{source}:{line}: {message}"
        )
        self.source = source
        self.line = line
        self.message = message
        self.place = place
        """Where in a file without lines, in words (``page 3``); '' when ``line`` says it."""

    def __reduce__(self) -> tuple[type[ReportError], tuple[str, int, str, str]]:
        # Pickled whole, so that an error raised in a worker process keeps its location.
        return (ReportError, (self.source, self.line, self.message, self.place))


class EnvironmentFailure(Exception):
    """The machine failed, not the input: a full disk, a folder that cannot be removed, an
    engine (MkDocs, LibreOffice) that stopped. Prints as ``place: what was expected: reason``.

    Kept apart from ReportError so that nobody is told to fix a report for a full disk.
    """

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}")
        self.place = place
        self.message = message

    def __reduce__(self) -> tuple[type[EnvironmentFailure], tuple[str, str]]:
        return (EnvironmentFailure, (self.place, self.message))
