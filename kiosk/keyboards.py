"""The on-screen keyboards a form field can name, and what each of them can type.

The catalog names a field's keyboard (``"keyboard": "digits"``); a field without one
(a catalog from an older platform) gets its type's. What a keyboard types is stated
here as data, so a catalog check can tell whether a field's example value (the one the
platform checked against its pattern) can be typed at all: a bank account pattern on
the letter keyboard is a nuisance, a permit number with letters on the number pad is
a citizen who cannot apply. ui/widgets (the pads) type exactly these characters;
tests/ui/test_field_keyboards.py holds them to it.
"""

from __future__ import annotations

from enum import StrEnum


class Keyboard(StrEnum):
    """A keyboard the kiosk can dock under a typed field (ui PadKind has the same values)."""

    TEXT = "text"  # pinyin, Latin capitals, digits and a few signs
    ALNUM = "alnum"  # Latin capitals and digits, no pinyin (document numbers)
    DIGITS = "digits"  # a number pad, 0-9 only
    NUMBER = "number"  # 0-9 and a decimal point
    ID = "id"  # 0-9 and X (resident ID numbers)
    DATE = "date"  # 0-9, shown as YYYY-MM-DD (the dashes are the pad's)


_DIGITS = "0123456789"
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The text keyboard's 123 page: digits and the signs of addresses and house numbers.
_SIGNS = "-/.,#() "

# Each keyboard's characters. The letter keys type capitals (ABC mode; the document
# keyboard also capitalises), so no keyboard types a lowercase letter.
CHARACTERS: dict[Keyboard, str] = {
    Keyboard.TEXT: _CAPITALS + _DIGITS + _SIGNS,
    Keyboard.ALNUM: _CAPITALS + _DIGITS,
    Keyboard.DIGITS: _DIGITS,
    Keyboard.NUMBER: _DIGITS + ".",
    Keyboard.ID: _DIGITS + "X",
    Keyboard.DATE: _DIGITS + "-",
}


def _by_pinyin(ch: str) -> bool:
    # The text keyboard's pinyin mode gives Chinese characters (CJK Unified Ideographs,
    # the block the pinyin index is made of).
    return "\u4e00" <= ch <= "\u9fff"


def cannot_type(keyboard: Keyboard, text: str) -> str:
    """The characters of ``text`` that ``keyboard`` has no key for, each once, in order."""
    keys = CHARACTERS[keyboard]
    missing: list[str] = []
    for ch in text:
        if ch in keys or (keyboard is Keyboard.TEXT and _by_pinyin(ch)):
            continue
        if ch not in missing:
            missing.append(ch)
    return "".join(missing)


def parse_keyboard(value: object) -> Keyboard | None:
    """A catalog's keyboard name, or None (absent, or a name this kiosk does not know:
    a newer platform's; the field then gets its type's keyboard)."""
    if isinstance(value, str):
        try:
            return Keyboard(value)
        except ValueError:
            return None
    return None
