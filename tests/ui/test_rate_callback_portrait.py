"""The rating's call-back number on a portrait panel reads as one form.

Closing note 31 / try-out 13: 1080x1920, standard mode: the number's page kept ~800 px
empty between its heading and the number, the number, consent and keys at the foot of
the page over the toggle (which stays where it was tapped). Now the reasons' page and
the number's are as tall as the number's page needs, the room left under their
buttons: the number right under its heading, the toggle in one place on both pages,
and the problem's word by the number still moves nothing (test_rate_callback_room.py).
Taps on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_step import click
from tests.ui.test_rate_fair_page import _clipped, _screen, _to_rating, _where
from tests.ui.test_services_flow import _button

SIZE = (1080, 1920)


@pytest.mark.parametrize("offered", [False, True], ids=["typed", "offered"])
@pytest.mark.parametrize("lang", ["zh", "en"])
# 字号 4/4, the tightest: the other steps are staged by the clipping sweep (every scene
# at every step), and CI keeps under its 30 minutes.
@pytest.mark.parametrize("text_size", [4])
def test_the_number_stands_under_its_heading_and_the_toggle_stays(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, text_size, lang, offered
) -> None:
    if offered:  # the application's 联系电话 offered: 改用其他号码 by it
        s = window.core.sessions.current
        s.service_id = "gongan.id_card_renewal"
        s.form_values["phone"] = "13800138000"
        s.tracking_number = "A7H3-261123-0042X"
    _to_rating(window, qtbot, SIZE, False, lang, text_size)
    click(qtbot, window, "rate_very_dissatisfied")
    qtbot.waitUntil(lambda: _button(window, "reason_waited_long") is not None, timeout=10_000)
    click(qtbot, window, "reason_waited_long")
    qtbot.wait(50)
    toggle = _button(window, "btn_callback_want")
    tapped = _where(toggle, window)
    click(qtbot, window, "btn_callback_want")
    qtbot.wait(50)
    screen = _screen(window)
    assert _where(screen.callback.want, window) == tapped, "the toggle moved under the finger"
    if offered:
        click(qtbot, window, "btn_callback_other")
        qtbot.wait(50)
        assert _where(screen.callback.want, window) == tapped
    heading = screen.callback_heading
    chosen = screen.chosen
    above = max(_where(heading, window).bottom(), _where(chosen, window).bottom())
    number = _where(screen.callback.phone, window)
    # Right under its heading: at most a few lines of kept room between (the reasons
    # chosen at their longest), not a hole (was ~800 px).
    assert number.top() - above < SIZE[1] // 10, (above, number.top())
    assert number.top() > above
    keys = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.objectName().startswith("key_") and b.isVisible()
    ]
    assert len(keys) >= 11
    for b in keys:
        where = _where(b, window)
        assert window.rect().contains(where), b.objectName()
        assert where.bottom() < tapped.top(), "the keys over the toggle"
    assert window.size().toTuple() == SIZE
    assert not _clipped(window), _clipped(window)
