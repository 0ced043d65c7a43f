"""Try-out 12, N3: 长辈模式 at 字号 4/4, the receipt on screen, the 居民身份证 still on the
SAM reader and a staff call pending: 首页 ended the visit with no word. The passport
left on the chip reader is reminded of at a visit's end; the resident card now is too,
in the leaving citizen's type, and the notice says what becomes of the staff call
whose chip goes with the session.

The demo's simulated SAM reader on a pseudo-terminal, read by the real serial driver;
every step through the real window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from drivers.idcard.simulator import PtySamReader
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401  (fixture)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_idcard_taken_receipt import READ_MS, _submit_with_the_card
from tests.ui.test_resident_id import sam  # noqa: F401  (fixture)
from ui.theme import TEXT_STEPS

TAKE = "请取走您的证件"
# Whichever state the call reached: delivered (staff come), or stored to be delivered.
CALL_WORDS = ("您呼叫的工作人员仍会前来", "您的呼叫已保存在本机")


def test_home_from_the_receipt_reminds_of_the_resident_card_and_the_call(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
) -> None:
    r = rig
    _submit_with_the_card(r, sam, assisted=True)
    for _ in range(len(TEXT_STEPS) - 1):
        wait_until_tappable(r.button("btn_text_size"))
        r.click("btn_text_size")
    r.settle()
    r.at(Screen.SUBMITTED)
    leaving = r.window.tokens()
    overlay = r.window.overlay
    r.click("btn_call_staff")
    r.qtbot.waitUntil(lambda: overlay.isVisible(), timeout=READ_MS)
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)  # 好的: the chip stays
    assert not overlay.isVisible()
    assert sam.card_present
    r.click("btn_home")  # the journey is done: the visit ends
    r.at(Screen.HOME)
    assert r.core.sessions.current.identity is None  # wiped as always
    r.settle()
    assert overlay.isVisible(), "首页 ended the visit with no word of the card on the reader"
    assert overlay.title.text().startswith(TAKE), overlay.title.text()
    body = overlay.body.text()
    assert "还在读卡区" in body, body
    assert any(w in body for w in CALL_WORDS), body  # the chip is gone: the call is not
    # In the elderly citizen's type (try-out 9, E10), not the reset screen's 1/4.
    assert overlay.primary.fontInfo().pixelSize() >= leaving.px(leaving.button_px)
    sam.lift()  # the citizen takes the card
    r.qtbot.waitUntil(lambda: overlay.title.text() == "证件已取走", timeout=READ_MS)
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_home_from_the_receipt_says_the_call_stands_with_no_card_left(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
) -> None:
    """The card taken, a staff call pending: 首页 ends the visit and its chip; the
    citizen still at the kiosk is told that staff come all the same."""
    r = rig
    _submit_with_the_card(r, sam, assisted=False)
    sam.lift()
    r.qtbot.waitUntil(lambda: r.label("take_card") == "证件已取走", timeout=READ_MS)
    overlay = r.window.overlay
    r.click("btn_call_staff")
    r.qtbot.waitUntil(lambda: overlay.isVisible(), timeout=READ_MS)
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)
    r.click("btn_home")
    r.at(Screen.HOME)
    r.settle()
    assert overlay.isVisible(), "the staff-call chip went with no word"
    assert not overlay.title.text().startswith(TAKE)  # the card was taken: not asked for
    assert any(w in overlay.body.text() for w in CALL_WORDS), overlay.body.text()
