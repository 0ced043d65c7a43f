"""Every journey that read a document ends by asking for it to be taken back, shown and
spoken, as the application receipt does (try-out 6, 17: a queue ticket taken with a
passport said nothing of it). A typed number or an e-ID leaves nothing to take: no
reminder then. The demo kiosk (its simulated readers), taps on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401  (fixture)
from tests.ui.test_console_queue_call import _start, _take_ticket, _tap
from tests.ui.test_queue_one_number import _queue_number
from tests.ui.test_resident_id import read_passport_by_camera

READ_MS = 10_000  # a bound that only keeps a broken test from hanging

PASSPORT_ZH, PASSPORT_EN = "请取走您的证件", "Please take your ID document"
CARD_ZH = "请取走您的身份证"


def _shown_text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, name) if w.isVisible()]
    return str(shown[0]) if shown else ""


def _spoken(kiosk_app) -> list[str]:  # type: ignore[no-untyped-def]
    return list(kiosk_app.backend.voice.player.texts)


@pytest.mark.parametrize(
    ("size", "assisted", "larger"),
    [((1920, 1080), False, 0), ((1080, 1920), True, 0), ((1280, 800), True, 3)],
    ids=["1920-normal", "1080-assisted", "1280-assisted-4of4"],
)
def test_a_queue_ticket_taken_with_a_passport_says_take_it(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, size, assisted, larger
) -> None:
    _start(kiosk_app)
    window.resize(*size)
    if assisted:
        _tap(window, qtbot, "btn_assisted")
    for _ in range(larger):  # 字号 up to 4/4: the reminder is still on the first page
        _tap(window, qtbot, "btn_text_size")
    _take_ticket(window, kiosk_app, qtbot)  # the passport on the reader, 现场取号
    qtbot.waitUntil(lambda: _shown_text(window, "ticket_take_card") == PASSPORT_ZH, timeout=5000)
    qtbot.waitUntil(lambda: any(PASSPORT_ZH in t for t in _spoken(kiosk_app)), timeout=5000)
    _tap(window, qtbot, "btn_lang")
    qtbot.waitUntil(lambda: _shown_text(window, "ticket_take_card") == PASSPORT_EN, timeout=5000)


def test_a_booking_made_with_the_id_card_says_take_it(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    _tap(window, qtbot, "tile_appointment")
    demo = DemoControls(kiosk_app.backend)
    demo.lay_id_card("resident")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    for name in ("dept_minzheng.hunyin", "mode_book", "day_20261124", "slot_1000"):
        _tap(window, qtbot, name)
    _tap(window, qtbot, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=READ_MS)
    qtbot.waitUntil(lambda: _shown_text(window, "ticket_take_card") == CARD_ZH, timeout=5000)
    qtbot.waitUntil(lambda: any(CARD_ZH in t for t in _spoken(kiosk_app)), timeout=5000)
    demo.lift_id_card()


def test_a_ticket_for_a_typed_number_has_no_reminder(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _queue_number(window, qtbot)  # identity typed in (manual): nothing lies on a reader
    assert window.core.screen() == Screen.TICKET
    assert _shown_text(window, "ticket_number") == "1-A001"
    assert _shown_text(window, "ticket_take_card") == ""


def test_an_application_with_a_passport_says_take_it(rig: ApplyRig, kiosk_app) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    read_passport_by_camera(r)  # read by its chip, keys from the camera's MRZ
    identity = r.core.sessions.current.identity
    put_on(r.window, Screen.REVIEW)  # the form's answers, as a citizen gave them
    r.core.sessions.current.set_identity(identity)  # the passport's, not a typed one
    r.window.show_screen()
    r.check_every_page()
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    assert r.shown("take_card") and r.label("take_card") == PASSPORT_ZH
    r.qtbot.waitUntil(lambda: PASSPORT_ZH in r.backend.voice.player.texts, timeout=5000)
