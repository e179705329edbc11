"""The rule that says two projects are the same kind of spending, and the groups it makes.

Two projects are alike when their names are the same once what names a year or is only
layout is taken out (docs/DESIGN.md §4, comparison pages):
- a year, written ``2021年``, ``2021年度`` or ``2021`` (four digits from 1990 to 2099);
- brackets left empty by that, and the difference between full-width and half-width forms;
- spaces, punctuation and symbols.
So ``车辆保险费`` and ``车辆保险费（2021年）`` are alike, and ``2023年春节慰问经费`` and
``2024年春节慰问经费`` are too. Nothing else is taken out: ``车辆保险费`` and ``公务用车保险
费`` stay apart, as do ``会议费`` and ``会务费``. Where the rule is unsure it leaves projects
apart; a reader can still find the others by search.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from builder.contract.model import Document
from builder.render.catalog import Entry

_YEAR = re.compile(r"(?<![0-9])(?:19[9][0-9]|20[0-9]{2})(?:年度|年)?(?![0-9])")
_EMPTY_BRACKETS = re.compile(r"[(\[{【（〔][\s\-—_~]*[)\]}】）〕]")
KEY_CHARS = 40
"""The longest key kept: it is a page address, /similar/<key>/."""


def like_key(name: str) -> str:
    """The part of a project name that says what the spending is; "" when nothing is left."""
    text = unicodedata.normalize("NFKC", name)
    text = _EMPTY_BRACKETS.sub("", _YEAR.sub("", text))
    kept = "".join(c for c in text if unicodedata.category(c)[0] in "LN")
    return kept[:KEY_CHARS]


def like_groups(docs: Iterable[Document]) -> dict[str, list[Entry]]:
    """Key → the projects sharing it, when two or more do; each group by year, unit, code."""
    found: defaultdict[str, list[Entry]] = defaultdict(list)
    for doc in docs:
        for project in doc.projects:
            key = like_key(project.name)
            if key:
                found[key].append(Entry(project, doc))
    return {key: ordered(group) for key, group in sorted(found.items()) if len(group) > 1}


def ordered(group: Sequence[Entry]) -> list[Entry]:
    """Newest year first, then region, unit and project code: the order of every listing."""
    return sorted(
        group, key=lambda e: (-e.doc.year, e.doc.region.code, e.doc.unit.code, e.project.code)
    )
