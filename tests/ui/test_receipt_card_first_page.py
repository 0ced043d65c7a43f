"""Try-out 19, C1: the receipt page in English at 字号 4/4 on 1920x1080, saved offline
with the printer out of paper, 社会保障卡补换 with the 居民身份证 read on the SAM reader:
page 1/2 said no receipt printed, that it waits for the network and how the card comes,
but "Please take your ID card with you" was only on page 2, behind ▶. A citizen who
photographs page 1 and leaves may leave the card behind. The card reminder is one of the
end's must-say prompts (#14): on the first page, with the lines the colleagues put there
(the printer's, then where it stands, then the counter's) after it. The tightest state,
through the real window (language, text size, 确认提交 tapped)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from kiosk.identity import IdentitySource
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig, to_review  # noqa: F401
from tests.ui.test_receipt_first_page import _offline, _paper_out, every_page, submit

SERVICE = "renshe.ss_card_replace"
VALUES = {"phone": "13800138000", "address": "Jianguo Road 88", "reason": "lost", "bank": "icbc"}
CARD_EN = "Please take your ID card with you"


def test_the_card_reminder_is_on_the_first_page_offline_with_no_paper(
    rig: ApplyRig,  # noqa: F811
) -> None:
    r = rig
    r.window.resize(1920, 1080)
    r.click("btn_lang")
    while r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    _offline(r)  # F12
    _paper_out(r)  # F9
    # The 居民身份证 read by the SAM reader (the demo's Shift+F2): it may still lie there.
    card = dataclasses.replace(manual_identity(latin=True), source=IdentitySource.CHIP)
    to_review(r, SERVICE, VALUES | {"delivery": "post"}, identity=card, size=(1920, 1080))
    submit(r)
    pages = every_page(r)
    first = pages[0]
    assert first.get("take_card") == CARD_EN, pages
    # The colleagues' first page otherwise as it was: no receipt printed and what to do
    # instead, and how the card comes, after the reminder.
    assert "tracking number and QR code" in first.get("print_state", ""), first
    assert "posted" in first.get("submitted_bring", ""), first
    top = {n: r.window.findChild(QLabel, n).mapTo(r.window, QPoint(0, 0)).y() for n in first}
    assert top["take_card"] < top["print_state"] < top["submitted_bring"], top
