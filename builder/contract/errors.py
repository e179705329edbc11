"""The one error type the builder raises for bad input."""

from __future__ import annotations


class ReportError(Exception):
    """Bad input, located: prints as ``file:line: what was expected``."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type[ReportError], tuple[str, int, str]]:
        # Pickled whole, so that an error raised in a worker process keeps its location.
        return (ReportError, (self.source, self.line, self.message))
