"""The receipt goes to the printer once the submitted screen has painted (issue 14).

The receipt's job (the printer's raster of the slip: 13-16 ms of a worker's CPU, most of
it Pillow drawing text) started as the submitted screen was entered, so it ran beside
that screen's build and first paint and took the interpreter lock and a core from it:
the journey's longest stall, on review -> submitted. Now it starts after the first paint.
Through the real window: 确认提交 tapped on the review; the printer notes, as the job
reaches it, whether the submitted screen had painted yet. The receipt still comes out,
once, and the screen says so.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import decoded_qr
from ui.i18n import tr


class _Paints(QObject):
    """Counts the paints of the widget it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.n += 1
        return False


def test_the_receipt_job_starts_after_the_submitted_screen_has_painted(
    rig: ApplyRig,  # noqa: F811 (the fixture, imported by name)
    monkeypatch: Any,
) -> None:
    r = rig
    put_on(r.window, Screen.REVIEW)
    r.check_every_page()
    submitted = r.window.page(Screen.SUBMITTED)
    paints = _Paints()
    submitted.installEventFilter(paints)
    printer = r.backend.printer
    at_job: list[int] = []
    send = printer.print_document

    def noted(doc: Any) -> Any:
        at_job.append(paints.n)
        return send(doc)

    monkeypatch.setattr(printer, "print_document", noted)
    r.click("btn_submit")
    r.qtbot.waitUntil(lambda: bool(at_job), timeout=5_000)
    r.at(Screen.SUBMITTED)
    assert at_job[0] >= 1, "the receipt was sent before the submitted screen was painted"
    r.qtbot.waitUntil(
        lambda: r.label("print_state") == tr("submitted.printed", "zh"), timeout=5_000
    )
    r.qtbot.wait(400)  # the fallback timer has passed too: still one receipt
    assert len(at_job) == 1
    submitted.removeEventFilter(paints)


def test_the_receipt_qr_code_is_drawn_once_per_receipt(rig: ApplyRig) -> None:  # noqa: F811
    """The screen is drawn again when the printer answers and at a language switch; its QR
    code, the same code, is not made again each time (0.5-1 ms of the GUI thread)."""
    r = rig
    put_on(r.window, Screen.REVIEW)
    r.check_every_page()
    r.click("btn_submit")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.SUBMITTED, timeout=5_000)
    (qr,) = [w for w in r.window.findChildren(QLabel, "receipt_qr") if w.isVisible()]
    drawn = qr.pixmap().cacheKey()
    code = decoded_qr(qr)
    assert code
    r.qtbot.waitUntil(
        lambda: r.label("print_state") == tr("submitted.printed", "zh"), timeout=5_000
    )  # the printer answered: the screen was drawn again
    r.click("btn_lang")
    r.qtbot.waitUntil(lambda: r.core.sessions.current.language == "en", timeout=5_000)
    assert r.label("print_state") == tr("submitted.printed", "en")
    assert qr.isVisible() and decoded_qr(qr) == code
    assert qr.pixmap().cacheKey() == drawn
