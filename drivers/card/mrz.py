"""ICAO 9303 machine-readable zone: check digits, BAC key material, TD1/TD2/TD3 parsing.

Parsing returns a value (:class:`MrzData` or an :class:`MrzError`) and never raises,
because the MRZ comes from a chip we do not trust.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

_WEIGHTS = (7, 3, 1)
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"


def char_value(ch: str) -> int | None:
    """The ICAO 9303 part 3 value of one MRZ character, or None if it is not allowed."""
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    return None


def check_digit(field: str) -> str | None:
    """The 7-3-1 check digit of ``field`` as a character, or None if it has bad characters."""
    total = 0
    for i, ch in enumerate(field):
        v = char_value(ch)
        if v is None:
            return None
        total += v * _WEIGHTS[i % 3]
    return str(total % 10)


def is_mrz_text(text: str) -> bool:
    """True when every character is in the MRZ alphabet (A-Z, 0-9, ``<``)."""
    return all(ch in _ALPHABET for ch in text)


class MrzFormat(StrEnum):
    """The three ICAO machine-readable document sizes."""

    TD1 = "td1"  # identity card, 3 x 30
    TD2 = "td2"  # 2 x 36
    TD3 = "td3"  # passport, 2 x 44


class MrzError(StrEnum):
    """Why an MRZ was refused."""

    LENGTH = "length"
    CHARACTERS = "characters"
    DOCUMENT_NUMBER_CHECK = "document_number_check"
    BIRTH_DATE_CHECK = "birth_date_check"
    EXPIRY_DATE_CHECK = "expiry_date_check"
    OPTIONAL_DATA_CHECK = "optional_data_check"
    COMPOSITE_CHECK = "composite_check"
    SEX = "sex"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class MrzData:
    """The fields of a verified MRZ. Dates stay as printed (YYMMDD); see the date helpers."""

    format: MrzFormat
    document_code: str  # e.g. "P", "I", "ID", "AC" (fillers stripped)
    issuing_state: str
    document_number: str  # fillers stripped, long-number extension joined
    surname: str
    given_names: str
    nationality: str
    birth_date: str  # YYMMDD, may contain "<" for an unknown part
    sex: str  # "M", "F" or "X"
    expiry_date: str  # YYMMDD
    optional_data: str  # fillers stripped; TD1 joins both optional fields with a space

    def __repr__(self) -> str:  # personal data must never reach a log through repr()
        return f"MrzData({self.format.value}, {self.document_code})"

    __str__ = __repr__


def _strip(field: str) -> str:
    return field.replace("<", " ").strip()


def _names(field: str) -> tuple[str, str]:
    primary, _, secondary = field.partition("<<")
    return _strip(primary), " ".join(secondary.replace("<", " ").split())


def _check(field: str, digit: str) -> bool:
    return check_digit(field) == digit


def _sex(ch: str) -> str | None:
    return {"M": "M", "F": "F", "<": "X", "X": "X"}.get(ch)


def _date_ok(yymmdd: str) -> bool:
    """Digits with a plausible month/day; ``<`` is allowed where a part is unknown."""
    if len(yymmdd) != 6:
        return False
    for part, hi in ((yymmdd[2:4], 12), (yymmdd[4:6], 31)):
        if part == "<<":
            continue
        if not part.isdigit() or not 1 <= int(part) <= hi:
            return False
    return yymmdd[0:2] == "<<" or yymmdd[0:2].isdigit()


def _long_number(head: str, check: str, optional: str) -> tuple[str, str, str] | None:
    """Join a long document number whose tail lives in the optional data (ICAO 9303-5 4.2.4).

    Returns (number, check digit, remaining optional data) or None if malformed.
    """
    if check != "<":
        return head, check, optional
    end = optional.find("<")
    tail = optional if end < 0 else optional[:end]
    if len(tail) < 2:  # at least one more number character plus its check digit
        return None
    return head + tail[:-1], tail[-1], optional[len(tail) :]


def parse_mrz(text: str) -> MrzData | MrzError:
    """Parse and verify a TD1, TD2 or TD3 MRZ (lines joined with or without newlines)."""
    flat = "".join(text.split())
    if not is_mrz_text(flat):
        return MrzError.CHARACTERS
    if len(flat) == 90:
        return _parse_td1(flat[:30], flat[30:60], flat[60:])
    if len(flat) == 72:
        return _parse_td23(MrzFormat.TD2, flat[:36], flat[36:])
    if len(flat) == 88:
        return _parse_td23(MrzFormat.TD3, flat[:44], flat[44:])
    return MrzError.LENGTH


def _common_checks(birth: str, bcd: str, expiry: str, ecd: str, sex: str) -> MrzError | None:
    if not _check(birth, bcd):
        return MrzError.BIRTH_DATE_CHECK
    if not _check(expiry, ecd):
        return MrzError.EXPIRY_DATE_CHECK
    if not (_date_ok(birth) and _date_ok(expiry)) or "<" in expiry:
        return MrzError.DATE
    if _sex(sex) is None:
        return MrzError.SEX
    return None


def _parse_td1(l1: str, l2: str, l3: str) -> MrzData | MrzError:
    joined = _long_number(l1[5:14], l1[14], l1[15:30])
    if joined is None:
        return MrzError.DOCUMENT_NUMBER_CHECK
    number, ncd, opt1 = joined
    if not _check(number, ncd):
        return MrzError.DOCUMENT_NUMBER_CHECK
    err = _common_checks(l2[0:6], l2[6], l2[8:14], l2[14], l2[7])
    if err is not None:
        return err
    if not _check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]):
        return MrzError.COMPOSITE_CHECK
    surname, given = _names(l3)
    optional = " ".join(p for p in (_strip(opt1), _strip(l2[18:29])) if p)
    return MrzData(
        format=MrzFormat.TD1,
        document_code=_strip(l1[0:2]),
        issuing_state=_strip(l1[2:5]),
        document_number=_strip(number),
        surname=surname,
        given_names=given,
        nationality=_strip(l2[15:18]),
        birth_date=l2[0:6],
        sex=_sex(l2[7]) or "X",
        expiry_date=l2[8:14],
        optional_data=optional,
    )


def _parse_td23(fmt: MrzFormat, l1: str, l2: str) -> MrzData | MrzError:
    opt_end = 42 if fmt is MrzFormat.TD3 else 35
    optional = l2[28:opt_end]
    if fmt is MrzFormat.TD2:
        joined = _long_number(l2[0:9], l2[9], optional)
        if joined is None:
            return MrzError.DOCUMENT_NUMBER_CHECK
        number, ncd, optional = joined
    else:
        number, ncd = l2[0:9], l2[9]
    if not _check(number, ncd):
        return MrzError.DOCUMENT_NUMBER_CHECK
    err = _common_checks(l2[13:19], l2[19], l2[21:27], l2[27], l2[20])
    if err is not None:
        return err
    if fmt is MrzFormat.TD3:
        # The personal-number check digit may be a filler when the field is empty.
        pcd = l2[42]
        if not (_check(l2[28:42], pcd) or (pcd == "<" and set(l2[28:42]) == {"<"})):
            return MrzError.OPTIONAL_DATA_CHECK
        composite = l2[0:10] + l2[13:20] + l2[21:43]
        final = l2[43]
    else:
        composite = l2[0:10] + l2[13:20] + l2[21:35]
        final = l2[35]
    if not _check(composite, final):
        return MrzError.COMPOSITE_CHECK
    surname, given = _names(l1[5:])
    return MrzData(
        format=fmt,
        document_code=_strip(l1[0:2]),
        issuing_state=_strip(l1[2:5]),
        document_number=_strip(number),
        surname=surname,
        given_names=given,
        nationality=_strip(l2[10:13]),
        birth_date=l2[13:19],
        sex=_sex(l2[20]) or "X",
        expiry_date=l2[21:27],
        optional_data=_strip(optional),
    )


# --- BAC key material -----------------------------------------------------------


def normalise_document_number(number: str) -> str:
    """Upper-case, drop spaces, and pad to the 9 characters BAC expects."""
    n = "".join(number.upper().split())
    return n + "<" * (9 - len(n)) if len(n) < 9 else n


def mrz_information(document_number: str, birth_date: str, expiry_date: str) -> str | None:
    """The BAC MRZ_information string (number, dates, each with its check digit).

    Dates are YYMMDD. Returns None when a field has characters the MRZ cannot hold.
    For numbers longer than 9 characters the whole number is used, as ICAO 9303-11
    section 9.7.2 prescribes.
    """
    number = normalise_document_number(document_number)
    parts = []
    for field in (number, birth_date, expiry_date):
        cd = check_digit(field)
        if cd is None or not field:
            return None
        parts.append(field + cd)
    return "".join(parts)


# --- dates ----------------------------------------------------------------------


def birth_date_value(yymmdd: str, today: dt.date) -> dt.date | None:
    """A birth date from YYMMDD: a two-digit year in the future means last century."""
    try:
        yy, mm, dd = int(yymmdd[0:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
        value = dt.date(year, mm, dd)
    except ValueError:
        return None
    return value if value <= today else dt.date(year - 100, mm, dd)


def expiry_date_value(yymmdd: str) -> dt.date | None:
    """An expiry date from YYMMDD (documents issued from 1970 on, expiring before 2070)."""
    try:
        yy, mm, dd = int(yymmdd[0:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
        return dt.date(2000 + yy if yy < 70 else 1900 + yy, mm, dd)
    except ValueError:
        return None


# --- building (simulator, emulator, tests) --------------------------------------


def _field(text: str, width: int) -> str:
    return text.upper().replace(" ", "<")[:width].ljust(width, "<")


def _name_field(surname: str, given: str, width: int) -> str:
    return _field(surname.replace(" ", "<") + "<<" + given.replace(" ", "<"), width)


def build_td3(
    *,
    code: str,
    state: str,
    number: str,
    surname: str,
    given: str,
    nationality: str,
    birth: str,
    sex: str,
    expiry: str,
    personal: str = "",
) -> str:
    """Compose a valid two-line TD3 MRZ with all check digits."""
    doc = _field(number, 9)
    pers = _field(personal, 14)
    pcd = check_digit(pers) if personal else "<"
    l2 = (
        doc
        + (check_digit(doc) or "0")
        + _field(nationality, 3)
        + birth
        + (check_digit(birth) or "0")
        + sex
        + expiry
        + (check_digit(expiry) or "0")
        + pers
        + (pcd or "0")
    )
    l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:43]) or "0"
    l1 = _field(code, 2) + _field(state, 3) + _name_field(surname, given, 39)
    return l1 + "\n" + l2


def build_td1(
    *,
    code: str,
    state: str,
    number: str,
    surname: str,
    given: str,
    nationality: str,
    birth: str,
    sex: str,
    expiry: str,
    optional1: str = "",
    optional2: str = "",
) -> str:
    """Compose a valid three-line TD1 MRZ, using the long-number extension when needed."""
    num = number.upper()
    ncd = check_digit(num) or "0"
    if len(num) > 9:
        l1_tail = num[:9] + "<" + _field(num[9:] + ncd + "<" + optional1, 15)
    else:
        l1_tail = _field(num, 9) + (check_digit(_field(num, 9)) or "0") + _field(optional1, 15)
    l1 = _field(code, 2) + _field(state, 3) + l1_tail
    l2 = (
        birth
        + (check_digit(birth) or "0")
        + sex
        + expiry
        + (check_digit(expiry) or "0")
        + _field(nationality, 3)
        + _field(optional2, 11)
    )
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]) or "0"
    return l1 + "\n" + l2 + "\n" + _name_field(surname, given, 30)
