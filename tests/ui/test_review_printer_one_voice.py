"""Try-out 13, C9: with the printer offline, 确认提交 asked first and the citizen chose to
wait for staff; back on the review the printer was said twice (the page's note and the
line over 确认提交), and when the printer came back the note said 打印机已恢复 while the
line beside the button still said 打印机未连接: two contradicting statements, the wrong one
by the button. One place says the printer's state, and it follows the printer. Taps on the
real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.events import Health
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_review_printer_stays import SIZES, _at_review, _printer


def _said(r: ApplyRig) -> list[str]:
    """What the review page says of the printer, wherever it says it."""
    r.settle()
    out = []
    for name in ("review_printer", "review_status"):
        w = r.window.findChild(QLabel, name)
        if w is not None and w.isVisible() and "打印机" in w.text():
            out.append(str(w.text()))
    return out


@pytest.mark.parametrize("size", SIZES)
def test_back_from_waiting_for_staff_the_printer_is_said_once_and_truly(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
) -> None:
    r = _at_review(rig, size, assisted=False)
    _printer(r, Health.FAULT, "offline")  # F11 on the demo panel, the review open
    assert [s for s in _said(r) if "未连接" in s], "the printer's fault not said"
    r.check_every_page()
    r.click("btn_submit")  # asked first: wait for staff, or submit without a receipt
    assert r.shown("btn_choice_yes")
    r.click("btn_choice_no")  # 请工作人员处理后再提交: staff called, the review back
    assert r.core.screen() == Screen.REVIEW
    said = _said(r)
    assert len(said) == 1 and "未连接" in said[0], said
    _printer(r, Health.OK, "ready")  # F10: the printer back
    said = _said(r)
    assert said and all("已恢复" in s for s in said), said
    assert not any("未连接" in s for s in said), said
