"""The receipt summary read aloud on request (assisted mode).

It names the service, spells the tracking number one character at a time (so it
can be written down), lists what to bring and says when the matter will be done.
It carries no personal data by construction, and it still goes through the
voice guard like every other text; only the spelled tracking number is declared
public, because a long run of digits would otherwise look like an ID number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from drivers.speech.types import Language
from kiosk.tracking import shown_tracking_number

_ZH_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class ReceiptSummary:
    """What the printed receipt says, in the words to be spoken."""

    service_name: str
    tracking_number: str
    bring: Sequence[str] = ()
    ready_on: dt.date | None = None  # expected completion date, if known
    working_days: int | None = None  # or: done within this many working days


@dataclass(frozen=True, slots=True)
class Utterance:
    """Text to speak plus the substrings the guard must treat as public."""

    text: str
    public: tuple[str, ...] = ()


def spell_code(code: str, language: Language) -> str:
    """One character at a time, groups (split at ``-`` or spaces) separated by a pause.

    Mandarin digits become Chinese numerals, which espeak-ng reads reliably;
    letters stay letters.
    """
    groups = [g for g in code.replace(" ", "-").split("-") if g]
    spelled = []
    for g in groups:
        chars = [
            _ZH_DIGITS[int(c)] if language is Language.ZH and c.isdigit() else c.upper()
            for c in g
            if c.isalnum()
        ]
        spelled.append(" ".join(chars))
    return ("，" if language is Language.ZH else ", ").join(spelled)


def _date_zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _date_en(d: dt.date) -> str:
    return f"{d:%A} {d.day} {d:%B} {d.year}"


def compose_receipt_summary(summary: ReceiptSummary, language: Language) -> Utterance:
    """Compose the speakable summary of a receipt."""
    # Spelled as printed: the check character a group of its own, after a pause.
    code = spell_code(shown_tracking_number(summary.tracking_number), language)
    if language is Language.ZH:
        parts = [f"您办理的是：{summary.service_name}。", f"受理编号是：{code}。"]
        if summary.bring:
            parts.append("请带上：" + "、".join(summary.bring) + "。")
        if summary.ready_on is not None:
            parts.append(f"预计{_date_zh(summary.ready_on)}办结。")
        elif summary.working_days is not None:
            parts.append(f"预计{summary.working_days}个工作日内办结。")
        parts.append("请保管好回执。")
    else:
        parts = [f"Your application: {summary.service_name}.", f"Tracking number: {code}."]
        if summary.bring:
            parts.append("Please bring: " + ", ".join(summary.bring) + ".")
        if summary.ready_on is not None:
            parts.append(f"It should be done by {_date_en(summary.ready_on)}.")
        elif summary.working_days is not None:
            days = "working day" if summary.working_days == 1 else "working days"
            parts.append(f"It should be done within {summary.working_days} {days}.")
        parts.append("Please keep your receipt.")
    return Utterance(" ".join(parts), public=(code,))
