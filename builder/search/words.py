"""The words search indexes and looks up: runs of letters and digits, and Chinese trigrams.

Chinese has no spaces, and a segmenter that cuts the page one way and the query another finds
nothing (Pagefind 1.5 did: charabia at index time, the browser's Intl.Segmenter at query
time; its issue #1237). So the page's words are cut here, the same way assets/search.js cuts
a query: every character of a run of Chinese, and every two and three characters in a row.
A query word of one or two characters is then one word of the index, a longer one the
trigrams that cover it, all required: every part of the page's text is found, and a longer
word only where those trigrams all are. A run of letters and digits (a code, a year, an
amount) is one word, found whole: every start of every code would be a word of its own, and
would make the index's list of words ten times as long.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from operator import add

RUN = re.compile(r"[0-9a-z]+|[\u3400-\u4dbf\u4e00-\u9fff]+")
GRAM = 3
FILTER_MARK = "="
"""Between a filter's name and its value: no word of text holds it (see RUN)."""


def fold(text: str) -> str:
    """Full-width forms and case do not count (ＡＢ１ is ab1)."""
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[str]:
    return RUN.findall(fold(text))


def index_words(texts: Iterable[str]) -> set[str]:
    """Every word the texts are found by, once each (the index needs no counts)."""
    words: set[str] = set()
    for run in {run for text in texts for run in runs(text)}:
        if run[0] < "\u0080":
            words.add(run)
        else:
            # Each character, and each two and three in a row (map runs in C: a site's
            # worth of pages is a hundred million of them).
            pairs = list(map(add, run, run[1:]))
            words.update(run, pairs, map(add, pairs, run[2:]))
    return words


def filter_word(name: str, value: str) -> str:
    """The word a page is narrowed by (year, region, unit, kind): ``year=2021``. The value is
    taken as it is: a filter names one region or unit exactly, as the page gives it."""
    return f"{name}{FILTER_MARK}{value}"


def starts(length: int) -> list[int]:
    """Where the trigrams a word of this length is looked up by start: every character is in
    one, and no more of them, since each may be in another chunk of the index to download."""
    return sorted({*range(0, length - GRAM + 1, GRAM), length - GRAM})


def query_words(query: str) -> list[str]:
    """The index words a query needs, all of them (assets/search.js does the same)."""
    words: list[str] = []
    for run in runs(query):
        if run[0] < "\u0080" or len(run) < GRAM:
            words.append(run)
        else:
            words.extend(run[i : i + GRAM] for i in starts(len(run)))
    return list(dict.fromkeys(words))
