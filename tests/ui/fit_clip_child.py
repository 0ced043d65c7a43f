"""Child process for test_fit_clipping: one panel size and one mode, every toured scene
in both languages at every text step, largest first (a citizen who used large text is
followed by one at 1/4: the bars must fit again). Prints what it found as JSON:
``{"scene|lang|step": [problem, ...]}`` plus how many scenes it staged.

At the largest step (字号 4/4) each scene is also checked as a whole: no control below
the fold, no content that must be scrolled to be read, no entry field shorter than its
own digits (once test_fit_text_sizes.py staged every scene again for this; here it
costs no staging of its own)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QLineEdit, QWidget

from kiosk.app import KioskApp, build_app
from kiosk.backend import _probes
from kiosk.demo import DemoControls, DemoPrinter
from kiosk.events import Device, Health
from kiosk.flow import Screen
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.supervisor import DeviceSupervisor
from kiosk.workers import InlineExecutor
from tests.ui.conftest import FakeClock
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.main_window import MainWindow
from ui.staging import StagingError, tap, visible_button, wait_for
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, Scene, stage
from ui.tour_apply import documents_without_camera, require_printer_note


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def clipped_fields(window: QWidget) -> list[str]:
    """Visible entry fields whose inside is shorter than one line of their own font."""
    bad = []
    for f in window.findChildren(QLineEdit):
        if not f.isVisible():
            continue
        line = QFontMetrics(f.font()).height()
        inner = f.contentsRect().height()
        if inner < line:
            bad.append(f"{f.objectName() or type(f).__name__} {inner}px < line {line}px")
    return bad


def needs_scrolling(window: QWidget) -> list[str]:
    """Visible scrolling areas whose content is taller than what they show."""
    bad = []
    for a in window.findChildren(QAbstractScrollArea):
        hidden = a.verticalScrollBar().maximum()
        if a.isVisible() and hidden > 0:
            bad.append(f"{type(a.parent()).__name__} scrolls {hidden}px")
    return bad


def _unscrolled(problem: str) -> str:
    """``problem`` without "cut by its parent": the technicians' panel is a page that
    scrolls by design (ui/screens/maintenance.py); its texts must still fit their
    controls. (The log's first line, cut under the tabs, has its own test.)"""
    name, _, parts = problem.partition(": ")
    kept = [p for p in parts.split("; ") if not p.startswith("cut by its parent")]
    return f"{name}: {'; '.join(kept)}" if kept else ""


def markup_labels(window: QWidget) -> list[str]:
    """Labels on display that would read their text as markup: a catalog name typed with
    ``<b>`` or ``<br>`` in the platform's editor must show as typed (our string tables
    have no markup), so every label is plain text."""
    return [
        f"{type(w).__name__}('{w.objectName()}'): not plain text {w.text()[:30]!r}"
        for w in window.findChildren(QLabel)
        if w.isVisible() and w.text() and w.textFormat() != Qt.TextFormat.PlainText
    ]


def visible_label(window: QWidget, name: str) -> QLabel | None:
    """The label called ``name`` on display, if any."""
    return next((w for w in window.findChildren(QLabel, name) if w.isVisible()), None)


def watch_printer(kiosk: KioskApp) -> DeviceSupervisor:
    """The printer watched as a running kiosk watches it (Backend.start), started: the
    demo's printer controls poke this supervisor, whose poll tells the core. Without it
    a printer set offline was never seen as failed, and "submit without a printer"
    checked a review with no printer's note. Only the printer: the other devices stay as
    the scenes were written for (no reader is attached here). Stop it when done."""
    printer_probe = _probes(kiosk.backend)[Device.PRINTER]
    supervisor = DeviceSupervisor(kiosk.core.bus, {Device.PRINTER: printer_probe})
    kiosk.backend.supervisor = supervisor
    supervisor.start()
    return supervisor


def printer_becomes(window: MainWindow, kiosk: KioskApp, state: DemoPrinter) -> None:
    """Put the simulated printer into ``state`` as the demo's F9/F10/F11 do, and wait until
    the kiosk knows: the supervisor's poll (poked by the control) publishes the change,
    the core's device health takes it and the window hears it (nothing told to a widget)."""
    DemoControls(kiosk.backend).set_printer(state)
    fault = state is not DemoPrinter.READY
    wait_for(
        window,
        lambda: (kiosk.core.health(Device.PRINTER).health is Health.FAULT) == fault,
        f"the kiosk's printer health after the demo's {state.value}",
    )
    _settle()  # the window's share of the event, queued to the GUI thread


def dialogs(
    window: MainWindow, kiosk: KioskApp, lang: str, assisted: bool, step: int
) -> Iterator[tuple[str, list[str]]]:
    """The questions and notices that come over a page, staged as a citizen meets them,
    each with what it shows clipped (try-out 6, item 2: "Submit now?" with the printer's
    note, and "Your receipt did not print … Leave this page?", were cut at 字号 4/4), and
    the booking's confirmation with every note it can carry."""
    scenes = {s.name: s for s in SCENES}
    printer_becomes(window, kiosk, DemoPrinter.OFFLINE)  # as F11 does
    try:
        # 确认提交 with the printer's note (assisted: the question; standard: the page);
        # the staging fails if the note is not on display.
        stage(window, scenes["review_confirm"], lang, assisted, text_step=step)
        require_printer_note(window)
        yield "dialog_submit_no_printer", clipped_texts(window)
        # The receipt did not print; leaving asks first (assisted mode).
        stage(window, scenes["submitted"], lang, assisted, text_step=step)
        tap(window, "btn_rate")
        if assisted and visible_button(window, "btn_choice_yes") is None:
            raise StagingError("no question before leaving an unprinted receipt")
        yield "dialog_leave_unprinted", clipped_texts(window)
        # 请确认预约 with the printer's note and the platform's (the tour is offline): the
        # most it says (try-out 7, E-i: the counter and the time were cut at 字号 4/4).
        stage(window, scenes["appointment_confirm"], lang, assisted, text_step=step)
        if visible_label(window, "appt_no_slip") is None:
            raise StagingError("no printer's note on the booking's confirmation")
        yield "dialog_booking_no_printer", clipped_texts(window)
    finally:
        printer_becomes(window, kiosk, DemoPrinter.READY)
    # 字号 raised on the review itself, then every page turned (#14, 2): the sweep staged
    # the review at its text size from the start, where the side column is laid out for
    # it; raised there, 长辈模式 at 4/4 on 1280x800 squeezed 还有 4 页没看，看完才能提交
    # (three lines) into two. Each page's status line is checked.
    if step:
        stage(window, scenes["review"], lang, assisted, text_step=0)
        while window.display_prefs()[0] != step:
            tap(window, "btn_text_size")
        bad: list[str] = []
        for _ in range(30):
            bad += [p for p in clipped_texts(window) if p not in bad]
            nxt = visible_button(window, "review_pager_next")
            if nxt is None or not nxt.isEnabled():
                break
            tap(window, "review_pager_next")
        yield "review_text_raised", bad
    # The camera faulted on the materials step: its words in the picture's room, for a
    # required paper (the longer skip) and an optional one (try-out 15, E4).
    DemoControls(kiosk.backend).set_camera_fault(True)
    try:
        for service in ("renshe.unemployment_registration", "renshe.ss_card_replace"):
            scene = Scene(
                "documents_no_camera",
                documents_without_camera(service),
                Screen.DOCUMENTS,
                ("docs_viewfinder_picture", "btn_skip"),
            )
            stage(window, scene, lang, assisted, text_step=step)
            yield f"documents_no_camera_{service}", clipped_texts(window)
    finally:
        DemoControls(kiosk.backend).set_camera_fault(False)
    stage(window, scenes["form"], lang, assisted, text_step=step)
    tap(window, "btn_home")
    if visible_button(window, "overlay_primary") is None:
        raise StagingError("no question before 首页 wipes a begun form")
    yield "dialog_home", clipped_texts(window)
    window.overlay.hide()


def main(data_dir: str, mode: str, size: str) -> None:
    """Stage every scene for ``mode`` at ``size`` (e.g. 1280x800) and report clippings."""
    app = QApplication(sys.argv[:1])
    from tests.support.tap_clock import LookAheadClock

    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": Path(data_dir)})})
    kiosk = build_app(s, clock=FakeClock(), executor=InlineExecutor())
    supervisor = watch_printer(kiosk)
    w, h = (int(v) for v in size.split("x"))
    window = MainWindow(kiosk.core, tap_clock=LookAheadClock())
    window.resize(w, h)
    window.show()
    _settle()
    # The demo's controls, folded into their strip under the kiosk (the kiosk keeps this
    # size: the "screen" is the strip taller). On every scene below they cover nothing.
    from ui.demo_panel import covered_by, folded_height, install_demo_panel, reserve_strip

    panel = install_demo_panel(window, kiosk)
    window.setFixedSize(w, h)
    frame = window.frameGeometry()
    reserve_strip(panel, window, frame.adjusted(0, 0, 0, folded_height(panel)))
    assert (window.width(), window.height()) == (w, h), window.size()
    _settle()
    found: dict[str, list[str]] = {}
    staged = 0
    start = time.monotonic()
    for lang in ("zh", "en"):
        for step in reversed(range(len(TEXT_STEPS))):
            for scene in SCENES:
                if scene.name.startswith("maintenance") and step:
                    continue  # the technicians' panel ignores citizens' settings
                stage(window, scene, lang, mode == "assisted", text_step=step)
                window.resize(w, h)
                _settle()
                staged += 1
                bad = clipped_texts(window)
                if scene.name.startswith("maintenance_"):
                    # Not the sign-in ("maintenance"): it must fit, keypad and all (#14).
                    bad = [p for p in map(_unscrolled, bad) if p]
                bad += [f"DemoPanel('demo_panel'): over {c}" for c in covered_by(panel, window)]
                bad += markup_labels(window)
                if step == len(TEXT_STEPS) - 1 and not scene.name.startswith("maintenance"):
                    bad += out_of_reach(window) + clipped_fields(window) + needs_scrolling(window)
                if bad:
                    found[f"{scene.name}|{lang}|{step + 1}"] = bad
            for name, bad in dialogs(window, kiosk, lang, mode == "assisted", step):
                staged += 1
                if bad:
                    found[f"{name}|{lang}|{step + 1}"] = bad
    panel.close()
    window.close()
    supervisor.stop()
    kiosk.stop()
    seconds, cpu = time.monotonic() - start, time.process_time()
    print(json.dumps({"found": found, "staged": staged, "seconds": seconds, "cpu": cpu}))
    app.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
