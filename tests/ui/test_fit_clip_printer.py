"""The clipping sweep's "submit without a printer" stage (tests/ui/fit_clip_child.py) is
checked with the printer's note on display (#14: checks run only on screens the staging
actually reached). The sweep's kiosk ran no device supervisor, so the demo's "printer
offline" never reached the core's device health and the review it measured said nothing
of the printer; its staging now fails when the note is not there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.app import KioskApp
from kiosk.demo import DemoControls, DemoPrinter
from kiosk.supervisor import DeviceSupervisor
from tests.ui.fit_clip_child import dialogs, printer_becomes, watch_printer
from ui.main_window import MainWindow
from ui.staging import StagingError
from ui.tour import SCENES, stage
from ui.tour_apply import require_printer_note

REVIEW = next(s for s in SCENES if s.name == "review_confirm")


@pytest.fixture
def watched(kiosk_app: KioskApp) -> Iterator[DeviceSupervisor]:
    supervisor = watch_printer(kiosk_app)
    yield supervisor
    supervisor.stop()


@pytest.mark.parametrize("assisted", [False, True])
def test_the_sweep_measures_the_review_with_the_printers_note(
    window: MainWindow, kiosk_app: KioskApp, watched: DeviceSupervisor, assisted: bool
) -> None:
    stages = dialogs(window, kiosk_app, "zh", assisted, 0)
    try:
        name, _problems = next(stages)
        assert name == "dialog_submit_no_printer"
        # What was measured: the note a citizen reads before 确认提交 (长辈模式: in the
        # question), with the printer offline as the demo's F11 leaves it.
        shown = window.findChild(QLabel, "choice_body" if assisted else "review_printer")
        assert shown is not None and shown.isVisible()
        assert "打印机未连接" in shown.text()
    finally:
        stages.close()  # the printer back, as the sweep leaves it for the next scene


def test_the_staging_fails_when_the_kiosk_never_heard_of_the_fault(
    window: MainWindow, kiosk_app: KioskApp
) -> None:
    # The sweep as it was: the demo's control with nothing watching the printer.
    DemoControls(kiosk_app.backend).set_printer(DemoPrinter.OFFLINE)
    stage(window, REVIEW, "zh", False)
    with pytest.raises(StagingError, match="has not failed"):
        require_printer_note(window)


def test_the_staging_fails_when_the_note_is_not_on_display(
    window: MainWindow, kiosk_app: KioskApp, watched: DeviceSupervisor
) -> None:
    printer_becomes(window, kiosk_app, DemoPrinter.PAPER_OUT)
    try:
        stage(window, REVIEW, "zh", False)
        assert "打印机缺纸" in require_printer_note(window)
        note = window.findChild(QLabel, "review_printer")
        assert note is not None
        note.hide()  # a review that lost its note: the check must see it
        with pytest.raises(StagingError, match="does not show"):
            require_printer_note(window)
    finally:
        printer_becomes(window, kiosk_app, DemoPrinter.READY)
