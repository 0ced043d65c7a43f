"""Try-out 8, C1: the receipt screen kept saying 请取走您的证件 (and the heading
请取走您的证件和回执) after the document had been lifted. When the chip reader sees it
go, the reminder ends and the screen says, truthfully, that it was taken. By the real
window and the simulated chip reader."""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401  (fixture)
from tests.ui.test_resident_id import read_passport_by_camera

PASSPORT_ZH = "请取走您的证件"


def test_the_reminder_ends_when_the_document_is_taken(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    read_passport_by_camera(r)  # read by its chip, keys from the camera's MRZ
    identity = r.core.sessions.current.identity
    put_on(r.window, Screen.REVIEW)
    r.core.sessions.current.set_identity(identity)  # the passport's, not a typed one
    r.window.show_screen()
    r.check_every_page()
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    assert r.shown("take_card") and r.label("take_card") == PASSPORT_ZH
    r.card.remove_card()  # the citizen lifts the passport
    r.qtbot.waitUntil(lambda: r.label("take_card") == "证件已取走", timeout=5000)
    r.settle()
    texts = [r.label(n) for n in ("take_card", "take_items") if r.shown(n)]
    assert not any("取走您的证件" in t for t in texts), texts
