"""A citizen's contact for a call-back (整改回访) or a reply to a complaint.

A phone number is personal data: it is sent only with the citizen's explicit
consent, stored encrypted in the outbox like every payload, shown masked once
entered (:func:`mask_phone`) and never logged (no ``repr`` carries it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# Mainland mobile numbers, or a landline with its area code (010-, 0755- ...; digits only).
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{9,11}")
MAX_PHONE_DIGITS = 12


class ContactProblem(StrEnum):
    """What stops a contact from being used (message key ``feedback.problem.<value>``)."""

    NONE = "none"
    PHONE_INVALID = "phone_invalid"
    CONSENT_REQUIRED = "consent_required"


@dataclass(frozen=True, slots=True)
class ContactRequest:
    """ "Please contact me at this number", with the citizen's consent to use it for that."""

    phone: str = field(repr=False)
    consent: bool

    def problem(self) -> ContactProblem:
        """What still stops this contact from being sent."""
        if not valid_phone(self.phone):
            return ContactProblem.PHONE_INVALID
        if not self.consent:
            return ContactProblem.CONSENT_REQUIRED
        return ContactProblem.NONE

    def record(self, purpose: str, at: str) -> dict[str, object]:
        """The part of the outbox record the platform needs to call back."""
        return {"phone": self.phone, "consent": True, "purpose": purpose, "consented_at": at}


def valid_phone(phone: str) -> bool:
    """A mainland mobile number (11 digits) or a landline with its area code."""
    return bool(_MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone))


def mask_phone(phone: str) -> str:
    """138****8000: enough for the citizen to recognise it, not for a stranger to use it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"
