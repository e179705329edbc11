"""Characters a page cannot carry or a reader cannot see: shown, never dropped, reported.

Word and Tika sometimes leave control characters (bell, vertical tab, form feed, stray
escapes) in the text; pasted text brings noncharacters (U+FFFE, U+FFFF), lone surrogates,
bidirectional overrides and zero-width characters. YAML front matter and XML cannot hold
the first kinds (a page's metadata or the workbook would break), and a browser hides the
others or lets them make a code or a name read as something else. Each one is shown as
its code point in brackets (U+202E → [U+202E]) wherever report text is written, and every
line holding one gets a warning naming them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.contract.problems import WARNING, Problem

# The noncharacters at the end of each plane above the first (U+1FFFE, U+1FFFF, …).
_PLANE_ENDS = "".join(
    chr(plane * 0x10000 + end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF)
)
_KINDS: tuple[tuple[str, str], ...] = (
    # C0 controls except tab and line feed (the layout of Tika's text), DEL and C1.
    ("control characters", "\x00-\x08\x0b-\x1f\x7f-\x9f"),
    ("noncharacters", "\ufdd0-\ufdef\ufffe\uffff" + _PLANE_ENDS),
    ("lone surrogates", "\ud800-\udfff"),
    ("bidirectional controls", "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"),
    ("zero-width characters", "\u200b-\u200d\u2060\ufeff"),
)
CONTROL = re.compile("[" + "".join(chars for _, chars in _KINDS) + "]")
_KIND_OF = [(name, re.compile(f"[{chars}]")) for name, chars in _KINDS]


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
            kinds = ", ".join(_kinds(found))
            problems.append(
                Problem(source, number, WARNING, f"{kinds} shown on the site as {shown}")
            )
    return problems


def _kinds(found: Sequence[str]) -> list[str]:
    text = "".join(found)
    return [name for name, pattern in _KIND_OF if pattern.search(text)]
