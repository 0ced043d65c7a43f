"""No dead ends: a counter-only service's guide offers what it promises (book a time or
take a number), and the tap leads through identification to a ticket."""

from __future__ import annotations

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, card_listener, rig  # noqa: F401
from tests.ui.helpers import visible_texts
from tests.ui.test_identity_truth import type_manual_identity

SERVICE = "gongan.id_card_renewal"  # 居民身份证换领: fingerprints and photo at the counter


def test_counter_only_service_books_from_its_guide(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.click("tile_guides")
    r.at(Screen.CATALOG)
    r.click(f"service_{SERVICE}")
    r.at(Screen.GUIDE)
    texts = " ".join(visible_texts(r.window))
    assert "需到窗口办理" in texts
    assert not r.shown("btn_start")  # nothing to apply for here...
    r.click("btn_guide_appointment")  # ...but the promised booking is one tap away
    r.at(Screen.IDENTIFY)
    assert r.core.nav.journey is Journey.APPOINTMENT
    assert r.core.sessions.current.service_id == SERVICE
    type_manual_identity(r)
    r.at(Screen.APPOINTMENT)
    r.click("dept_gongan.huzheng")
    r.click("mode_queue")
    r.at(Screen.TICKET)
    (rec,) = [x for x in r.backend.outbox.list() if x.kind.value == "appointment"]
    assert b'"service_id": "gongan.id_card_renewal"' in (rec.payload or b"")
