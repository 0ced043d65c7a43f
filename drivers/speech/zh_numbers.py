"""Arabic numerals to Chinese readings, because espeak-ng's Mandarin voice reads
digit strings with English fragments ("2026年" came out partly in English here)."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def digits_zh(digits: str) -> str:
    """Read each digit on its own: ``2026`` → ``二零二六``."""
    return "".join(_DIGITS[int(d)] for d in digits if d.isdigit())


def cardinal_zh(n: int) -> str:
    """Read 0 ≤ n ≤ 9999 as a number: 11 → 十一, 105 → 一百零五, 2010 → 二千零一十."""
    if not 0 <= n <= 9999:
        raise ValueError("cardinal_zh handles 0..9999")
    if n == 0:
        return "零"
    out: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if not (unit == "十" and d == 1 and not out):  # 十一, not 一十一
            out.append(_DIGITS[d])
        out.append(unit)
    return "".join(out)


def numbers_to_zh(text: str) -> str:
    """Replace Arabic numbers in Mandarin text by their spoken Chinese form.

    Up to four digits without a leading zero read as a number, except a year
    before 年, which is read digit by digit as people say it; longer runs
    (codes, phone numbers) are read digit by digit.
    """

    def repl(m: re.Match[str]) -> str:
        token = m.group(0)
        whole, _, frac = token.partition(".")
        is_year = text.startswith("年", m.end()) and len(whole) == 4
        if len(whole) <= 4 and not (len(whole) > 1 and whole[0] == "0") and not is_year:
            spoken = cardinal_zh(int(whole))
        else:
            spoken = digits_zh(whole)
        return spoken + ("点" + digits_zh(frac) if frac else "")

    return _NUMBER.sub(repl, text)
