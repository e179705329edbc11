"""The words a page is indexed by and a query looks up (builder/search/words.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.search.words import filter_word, index_words, query_words

CHINESE = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12)


def found(query: str, text: str) -> bool:
    """Whether a page of this text answers the query: it holds every word the query needs."""
    held = set(index_words([text]))
    return all(word in held for word in query_words(query))


def test_a_page_is_found_by_its_characters_pairs_and_triples_and_whole_codes() -> None:
    assert index_words(["车辆保险费 2021年 13030322P00397010024Q ＡＢ１"]) == {
        *"车辆保险费", "车辆", "辆保", "保险", "险费", "车辆保", "辆保险", "保险费",
        "2021", "年", "13030322p00397010024q", "ab1",
    }  # fmt: skip


def test_every_part_of_a_page_finds_it() -> None:
    text = "中共秦皇岛市山海关区委统战部"
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            assert found(text[start:end], text), text[start:end]


@given(CHINESE, st.integers(0, 12), st.integers(1, 6))
def test_any_substring_is_found(text: str, start: int, size: int) -> None:
    part = text[start : start + size]
    if part:
        assert found(part, text)


def test_a_longer_word_needs_its_trigrams_in_order_of_the_page() -> None:
    assert found("政协会议", "召开政协会议两次")
    assert not found("政协会议", "政协委员参加会议")
    # Its trigrams, elsewhere in the page, are the rare case that is found too.
    assert found("政协会议", "政协会，协会议")


def test_two_characters_are_one_word_and_not_the_start_of_another() -> None:
    assert query_words("车辆") == ["车辆"]
    assert found("纽带", "桥梁纽带") and not found("纽约", "桥梁纽带")


def test_letters_and_digits_are_words_of_their_own_in_any_width_and_case() -> None:
    assert query_words("１３０３０３２２p00397010024q") == ["13030322p00397010024q"]
    assert not found("1303", "13030322P00397010024Q")  # a code is found whole
    assert found("2021", "2021年") and found("2021 车辆", "2021年车辆保险")
    assert not found("2022", "2021年")


def test_punctuation_and_spaces_cut_words() -> None:
    assert query_words("民革、民盟") == ["民革", "民盟"]
    assert query_words("  ") == []


def test_a_filter_is_a_word_of_its_own_for_any_value() -> None:
    assert filter_word("year", "2021") == "year=2021"
    assert filter_word("unit", "中共（秦皇岛）") != filter_word("unit", "中共(秦皇岛)")
    # No word of text is one: a page's text cannot pass for a filter.
    assert filter_word("kind", "项目") not in index_words(["kind=项目 year=2021"])
