"""Issue #14 (try-out 5, item 2): a double tap is dropped when the first tap changes the
controls inside a screen, not only when the screen or a notice changes.

The appointment screen swaps its tiles in place (counter → 现场取号 / 预约时间) without
telling the guard; its second touch landed on 现场取号 and printed a queue ticket.
Every press on a control now counts as a possible change (ui/tap_guard.py), so no
screen has to remember to tell the guard. Taps go through the window, as a touch
panel's do, on the real clock.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_services_flow import _to_appointment, start, text_of
from tests.ui.test_tap_guard import _control_at, _touch
from ui.tap_guard import SettleClock


@pytest.fixture
def tap_clock() -> SettleClock:
    """The settle time runs out on the real clock, as for a citizen."""
    return SettleClock()


def _visible(window, name: str) -> QAbstractButton | None:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]
    return found[0] if found else None


@pytest.mark.parametrize("assisted", [False, True])
def test_double_tap_on_a_counter_does_not_take_a_number(window, qtbot, citizen, assisted) -> None:  # type: ignore[no-untyped-def]
    if assisted:
        window.core.sessions.set_assisted(True)
    _to_appointment(window)
    qtbot.waitUntil(lambda: _visible(window, "dept_gongan.huzheng") is not None, timeout=3000)
    first = _visible(window, "dept_gongan.huzheng")
    assert first is not None
    wait_until_tappable(first)
    at = first.mapTo(window, first.rect().center())
    _touch(window, at)  # the first touch: the counter is chosen
    under = _control_at(window, at)
    assert under is not None and under.objectName() in ("mode_queue", "mode_book")
    name = under.objectName()
    _touch(window, at)  # the second touch, at once, at the same point
    # Still choosing: the second touch did not take a number or open the days.
    assert window.core.screen() == Screen.APPOINTMENT
    assert _visible(window, "mode_queue") is not None and _visible(window, "mode_book") is not None
    assert citizen.records() == []
    assert window.tap_guard.dropped == 1
    # Once the choice has settled, a touch there is the citizen's own.
    wait_until_tappable(under)
    _touch(window, at)
    if name == "mode_queue":
        qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    else:
        qtbot.waitUntil(lambda: _visible(window, "mode_book") is None, timeout=3000)


def test_keys_tapped_quickly_each_count(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    """Presses count as changes, but a keypad's keys stay in place: typing fast (each
    touch within the settle time of the one before) loses no key, the same key twice
    included."""
    start(window, qtbot, "track")
    assert window.core.screen() == Screen.TRACK
    keys = [_visible(window, f"key_{ch}") for ch in "1223"]
    assert all(k is not None for k in keys)
    wait_until_tappable(keys[0])  # type: ignore[arg-type]
    for key in keys:
        assert key is not None
        _touch(window, key.mapTo(window, key.rect().center()))
    assert "1223" in text_of(window, "track_number_text").replace(" ", "").replace("-", "")
    assert window.tap_guard.dropped == 0
