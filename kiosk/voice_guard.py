"""The one place that decides whether a text may go through the loudspeaker.

Everything the voice service speaks passes :meth:`SpeechGuard.screen`. Unless a
headset is fitted (``private_audio``), personal data is cut out and replaced by
a short "hidden" word. Two nets catch it:

* the session's own sensitive strings (names, document numbers, masked forms),
  matched case-, width- and spacing-insensitively, so "E 1 2 3 4 5 6 7 8",
  "一一零一零一…" (Chinese numerals) or a name's pinyin do not slip through;
* generic patterns for any resident ID number (18 or 15 digits), masked numbers
  or names (anything with ``*``) and mobile numbers, for data the session never
  registered (typed by staff, read from an agent's document).

Strings the caller declares public (a tracking number, spelled out) are exempt
unless they contain a sensitive string. Matching errs on the side of hiding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from drivers.speech.types import Language

PLACEHOLDER: dict[Language, str] = {Language.ZH: "（已隐去）", Language.EN: " (hidden) "}

_ZH_NUMERALS = str.maketrans("零〇一二三四五六七八九幺", "001234567891")
# Separators people put between digits or letters when reading a code aloud.
_SEPARATORS = frozenset(" \t\r\n,，、-‐‑–—.·:：/()（）;；_")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+")
_HONORIFICS = "先生|女士|小姐|同志|阿姨|叔叔|大爷|大妈|奶奶|爷爷|伯伯|老师|师傅|老人家"
_BREAK = "|"  # stands in for public spans so no match can run across them

DEFAULT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)\d{17}[\dx](?!\d)"),  # resident ID, GB 11643 (x casefolded)
    re.compile(r"(?<!\d)\d{15}(?!\d)"),  # first-generation 15-digit resident ID
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),  # mainland mobile number
    # Masked numbers and names: 110101********1234, E1****78, 张*丰, WANG X*******.
    re.compile(
        r"(?:[0-9a-z]{0,17}|[\u3400-\u9fff]{0,3})\*+(?:[0-9a-z]{0,17}|[\u3400-\u9fff]{0,3})"
    ),
)
"""Patterns run on the compact view: casefolded, NFKC, Chinese numerals as digits,
separators removed."""


@dataclass(frozen=True, slots=True)
class Screened:
    """What the guard made of a text.

    ``text`` is what may be spoken (None: say nothing). ``personal`` is True when
    personal data was found, whether it was hidden or (headset) allowed: such
    text must not be written to the clip cache on disk.
    """

    text: str | None
    personal: bool
    redactions: int = 0


@dataclass(frozen=True, slots=True)
class _View:
    """A normalised copy of a text with a map back to original indexes."""

    text: str
    origin: list[int] = field(repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def _pinyin(text: str) -> list[str]:
    # Imported here: pypinyin loads its dictionaries on import (~0.7 s here), which
    # must not delay start-up or the GUI thread; preload() does it on a worker, in
    # steps that never keep the interpreter lock from the GUI thread for long.
    from kiosk.services.pinyin_dicts import install

    install()
    from pypinyin import lazy_pinyin

    return list(lazy_pinyin(text))


def preload() -> None:
    """Load the pinyin dictionaries now (call off the GUI thread, at start-up)."""
    _pinyin("张")


def _norm_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold().translate(_ZH_NUMERALS)


def _view(text: str, blocked: Sequence[tuple[int, int]], *, compact: bool) -> _View:
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if any(a <= i < b for a, b in blocked):
            norm = _BREAK
        else:
            norm = _norm_char(ch)
            if compact and all(c in _SEPARATORS or c.isspace() for c in norm):
                continue
        for c in norm:
            out.append(c)
            origin.append(i)
    return _View("".join(out), origin)


def _compact(s: str) -> str:
    return _view(s, (), compact=True).text


@dataclass(frozen=True, slots=True)
class _Needles:
    compact: tuple[re.Pattern[str], ...]
    words: tuple[re.Pattern[str], ...]


def _needles(sensitive: Iterable[str]) -> _Needles:
    compact: set[str] = set()
    honorific: set[str] = set()
    words: set[str] = set()
    for raw in sensitive:
        s = _compact(raw)
        if not s:
            continue
        if _CJK.search(raw):
            if len(s) >= 2:
                compact.add(s)
            else:  # a lone surname: only as a form of address, or 一张纸 would be hidden
                honorific.add(s)
            # Romanised forms for English prompts: each syllable as a word ("zhang"),
            # and run together (full name, given name after a one- or two-character
            # surname); those of 6+ letters also catch a spaced-out "San Feng".
            syllables = [w for w in _pinyin(raw) if w.isalpha()]
            words.update(w for w in syllables if len(w) >= 2)
            for joined in ("".join(syllables), "".join(syllables[1:]), "".join(syllables[2:])):
                if len(joined) >= 6:
                    words.add(joined)
                    compact.add(joined)
        elif any(c.isdigit() or c == "*" for c in s):
            if len(s) >= 4:
                compact.add(s)
        else:
            for w in _LATIN_WORD.findall(_view(raw, (), compact=False).text):
                if len(w) >= 2:
                    words.add(w)
                if len(w) >= 4:  # long enough to also catch it spelled out: E-R-I-K…
                    compact.add(w)
    compact_patterns = [re.compile(re.escape(s)) for s in sorted(compact, key=len, reverse=True)]
    compact_patterns += [re.compile(re.escape(s) + f"(?:{_HONORIFICS})") for s in honorific]
    word_patterns = [re.compile(rf"(?<![a-z]){re.escape(w)}(?![a-z])") for w in words]
    return _Needles(tuple(compact_patterns), tuple(word_patterns))


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping or separator-adjacent spans joined (one "hidden", not three)."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        gap = text[merged[-1][1] : a] if merged else "x"
        if merged and (a <= merged[-1][1] or all(c in _SEPARATORS for c in gap)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


class SpeechGuard:
    """Screens every text before it is rendered or played."""

    def __init__(
        self, *, private_audio: bool, patterns: Sequence[re.Pattern[str]] = DEFAULT_PATTERNS
    ) -> None:
        self.private_audio = private_audio
        self.patterns = tuple(patterns)

    def find(
        self, text: str, sensitive: Collection[str], public: Sequence[str] = ()
    ) -> list[tuple[int, int]]:
        """Spans (start, end) of ``text`` that hold personal data."""
        needles = _needles(sensitive)
        blocked = self._public_spans(text, public, needles)
        compact = _view(text, blocked, compact=True)
        words = _view(text, blocked, compact=False)
        spans: list[tuple[int, int]] = []
        for pattern in (*needles.compact, *self.patterns):
            spans += [compact.span(*m.span()) for m in pattern.finditer(compact.text) if m.group()]
        for pattern in needles.words:
            spans += [words.span(*m.span()) for m in pattern.finditer(words.text)]
        return _merge(text, spans)

    def screen(
        self,
        text: str,
        language: Language,
        sensitive: Collection[str] = (),
        public: Sequence[str] = (),
    ) -> Screened:
        """What of ``text`` may be spoken aloud now."""
        spans = self.find(text, sensitive, public)
        if not spans:
            return Screened(text, personal=False)
        if self.private_audio:
            return Screened(text, personal=True)
        out, last = [], 0
        for a, b in spans:
            out += [text[last:a], PLACEHOLDER[language]]
            last = b
        out.append(text[last:])
        redacted = "".join(out)
        if self.find(redacted, sensitive, public):  # belt and braces: never speak a leftover
            return Screened(None, personal=True, redactions=len(spans))
        return Screened(redacted, personal=True, redactions=len(spans))

    def _public_spans(
        self, text: str, public: Sequence[str], needles: _Needles
    ) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for p in public:
            if not p or self._contains_sensitive(p, needles):
                continue
            start = text.find(p)
            while start >= 0:
                spans.append((start, start + len(p)))
                start = text.find(p, start + len(p))
        return spans

    @staticmethod
    def _contains_sensitive(s: str, needles: _Needles) -> bool:
        c, w = _view(s, (), compact=True).text, _view(s, (), compact=False).text
        return any(p.search(c) for p in needles.compact) or any(p.search(w) for p in needles.words)
