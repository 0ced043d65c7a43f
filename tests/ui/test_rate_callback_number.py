"""The rating's call-back number (try-out 8, C11), through the real window: the number
given on the application is offered, and it is plain that it can be kept as it stands
or another typed (a button says so, and sets it aside); the field sits level with the
keypad that types into it, just over the toggle that opened them (at 1920x1080 the
field was top-left and the keypad bottom-right); the thanks say when the call comes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget

from central.console.cases import FOLLOW_UP_WORKING_DAYS
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_services_flow import _button, click, start, text_of

TN = "A7H3-261123-0042X"


def _rect(window, name: str) -> QRect:  # type: ignore[no-untyped-def]
    [w] = [w for w in window.findChildren(QWidget, name) if w.isVisible()]
    return QRect(w.mapTo(window, w.rect().topLeft()), w.size())


def _poor_rating_with_the_form_phone(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    s = window.core.sessions.current
    s.service_id = "gongan.id_card_renewal"
    s.form_values["phone"] = "13800138000"  # 联系电话 on the application rated
    s.tracking_number = TN
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_very_dissatisfied")
    while _button(window, "reason_other") is None:  # the reasons are pages at large text
        click(qtbot, window, "reasons_next")
    click(qtbot, window, "reason_other")
    if _button(window, "btn_rate_next") is not None:  # 长辈模式: the offers' own page
        click(qtbot, window, "btn_rate_next")
    click(qtbot, window, "btn_callback_want")


def test_the_offered_number_is_kept_or_set_aside_plainly(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _poor_rating_with_the_form_phone(window, qtbot)
    shown = text_of(window, "callback_phone")
    assert "138****8000" in shown and "可直接使用" in shown
    other = _button(window, "btn_callback_other")
    assert other is not None and other.text() == "改用其他号码"
    consent = _rect(window, "btn_callback_consent")
    click(qtbot, window, "btn_callback_other")
    assert _button(window, "btn_callback_other") is None
    assert _rect(window, "btn_callback_consent") == consent  # nothing moved under a finger
    # The field is level with the keys that type into it, not a screen apart.
    field, keys = _rect(window, "callback_phone"), _rect(window, "callback_keypad")
    assert keys.top() <= field.center().y() <= keys.bottom(), (field, keys)
    assert "138****8000" not in text_of(window, "callback_phone")  # empty, for the keys
    for ch in "13900001111":
        click(qtbot, window, f"key_{ch}")
    assert text_of(window, "callback_phone").endswith("13900001111")
    click(qtbot, window, "btn_callback_consent")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13900001111"
    thanks = text_of(window, "rate_thanks")
    assert "139****1111" in thanks and f"{FOLLOW_UP_WORKING_DAYS} 个工作日内回访" in thanks


def test_kept_as_offered_and_the_thanks_say_when_in_english(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window, "btn_lang")
    _poor_rating_with_the_form_phone(window, qtbot)
    assert _button(window, "btn_callback_other").text() == "Use another number"
    click(qtbot, window, "btn_callback_consent")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13800138000"
    thanks = text_of(window, "rate_thanks")
    assert "138****8000" in thanks and f"within {FOLLOW_UP_WORKING_DAYS} working days" in thanks


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_the_offer_fits_at_the_largest_text(window, qtbot, citizen, size, assisted) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    if assisted:
        window.core.sessions.set_assisted(True)
    _at_step(window, qtbot, LARGEST)
    window.resize(*size)
    _poor_rating_with_the_form_phone(window, qtbot)
    _fits(window, size)
    click(qtbot, window, "btn_callback_other")
    _fits(window, size)
    if not assisted:
        click(qtbot, window, "btn_callback_consent")
    for ch in "13900001111":
        click(qtbot, window, f"key_{ch}")
    if assisted:  # the consent, a question of its own (try-out 9, E8)
        click(qtbot, window, "btn_rate_next")
        _fits(window, size)
        click(qtbot, window, "btn_choice_yes")
    else:
        click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    _fits(window, size)
