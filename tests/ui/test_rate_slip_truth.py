"""The rating's slip is offered only when it can be printed, and its words are true
(try-out 7, C-d): with the printer known to be out of paper the thanks offered "Print a
slip", and its answer said "take a photo of the screen" over a screen with nothing to
photograph. Now: no offer while the kiosk knows the printer cannot print, the offer back
when it can, and a slip that fails says the rating is saved and needs no slip, online
or offline. Every step is a tap on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.events import Device, DeviceStatusChanged, Health
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import visible_texts
from tests.ui.test_services_flow import _button, click, start, text_of

PHOTO = ("拍", "photo", "抄")


def _printer(window, health: Health, state: str) -> None:  # type: ignore[no-untyped-def]
    """The printer's supervisor reports a state (as kiosk/supervisor.py publishes it)."""
    window.core.bus.publish(DeviceStatusChanged(Device.PRINTER, health, f"printer.{state}"))


def _rated(window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    if lang == "en":
        click(qtbot, window, "btn_lang")
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_satisfied")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_slip_offered_while_the_printer_is_known_out(window, qtbot, citizen, lang) -> None:  # type: ignore[no-untyped-def]
    citizen.printer.paper_out()
    _printer(window, Health.FAULT, "paper_out")  # F9: the kiosk knows
    _rated(window, qtbot, lang)
    qtbot.wait(50)
    assert _button(window, "btn_print_thanks") is None
    assert _button(window, "btn_done") is not None
    shown = " ".join(visible_texts(window))
    assert not any(w in shown for w in PHOTO), shown
    # Paper back: the slip is offered, and prints.
    from kiosk.printing import PrinterState

    citizen.printer.set_state(PrinterState.READY)
    _printer(window, Health.OK, "ok")
    qtbot.waitUntil(lambda: _button(window, "btn_print_thanks") is not None, timeout=3000)
    click(qtbot, window, "btn_print_thanks")
    done = "已打印" if lang == "zh" else "Printed"
    qtbot.waitUntil(lambda: done in text_of(window, "rate_print_state"), timeout=3000)


def test_the_offer_goes_when_the_printer_runs_out_on_the_thanks(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _rated(window, qtbot, "zh")
    assert _button(window, "btn_print_thanks") is not None
    _printer(window, Health.FAULT, "cover_open")
    qtbot.waitUntil(lambda: _button(window, "btn_print_thanks") is None, timeout=3000)


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_slip_that_fails_says_no_slip_is_needed(window, qtbot, citizen, lang, offline) -> None:  # type: ignore[no-untyped-def]
    """Paper out found only by printing (the kiosk did not know yet): the answer is true."""
    if offline:
        citizen.sync.online = False
        window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "offline"))
    citizen.printer.paper_out()
    _rated(window, qtbot, lang)
    click(qtbot, window, "btn_print_thanks")
    out = "缺纸" if lang == "zh" else "out of paper"
    qtbot.waitUntil(lambda: out in text_of(window, "rate_print_state"), timeout=3000)
    said = text_of(window, "rate_print_state")
    assert not any(w in said for w in PHOTO), said
    assert ("不需要凭条" in said) if lang == "zh" else ("need no slip" in said)
