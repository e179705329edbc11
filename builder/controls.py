"""Control characters in report text: shown, never dropped, and reported.

Word and Tika sometimes leave control characters (bell, vertical tab, form feed, stray
escapes) in the text. A browser would hide them or show nothing, so the data would be
lost without a word: each one is shown as its visible Unicode symbol (U+2400 block, e.g.
U+0007 → ␇) and every line holding one gets a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.problems import WARNING, Problem

# C0 controls except tab and line feed (the layout of Tika's text), DEL and the C1 block.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _symbol(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"  # C1 controls have no symbol of their own


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
            names = ", ".join(f"U+{ord(c):04X}" for c in found)
            problems.append(
                Problem(
                    source,
                    number,
                    WARNING,
                    f"control character(s) {names} in the text; shown as "
                    + " ".join(_symbol(c) for c in found),
                )
            )
    return problems
