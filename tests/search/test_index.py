"""The search index's files (builder/search/index.py), read back as the search script reads them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.search.index import (
    FOLDER,
    META,
    NAME_MARK,
    Entry,
    Index,
    build_index,
    decode_pages,
    encode_pages,
    entry,
    result_urls,
    shard_of,
)
from builder.search.rebuild import update_index
from builder.search.records import PAGE, PROJECT, UNIT, Record
from builder.search.words import index_words, query_words


def record(url: str, kind: str, name: str, text: str, year: str = "") -> Record:
    return Record(
        url=url, kind=kind, title=name, names=(name,), texts=(text,), lines=(text,), year=year
    )


def build_index_files(records: Iterable[Record]) -> dict[str, bytes]:
    return build_index(records).files


def shard(files: dict[str, bytes], word: str) -> dict[str, Any]:
    meta = json.loads(files[META])
    data: dict[str, Any] = json.loads(files[f"{FOLDER}/w/{shard_of(word, meta['shards'])}.json"])
    return data


def look_up(files: dict[str, bytes], query: str) -> list[str]:
    """The addresses of the pages holding every word of the query, in page order."""
    urls = result_urls(files)
    found: set[int] | None = None
    for word in query_words(query):
        pages = set(decode_pages(shard(files, word).get(word, [])))
        found = pages if found is None else found & pages
    return [urls[n] for n in sorted(found or ())]


PAGES = [
    record("/how-to-read/", PAGE, "如何阅读", "车辆保险费是什么"),
    record("/2021/130303/1/", UNIT, "统战部", "民族宗教工作", "2021"),
    record("/projects/B/", PROJECT, "车辆保险费", "为公车续保", "2021"),
    record("/projects/A/", PROJECT, "车辆保险费", "为公车续保", "2022"),
]


def test_a_query_finds_every_page_holding_its_words_projects_first_latest_first() -> None:
    files = build_index_files(PAGES)
    assert look_up(files, "车辆保险费") == ["/projects/A/", "/projects/B/", "/how-to-read/"]
    assert look_up(files, "宗教") == ["/2021/130303/1/"]
    assert look_up(files, "火星") == []
    meta = json.loads(files[META])
    assert meta["pages"] == 4 and meta["starts"] == [0, 2, 3]


def test_a_name_word_is_listed_apart_for_ranking() -> None:
    files = build_index_files(PAGES)
    assert decode_pages(shard(files, "保险费")[NAME_MARK + "保险费"]) == [0, 1]
    assert NAME_MARK + "续保" not in shard(files, "续保")


def test_the_same_pages_give_the_same_files_in_any_order() -> None:
    assert build_index_files(PAGES) == build_index_files(reversed(PAGES))
    files = build_index_files(PAGES)
    assert all(json.loads(data) for data in files.values())
    changed = build_index_files(
        [*PAGES[:3], record("/projects/A/", PROJECT, "车辆保险费", "改", "2022")]
    )
    assert json.loads(changed[META])["stamp"] != json.loads(files[META])["stamp"]


@settings(max_examples=200)
@given(st.lists(st.integers(0, 999), min_size=1, unique=True))
def test_page_lists_read_back_as_they_were_by_gaps_or_bitmap(pages: list[int]) -> None:
    pages.sort()
    encoded = encode_pages(pages, 1000)
    assert decode_pages(encoded) == pages
    assert len(json.dumps(encoded)) <= max(len(json.dumps(pages)), 1000 // 8 * 4 // 3 + 8)


def test_a_word_on_most_pages_is_a_bitmap_and_a_rare_one_a_list() -> None:
    assert isinstance(encode_pages(list(range(0, 1000, 2)), 1000), str)
    assert encode_pages([5, 900], 1000) == [5, 895]


def test_every_word_of_many_pages_is_in_its_shard() -> None:
    texts = [
        f"第{n}号项目：{'车辆保险费宗教工作民族团结'[n % 7 :]}{n * 7919 % 1000}" for n in range(300)
    ]
    files = build_index_files(
        record(f"/projects/{n:03}/", PROJECT, f"项目{n}", t) for n, t in enumerate(texts)
    )
    assert json.loads(files[META])["shards"] > 1
    urls = result_urls(files)
    for n, text in enumerate(texts):
        for word in index_words([text]):
            assert f"/projects/{n:03}/" in {urls[p] for p in decode_pages(shard(files, word)[word])}


def test_an_entry_is_found_by_its_filters() -> None:
    found: Entry = entry(PAGES[2])
    assert {"year=2021", "kind=项目"} <= found.words


def changed_in_place(old: list[Record], new: list[Record]) -> dict[str, bytes] | None:
    """The files of old's index with the rebuild's changes written over them."""
    last = build_index(old)
    update = update_index(last, new, last.files.__getitem__)
    return None if update is None else {**last.files, **update.files}


def test_a_page_changed_in_place_gives_a_clean_index_byte_for_byte() -> None:
    texts = [
        f"第{n}号：{'车辆保险费宗教工作民族团结'[n % 7 :]}{n * 7919 % 1000}" for n in range(300)
    ]
    old = [
        record(f"/projects/{n:03}/", PROJECT, f"项目{n}", t, "2021") for n, t in enumerate(texts)
    ]
    new = list(old)
    new[5] = record("/projects/005/", PROJECT, "项目5", "全新的词语：蓝莓示范园", "2021")
    new[6] = record("/projects/006/", PROJECT, "改名的项目", texts[6], "2021")
    new[200] = record("/projects/200/", PROJECT, "项目200", texts[201], "2021")
    clean = build_index(new)
    assert changed_in_place(old, new) == clean.files
    update = update_index(build_index(old), new, build_index(old).files.__getitem__)
    assert update is not None and update.pages == clean.pages and update.hashes == clean.hashes
    # Only the changed pages' results, their words' shards and meta.json are written.
    assert {n for n in update.files if "/p/" in n} == {f"{FOLDER}/p/{n}.json" for n in (5, 6, 200)}
    assert len(update.files) < len(clean.files) / 2
    assert update_index(clean, new, clean.files.__getitem__) == Index(
        {}, clean.pages, clean.hashes, clean.shards, clean.postings
    )


def test_pages_added_or_reordered_need_a_whole_index() -> None:
    last = build_index(PAGES)
    assert (
        update_index(last, [*PAGES, record("/x/", PAGE, "新页", "正文")], last.files.__getitem__)
        is None
    )
    older = record("/projects/A/", PROJECT, "车辆保险费", "为公车续保", "2020")
    assert update_index(last, [*PAGES[:3], older], last.files.__getitem__) is None


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from("车辆保险费宗教工作民族团结会议"), min_size=0, max_size=8),
    st.integers(0, 3),
)
def test_any_text_changed_in_place_gives_a_clean_index(chars: list[str], at: int) -> None:
    new = list(PAGES)
    changed = PAGES[at]
    new[at] = record(changed.url, changed.kind, changed.title, "".join(chars), changed.year)
    assert changed_in_place(PAGES, new) in (None, build_index(new).files)
