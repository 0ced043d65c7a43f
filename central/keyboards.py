"""The kiosk's on-screen keyboards as the catalog names them, and the catalog check
that a form field's keyboard can type what its pattern requires.

The platform imports nothing of the kiosk, so the keyboards' characters are stated
here too (kiosk/keyboards.py is the kiosk's copy; tests/unit/central/test_keyboards.py
keeps the two equal). The check needs no reading of regular expressions: a field with
a pattern carries an example value; the pattern must accept it, the field's length
must hold it and the field's keyboard must have a key for each of its characters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

KeyboardName = Literal["text", "alnum", "digits", "number", "id", "date"]
KEYBOARDS: tuple[str, ...] = get_args(KeyboardName)

_DIGITS = "0123456789"
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# What each keyboard types. Letter keys type capitals; the text keyboard's pinyin
# gives Chinese characters besides (CJK Unified Ideographs).
CHARACTERS: dict[str, str] = {
    "text": _CAPITALS + _DIGITS + "-/.,#() ",
    "alnum": _CAPITALS + _DIGITS,
    "digits": _DIGITS,
    "number": _DIGITS + ".",
    "id": _DIGITS + "X",
    "date": _DIGITS + "-",
}
# A field without a keyboard gets its type's (as the kiosk does); choices are tapped.
TYPE_KEYBOARDS: dict[str, str] = {
    "text": "text",
    "address": "text",
    "number": "number",
    "date": "date",
    "month": "date",
    "phone": "digits",
    "id_number": "id",
}


def keyboard_of(field: Mapping[str, Any]) -> str | None:
    """The keyboard a catalog field is typed on: its own, else its type's (None: a choice)."""
    named = field.get("keyboard")
    if isinstance(named, str) and named in CHARACTERS:
        return named
    checks = field.get("validation") or {}
    if field.get("type") == "number" and checks.get("integer"):
        return "digits"
    return TYPE_KEYBOARDS.get(str(field.get("type")))


def cannot_type(keyboard: str, text: str) -> str:
    """The characters of ``text`` that ``keyboard`` has no key for, each once."""
    keys = CHARACTERS[keyboard]
    missing: list[str] = []
    for ch in text:
        pinyin = keyboard == "text" and "\u4e00" <= ch <= "\u9fff"
        if ch not in keys and not pinyin and ch not in missing:
            missing.append(ch)
    return "".join(missing)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a field cannot be filled in on the kiosk; ``code`` names the words for it."""

    code: Literal["example_needed", "example_unmatched", "example_too_long", "cannot_type"]
    keyboard: str = ""
    example: str = ""
    missing: str = ""
    max_length: int = 0

    def words(self) -> str:
        """In English, for the API's answer (the console words it in its own language)."""
        return {
            "example_needed": "a field with a pattern needs validation.example, a value the"
            " pattern accepts: the field's keyboard is checked against it",
            "example_unmatched": f"the example {self.example!r} does not match the pattern",
            "example_too_long": f"the example {self.example!r} is longer than max_length"
            f" {self.max_length}: the keyboard stops there",
            "cannot_type": f"the {self.keyboard} keyboard cannot type {self.missing!r} of the"
            f" example {self.example!r}, which the pattern requires: name a keyboard that can"
            f" ({', '.join(KEYBOARDS)})",
        }[self.code]


def keyboard_problem(field: Mapping[str, Any]) -> Problem | None:
    """Why a citizen could not type what ``field`` requires, or None."""
    keyboard = keyboard_of(field)
    if keyboard is None:
        return None
    checks = field.get("validation") or {}
    pattern, example = checks.get("pattern"), checks.get("example")
    if not isinstance(example, str) or not example:
        return Problem("example_needed") if pattern else None
    if isinstance(pattern, str) and pattern:
        try:
            if re.fullmatch(pattern, example) is None:
                return Problem("example_unmatched", example=example)
        except re.error:
            pass  # said on its own (a pattern that is no regular expression)
    longest = checks.get("max_length")
    if isinstance(longest, int) and len(example) > longest:
        return Problem("example_too_long", example=example, max_length=longest)
    missing = cannot_type(keyboard, example)
    if missing:
        return Problem("cannot_type", keyboard=keyboard, example=example, missing=missing)
    return None
