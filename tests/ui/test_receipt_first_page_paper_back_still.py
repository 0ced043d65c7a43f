"""Try-out 20, C5: the receipt page saved offline with the printer out of paper, then the
paper comes back (the demo's F10): 重新打印回执 was inserted under the printer's message,
and every line under it moved down by its height (about 60 px) under the citizen's eyes
and finger. Its room is kept from the moment the receipt did not print: nothing moves
when it comes, nor when it goes once the receipt has printed; the page still says
请取走您的身份证 first. Through the real window (确认提交, 重新打印回执 tapped)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.identity import IdentitySource
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig, to_review  # noqa: F401  (fixture)
from tests.ui.test_receipt_first_page import _offline, _paper_out, every_page, submit

SERVICE = "gongjijin.deposit_certificate"  # as in the try-out: 凭…领取证明, 即时办结
LINES = ("take_card", "print_state", "submitted_headline", "submitted_bring", "submitted_details")
RECEIPT_MS = 3000  # a bound that only keeps a broken test from hanging


def _tops(r: ApplyRig) -> dict[str, int]:
    return {n: r.window.findChild(QLabel, n).mapTo(r.window, QPoint(0, 0)).y() for n in LINES}


def test_receipt_first_page_moves_nothing_when_the_paper_comes_back(
    rig: ApplyRig,  # noqa: F811
) -> None:
    r = rig
    r.window.resize(1920, 1080)
    _offline(r)  # F12
    _paper_out(r)  # F9
    card = replace(manual_identity(), source=IdentitySource.CHIP)  # it may lie on the reader
    to_review(r, SERVICE, identity=card, size=(1920, 1080))
    submit(r)
    [page] = every_page(r)
    assert "缺纸" in page["print_state"], page
    before = _tops(r)
    assert page["take_card"] == "请取走您的身份证" and min(before.values()) == before["take_card"]
    r.backend.printer.ready()  # staff load paper (F10); the supervisor reports it
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    r.qtbot.waitUntil(lambda: r.shown("btn_reprint_receipt_now"), timeout=RECEIPT_MS)
    r.settle()
    [page] = every_page(r)
    assert "已恢复" in page["print_state"], page
    assert _tops(r) == before  # nothing moved as 重新打印回执 came
    button = r.button("btn_reprint_receipt_now").mapTo(r.window, QPoint(0, 0)).y()
    assert before["print_state"] < button < before["submitted_headline"]  # under its words
    r.click("btn_reprint_receipt_now")
    r.qtbot.waitUntil(lambda: r.label("print_state").startswith("回执已打印"), timeout=RECEIPT_MS)
    r.settle()
    assert not r.shown("btn_reprint_receipt_now")
    assert _tops(r) == before  # nor as it went, under the finger that tapped it
