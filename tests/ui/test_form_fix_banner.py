"""Try-out 11, C4: 还有信息需要补充或修改 follows the truth as the fields are put right.

The try-out tapped 下一步 with the form empty, filled every field, and the banner still
said something needed fixing (no field had a note any more). By taps on the real window:
it stays while a field is still marked, goes with the last one, and nothing moves.
"""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401


def test_the_banner_goes_with_the_last_marked_field(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1920, 1080)
    put_on(r.window, Screen.FORM)
    r.at(Screen.FORM)
    r.click("btn_next")  # nothing filled in: every field marked, the banner says so
    r.at(Screen.FORM)
    assert r.shown("error_phone") and r.shown("form_summary")
    next_at = r.button("btn_next").geometry()
    r.click("value_phone")
    r.type("13800138000")
    r.click("btn_done")
    # Others are still marked: the banner is still true.
    assert not r.shown("error_phone") and r.shown("error_address")
    assert r.shown("form_summary")
    r.click("value_address")
    r.click("key_mode_abc")
    r.type("ROAD")
    r.click("btn_done")
    r.click("value_last_employer")
    r.click("key_mode_abc")
    r.type("ACME")
    r.click("btn_done")
    r.click("value_leave_date")
    r.type("20261031")
    r.click("btn_done")
    assert r.shown("form_summary")  # 是否需要培训 is still marked
    r.click("choice_seeking_training_no")
    r.at(Screen.FORM)
    marked = [
        n for n in ("phone", "address", "last_employer", "leave_date") if r.shown(f"error_{n}")
    ]
    assert not marked and not r.shown("error_seeking_training")
    assert not r.shown("form_summary"), "nothing is left to fix, yet the banner says there is"
    assert r.button("btn_next").geometry() == next_at  # its room kept: 下一步 did not move
    r.click("btn_next")
    r.at(Screen.DOCUMENTS)
