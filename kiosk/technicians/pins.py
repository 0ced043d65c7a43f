"""Technician PINs: stored only as Argon2id hashes (argon2-cffi), checked in constant time.

The parameters are OWASP's recommended Argon2id minimum (19 MiB, 2 passes, 1
lane): a few tens of milliseconds per check on the kiosk, nothing for a
technician, and the lockout (kiosk/technicians/lockout.py) does the rest at the
screen. A stolen file still costs 19 MiB and two passes per guess.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PIN_PATTERN = re.compile(r"^[0-9]{6,12}$")


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_pin(pin: str) -> str:
    """The Argon2id hash string (salt and parameters inside) of ``pin``."""
    if not PIN_PATTERN.match(pin):
        raise ValueError("a PIN is 6 to 12 digits")
    return _hasher().hash(pin)


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True when ``pin`` matches; a damaged hash counts as no match."""
    if not pin_hash.startswith("$argon2id$"):
        return False
    try:
        return _hasher().verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def known_pins() -> tuple[str, ...]:
    """PINs from examples, demos and defaults (kiosk/data/known_pins.json)."""
    raw = resources.files("kiosk").joinpath("data/known_pins.json").read_text(encoding="utf-8")
    return tuple(json.loads(raw)["pins"])


def is_known(pin: str) -> bool:
    """Whether ``pin`` is an example, default or obvious PIN."""
    return pin in known_pins() or len(set(pin)) == 1


def known_pin_in(pin_hash: str) -> str | None:
    """The known PIN this hash was made from, if any (slow: one check per known PIN)."""
    return next((p for p in known_pins() if verify_pin(pin_hash, p)), None)
