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
# Phrases offered for each shorter known beginning of a longer run of letters.
PREFIX_PHRASES = 3
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

    words: tuple[tuple[str, str | None], ...]  # (word, its pinyin when given); places last
    chars: str
    surnames: str


def load_priorities() -> Priorities:
    """The priority lists (data, not code: a centre can add its own streets)."""
    raw = json.loads(
        resources.files("kiosk").joinpath("data/pinyin_priority.json").read_text("utf-8")
    )
    words: list[tuple[str, str | None]] = []
    for entry in [*raw["words"], *raw.get("places", [])]:
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
        suffixes: str = "",
    ) -> None:
        self._first = first  # the data file's priority words
        self._suffixes = suffixes  # its 'chars': 区, 路, 号… may end a run of phrases
        self._chars = chars
        self._phrases = phrases
        self._syllables = syllables
        self._max_syllable = max((len(s) for s in syllables), default=6)
        # Every beginning of a syllable: the letters of the last one may be unfinished.
        self._starts = {s[:n] for s in syllables for n in range(1, len(s) + 1)}

    def _completable(self, letters: str) -> list[bool]:
        """For each position ``i`` of ``letters``: can ``letters[i:]`` be read as whole
        syllables, the last one perhaps still being typed ("nanchizidaj": da, then j…)?"""
        n = len(letters)
        ok = [False] * (n + 1)
        ok[n] = True
        for i in range(n - 1, -1, -1):
            if letters[i:] in self._starts:
                ok[i] = True
                continue
            top = min(n, i + self._max_syllable)
            ok[i] = any(ok[j] and letters[i:j] in self._syllables for j in range(i + 1, top + 1))
        return ok

    def segment(self, letters: str) -> list[str]:
        """``letters`` as syllables, each the longest that leaves the rest readable
        (nanchizidajie: nan chi zi da jie; xianggang: xiang gang); the last may be
        unfinished (nanchizidaj: … da j). [] when the letters are no pinyin."""
        letters = letters.lower()
        ok = self._completable(letters)
        if not ok[0]:
            return []
        out: list[str] = []
        at = 0
        while at < len(letters):
            top = min(len(letters), at + self._max_syllable)
            end = next(
                (e for e in range(top, at, -1) if letters[at:e] in self._syllables and ok[e]),
                len(letters),  # only the unfinished last syllable is left
            )
            out.append(letters[at:end])
            at = end
        return out

    def _phrase_ends(self, letters: str, bounds: list[int], start: int) -> list[int]:
        """Where a known phrase of two syllables or more starting at ``start`` ends on a
        syllable boundary, the longest first ("nanchizidajie" from 0: nanchizi, nanchi)."""
        return [
            end
            for end in reversed(bounds)
            if bounds.index(end) > bounds.index(start) + 1 and letters[start:end] in self._phrases
        ]

    def _sentence(self, letters: str, bounds: list[int]) -> str:
        """The whole run of letters as known phrases, each the longest that fits
        (nanchizidajie: 南池子 + 大街), or "" when some part is no known phrase. A last
        syllable standing alone may be an address word of the data file's 'chars'
        (dongchengqu: 东城 + 区)."""
        out: list[str] = []
        at = 0
        while at < len(letters):
            ends = [e for e in self._phrase_ends(letters, bounds, at) if e < len(letters) or at]
            if ends:
                out.append(self._phrases[letters[at : ends[0]]][0])
                at = ends[0]
                continue
            rest = letters[at:]
            top = self._chars.get(rest, [""])[0]
            if at and rest in self._syllables and top and top in self._suffixes:
                out.append(top)
                break
            return ""
        return "".join(out) if len(out) > 1 else ""

    def candidates(self, letters: str, limit: int = MAX_CANDIDATES) -> list[Candidate]:
        """Choices for the typed ``letters``: the whole run as a phrase (or as known
        phrases one after another), then the longest known phrases it starts with (the
        rest stays typed for the next choice), then the first syllable's characters."""
        letters = letters.lower()
        if not letters:
            return []
        out: list[Candidate] = []
        seen: set[str] = set()
        phrases = self._phrases.get(letters, [])
        syllables = self.segment(letters)
        head = syllables[0] if syllables and syllables[0] in self._syllables else ""
        if not syllables:  # no pinyin as a whole ("beiv"): still its first syllable's characters
            head = next(
                (
                    letters[:n]
                    for n in range(self._max_syllable, 0, -1)
                    if letters[:n] in self._syllables
                ),
                "",
            )
        bounds = [0]
        for syl in syllables:
            bounds.append(bounds[-1] + len(syl))
        whole = head == letters  # one syllable typed: 街 for jie, not the rare 极恶 (ji-e)
        later = [p for p in phrases if whole and p not in self._first]
        for phrase in phrases:
            if phrase not in seen and phrase not in later:
                seen.add(phrase)
                out.append(Candidate(phrase, len(letters)))
        if not phrases:
            sentence = self._sentence(letters, bounds)
            if sentence:
                seen.add(sentence)
                out.append(Candidate(sentence, len(letters)))
        for end in self._phrase_ends(letters, bounds, 0):
            if end == len(letters):
                continue  # the whole run: offered above
            for phrase in self._phrases[letters[:end]][:PREFIX_PHRASES]:
                if phrase not in seen:
                    seen.add(phrase)
                    out.append(Candidate(phrase, end))
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
    return PinyinIndex(
        dict(chars), dict(phrases), syllables, frozenset(w for w, _ in first.words), first.chars
    )


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
