"""What may stand at each MRZ position (ICAO 9303 parts 4 and 5), for constrained reading.

Classes: ``A`` letters or filler, ``N`` digits, ``D`` digit or filler, ``X`` letters,
digits or filler, ``S`` sex (M, F, X or filler). A reading engine chooses among the
characters its position allows; the check digits then decide.
"""

from __future__ import annotations

from drivers.card.mrz import MrzFormat

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
ALPHABET = LETTERS + DIGITS + "<"

CLASSES = {
    "A": LETTERS + "<",
    "N": DIGITS,
    "D": DIGITS + "<",
    "X": ALPHABET,
    "S": "MFX<",
}

_TD3 = ("A" * 44, "X" * 9 + "N" + "AAA" + "N" * 7 + "S" + "N" * 7 + "X" * 14 + "D" + "N")
_TD1 = (
    "AA" + "AAA" + "X" * 9 + "D" + "X" * 15,
    "N" * 7 + "S" + "N" * 7 + "AAA" + "X" * 11 + "N",
    "A" * 30,
)

# Positions a check digit covers ("c"): only there can a second reading be told apart.
COVERED: dict[MrzFormat, tuple[str, ...]] = {
    MrzFormat.TD3: ("-" * 44, "c" * 10 + "---" + "c" * 7 + "-" + "c" * 23),
    MrzFormat.TD1: ("-" * 5 + "c" * 25, "c" * 7 + "-" + "c" * 7 + "---" + "c" * 12, "-" * 30),
}

LAYOUTS: dict[MrzFormat, tuple[str, ...]] = {MrzFormat.TD3: _TD3, MrzFormat.TD1: _TD1}
LINE_LENGTH = {MrzFormat.TD3: 44, MrzFormat.TD1: 30}

# Look-alikes an engine confuses, mapped into the class the position needs.
_TO_DIGIT = {
    "O": "0",
    "Q": "0",
    "D": "0",
    "U": "0",
    "I": "1",
    "L": "1",
    "Z": "2",
    "S": "5",
    "B": "8",
    "G": "6",
    "T": "7",
}
_TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G"}


def constrain(line: str, classes: str) -> str:
    """Map look-alikes into the class each position allows (others left for the checks)."""
    out = []
    for ch, cls in zip(line, classes, strict=False):
        allowed = CLASSES[cls]
        if ch in allowed:
            out.append(ch)
        elif cls in ("N", "D") and ch in _TO_DIGIT:
            out.append(_TO_DIGIT[ch])
        elif cls in ("A", "S") and ch in _TO_LETTER and _TO_LETTER[ch] in allowed:
            out.append(_TO_LETTER[ch])
        else:
            out.append(ch)
    return "".join(out)
