"""Characters → the lines a person sees → the paragraphs the writer typed.

A PDF has no paragraphs, only characters placed on lines: a paragraph longer than its
column wraps over several of them. The text the parser reads has a line per paragraph
(Tika's rendering of Word), so wrapped lines are joined again. A line was wrapped when
the start of the next one would not have fitted in the room left at its end: the room
is measured against the column (a table cell's inner width, or the page's text width),
the start is the next line's first character with the punctuation that may not begin a
line (，。、) or its first Latin word; a tagged PDF names each line's paragraph, which
settles it (a line that exactly fills its column may end one). Chinese joins without a
space; so do the pieces of one long code forced over several lines (a 21-character
项目编码 in a narrow column); words of Latin prose wrapped at a space get the space back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from builder.parse.pdf.pages import Char
from builder.parse.pdf.tags import Tag

_NO_LINE_END = frozenset("（《「『【〔“‘([")
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’,.;:?!)%·…—～")
HANGING = frozenset("，。、；：？！”’,.;:?!")
"""Stops that may hang past the right margin at a line's end."""
# A numbered paragraph starts anew even when the line above happens to be full.
_NUMBERED = re.compile(
    r"^(\d{1,2}[、．.](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
SPACE_GAP = 0.2
"""A gap beside a Latin character wider than this (in font sizes) is a space."""
MIXED_SPACE = 0.235
"""A gap between Chinese and Latin wider than this (in font sizes) is a typed space:
LibreOffice sets the two scripts apart by about 0.2 of the size with no character, a
space is about 0.26."""
SPACE_WIDTH = 0.25
"""A space's width in font sizes, when the line has no space glyph to measure."""
PARAGRAPH_GAP = 0.4
"""Lines further apart than the column's closest two by this (in font sizes) are in two
paragraphs: the space Word leaves after a paragraph."""
FIT = 0.35
"""Room (in font sizes) that is still too little: a space, or a character squeezed in."""
HAND_BREAK = 1.0
"""Room (in font sizes) beyond what the next line starts with that a line of a tagged
paragraph leaves only when it was broken by hand."""


def latin(ch: str) -> bool:
    """An ASCII letter or digit: what Latin words and numbers are made of."""
    return ch.isascii() and ch.isalnum()


class Line:
    """One line of characters as printed, left to right."""

    __slots__ = ("base", "bottom", "chars", "size", "text", "top", "x0", "x1")

    def __init__(self, chars: list[Char]) -> None:
        chars.sort(key=lambda c: c.x0)
        self.chars = chars
        self.x0 = chars[0].x0
        self.x1 = max(c.x1 for c in chars)
        self.top = min(c.top for c in chars)
        self.bottom = max(c.bottom for c in chars)
        self.size = max(c.size for c in chars) or 10.0
        self.base = max(c.base for c in chars)
        self.text = _spaced(chars, self.size).strip()

    def __repr__(self) -> str:
        return f"Line({self.text!r}, {self.x0:.1f}..{self.x1:.1f}, {self.top:.1f})"

    def tag(self, last: bool = False) -> Tag | None:
        """The structure tag of its first (or last) tagged character: None if untagged."""
        for c in reversed(self.chars) if last else self.chars:
            if c.tag is not None:
                return c.tag
        return None

    def lead(self) -> float:
        """The width of what must start a line: its opening brackets, then its first Latin
        word or character, then the stops that may not begin a line and the Latin word
        after a closing one."""
        chars = [c for c in self.chars if not c.text.isspace()]
        n = 0
        while n < len(chars) - 1 and chars[n].text in _NO_LINE_END:
            n += 1
        end = chars[n].x1
        n += 1
        if latin(chars[n - 1].text):
            while n < len(chars) and (latin(chars[n].text) or chars[n].text in ".,%"):
                end, n = chars[n].x1, n + 1
        closed = False
        while n < len(chars) and chars[n].text in _NO_LINE_START:
            end, n, closed = chars[n].x1, n + 1, True
        # LibreOffice keeps digits after a closing bracket with it: 【2020】26 is one piece.
        while closed and n < len(chars) and latin(chars[n].text):
            end, n = chars[n].x1, n + 1
        return end - chars[0].x0


def _spaced(chars: list[Char], size: float) -> str:
    """The line's text. A PDF places words rather than typing spaces: a run of spaces may
    be one space glyph and a gap, or only a gap between Latin characters; both are counted
    back in spaces. Gaps between Chinese characters are justification, not spaces."""
    parts: list[str] = []
    space = SPACE_WIDTH * size
    gaps = sorted(b.x0 - a.x1 for a, b in pairwise(chars))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    for n, c in enumerate(chars):
        following = chars[n + 1] if n + 1 < len(chars) else None
        if c.text.isspace():
            width = max(c.x1 - c.x0, 0.1 * size)
            reach = (following.x0 if following is not None else c.x1) - c.x0
            parts.append(" " * max(1, round(reach / width)))
            continue
        parts.append(c.text)
        if following is None or following.text.isspace():
            continue
        gap = following.x0 - c.x1
        if gap <= SPACE_GAP * size + usual:
            continue
        if c.text.isascii() and following.text.isascii():
            parts.append(" " * max(1, round(gap / space)))
        elif not c.text.isascii() and not following.text.isascii():
            parts.append(" ")  # wider than the justification between its neighbours
        elif gap - usual > MIXED_SPACE * size:
            parts.append(" ")  # a typed space ("； 80%"), wider than the script gap
    return "".join(parts)


def lines_of(chars: Iterable[Char]) -> list[Line]:
    """Characters → lines, top to bottom: a character whose middle is in a line's band."""
    out: list[Line] = []
    current: list[Char] = []
    bottom = -1.0
    for c in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        middle = (c.top + c.bottom) / 2
        if current and middle > bottom:
            out.append(Line(current))
            current = []
        if not current:
            bottom = c.bottom
        current.append(c)
    if current:
        out.append(Line(current))
    return [line for line in out if line.text]


def wrapped(
    line: Line,
    following: Line,
    left: float,
    right: float,
    body: bool = False,
    pitch: float = 0.0,
    then: Line | None = None,
) -> bool:
    """Whether ``following`` continues ``line``'s paragraph, in a column ``left``..``right``;
    ``then`` is the line after ``following``, if any."""
    ends, starts = line.tag(last=True), following.tag()
    ended = ends.paragraph if ends is not None else None
    tagged = ended is not None and starts is not None and starts.paragraph is not None
    if tagged and starts is not None and ended != starts.paragraph:
        return False  # a tagged PDF says where paragraphs end, full lines or not
    if not tagged and _NUMBERED.match(following.text):
        return False
    if not tagged and body and following.x0 - left > 1.5 * following.size:
        return False  # an indented first line starts a paragraph
    if not tagged and pitch and following.base - line.base > pitch + PARAGRAPH_GAP * line.size:
        return False  # space after a paragraph
    # Prose is set from the margin (a first line indented): the room is at the line's end.
    # A cell's text may be centred: its room is on both sides.
    room = right - line.x1 if body else (right - left) - (line.x1 - line.x0)
    lead = following.lead()
    if then is not None and following.text[-1] in _NO_LINE_END:
        # A line ending in an opening bracket was forced: what follows the bracket did
        # not fit after it, so it came to the line with the bracket (a narrow cell's
        # 冀财 / 规 / 【 / 2020 / 】26 / 号).
        lead = following.x1 - following.x0 + then.lead()
    # In one tagged paragraph a line with clear room left was ended by hand (a soft line
    # break, which the Word reader reads as a line end too); else it wrapped.
    return room < lead + (HAND_BREAK if tagged else FIT) * line.size


def _joined(text: str, more: str) -> str:
    if text and more and latin(text[-1]) and latin(more[0]) and " " in text:
        return f"{text} {more}"  # prose wrapped at a space; a code forced apart has none
    return text + more


def paragraphs(
    lines: Sequence[Line], left: float, right: float, *, body: bool = False
) -> list[str]:
    """The paragraphs of lines printed in a column from ``left`` to ``right``."""
    return [text for text, _ in opened(lines, left, right, body=body)]


def opened(
    lines: Sequence[Line], left: float, right: float, *, body: bool = False
) -> list[tuple[str, Line]]:
    """Each paragraph of ``lines`` (see paragraphs) with the line it starts on."""
    out: list[tuple[str, Line]] = []
    previous: Line | None = None
    steps = [b.base - a.base for a, b in pairwise(lines)]
    pitch = min((step for step in steps if step > 0), default=0.0)
    for n, line in enumerate(lines):
        then = lines[n + 1] if n + 1 < len(lines) else None
        if previous is not None and wrapped(previous, line, left, right, body, pitch, then):
            out[-1] = (_joined(out[-1][0], line.text), out[-1][1])
        else:
            out.append((line.text, line))
        previous = line
    return out
