"""Technician sign-in: Argon2id hashes only, lockout that grows and survives a restart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.technicians.lockout import BASE_DELAY_S, FREE_TRIES, Lockout, delay_after
from kiosk.technicians.pins import hash_pin, is_known, verify_pin
from kiosk.technicians.signin import EndReason, SignInOutcome, TechnicianGate
from kiosk.technicians.store import RegisterError, TechnicianRegister

PIN = "493817"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def register(tmp_path: Path) -> TechnicianRegister:
    r = TechnicianRegister(tmp_path / "etc" / "technicians.json")
    r.add("1001", "Wang Wei", PIN)
    return r


def gate(
    register: TechnicianRegister, tmp_path: Path, clock: Clock, events: list[Any]
) -> TechnicianGate:
    lockout = Lockout(tmp_path / "data" / "technician-lockout.json", clock)
    return TechnicianGate(register, lockout, clock, on_event=lambda k, d: events.append((k, d)))


def test_register_holds_only_argon2id_hashes(register: TechnicianRegister) -> None:
    raw = register.path.read_text(encoding="utf-8")
    assert PIN not in raw
    (tech,) = register.load()
    assert tech.pin_hash.startswith("$argon2id$")
    assert verify_pin(tech.pin_hash, PIN) and not verify_pin(tech.pin_hash, "493818")
    assert register.path.stat().st_mode & 0o777 == 0o600


def test_register_refuses_known_pins_bad_numbers_and_doubles(register: TechnicianRegister) -> None:
    for bad in ("246810", "123456", "777777"):
        assert is_known(bad)
        with pytest.raises(RegisterError, match="known"):
            register.add("1002", "Li", bad)
    with pytest.raises(RegisterError, match="digits"):
        register.add("ab", "Li", "583920")
    with pytest.raises(RegisterError, match="already"):
        register.add("1001", "Li", "583920")
    register.remove("1001")
    assert register.load() == []
    with pytest.raises(RegisterError):
        register.remove("1001")


def test_right_pin_signs_in_and_the_trail_never_sees_it(
    register: TechnicianRegister, tmp_path: Path
) -> None:
    events: list[Any] = []
    g = gate(register, tmp_path, Clock(), events)
    assert g.sign_in("1001", "000001").outcome == SignInOutcome.WRONG
    assert g.sign_in("9999", PIN).outcome == SignInOutcome.WRONG  # unknown number: same answer
    result = g.sign_in("1001", PIN)
    assert result.outcome == SignInOutcome.OK and g.session is not None
    assert [k for k, _ in events] == ["signin.failed", "signin.failed", "signin.ok"]
    assert PIN not in json.dumps([d for _, d in events]) and "000001" not in json.dumps(events)


def test_delay_grows_after_five_wrong_pins_and_survives_a_restart(
    register: TechnicianRegister, tmp_path: Path
) -> None:
    clock = Clock()
    g = gate(register, tmp_path, clock, [])
    for _ in range(FREE_TRIES - 1):
        assert g.sign_in("1001", "000001").outcome == SignInOutcome.WRONG
    fifth = g.sign_in("1001", "000001")
    assert fifth.outcome == SignInOutcome.LOCKED and fifth.wait_s == BASE_DELAY_S
    # While locked even the right PIN is not checked.
    assert g.sign_in("1001", PIN).outcome == SignInOutcome.LOCKED

    # Power cycle: a new gate over the same files still waits.
    clock.advance(10)
    g = gate(register, tmp_path, clock, [])
    assert g.wait_s() == BASE_DELAY_S - 10
    assert g.sign_in("1001", PIN).outcome == SignInOutcome.LOCKED
    clock.advance(BASE_DELAY_S)
    sixth = g.sign_in("1001", "000001")
    assert sixth.outcome == SignInOutcome.LOCKED and sixth.wait_s == 2 * BASE_DELAY_S
    clock.advance(2 * BASE_DELAY_S)
    seventh = g.sign_in("1001", "000001")
    assert seventh.wait_s == 4 * BASE_DELAY_S
    assert [delay_after(n) for n in range(4, 9)] == [0, 30, 60, 120, 240]

    # The right PIN after the wait clears the count.
    clock.advance(4 * BASE_DELAY_S)
    g = gate(register, tmp_path, clock, [])
    assert g.sign_in("1001", PIN).outcome == SignInOutcome.OK
    assert g.sign_in("1001", "000001").outcome == SignInOutcome.WRONG


def test_a_damaged_lockout_file_does_not_reset_the_count(
    register: TechnicianRegister, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "technician-lockout.json"
    path.parent.mkdir(parents=True)
    path.write_text("{garbage", encoding="utf-8")
    g = gate(register, tmp_path, Clock(), [])
    assert g.sign_in("1001", PIN).outcome == SignInOutcome.LOCKED


def test_session_ends_after_two_idle_minutes(register: TechnicianRegister, tmp_path: Path) -> None:
    clock = Clock()
    events: list[Any] = []
    g = gate(register, tmp_path, clock, events)
    g.sign_in("1001", PIN)
    clock.advance(100)
    g.touch()
    clock.advance(100)
    assert not g.idle_expired() and g.session is not None
    clock.advance(20)
    assert g.idle_expired() and g.session is None
    assert events[-1] == ("signout", {"technician": "1001", "reason": EndReason.IDLE.value})


def test_pin_hash_is_salted(register: TechnicianRegister) -> None:
    assert hash_pin(PIN) != hash_pin(PIN)


def test_card_sign_in_checks_the_signature_and_the_card_blocks_itself(tmp_path: Path) -> None:
    from drivers.techcard.simulator import SimulatedTechCardReader

    card = SimulatedTechCardReader("1001", PIN)
    register = TechnicianRegister(tmp_path / "etc" / "technicians.json")
    register.add("1001", "Wang Wei", PIN, card.public_key_pem())
    register.add("1002", "Li Na", "583920", SimulatedTechCardReader().public_key_pem())
    events: list[Any] = []
    g = gate(register, tmp_path, Clock(), events)
    card.insert()
    assert g.sign_in_with_card("1001", PIN, card).outcome == SignInOutcome.OK
    assert g.session is not None and g.session.with_card
    assert g.card_removed() and g.session is None
    # The same card claimed for another technician: its signature does not verify.
    assert g.sign_in_with_card("1002", PIN, card).outcome == SignInOutcome.CARD_REFUSED
    # Three wrong PINs and the card blocks itself; then even the right one is refused.
    outcomes = [g.sign_in_with_card("1001", "000001", card).outcome for _ in range(3)]
    assert outcomes == [SignInOutcome.WRONG, SignInOutcome.WRONG, SignInOutcome.CARD_BLOCKED]
    assert g.sign_in_with_card("1001", PIN, card).outcome == SignInOutcome.CARD_BLOCKED
    assert "signin.card_blocked" in [k for k, _ in events]
