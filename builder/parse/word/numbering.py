"""Word's automatic numbering: the label ("1." "（一）" "一、") a numbered paragraph shows.

The digits of an automatically numbered goal line are not in the paragraph's text; Word
computes them from numbering.xml when it draws the page. This module does the same for
the formats reports use. A paragraph is numbered by its own ``w:numPr`` or by its
style's (styles.xml, following ``w:basedOn``). Counters are kept per abstract list, as
Word continues a list across the ``w:num`` instances that share it; a ``w:startOverride``
restarts it when its instance is first used. A deeper level restarts when a shallower
one counts on. Bullets and ``none`` show no label: the parser reads no bullets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"

_CHINESE_DIGITS = "〇一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE_FORMATS = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    }
)


def _chinese(n: int) -> str:
    """一 … 九十九 as Chinese writes a count (十一, 二十, 二十一), beyond that digit by digit."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (
            ("" if tens == 1 else _CHINESE_DIGITS[tens])
            + "十"
            + (_CHINESE_DIGITS[ones] if ones else "")
        )
    return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """Counter ``n`` in Word's number format ``fmt`` (w:numFmt)."""
    if fmt in _CHINESE_FORMATS:
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)  # decimal, and formats reports do not use


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The lists of one document and their counters, advanced paragraph by paragraph."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """By abstract list id: its levels."""
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    """By w:numId: its abstract list and the levels whose start it overrides."""
    styles: dict[str, tuple[str, int] | None] = field(default_factory=dict)
    """By paragraph style id: the (numId, level) it numbers with, if any."""
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    candidates: set[etree._Element] = field(default_factory=set)
    """The paragraphs that may be numbered (see find_candidates); no other is looked at."""

    def find_candidates(self, body: etree._Element) -> None:
        """The paragraphs of ``body`` with a w:numPr or a numbered style: one pass in C.

        A superset of the numbered ones (label still decides), so that the many
        paragraphs without numbering cost a set lookup instead of three searches.
        """
        numbered = {sid for sid, num in self.styles.items() if num is not None}
        marks = (
            m
            for m in body.iter(f"{W}numPr", f"{W}pStyle")
            if m.tag == f"{W}numPr" or m.get(_VAL, "") in numbered
        )
        found = (next(m.iterancestors(f"{W}p"), None) for m in marks)
        self.candidates = {p for p in found if p is not None}

    @classmethod
    def of(cls, numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
        """The lists defined in numbering.xml and the numbered styles of styles.xml."""
        out = cls()
        if numbering is not None:
            for abstract in numbering.iter(f"{W}abstractNum"):
                out.levels[abstract.get(f"{W}abstractNumId", "")] = {
                    int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
                }
            for num in numbering.iter(f"{W}num"):
                ref = num.find(f"{W}abstractNumId")
                overrides = {
                    int(o.get(f"{W}ilvl", "0")): int(start.get(_VAL, "1"))
                    for o in num.iter(f"{W}lvlOverride")
                    if (start := o.find(f"{W}startOverride")) is not None
                }
                if ref is not None:
                    out.instances[num.get(f"{W}numId", "")] = (ref.get(_VAL, ""), overrides)
        if styles is not None:
            out.styles = _numbered_styles(styles)
        return out

    def label(self, p: etree._Element) -> str:
        """The label of paragraph ``p``, counting it; '' when it is not numbered."""
        if p not in self.candidates:
            return ""
        numbered = self._num_of(p)
        if numbered is None:
            return ""
        num_id, level = numbered
        instance = self.instances.get(num_id)
        if instance is None:
            return ""  # numId 0, or a list that is not defined: Word shows no number
        abstract, overrides = instance
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counts = self.counters.setdefault(abstract, [0] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                if 0 <= lvl < 10:
                    counts[lvl] = start - 1
        if counts[level] == 0 and level in levels:
            counts[level] = levels[level].start - 1
        counts[level] += 1
        for deeper in range(level + 1, 10):
            counts[deeper] = 0
        definition = levels[level]
        if definition.fmt in ("bullet", "none"):
            return ""
        text = definition.text
        for lvl in range(level, -1, -1):
            shown = levels.get(lvl)
            fmt = definition.fmt if lvl == level else (shown.fmt if shown else "decimal")
            count = counts[lvl] or (shown.start if shown else 1)
            text = text.replace(f"%{lvl + 1}", format_number(count, fmt))
        return text

    def _num_of(self, p: etree._Element) -> tuple[str, int] | None:
        props = p.find(f"{W}pPr")
        if props is None:
            return None
        num = props.find(f"{W}numPr")
        style = props.find(f"{W}pStyle")
        from_style = self.styles.get(style.get(_VAL, "")) if style is not None else None
        if num is None:
            return from_style
        num_id = num.find(f"{W}numId")
        ilvl = num.find(f"{W}ilvl")
        level = int(ilvl.get(_VAL, "0")) if ilvl is not None else (from_style or ("", 0))[1]
        if num_id is None:
            return (from_style[0], level) if from_style else None
        return num_id.get(_VAL, ""), level


def _level(lvl: etree._Element) -> _Level:
    def val(tag: str, default: str) -> str:
        found = lvl.find(f"{W}{tag}")
        return found.get(_VAL, default) if found is not None else default

    return _Level(int(val("start", "1") or "1"), val("numFmt", "decimal"), val("lvlText", ""))


def _numbered_styles(styles: etree._Element) -> dict[str, tuple[str, int] | None]:
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[sid] = parent.get(_VAL, "")
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            ref, ilvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
            own[sid] = (
                ref.get(_VAL) if ref is not None else None,
                int(ilvl.get(_VAL, "0")) if ilvl is not None else None,
            )
    out: dict[str, tuple[str, int] | None] = {}
    for sid in {*own, *based}:
        num_id: str | None = None
        level: int | None = None
        seen: set[str] = set()
        current: str | None = sid
        while current and current not in seen:  # basedOn may loop in a damaged file
            seen.add(current)
            mine = own.get(current, (None, None))
            num_id = num_id if num_id is not None else mine[0]
            level = level if level is not None else mine[1]
            current = based.get(current)
        out[sid] = (num_id, level or 0) if num_id is not None else None
    return out
