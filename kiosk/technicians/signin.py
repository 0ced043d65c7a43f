"""Signing a technician in and out of the maintenance panel.

A technician gives their number (typed, or read from their card) and PIN. The
answer never says which of the two was wrong, an unknown number costs the same
Argon2 check as a known one, and every wrong try counts towards the kiosk's
lockout. A signed-in session ends after two idle minutes, when the technician
signs out, or when their card leaves the reader.

Every method that checks a PIN blocks (Argon2, the lockout file): worker threads only.

Each try is also a log line (the panel's 日志: a failure under 问题, a sign-in under 全部;
try-out 19, T2: they were in the audit trail only, and a near-lockout said nothing on
the panel). The lines never name the technician (the log holds no numbers: the audit
trail says who) and never carry the PIN.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from drivers.techcard.protocol import TechCardReader
from drivers.techcard.types import CHALLENGE_BYTES, CardAnswer
from kiosk.technicians.lockout import FREE_TRIES, Lockout, delay_after
from kiosk.technicians.pins import hash_pin, verify_pin
from kiosk.technicians.store import RegisterError, Technician, TechnicianRegister

log = logging.getLogger(__name__)

IDLE_SIGN_OUT_S = 120.0
DEMO_TECHNICIAN_ID = "1000"
# Checked against when the number is unknown, so both cost the same time.
_DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$" + "A" * 22 + "$" + "A" * 43


class SignInOutcome(StrEnum):
    """What the PIN pad shows after a try."""

    OK = "ok"
    WRONG = "wrong"  # number or PIN (never which)
    LOCKED = "locked"  # too many wrong PINs: wait
    NO_REGISTER = "no_register"  # the register cannot be read
    CARD_REFUSED = "card_refused"  # the card's signature does not verify (a copy, or unknown)
    CARD_BLOCKED = "card_blocked"  # the card's own retry counter ran out


class EndReason(StrEnum):
    """Why a technician's session ended."""

    SIGNED_OUT = "signed_out"
    IDLE = "idle"
    CARD_REMOVED = "card_removed"


# How the log says it (kiosk/data/log_words.json matches these words).
_END_WORDS = {
    EndReason.SIGNED_OUT: "signed out on the panel",
    EndReason.IDLE: "two idle minutes",
    EndReason.CARD_REMOVED: "card removed",
}


@dataclass(frozen=True, slots=True)
class SignInResult:
    """The outcome, and for LOCKED or a WRONG that started a delay, the seconds to wait."""

    outcome: SignInOutcome
    wait_s: float = 0.0
    technician_id: str | None = None
    # After a WRONG: tries left before a wait starts, and the wait it will be; the card's
    # own tries before it blocks, when a card said. Shown as bank terminals do (try-out
    # 5): the policy is public (this file), the rate limit is the protection, and a
    # technician who knows the count does not lock the kiosk out by accident. Never says
    # whether the number or the PIN was wrong.
    tries_left: int | None = None
    next_wait_s: float = 0.0
    card_tries_left: int | None = None


@dataclass(slots=True)
class TechnicianSession:
    """Who is signed in, how, and when they last touched the panel."""

    technician_id: str
    with_card: bool
    started: dt.datetime
    last_activity: dt.datetime


class TechnicianGate:
    """The sign-in, the lockout and the one signed-in session."""

    def __init__(
        self,
        register: TechnicianRegister,
        lockout: Lockout,
        clock: Callable[[], dt.datetime],
        demo_pin: str | None = None,
        idle_s: float = IDLE_SIGN_OUT_S,
        on_event: Callable[[str, dict[str, object]], None] = lambda _kind, _data: None,
    ) -> None:
        self._register = register
        self._lockout = lockout
        self._clock = clock
        self._demo_pin = demo_pin
        self._demo: Technician | None = None
        self._idle_s = idle_s
        self._on_event = on_event  # the audit trail
        self._lock = threading.Lock()
        self.session: TechnicianSession | None = None

    def _technician(self, tech_id: str) -> Technician | None:
        if self._demo_pin is not None and tech_id == DEMO_TECHNICIAN_ID:
            if self._demo is None:
                self._demo = Technician(
                    DEMO_TECHNICIAN_ID, "demo only", hash_pin(self._demo_pin), demo_only=True
                )
            return self._demo
        return self._register.get(tech_id)

    def technician(self, tech_id: str) -> Technician | None:
        """The registered technician with that number (the card check needs their key)."""
        return self._technician(tech_id)

    def wait_s(self) -> float:
        """Seconds before the PIN pad accepts another try."""
        return self._lockout.wait_s()

    def _refused_while_locked(self, tech_id: str) -> SignInResult | None:
        wait = self._lockout.wait_s()
        if wait <= 0:
            return None
        self._on_event("signin.refused_locked", {"technician": tech_id, "wait_s": wait})
        log.warning("technician sign-in refused: the PIN pad waits %d s more", _whole_s(wait))
        return SignInResult(SignInOutcome.LOCKED, wait)

    def _wrong(self, tech_id: str, **detail: object) -> SignInResult:
        delay = self._lockout.failed()
        self._on_event(
            "signin.failed",
            {
                "technician": tech_id,
                **detail,
                "failures": self._lockout.failures,
                "wait_s": delay,
            },
        )
        card = detail.get("card_retries")
        failures = self._lockout.failures
        if detail.get("card") and isinstance(card, int):
            log.warning(
                "technician sign-in failed: wrong card PIN (%d in a row;"
                " the card blocks after %d more)",
                failures,
                card,
            )
        elif detail.get("card"):
            # No count from the card: it did not answer the check (pulled, a reader
            # error), not known to be a wrong PIN; the kiosk still counts the try.
            log.warning(
                "technician sign-in failed: the card did not answer the PIN check (%d in a row)",
                failures,
            )
        else:
            log.warning("technician sign-in failed: wrong number or PIN (%d in a row)", failures)
        if delay:
            log.warning(
                "technician PIN pad waits %d s after %d wrong PINs in a row",
                _whole_s(delay),
                failures,
            )
            return SignInResult(SignInOutcome.LOCKED, delay)
        return SignInResult(
            SignInOutcome.WRONG,
            tries_left=self._lockout.tries_left(),
            next_wait_s=delay_after(FREE_TRIES),
            card_tries_left=card if isinstance(card, int) else None,
        )

    def _start(self, tech_id: str, with_card: bool) -> SignInResult:
        self._lockout.succeeded()
        now = self._clock()
        self.session = TechnicianSession(tech_id, with_card, now, now)
        self._on_event("signin.ok", {"technician": tech_id, "card": with_card})
        log.info("technician signed in (%s)", "card" if with_card else "number and PIN")
        return SignInResult(SignInOutcome.OK, technician_id=tech_id)

    def sign_in(self, tech_id: str, pin: str) -> SignInResult:
        """Check the number and PIN (slow: Argon2); start the session when right."""
        with self._lock:
            locked = self._refused_while_locked(tech_id)
            if locked is not None:
                return locked
            try:
                tech = self._technician(tech_id)
            except RegisterError:
                self._on_event("signin.no_register", {"technician": tech_id})
                log.error("technician sign-in impossible: the technician register cannot be read")
                return SignInResult(SignInOutcome.NO_REGISTER)
            ok = verify_pin(tech.pin_hash if tech else _DUMMY_HASH, pin) and tech is not None
            if not ok:
                return self._wrong(tech_id)
            return self._start(tech_id, with_card=False)

    def sign_in_with_card(
        self, tech_id: str, pin: str, card: TechCardReader, demo_card_key: str | None = None
    ) -> SignInResult:
        """The card checks the PIN (its own counter) and signs a fresh challenge; the
        signature must verify with the key registered for ``tech_id``. Slow: a worker's."""
        with self._lock:
            locked = self._refused_while_locked(tech_id)
            if locked is not None:
                return locked
            try:
                tech = self._technician(tech_id)
            except RegisterError:
                log.error("technician sign-in impossible: the technician register cannot be read")
                return SignInResult(SignInOutcome.NO_REGISTER)
            key_pem = tech.card_public_key if tech is not None else None
            if tech is not None and tech.demo_only and demo_card_key is not None:
                key_pem = demo_card_key
            challenge = os.urandom(CHALLENGE_BYTES)
            answer = card.verify_and_sign(pin, challenge)
            if answer.answer == CardAnswer.BLOCKED:
                self._on_event("signin.card_blocked", {"technician": tech_id})
                log.warning("technician card blocked: too many wrong PINs, it refuses every PIN")
                return SignInResult(SignInOutcome.CARD_BLOCKED)
            if answer.answer != CardAnswer.SIGNED:
                return self._wrong(tech_id, card=True, card_retries=answer.retries_left)
            if key_pem is None or not _signature_ok(key_pem, answer.signature, challenge):
                self._on_event("signin.card_refused", {"technician": tech_id})
                log.warning("technician card refused: its signature does not match the register")
                return SignInResult(SignInOutcome.CARD_REFUSED)
            return self._start(tech_id, with_card=True)

    def touch(self) -> None:
        """The technician did something: the idle clock starts again."""
        if self.session is not None:
            self.session.last_activity = self._clock()

    def idle_expired(self) -> bool:
        """Whether the signed-in session has been idle too long (then it is ended)."""
        s = self.session
        if s is None:
            return False
        if (self._clock() - s.last_activity).total_seconds() >= self._idle_s:
            self.sign_out(EndReason.IDLE)
            return True
        return False

    def card_removed(self) -> bool:
        """The technician card left the reader: a card session ends. True if one did."""
        s = self.session
        if s is not None and s.with_card:
            self.sign_out(EndReason.CARD_REMOVED)
            return True
        return False

    def sign_out(self, reason: EndReason = EndReason.SIGNED_OUT) -> None:
        """End the session (no-op when nobody is signed in)."""
        with self._lock:
            s, self.session = self.session, None
        if s is None:
            return
        self._on_event("signout", {"technician": s.technician_id, "reason": reason.value})
        log.info("technician signed out (%s)", _END_WORDS[reason])


def _whole_s(seconds: float) -> int:
    """Seconds as the PIN pad says them: a part second counts as one."""
    return int(seconds + 0.999)


def _signature_ok(key_pem: str, signature: bytes, challenge: bytes) -> bool:
    """ECDSA P-256 / SHA-256 over the challenge, against the registered key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from kiosk.technicians.card_keys import load_card_key

    try:
        load_card_key(key_pem).verify(signature, challenge, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, RegisterError, ValueError):
        return False
    return True
