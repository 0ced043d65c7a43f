"""Issue #14 (try-out 5, item 5): a printer that cannot print is announced before
确认提交, on the review page and in 长辈模式's confirm question, with what the citizen
gets instead, in both languages and for every fault (paper out, offline, cover open,
error); the note says so in its place when the printer is back, and goes with the
page's next arrival."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted, _shown, _text
from tests.ui.test_services_flow import _to_appointment, click

WORDS = {
    "zh": {
        "paper_out": "打印机缺纸。",
        "offline": "打印机未连接。",
        "cover_open": "打印机盖未关好。",
        "error": "打印机出现故障。",
        "instead": "请用手机拍下回执页上的受理编号和二维码",
        "back": "打印机已恢复",
    },
    "en": {
        "paper_out": "The printer is out of paper.",
        "offline": "The printer is not connected.",
        "cover_open": "The printer cover is open.",
        "error": "The printer has a problem.",
        "instead": "photograph the tracking number and QR code",
        "back": "The printer is working again",
    },
}


def _printer(r: ApplyRig, health: Health, state: str) -> None:
    """The printer's supervisor reports a new state (as kiosk/supervisor.py publishes it)."""
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, health, f"printer.{state}"))
    r.settle()


@pytest.mark.parametrize("lang", ["zh", "en"])
# 长辈模式 says the printer only in 确认提交吗？ (try-out 11, E7: test_elder_paper_once.py)
@pytest.mark.parametrize("assisted", [False])
def test_no_paper_receipt_is_said_before_submitting(
    rig: ApplyRig,  # noqa: F811
    lang: str,
    assisted: bool,
) -> None:
    r = rig
    if assisted:
        _assisted(r)
    if lang == "en":
        r.click("btn_lang")
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    assert not _shown(r, "review_printer")  # printer fine: nothing said
    words = WORDS[lang]
    r.backend.printer.paper_out()
    _printer(r, Health.FAULT, "paper_out")
    # Failing with the review open: said in the line over 确认提交, not over the page
    # (try-out 11, C5; nothing on the page moves: test_review_printer_stays.py), and on
    # the page from its next arrival.
    assert words["paper_out"] in _text(r, "review_status")
    r.core.back()
    r.window.show_screen()
    r.core.next()
    r.window.show_screen()
    note = _text(r, "review_printer")
    assert words["paper_out"] in note and words["instead"] in note
    for state in ("offline", "cover_open", "error"):
        _printer(r, Health.FAULT, state)
        assert _text(r, "review_printer").startswith(words[state])
    _printer(r, Health.FAULT, "paper_out")
    r.check_every_page()
    r.click("btn_submit")
    if assisted:
        body = _text(r, "choice_body")  # the question before the step that cannot be undone
        assert words["paper_out"] in body and words["instead"] in body
        r.click("btn_choice_no")
        assert _shown(r, "review_printer")
    else:
        r.at(Screen.SUBMITTED)  # one tap submits: the note was on the page it was tapped on
        return
    r.backend.printer.ready()
    _printer(r, Health.OK, "ready")
    assert _text(r, "review_printer").startswith(words["back"])  # in its place
    r.click("btn_submit")
    assert "打印" not in _text(r, "choice_body") and "print" not in _text(r, "choice_body")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_slip_is_said_before_taking_a_number_or_booking(
    window, qtbot, citizen, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """预约取号 with the printer offline: 现场取号 and 预约时间 say no slip can come, on
    the tiles tapped to take one, and the booking's confirmation says it too."""
    no_slip = {"zh": "打印机暂时无法打印凭条", "en": "No slip can be printed now"}[lang]
    if lang == "en":
        click(qtbot, window, "btn_lang")
    _to_appointment(window)
    click(qtbot, window, "dept_gongan.huzheng")

    def tile_text(name: str) -> str:
        tile = next(w for w in window.findChildren(QAbstractButton, name) if w.isVisible())
        return " ".join(label.text() for label in tile.findChildren(QLabel))

    assert no_slip not in tile_text("mode_queue")  # the printer is fine: nothing said
    window.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.offline"))
    qtbot.waitUntil(lambda: no_slip in tile_text("mode_queue"), timeout=2000)
    assert no_slip in tile_text("mode_book")
    click(qtbot, window, "mode_book")
    click(
        qtbot,
        window,
        next(
            w.objectName()
            for w in window.findChildren(QAbstractButton)
            if w.objectName().startswith("day_") and w.isVisible()
        ),
    )
    qtbot.waitUntil(
        lambda: any(
            w.isVisible() and w.objectName().startswith("slot_")
            for w in window.findChildren(QAbstractButton)
        ),
        timeout=3000,
    )
    slot = next(
        w
        for w in window.findChildren(QAbstractButton)
        if w.isVisible() and w.objectName().startswith("slot_")
    )
    click(qtbot, window, slot.objectName())
    note = window.findChild(QLabel, "appt_no_slip")
    assert note is not None and note.isVisible() and no_slip in note.text()
