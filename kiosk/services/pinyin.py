"""Pinyin to Chinese characters for the on-screen keyboard, from pypinyin's dictionaries.

pypinyin maps characters and phrases to pinyin; this module builds the reverse
index once (about half a second: call :func:`load_index` on a worker thread)
and then answers candidate lookups in microseconds. What citizens here type most
(place names, address words, surnames: kiosk/data/pinyin_priority.json) goes
first; the rest of the characters are ranked by how many dictionary phrases use
them, a usable stand-in for everyday frequency.
"""

from __future__ import annotations

import functools
import json
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any

MAX_CANDIDATES = 30
# A single syllable typed: this many of its characters before the dictionary's phrases.
FIRST_CHARS = 5
_lock = threading.Lock()
_index: PinyinIndex | None = None


@functools.cache  # a few thousand distinct readings, looked up ~200,000 times per build
def toneless(syllable: str) -> str:
    """``zhāng`` → ``zhang``; ``lǜ`` → ``lv`` (as typed on a keyboard)."""
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Names are what citizens type most here; the common surnames go to the front.
SURNAME_BOOST = 400


@dataclass(frozen=True, slots=True)
class Priorities:
    """kiosk/data/pinyin_priority.json: what citizens here type most goes first."""

    words: tuple[tuple[str, str | None], ...]  # (word, its pinyin when given)
    chars: str
    surnames: str


def load_priorities() -> Priorities:
    """The priority lists (data, not code: a centre can add its own streets)."""
    raw = json.loads(
        resources.files("kiosk").joinpath("data/pinyin_priority.json").read_text("utf-8")
    )
    words: list[tuple[str, str | None]] = []
    for entry in raw["words"]:
        word, _, reading = str(entry).partition(":")
        words.append((word, reading or None))
    return Priorities(tuple(words), str(raw["chars"]), str(raw["surnames"]))


def _gb2312_level1(ch: str) -> bool:
    """In the 3,755 everyday characters of GB 2312 level 1 (lead bytes B0-D7)."""
    try:
        raw = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(raw) == 2 and 0xB0 <= raw[0] <= 0xD7


def _is_common_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One choice in the candidate bar: the text and how many letters it consumes."""

    text: str
    consumed: int


class PinyinIndex:
    """Syllable → characters and joined-syllables → phrases."""

    def __init__(
        self,
        chars: dict[str, list[str]],
        phrases: dict[str, list[str]],
        syllables: set[str],
        first: frozenset[str] = frozenset(),
    ) -> None:
        self._first = first  # the data file's priority words
        self._chars = chars
        self._phrases = phrases
        self._syllables = syllables
        self._max_syllable = max((len(s) for s in syllables), default=6)

    def _leading_syllable(self, letters: str) -> str:
        for n in range(min(len(letters), self._max_syllable), 0, -1):
            if letters[:n] in self._syllables:
                return letters[:n]
        return ""

    def candidates(self, letters: str, limit: int = MAX_CANDIDATES) -> list[Candidate]:
        """Choices for the typed ``letters``: whole phrases first, then single characters."""
        letters = letters.lower()
        if not letters:
            return []
        out: list[Candidate] = []
        seen: set[str] = set()
        phrases = self._phrases.get(letters, [])
        head = self._leading_syllable(letters)
        whole = head == letters  # one syllable typed: 街 for jie, not the rare 极恶 (ji-e)
        later = [p for p in phrases if whole and p not in self._first]
        for phrase in phrases:
            if phrase not in seen and phrase not in later:
                seen.add(phrase)
                out.append(Candidate(phrase, len(letters)))
        if head:
            chars = self._chars.get(head, [])
            for i, ch in enumerate(chars):
                if i == FIRST_CHARS:
                    for phrase in later:
                        seen.add(phrase)
                        out.append(Candidate(phrase, len(letters)))
                    later = []
                if ch not in seen:
                    seen.add(ch)
                    out.append(Candidate(ch, len(head)))
            out.extend(Candidate(p, len(letters)) for p in later if p not in seen)
        else:
            # An unfinished syllable ("zh"): characters of every syllable it starts.
            for syl in sorted(s for s in self._syllables if s.startswith(letters)):
                for ch in self._chars.get(syl, ())[:5]:
                    if ch not in seen:
                        seen.add(ch)
                        out.append(Candidate(ch, len(letters)))
        return out[:limit]


def _reading(word: str, phrases: dict[str, Any], readings: dict[int, str]) -> str:
    """``word``'s pinyin as typed: the dictionary's phrase reading, else each character's
    first reading (the data file gives it after a colon where that would be wrong)."""
    if word in phrases:
        return "".join(toneless(r[0]) for r in phrases[word] if r)
    return "".join(toneless(readings.get(ord(ch), "").split(",")[0]) for ch in word)


def _build() -> PinyinIndex:
    from kiosk.services.pinyin_dicts import install

    install()  # not pypinyin's own loading: it keeps the interpreter lock for ~50 ms
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    first = load_priorities()

    weight: dict[str, int] = defaultdict(int)
    for phrase in phrases_dict:
        for ch in phrase:
            weight[ch] += 1
    chars: dict[str, list[str]] = defaultdict(list)
    secondary: set[tuple[str, str]] = set()  # (syllable, char) from a less usual reading
    syllables: set[str] = set()
    for code, readings in pinyin_dict.items():
        ch = chr(code)
        if not _is_common_cjk(ch):
            continue
        for n, reading in enumerate(readings.split(",")):
            syl = toneless(reading)
            if syl.isascii() and syl.isalpha():
                syllables.add(syl)
                if ch not in chars[syl]:
                    chars[syl].append(ch)
                    if n > 0:
                        secondary.add((syl, ch))
    for ch in first.surnames:
        weight[ch] += SURNAME_BOOST
    rank = {ch: i for i, ch in enumerate(first.chars)}
    last = len(rank)
    for syl, lst in chars.items():
        lst.sort(
            key=lambda c, s=syl: (  # type: ignore[misc]
                not _gb2312_level1(c),
                (s, c) in secondary,  # 省 is xǐng too: never first for xing
                rank.get(c, last),
                -weight.get(c, 0),
            )
        )
    phrases: dict[str, list[str]] = defaultdict(list)
    for phrase, phrase_readings in phrases_dict.items():
        if not all(_is_common_cjk(c) for c in phrase):
            continue
        key = "".join(toneless(r[0]) for r in phrase_readings if r)
        phrases[key].append(phrase)
    for lst in phrases.values():
        lst.sort(key=lambda p: -sum(weight.get(c, 0) for c in p))
    # The priority words ahead of the rest, in the data file's order.
    for word, given in reversed(first.words):
        key = given or _reading(word, phrases_dict, pinyin_dict)
        lst = phrases.setdefault(key, [])
        if word in lst:
            lst.remove(word)
        lst.insert(0, word)
    return PinyinIndex(dict(chars), dict(phrases), syllables, frozenset(w for w, _ in first.words))


def load_index() -> PinyinIndex:
    """The shared index, built on first use (blocking; ~0.5 s the first time)."""
    global _index
    with _lock:
        if _index is None:
            _index = _build()
        return _index


def loaded_index() -> PinyinIndex | None:
    """The index if it is already built (never blocks on building it)."""
    return _index
