"""Problems found in the input: located, levelled, collected rather than raised one by one.

An ``error`` keeps a file off the site: its data would be wrong, unreachable or at an
address another file already has. Such a claimed address is one error however many files
claim it: it stands at the first file, which keeps the address, and keeps the later files
it names off the site. A ``warning`` publishes the file as parsed and says what looks
wrong, so that nothing is held back for a doubt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from builder.contract.errors import ReportError

Level = Literal["error", "warning"]
ERROR: Level = "error"
WARNING: Level = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: prints as ``file:line: level: message``.

    In a file without lines (a Word document) ``place`` says where in words, and the
    problem prints as ``file: place: level: message``; ``line`` still orders problems.
    """

    source: str
    line: int
    level: Level
    message: str
    rule: str = ""
    """The quality rule ``budgetsite check`` files it under, when not the default (rule_id)."""
    place: str = ""
    """Where in the file, in words, e.g. 'table 2, row 5, cell 3'; '' when ``line`` says it."""
    holds_back: tuple[str, ...] = ()
    """The files an error keeps off the site in place of its own: the later files claiming
    what ``source`` holds first (a unit, a 项目编码); () when the error is its file's own."""

    def __str__(self) -> str:
        return f"{self.located}: {self.level}: {self.message}"

    @property
    def located(self) -> str:
        """``file:line``, or ``file: place`` for a file whose lines a person cannot see."""
        return f"{self.source}: {self.place}" if self.place else f"{self.source}:{self.line}"

    def at(self, place: str) -> Problem:
        """The same problem, located by ``place``."""
        return replace(self, place=place)

    @property
    def kept_off(self) -> tuple[str, ...]:
        """The files this problem keeps off the site: none for a warning."""
        if self.level != ERROR:
            return ()
        return self.holds_back or (self.source,)

    @property
    def rule_id(self) -> str:
        """``parse-error`` for an error, ``input-warning`` for a warning, unless ``rule`` says."""
        return self.rule or ("parse-error" if self.level == ERROR else "input-warning")

    @classmethod
    def from_error(cls, error: ReportError) -> Problem:
        """The parser's ReportError as an error-level problem."""
        return cls(error.source, error.line, ERROR, error.message, place=error.place)


class ProblemsFound(Exception):
    """The input has errors and the build was asked to stop for them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        errors = sum(1 for p in problems if p.level == ERROR)
        super().__init__(f"{errors} error(s) in the input; nothing was published")
        self.problems = tuple(problems)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The error-level problems, in their given order."""
    return [p for p in problems if p.level == ERROR]


def failed_sources(problems: Iterable[Problem]) -> set[str]:
    """Files an error keeps off the site: they are not published."""
    return {source for p in problems for source in p.kept_off}
