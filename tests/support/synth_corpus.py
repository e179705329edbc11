"""A synthetic province: N reports across many regions, units and years, as report files.

Pure: returns the files' bytes and the Documents they must parse back to; the command
``python -m benchmarks.make_corpus`` writes them to disk. Deterministic from a seed: each
report draws from its own ``random.Random`` seeded by (seed, index), and the layout
(which year, region and unit a report belongs to) is a function of its index and of the
number of regions. A unit's reports are drawn in year order, each but the first from its
own draws and the unit's report of the year before (``synth.next_year``), so projects
continue, change and stop as in real reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from builder.contract.model import Document, Region
from tests.support import synth
from tests.support.writer import Encoding, Style, encode, write_report

YEARS = (2021, 2022, 2023, 2024, 2025)
REPORTS_PER_REGION = 40
"""About 40 reports per region over five years: 8 units a year, as in a small county."""
PROJECTS = (5, 15)
"""Project tables per report: 10 on average, as the issue's 150,000 projects / 15,000 reports."""

_FIRST = "安宝昌德丰福广和华建金临龙隆宁平清庆瑞山顺泰新兴阳永裕长正中"
_SECOND = "城川东峰谷海河湖江林陵南宁平桥泉山水台西阳源州"
_SUFFIX = ("区", "县", "县", "市")
# Weights follow what arrives in practice: most files are UTF-8, a few carry a BOM, some
# come from older Windows machines in GB18030 or UTF-16.
_ENCODINGS: tuple[tuple[Encoding, int], ...] = (
    ("utf-8", 6),
    ("utf-8-sig", 2),
    ("gb18030", 1),
    ("utf-16", 1),
)


@dataclass(frozen=True)
class Corpus:
    """Report files by path relative to content/, the Documents they hold, region names."""

    files: dict[str, bytes]
    documents: tuple[Document, ...]
    regions: dict[str, str]


def region_table(count: int) -> dict[str, str]:
    """``count`` regions of one province (code 13xxxx), each with a distinct name."""
    rng = random.Random("regions")
    names: set[str] = set()
    regions: dict[str, str] = {}
    for index in range(count):
        city, county = divmod(index, 90)
        code = f"13{city + 1:02d}{county + 2:02d}"
        name = ""
        while not name or name in names:
            name = rng.choice(_FIRST) + rng.choice(_SECOND) + rng.choice(_SUFFIX)
        names.add(name)
        regions[code] = name
    return regions


def _style(rng: random.Random) -> tuple[Style, Encoding]:
    style = Style(
        headings=rng.choice(("bookmark", "field_code", "plain")),
        part_two_marker=rng.random() < 0.7,
        table_numbering=rng.choice((".", "、")),
        goal_numbering=rng.choice((".", "、")),
        other_funds_zero=rng.choice(("0", "", " ")),
        page_number=rng.random() < 0.3,
        crlf=rng.random() < 0.3,
    )
    encodings, weights = zip(*_ENCODINGS, strict=True)
    return style, rng.choices(encodings, weights)[0]


def corpus(count: int, seed: int = 0) -> Corpus:
    """``count`` reports: region, year and unit laid out by index, contents drawn from seed."""
    regions = region_table(max(2, -(-count // REPORTS_PER_REGION)))
    codes = sorted(regions)
    taken: set[str] = set()
    files: dict[str, bytes] = {}
    documents: list[Document] = []
    for index in range(count):
        # Consecutive indexes walk the years first, so a unit reports in several years.
        slot, year = divmod(index, len(YEARS))
        number, region_index = divmod(slot, len(codes))
        code = codes[region_index]
        rng = random.Random(f"{seed}:{index}")
        place = synth.Place(
            region=Region(code=code, name=regions[code]),
            year=YEARS[year],
            unit_code=f"{101 + number:03d}{1 + number % 7:03d}",
            unit_name=synth.UNITS[number % len(synth.UNITS)],
        )
        if year == 0:
            document = synth.document(rng, PROJECTS, place=place, taken=taken)
        else:
            # The report before this one is the same unit's, a year earlier.
            document = synth.next_year(rng, documents[-1], PROJECTS, taken=taken)
        style, encoding = _style(rng)
        files[document.source] = encode(write_report(document, style), encoding)
        documents.append(document)
    return Corpus(dict(sorted(files.items())), tuple(documents), regions)


# The cities of Hebei (GB/T 2260), above the synthetic regions 13CCxx.
CITIES = ("石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市")


def regions_toml(regions: dict[str, str]) -> str:
    """site_data/regions.toml for these regions, with the city and province above each."""
    lines = ["# Regions of a synthetic corpus (tests/support/synth_corpus.py).", "[regions]"]
    lines += [f'"{code}" = "{name}"' for code, name in sorted(regions.items())]
    cities = sorted({code[:4] for code in regions})
    lines += ["", "[parents]", '"13" = "河北省"']
    lines += [f'"{city}" = "{CITIES[(int(city[2:]) - 1) % len(CITIES)]}"' for city in cities]
    return "\n".join(lines) + "\n"


def site_toml(count: int, seed: int) -> str:
    """site_data/site.toml naming the corpus."""
    return (
        f'title = "预算绩效目标公开（合成数据 {count} 份）"\n'
        'publisher = "合成数据"\n'
        f'description = "tests/support/synth_corpus.py 生成：{count} 份报告，种子 {seed}。"\n'
    )
