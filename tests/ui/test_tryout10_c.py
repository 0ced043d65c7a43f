"""Try-out 10's citizen findings C2, C3, C4, C7 and E4, through the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_number import _poor_rating_with_the_form_phone, _rect
from tests.ui.test_services_flow import _button, click, text_of

# --- C2: the call-back page ---------------------------------------------------------------


def test_an_offered_number_has_no_keys_beside_it_until_another_is_asked_for(  # type: ignore[no-untyped-def]
    window, qtbot, citizen
) -> None:
    """At 1920x1080 a full keypad sat beside "138****8000（…可直接使用）", inviting typing
    when nothing needed typing: the number stands, 改用其他号码 opens the keys."""
    _poor_rating_with_the_form_phone(window, qtbot)
    assert "138****8000" in text_of(window, "callback_phone")
    assert _button(window, "key_1") is None  # no keys under a number that stands
    number, consent = _rect(window, "callback_phone"), _rect(window, "btn_callback_consent")
    click(qtbot, window, "btn_callback_other")
    assert _button(window, "key_1") is not None  # the keys, for another number
    # Their room was kept: the number and consent stay where they were.
    assert _rect(window, "callback_phone") == number
    assert _rect(window, "btn_callback_consent") == consent


def test_the_consent_hint_goes_when_the_consent_is_ticked(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    """The red "请点选同意…" stayed on screen after 我同意… until 提交评价."""
    _poor_rating_with_the_form_phone(window, qtbot)
    click(qtbot, window, "btn_submit_rating")  # consent not given: told so
    message = window.findChild(QLabel, "rate_message")
    assert message.isVisible() and "请点选同意" in message.text()
    click(qtbot, window, "btn_callback_consent")
    assert not message.isVisible() or "请点选同意" not in message.text()
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13800138000"
