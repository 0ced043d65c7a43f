"""A complaint's number on paper (try-out 8, C15): it was only on the screen, while a
rating offered a slip. Through the real window: the slip is offered while the printer
can print and carries the number as the screen and console write it, the term and the
reply number masked; when the printer cannot print the page says so before a tap and
points to the number on the screen; a slip that fails says the complaint is kept; the
page fits every panel in both modes at the largest 字号 with the longest of those words."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from drivers.printer.document import Document
from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.printing import PrinterState
from kiosk.tracking import shown_tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_services_flow import _button, click, start, text_of


def _printer(window, health: Health, state: str) -> None:  # type: ignore[no-untyped-def]
    """The printer's supervisor reports a state (as kiosk/supervisor.py publishes it)."""
    window.core.bus.publish(DeviceStatusChanged(Device.PRINTER, health, f"printer.{state}"))


def _slips(citizen, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every document the printer printed from now on."""
    printed: list[str] = []
    real = citizen.printer.print_document

    def record(doc: Document):  # type: ignore[no-untyped-def]
        result = real(doc)
        if result.outcome.value == "printed":
            printed.append(doc.to_json().decode())
        return result

    monkeypatch.setattr(citizen.printer, "print_document", record)
    return printed


def _complain(window, qtbot, phone: str | None = None) -> str:  # type: ignore[no-untyped-def]
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    click(qtbot, window, "btn_feedback_next")
    if phone:
        click(qtbot, window, "btn_contact_want")
        for ch in phone:
            click(qtbot, window, f"key_{ch}")
        click(qtbot, window, "btn_contact_consent")
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    return text_of(window, "feedback_thanks")


def test_the_slip_carries_the_number_the_term_and_the_masked_phone(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, monkeypatch
) -> None:
    printed = _slips(citizen, monkeypatch)
    _complain(window, qtbot, phone="13900001111")
    click(qtbot, window, "btn_print_complaint")
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "feedback_print_state"), timeout=3000)
    [slip] = printed
    [rec] = citizen.records()
    number = shown_tracking_number(rec["tracking_number"])
    assert number in slip and rec["tracking_number"] not in slip
    assert "15 个工作日" in slip and "139****1111" in slip and "13900001111" not in slip
    assert "平台已收到" in slip  # online: the platform had it when it printed
    assert _button(window, "btn_print_complaint") is None  # one slip, not a pile


def test_no_offer_while_the_printer_cannot_print_and_true_words(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, monkeypatch
) -> None:
    printed = _slips(citizen, monkeypatch)
    citizen.printer.paper_out()
    _printer(window, Health.FAULT, "paper_out")  # F9: the kiosk knows
    _complain(window, qtbot)
    qtbot.wait(50)
    assert _button(window, "btn_print_complaint") is None
    said = text_of(window, "feedback_print_state")
    assert "不能打印" in said and "投诉编号" in said
    citizen.printer.set_state(PrinterState.READY)  # paper back: offered, and it prints
    _printer(window, Health.OK, "ok")
    qtbot.waitUntil(lambda: _button(window, "btn_print_complaint") is not None, timeout=3000)
    click(qtbot, window, "btn_print_complaint")
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "feedback_print_state"), timeout=3000)
    assert len(printed) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_slip_that_fails_offline_keeps_the_complaint(window, qtbot, citizen, lang) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "offline"))
    citizen.printer.paper_out()  # found only by printing
    if lang == "en":
        click(qtbot, window, "btn_lang")
    _complain(window, qtbot)
    click(qtbot, window, "btn_print_complaint")
    out = "缺纸" if lang == "zh" else "out of paper"
    qtbot.waitUntil(lambda: out in text_of(window, "feedback_print_state"), timeout=3000)
    said = text_of(window, "feedback_print_state")
    assert ("已保存" if lang == "zh" else "saved") in said
    assert ("工作人员" if lang == "zh" else "staff") not in said  # no desk reprint promised


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_the_thanks_with_the_slip_words_fit(window, qtbot, citizen, size, assisted) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    if assisted:
        window.core.sessions.set_assisted(True)
    _at_step(window, qtbot, LARGEST)
    window.resize(*size)
    citizen.printer.paper_out()
    _complain(window, qtbot, phone="13900001111")
    click(qtbot, window, "btn_print_complaint")
    qtbot.waitUntil(lambda: "缺纸" in text_of(window, "feedback_print_state"), timeout=3000)
    _fits(window, size)
