"""A large file's text given in parts, each made as it is written: never held whole."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Streamed:
    """A file's text in parts, made as they are taken (once: the parts may be a generator).

    all.json and the CSV downloads are 10–190 MB at 3,000 reports, the findings of the
    quality section 80 MB; as one Python string such a text takes twice its size and its
    UTF-8 as much again.
    """

    parts: Iterable[str]

    def text(self) -> str:
        return "".join(self.parts)
