"""Booking rules through the real window (tryout findings 8 and 9).

- A second booking by the same person at the same counter on the same day is refused
  calmly, with the booking they already hold shown, and nothing new is stored.
- Only times that can still be booked when they are listed are offered (the same
  lead-time rule as the confirm check, plus time to choose), and the list follows the
  clock: a time that passes while the citizen decides goes from the list, and a chosen
  one that passes returns to the list with a reason instead of failing at the tap.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Journey, Screen
from kiosk.tracking import shown_tracking_number
from offline_cache.outbox_protocol import RecordKind
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_bookings_truth import _shown
from tests.ui.test_services_flow import click


def _visible(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(w.isVisible() for w in window.findChildren(QAbstractButton, name))


def _to_slots(window, qtbot, day: str) -> None:  # type: ignore[no-untyped-def]
    window.core.start(Journey.APPOINTMENT)
    window.core.sessions.current.set_identity(manual_identity())  # identified on IDENTIFY
    window.core.next()
    window.show_screen()
    qtbot.waitUntil(lambda: _visible(window, "dept_minzheng.hunyin"), timeout=2000)
    click(qtbot, window, "dept_minzheng.hunyin")
    click(qtbot, window, "mode_book")
    click(qtbot, window, f"day_{day}")


def _bookings(citizen):  # type: ignore[no-untyped-def]
    return [r for r in citizen.outbox.list() if r.kind is RecordKind.APPOINTMENT]


def test_a_second_booking_that_day_is_refused_showing_the_first(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False  # the kiosk's own pending bookings are checked offline
    _to_slots(window, qtbot, "20261124")
    click(qtbot, window, "slot_1000")
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    [first] = _bookings(citizen)

    # The same citizen comes back and tries another time on the same day.
    _to_slots(window, qtbot, "20261124")
    click(qtbot, window, "slot_1100")
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: _shown(window, "appt_existing") != "", timeout=3000)
    assert window.core.screen() == Screen.APPOINTMENT
    assert "已有预约" in _shown(window, "appt_message")
    mine = _shown(window, "appt_existing")
    assert "10:00-10:30" in mine and shown_tracking_number(first.tracking_number) in mine
    assert len(_bookings(citizen)) == 1  # nothing new stored
    click(qtbot, window, "btn_lang")
    assert "already have a booking" in _shown(window, "appt_message")
    assert "Your booking" in _shown(window, "appt_existing")

    # Another day is fine.
    click(qtbot, window, "day_20261125")
    click(qtbot, window, "slot_1000")
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert len(_bookings(citizen)) == 2


@pytest.fixture
def fast_recheck(monkeypatch):  # type: ignore[no-untyped-def]
    import ui.screens.appointment as appointment

    monkeypatch.setattr(appointment, "RECHECK_MS", 20)


def test_listed_times_follow_the_clock(window, qtbot, citizen, clock, fast_recheck) -> None:  # type: ignore[no-untyped-def]
    # 10:00 now: 10:30 can still be booked after a few minutes of choosing, 10:00 cannot.
    _to_slots(window, qtbot, "20261123")
    assert _visible(window, "slot_1030") and not _visible(window, "slot_1000")
    clock.advance(6 * 60)  # 10:06: still bookable by the time of the confirm tap
    qtbot.wait(100)
    assert _visible(window, "slot_1030")
    clock.advance(5 * 60)  # 10:11: it would no longer be, so it is no longer offered
    qtbot.waitUntil(
        lambda: not _visible(window, "slot_1030") and _visible(window, "slot_1100"), timeout=2000
    )


def test_a_chosen_time_that_passes_goes_back_to_the_list(
    window, qtbot, citizen, clock, fast_recheck
) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False
    _to_slots(window, qtbot, "20261123")
    click(qtbot, window, "slot_1030")
    assert _visible(window, "btn_confirm_booking")
    clock.advance(16 * 60)  # the citizen waited at the confirm step
    qtbot.waitUntil(lambda: "来不及" in _shown(window, "appt_message"), timeout=2000)
    qtbot.waitUntil(lambda: _visible(window, "slot_1100"), timeout=2000)
    assert not _visible(window, "btn_confirm_booking") and not _visible(window, "slot_1030")
    assert _bookings(citizen) == []
