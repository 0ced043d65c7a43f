# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""The submitted screen's 重新打印回执 prints in the language the citizen is using now.

Paper out as the citizen submits in 中文: no receipt, the screen says so. The citizen
switches to English on the submitted screen; staff load paper; 打印机已恢复 offers the
print and the citizen taps it: the slip that comes out is in English, every word but the
masked name (it used to print the stored 中文 receipt). Through the real window, the
paper read off a loopback printer.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.app import KioskApp
from kiosk.events import Device, Health
from kiosk.flow import Screen
from kiosk.tracking import shown_tracking_number
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.conftest_apply import SERVICE, put_on
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _tap_named,
    printer,
    usb,
    window,
)
from tests.ui.test_reprint_language import (  # noqa: F401 (fixtures: the demo kiosk)
    CJK,
    _english,
    _masked_identity,
    lang,
    tech_app,
)
from ui.i18n import tr


def _enabled(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(b.isVisible() and b.isEnabled() for b in window.findChildren(QAbstractButton, name))


def _print_state(window) -> str:  # type: ignore[no-untyped-def]
    shown = [w for w in window.findChildren(QLabel, "print_state") if w.isVisible()]
    return shown[0].text() if shown else ""


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)], ids=["1280x800", "1080x1920"])
def test_the_receipt_printed_after_paper_out_is_in_the_language_now_used(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, size
) -> None:
    tech_app.backend.start()
    assert tech_app.backend.wait_started(30)
    window.resize(*size)
    printer.paper = "out"
    tech_app.backend.supervisor.poke()
    # Known before the review opens (its note shows, 确认提交 asks nothing more).
    qtbot.waitUntil(
        lambda: window.core.health(Device.PRINTER).health is Health.FAULT, timeout=WAIT_MS
    )
    put_on(window, Screen.REVIEW)  # the journey up to the review, in 中文
    assert window.core.sessions.current.language == "zh"
    for _ in range(30):  # 确认提交 waits for every page of the review to be seen
        qtbot.wait(100)  # the page painted: seen
        if _enabled(window, "btn_submit"):
            break
        _tap_named(window, qtbot, "review_pager_next")
    before, cuts = printer.printed_text(), printer.receipts_printed()
    _tap_named(window, qtbot, "btn_submit")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.SUBMITTED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "缺纸" in _print_state(window), timeout=WAIT_MS)
    assert printer.printed_text() == before  # nothing came out
    tn = window.core.sessions.current.tracking_number
    assert tn
    _english(window, qtbot)  # on the submitted screen
    printer.paper = "ok"  # staff load paper
    tech_app.backend.supervisor.poke()
    _tap_named(window, qtbot, "btn_reprint_receipt_now")  # offered once the printer is back
    qtbot.waitUntil(lambda: printer.receipts_printed() == cuts + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _print_state(window) == tr("submitted.printed", "en"), timeout=WAIT_MS)
    copy = " ".join(printer.printed_text()[len(before) :].split())
    service = tech_app.core.catalog.by_id(SERVICE)
    assert service is not None
    for words in ("Submission Receipt", f"Service {service.name.get('en')}", "Applicant",
                  "ID number", "Please keep this receipt."):  # fmt: skip
        assert words in copy, (words, copy)
    assert f"Tracking no. {shown_tracking_number(tn)}" in copy, copy
    assert "办事回执" not in copy, copy
    # Nothing left in Chinese but the name, masked as on the screen.
    assert CJK.findall(_masked_identity(copy)) == [], copy
    assert window.core.sessions.current.language == "en"
