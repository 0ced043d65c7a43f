"""Session lifetime, idle handling and navigation: the rules a citizen feels."""

from __future__ import annotations

import datetime as dt

from kiosk.events import Device
from kiosk.flow import Journey, Navigator, Screen, choose_screen
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.session import EndReason, IdlePhase, SessionManager


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def manager(clock: FakeClock) -> SessionManager:
    return SessionManager(clock, "zh", idle_warning_s=60, countdown_s=30, assisted_factor=3)


def identity() -> Identity:
    return Identity(
        DocumentType.RESIDENT_ID,
        "110105194912310021",
        "张",
        "三",
        None,
        Sex.MALE,
        "CHN",
        None,
        IdentitySource.MANUAL,
    )


def test_idle_warning_after_60s_then_countdown_then_expired() -> None:
    clock = FakeClock()
    m = manager(clock)
    clock.advance(59)
    assert m.idle_status().phase == IdlePhase.ACTIVE
    clock.advance(2)
    st = m.idle_status()
    assert st.phase == IdlePhase.WARNING and st.remaining_s == 29
    clock.advance(29)
    assert m.idle_status().phase == IdlePhase.EXPIRED


def test_touch_restarts_the_timer() -> None:
    clock = FakeClock()
    m = manager(clock)
    clock.advance(70)
    m.touch()
    assert m.idle_status().phase == IdlePhase.ACTIVE


def test_assisted_mode_waits_three_times_longer() -> None:
    clock = FakeClock()
    m = manager(clock)
    m.set_assisted(True)
    clock.advance(179)
    assert m.idle_status().phase == IdlePhase.ACTIVE
    clock.advance(2)
    assert m.idle_status().phase == IdlePhase.WARNING


def test_assisted_countdown_is_three_times_longer_too() -> None:
    clock = FakeClock()
    m = manager(clock)
    m.set_assisted(True)
    clock.advance(180)
    assert m.idle_status().remaining_s == 90
    clock.advance(89)
    assert m.idle_status().phase == IdlePhase.WARNING
    clock.advance(1)
    assert m.idle_status().phase == IdlePhase.EXPIRED


def test_idle_since_dates_the_last_input_back() -> None:
    clock = FakeClock()
    m = manager(clock)
    m.idle_since(61)
    assert m.idle_status().phase == IdlePhase.WARNING


def test_end_wipes_identity_and_resets_mode_and_language() -> None:
    clock = FakeClock()
    m = manager(clock)
    reasons: list[EndReason] = []
    m.on_end(reasons.append)
    old = m.current
    old.set_identity(identity())
    old.form_values["phone"] = "13800000000"
    m.set_assisted(True)
    m.set_language("en")
    m.end(EndReason.IDLE_TIMEOUT)
    assert reasons == [EndReason.IDLE_TIMEOUT]
    new = m.current
    assert new is not old and new.identity is None and not new.assisted and new.language == "zh"
    # The old object no longer holds personal data either (references may linger elsewhere).
    assert old.identity is None and not old.form_values and not old.sensitive


def test_apply_journey_order_and_back() -> None:
    nav = Navigator()
    assert nav.start(Journey.APPLY) == Screen.CATALOG
    assert nav.next() == Screen.GUIDE
    assert nav.next() == Screen.IDENTIFY
    assert nav.go(Screen.MANUAL_ID) == Screen.MANUAL_ID
    assert nav.next() == Screen.FORM  # a branch returns to the main line
    assert nav.back() == Screen.MANUAL_ID
    assert nav.back() == Screen.IDENTIFY
    nav.skip.add(Screen.DOCUMENTS)
    nav.next()
    assert nav.next() == Screen.REVIEW


def test_the_receipt_closes_the_pages_before_it() -> None:
    """Once submitted, 返回 never leads back into the form sent (try-out 7, C-e)."""
    nav = Navigator()
    nav.start(Journey.APPLY)
    while nav.screen != Screen.REVIEW:
        nav.next()
    assert nav.next() == Screen.SUBMITTED
    assert not nav.can_go_back()
    assert nav.back() == Screen.SUBMITTED  # a stray tap already on its way: nothing
    assert nav.next() == Screen.RATE
    assert nav.can_go_back() and nav.behind == Screen.SUBMITTED
    assert nav.back() == Screen.SUBMITTED  # from the rating: the receipt, not the review
    assert nav.go(Screen.CALL_STAFF) == Screen.CALL_STAFF
    assert nav.back() == Screen.SUBMITTED


def test_journey_end_goes_home() -> None:
    nav = Navigator()
    nav.start(Journey.RATE)
    assert nav.next() == Screen.HOME
    assert nav.journey is None


def test_back_never_passes_home() -> None:
    nav = Navigator()
    assert nav.back() == Screen.HOME


def test_screen_priority_maintenance_then_fault_then_flow(monkeypatch: object) -> None:
    from kiosk import flow

    flow.NEEDS[Screen.TICKET] = frozenset({Device.PRINTER})
    try:
        assert choose_screen(Screen.TICKET, True, frozenset({Device.PRINTER})) == Screen.MAINTENANCE
        assert (
            choose_screen(Screen.TICKET, False, frozenset({Device.PRINTER}))
            == Screen.OUT_OF_SERVICE
        )
        assert choose_screen(Screen.TICKET, False, frozenset()) == Screen.TICKET
        assert choose_screen(Screen.HOME, False, frozenset({Device.PRINTER})) == Screen.HOME
    finally:
        del flow.NEEDS[Screen.TICKET]
