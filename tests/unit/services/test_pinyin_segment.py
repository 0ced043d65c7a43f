"""Pinyin read as syllables, and the phrases a run of them starts with (try-out 13, E1:
"nanchizidajie" was offered one character at a time)."""

from __future__ import annotations

import pytest

from kiosk.services.pinyin import PinyinIndex, load_index, load_priorities


@pytest.fixture(scope="module")
def index() -> PinyinIndex:
    return load_index()


@pytest.mark.parametrize(
    ("letters", "syllables"),
    [
        ("nanchizidajie", ["nan", "chi", "zi", "da", "jie"]),
        ("xianggang", ["xiang", "gang"]),  # the longest syllable first…
        ("fangan", ["fang", "an"]),
        ("xian", ["xian"]),
        ("nanchizidaj", ["nan", "chi", "zi", "da", "j"]),  # …the last one still being typed
        ("zh", ["zh"]),
        ("BeiJing", ["bei", "jing"]),
        ("beiv", []),  # no pinyin
        ("", []),
    ],
)
def test_segment(index: PinyinIndex, letters: str, syllables: list[str]) -> None:
    assert index.segment(letters) == syllables


def _offered(index: PinyinIndex, letters: str) -> list[tuple[str, int]]:
    return [(c.text, c.consumed) for c in index.candidates(letters)]


def test_the_longest_known_beginning_comes_first_and_the_rest_stays_typed(
    index: PinyinIndex,
) -> None:
    offered = _offered(index, "nanchizidajie")
    # The whole run as its known parts, then the longest part alone.
    assert offered[:2] == [("南池子大街", 13), ("南池子", len("nanchizi"))]
    # A shorter known beginning after it, then the first syllable's characters.
    assert ("难吃", len("nanchi")) in offered
    assert offered.index(("难吃", 6)) < offered.index(("南", 3)) < 10
    # What 南池子 leaves is a phrase of its own.
    assert _offered(index, "dajie")[0] == ("大街", 5)


def test_a_run_ending_in_an_address_word(index: PinyinIndex) -> None:
    assert _offered(index, "dongchengqu")[0] == ("东城区", 11)
    assert _offered(index, "haidianquzhongguancun")[0][0] == "海淀区中关村"


def test_no_sentence_from_parts_that_are_not_known(index: PinyinIndex) -> None:
    """A name is no known phrase: its first syllable's characters, nothing made up."""
    offered = _offered(index, "wangxiaoming")
    assert offered[0] == ("王", 4)
    assert all(consumed == 4 for _, consumed in offered)


def test_a_one_syllable_phrase_key_is_not_a_beginning(index: PinyinIndex) -> None:
    """几案 (ji-an) reads as "jian": not offered for the jian of jianguomenwai."""
    offered = _offered(index, "jianguomenwai")
    assert offered[0] == ("建国门", 10)
    assert "几案" not in [t for t, _ in offered]


def test_single_syllables_and_whole_phrases_are_as_before(index: PinyinIndex) -> None:
    assert _offered(index, "beijing")[:2] == [("北京", 7), ("背景", 7)]
    assert "北极" not in [t for t, _ in _offered(index, "beijing")]  # bei-jing, not beiji-ng
    assert _offered(index, "jie")[0] == ("街", 3)
    assert _offered(index, "hao")[0] == ("号", 3)


def test_the_demo_citys_streets_are_data() -> None:
    words = [w for w, _ in load_priorities().words]
    for place in ("南池子", "南池子大街", "东华门", "建国门外大街", "光华路", "胡同", "小区"):
        assert place in words, place
