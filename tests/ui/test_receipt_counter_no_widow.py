"""Try-out 19, E4: the receipt page in 长辈模式 on the portrait panel at 字号 4/4 wrapped
还需到窗口：凭回执领取证明 with 明 alone on its last line. The line of what is still to do
at a counter ends no line with one character alone (as the home tiles and the e-ID's
tile do). Through the real window: 长辈模式 and 字号 tapped, 确认提交 tapped; the lines
read as Qt lays them out at the label's width."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLabel

from kiosk.identity import IdentitySource
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig, to_review  # noqa: F401
from tests.ui.test_receipt_first_page import every_page, submit
from tests.ui.test_tile_no_widow import _lines

SERVICE = "renshe.contribution_certificate"  # 凭回执领取证明, at a counter
MONTHS = {"from_month": "2026-10", "to_month": "2026-11"}


def test_the_counter_line_leaves_no_character_alone(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1080, 1920)
    r.click("btn_assisted")
    while r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    # The e-ID (as tried): no ID paper to bring, the counter's line alone.
    eid = dataclasses.replace(manual_identity(), source=IdentitySource.E_ID_QR)
    to_review(r, SERVICE, MONTHS, identity=eid, size=(1080, 1920))
    submit(r)
    every_page(r)  # seen through, back to where the line is
    while r.shown("submitted_page_prev") and r.button("submitted_page_prev").isEnabled():
        r.click("submitted_page_prev")
    [label] = [w for w in r.window.findChildren(QLabel, "submitted_bring") if w.isVisible()]
    lines = _lines(label)
    assert "".join(lines) == "还需到窗口：凭回执领取证明", lines
    assert len(lines) > 1, lines  # wrapped, as on the try-out's panel
    assert all(len(line) > 1 for line in lines), lines
