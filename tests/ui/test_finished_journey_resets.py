"""首页 at a journey's end ends the visit, as 完成 does (try-out 6, 18): after a receipt, a
queue ticket, a booking, a rating or feedback, the previous citizen's 字号, colours,
长辈模式 and English do not greet the next one. Mid-journey, 首页 keeps them (see
test_home_keeps_display.py). Every step is a tap on the real window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Journey, Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, manual_identity, put_on, rig  # noqa: F401
from tests.ui.test_bookings_truth import to_first_slot
from tests.ui.test_home_keeps_display import _choose_display
from tests.ui.test_queue_one_number import _queue_number


def _submitted(r: ApplyRig) -> None:
    put_on(r.window, Screen.REVIEW, latin=True)
    r.check_every_page()
    r.click("btn_submit")
    if r.shown("btn_choice_yes"):  # 长辈模式 asks "submit now?" first
        r.click("btn_choice_yes")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.SUBMITTED, timeout=10_000)


def _ticket(r: ApplyRig) -> None:
    _queue_number(r.window, r.qtbot)


def _booking(r: ApplyRig) -> None:
    to_first_slot(r.window, r.qtbot)
    r.core.sessions.current.set_identity(manual_identity(latin=True))  # as IDENTIFY does
    r.click("btn_confirm_booking")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.TICKET, timeout=10_000)


def _rating(r: ApplyRig) -> None:
    r.click("tile_rate")
    r.click("rate_satisfied")
    r.click("btn_submit_rating")
    r.qtbot.waitUntil(lambda: r.window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)


def _feedback(r: ApplyRig) -> None:
    r.click("tile_feedback")
    r.click("category_complaint")
    r.click("phrase_wait")
    if r.shown("btn_feedback_next"):  # 长辈模式: the offer of a reply on a page of its own
        r.click("btn_feedback_next")
    r.click("btn_submit_feedback")
    r.qtbot.waitUntil(
        lambda: r.window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000
    )


ENDS: dict[str, Callable[[ApplyRig], None]] = {
    "submitted": _submitted,
    "ticket": _ticket,
    "booking": _booking,
    "rating": _rating,
    "feedback": _feedback,
}


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("end", list(ENDS))
def test_home_after_a_finished_journey_resets_the_display(rig, citizen, end, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    _choose_display(r.window, r.qtbot, assisted, "dark")
    ENDS[end](r)
    s = r.core.sessions.current
    assert s.language == "en" and s.assisted == assisted
    assert r.window.display_prefs() == (3, "dark")  # the citizen's own, to the end
    r.click("btn_home")
    r.at(Screen.HOME)  # no "leave and clear what you gave?" question: nothing is unsent
    cur = r.core.sessions.current
    assert cur.language == "zh" and not cur.assisted
    assert r.window.display_prefs() == (0, "standard")
    assert r.window.findChild(QAbstractButton, "btn_text_size").text() == "字号 1/4"
    assert r.window.findChild(QAbstractButton, "btn_lang").text() == "English"


def test_home_mid_journey_still_keeps_the_display(rig, citizen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    _choose_display(r.window, r.qtbot, True, "dark")
    r.core.start(Journey.APPOINTMENT)
    r.core.sessions.current.set_identity(manual_identity(latin=True))
    r.core.next()
    r.window.show_screen()
    r.click("btn_home")
    r.click("overlay_primary")  # leave and clear what I gave
    r.at(Screen.HOME)
    cur = r.core.sessions.current
    assert cur.language == "en" and cur.assisted
    assert r.window.display_prefs() == (3, "dark")
