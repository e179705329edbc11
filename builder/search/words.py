"""The words search indexes and looks up: runs of letters and digits, and Chinese trigrams.

Chinese has no spaces, and a segmenter that cuts the page one way and the query another finds
nothing (Pagefind 1.5 does: charabia at index time, the browser's Intl.Segmenter at query
time; its issue #1237). So the page's words are cut here, the same way assets/search.js cuts
a query: every character of a run of Chinese, and every two and three characters in a row.
A query word of one or two characters is then one word of the index, a longer one the
trigrams that cover it, all required: every part of the page's text is found, and a longer
word only where those trigrams all are. The search script looks each word up exactly
(Pagefind would otherwise match the start of a word, or a shorter form of one it lacks).

Each word is written in ASCII (``x`` + three base-32 digits per character, ``w`` + a run of
letters and digits), since any segmenter leaves such a word whole: Pagefind indexes it as it
is, and Intl.Segmenter leaves it as it is in the query. The marks keep the two kinds apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

DIGITS = "0123456789abcdefghijklmnopqrstuv"
BASE = 0x3000  # CJK punctuation upwards: Ext A and the unified ideographs are within 32,768
RUN = re.compile(r"[0-9a-z]+|[\u3400-\u4dbf\u4e00-\u9fff]+")
GRAM = 3


def fold(text: str) -> str:
    """Full-width forms and case do not count (ＡＢ１ is ab1)."""
    return unicodedata.normalize("NFKC", text).lower()


def _code(char: str) -> str:
    n = ord(char) - BASE
    return DIGITS[n >> 10] + DIGITS[(n >> 5) & 31] + DIGITS[n & 31]


def encode(chars: str) -> str:
    """A run of letters and digits, or of up to three Chinese characters, as one index word."""
    if chars[0] < "\u0080":
        return "w" + chars
    return "x" + "".join(_code(c) for c in chars)


def runs(text: str) -> list[str]:
    return RUN.findall(fold(text))


def index_words(texts: Iterable[str]) -> list[str]:
    """Every word the texts are found by, once each, sorted (the index needs no counts)."""
    words: set[str] = set()
    for text in texts:
        for run in runs(text):
            if run[0] < "\u0080":
                words.add(encode(run))
            else:
                for size in range(1, GRAM + 1):
                    words.update(encode(run[i : i + size]) for i in range(len(run) - size + 1))
    return sorted(words)


def filter_word(name: str, value: str) -> str:
    """The word a page is narrowed by (year, region, unit, kind): ``y`` + the filter's first
    letter + four base-32 digits per character of the value. Pagefind's own filters are
    written in no fixed order, and the site's files must be the same at every build."""
    digits = "".join(
        DIGITS[(ord(c) >> 15) & 31] + DIGITS[(ord(c) >> 10) & 31] + DIGITS[(ord(c) >> 5) & 31]
        + DIGITS[ord(c) & 31]
        for c in value
    )  # fmt: skip
    return f"y{name[0]}{digits}"


def starts(length: int) -> list[int]:
    """Where the trigrams a word of this length is looked up by start: every character is in
    one, and no more of them, since each may be in another chunk of the index to download."""
    return sorted({*range(0, length - GRAM + 1, GRAM), length - GRAM})


def query_words(query: str) -> list[str]:
    """The index words a query needs, all of them (assets/search.js does the same)."""
    words: list[str] = []
    for run in runs(query):
        if run[0] < "\u0080" or len(run) < GRAM:
            words.append(encode(run))
        else:
            words.extend(encode(run[i : i + GRAM]) for i in starts(len(run)))
    return list(dict.fromkeys(words))
