"""Control characters in report text: shown, never dropped, and reported.

Word and Tika sometimes leave control characters (bell, vertical tab, form feed, stray
escapes) in the text. A browser would hide them or show nothing, so the data would be
lost without a word: each one is shown as its code point in brackets (U+0007 → [U+0007])
and every line holding one gets a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.contract.problems import WARNING, Problem

# C0 controls except tab and line feed (the layout of Tika's text), DEL and the C1 block.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _symbol(char: str) -> str:
    # Plain ASCII: the Control Pictures block (U+2400…) is missing from common CJK fonts.
    return f"[U+{ord(char):04X}]"


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub(lambda m: _symbol(m.group()), text)


def control_problems(raws: Sequence[str], source: str) -> list[Problem]:
    """A warning for each line holding control characters, naming them."""
    problems: list[Problem] = []
    for number, raw in enumerate(raws, start=1):
        found = sorted(set(CONTROL.findall(raw)))
        if found:
            shown = " ".join(_symbol(c) for c in found)
            problems.append(
                Problem(source, number, WARNING, f"control characters shown on the site as {shown}")
            )
    return problems
