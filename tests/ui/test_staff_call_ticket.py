"""Try-out 19, K2: a staff call made from the queue ticket page reached the hall's console
as 取号或预约结果 alone, not the number (2-E001) staff could call out in the hall. The call
now carries the number the citizen holds, as the screen shows it, and still nothing of
the citizen's. Through the real window; the record as the outbox holds it for the sync
agent (tests/integration/console/test_hall_call_ticket.py: the console's row)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel

from kiosk.demo import DemoControls, sample_citizen
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_staff_call_reason import CALL_KEYS, _calls


def test_a_call_from_the_ticket_page_carries_the_number_held(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    who = sample_citizen("adult")
    r.click("tile_appointment")
    DemoControls(r.backend).insert_document("adult")  # the demo's F2
    r.type_passport(who)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.APPOINTMENT, timeout=5000)
    r.click("dept_gongan.huzheng")
    r.click("mode_queue")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.TICKET, timeout=5000)
    number = next(w.text() for w in r.window.findChildren(QLabel, "ticket_number") if w.isVisible())
    assert number
    r.click("btn_call_staff")
    r.qtbot.waitUntil(lambda: bool(_calls(r)), timeout=5000)
    (call,) = _calls(r)
    assert call["screen"] == "ticket" and call.get("ticket") == number, call
    assert set(call) <= CALL_KEYS, set(call) - CALL_KEYS
    sent = json.dumps(call, ensure_ascii=False)
    for secret in (who.passport_number, who.surname_latin, who.given_latin):
        assert secret not in sent
