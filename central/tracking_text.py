"""Tracking numbers as citizens read them and as the platform keeps them.

A kiosk mints ``M001-261207-00010`` (the last character a check character) and sends it
so; that string is the record's key here. On screen and paper the kiosk sets the check
character apart, ``M001-261207-0001-0``: glued, "00010" read as the tenth (try-out 7,
C-f). What the platform shows a person (the receipt's status page, the console) is in
that form too, and what a person gives it (a lookup, a search) is taken in either form.
The kiosk's rule is ``kiosk.tracking.shown_tracking_number``; the platform shares no
code with the kiosk (import-linter), so this is its copy of the same two lines.
"""

from __future__ import annotations

import re
import unicodedata

# Kiosk code, date, sequence (4-6 digits) and the check character, glued or apart.
_STORED = re.compile(r"([0-9A-Z]{4})-(\d{6})-(\d{4,6})([0-9A-Z])")
_SHOWN = re.compile(r"([0-9A-Z]{4})-(\d{6})-(\d{4,6})-([0-9A-Z])")


def shown_form(number: str) -> str:
    """``number`` as a citizen's receipt shows it (the check character apart); anything
    that is not a kiosk's tracking number, unchanged."""
    m = _STORED.fullmatch(number)
    return number if m is None else "-".join(m.groups())


# A number as staff type it from a receipt or a citizen's reading: either form, in
# lower case, with spaces around the hyphens or in their place ("M001 261207 0001 0",
# as a number read out in groups is typed: try-out 18, K1), in full-width characters
# from a Chinese input method (NFKC makes them ASCII first).
_TYPED = re.compile(r"([0-9A-Z]{4})-(\d{6})-(\d{4,6})-?([0-9A-Z])")
# A separator as typed: a hyphen with any spaces around it, or spaces alone.
_SEPARATOR = re.compile(r"\s*-\s*|\s+")


def typed_number(text: str) -> str | None:
    """The key (stored form) of a tracking number a person typed in either form, spaces
    (around hyphens or instead of them) and lower case tolerated; None when ``text`` is
    not a tracking number at all."""
    plain = unicodedata.normalize("NFKC", text).strip().upper()
    m = _TYPED.fullmatch(_SEPARATOR.sub("-", plain))
    return None if m is None else f"{m[1]}-{m[2]}-{m[3]}{m[4]}"


def stored_form(text: str) -> str:
    """The key a number given in a receipt's new form is kept under (the check
    character joined to the sequence); any other text, unchanged."""
    m = _SHOWN.fullmatch(text.strip().upper())
    return text if m is None else f"{m[1]}-{m[2]}-{m[3]}{m[4]}"
