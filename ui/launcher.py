"""Starts Qt, the window and (in demo mode) the demo-controls panel."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app import KioskApp, attach_backend, build_app, build_core
from kiosk.hall_clock import HallClock, clock_at_start
from kiosk.logging_setup import setup_logging
from kiosk.paths import resolve_paths
from kiosk.sdnotify import Notifier
from kiosk.settings import REFERENCE_PANEL_PX, Settings
from kiosk.watchdog import Watchdog

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QWidget

EXIT_HUNG = 3
GIL_SWITCH_S = 0.001
BACKGROUND_START_MS = 300

log = logging.getLogger(__name__)


def _peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(
    settings: Settings,
    *,
    windowed: bool,
    size: tuple[int, int] | None = None,
    tour: Path | None = None,
    demo: bool = False,
) -> int:
    """Run the kiosk until the window closes (or until the tour is written).

    ``demo``: started as ``kiosk --demo`` (the only start with the demo's hall clock,
    and the only one a tour may run on)."""
    if tour is not None and not demo:
        # The tour moves the clock and taps through journeys: never on a real kiosk.
        raise ValueError("the tour runs on the demo only: kiosk --demo --tour DIR")
    if tour is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths = resolve_paths(settings)
    lg = settings.logging
    setup_logging(paths.logs, lg.level, lg.max_bytes, lg.backups)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    # Worker threads run Python too (sync, decoding, stores). With the default 5 ms GIL
    # switch interval, every Qt call that drops and retakes the GIL can wait 5 ms behind
    # them; 1 ms keeps a busy worker from stalling the screen.
    sys.setswitchinterval(GIL_SWITCH_S)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("zhengwu-kiosk")
    if tour is not None:
        # The tour's screenshots are the reference panel's whatever screen is attached.
        return _tour(settings, tour, size or settings.display.size_px or REFERENCE_PANEL_PX)
    w, h = panel_size(settings, size, app.primaryScreen())
    # Queue tickets and bookings can be tried after hours too: `kiosk --demo`'s hall
    # clock moves into office hours when the real time is outside them (shown on the
    # demo panel, which switches it back). It is the demo kiosk's one clock, and its
    # embedded platform's (kiosk/hall_clock.py). Any other start keeps the real time.
    core = build_core(settings, clock=clock_at_start(demo))
    window = MainWindow(core)
    if windowed or not settings.display.fullscreen:
        pin_to_panel(window, w, h)
        screen = app.primaryScreen()
        if screen is not None and (w, h) == screen.availableGeometry().size().toTuple():
            window.move(screen.availableGeometry().topLeft())  # beside any panel or dock
        window.show()
    else:
        # Full screen is a request to the window manager, and the kiosk's X11 session
        # runs none (deploy/session/): cover the screen ourselves as well.
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
            pin_to_panel(window, screen.geometry().width(), screen.geometry().height())
            # A rotated touchscreen (deploy/session) changes the panel's shape.
            screen.geometryChanged.connect(lambda g: pin_to_panel(window, g.width(), g.height()))
        window.showFullScreen()
    # The kiosk window takes the keyboard focus from the start: on an X display without
    # a window manager (the kiosk's own session, a bare Xvfb) no window had it until one
    # was tapped, and keys went nowhere (the demo's F12, try-out 10, R2). Where no
    # manager is there to ask, Qt sets the X input focus itself.
    window.activateWindow()
    _report_ready(app)
    notifier = Notifier()
    _quit_on_signals(app)
    kiosk: list[KioskApp] = []

    def attached(k: KioskApp) -> None:
        kiosk.append(k)
        # The nightly restart: quit the event loop cleanly; systemd starts us again.
        k.request_restart = window.bridge.wrap(app.quit)
        notifier.ready("serving citizens")
        # The platform link and cache warm-up start once the home screen is up, so
        # their imports (FastAPI, pypinyin) do not compete with the first paint.
        QTimer.singleShot(BACKGROUND_START_MS, k.start)
        if settings.demo.enabled and settings.demo.controls:
            from ui.demo_panel import install_demo_panel

            install_demo_panel(window, k)

    def failed(exc: BaseException) -> None:
        log.critical("devices and stores could not start: %s", exc)
        core.backend_failed()  # nothing may wait 30 s on the GUI thread for them
        core.maintenance_mode = True  # out of service for citizens; the panel says why
        window.show_screen()
        # Ready all the same: the screen says out of service, and a restart loop would
        # not fix a missing device; the status line tells the technician why.
        notifier.ready("out of service: devices or stores could not start")

    # Devices, stores and the platform link are built on a worker once home has painted
    # (started from the event loop, so their imports do not compete with that paint).
    bridge = window.bridge
    QTimer.singleShot(
        0,
        lambda: core.executor.submit(
            lambda: attach_backend(core), bridge.wrap(attached), bridge.wrap(failed)
        ),
    )
    dog = _start_watchdog(window, restart=not settings.demo.enabled, notifier=notifier)
    try:
        return app.exec()
    finally:
        notifier.stopping()
        dog.stop()
        if kiosk:
            kiosk[0].stop()
        else:
            core.shutdown()


def panel_size(
    settings: Settings, size: tuple[int, int] | None, screen: QScreen | None
) -> tuple[int, int]:
    """The windowed kiosk's size: `--size`, else the configured size, else the screen's
    available area (try-out: a fixed 1920x1080 demo ran off a 1280x800 laptop screen,
    taking call-staff and the bottom bar with it)."""
    chosen = size or settings.display.size_px
    if chosen is not None:
        return chosen
    if screen is None:
        return REFERENCE_PANEL_PX
    area = screen.availableGeometry()
    return (area.width(), area.height())


def pin_to_panel(window: QWidget, w: int, h: int) -> None:
    """Hold the window at the panel's size.

    Without a window manager (the kiosk sessions run none, nor does the demo under Xvfb)
    Qt grows a window whose content asks for more room than the panel has, and the
    bottom bar (call staff, display settings) then lies off the glass for every later
    citizen too. A fixed size keeps the layout inside the panel; content that does not
    fit is a layout bug the fit tests report (tests/ui/test_accessibility.py)."""
    window.setFixedSize(w, h)


def _weekday_morning_clock() -> HallClock:
    """A clock running from 10:00 local on the next weekday: the tour stages queue
    tickets and bookings, which opening hours refuse in the evening and at weekends, and
    its screenshots then show the same hall hours whenever they are taken."""
    clock = HallClock()
    clock.use_office_hours()
    return clock


def _tour(settings: Settings, tour: Path, size: tuple[int, int]) -> int:
    """Offscreen: build everything at once, walk every screen, save the PNGs."""
    from ui.main_window import MainWindow
    from ui.tour import run_tour

    kiosk = build_app(settings, clock=_weekday_morning_clock())
    window = MainWindow(kiosk.core)
    window.resize(*size)
    try:
        written = run_tour(window, tour)
    finally:
        kiosk.stop()
    print(f"tour: wrote {len(written)} screenshots to {tour}")
    return 0


def _start_watchdog(window: object, restart: bool, notifier: Notifier) -> Watchdog:
    """Beat from the GUI thread; a hung kiosk exits so its service manager restarts it.

    Under systemd (``WatchdogSec``) the watchdog thread also sends WATCHDOG=1, but only
    while the GUI's beats are fresh: a frozen event loop stops the pings and systemd
    restarts the kiosk even if our own exit never runs.
    """
    from PySide6.QtCore import QTimer

    def hang() -> None:
        os._exit(EXIT_HUNG)  # no clean-up can run on a hung GUI; the outbox is durable

    interval = notifier.watchdog_interval_s
    dog = Watchdog(
        on_hang=hang if restart else None,
        alive=notifier.watchdog if interval is not None else None,
        alive_every_s=min(interval or 1.0, 5.0),
    )
    timer = QTimer(window)  # type: ignore[call-overload]
    timer.setInterval(250)
    timer.timeout.connect(dog.beat)
    timer.start()
    dog.start()
    return dog


def _quit_on_signals(app: object) -> None:
    """SIGTERM (systemd stopping us) and SIGINT (Ctrl-C on the demo) end the kiosk cleanly.

    Python runs signal handlers between bytecodes; the watchdog's 250 ms beat timer is
    a Python slot, so the handler runs within a beat even while Qt's loop is in C++.
    """

    def stop(signum: int, _frame: object) -> None:
        log.info("signal %d: shutting down", signum)
        app.quit()  # type: ignore[attr-defined]

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    freeze = os.environ.get("KIOSK_TEST_FREEZE_ON_SIGUSR2")
    if freeze:
        # Test hook, off unless the variable is set: SIGUSR2 freezes the GUI thread for
        # that many seconds, so the watchdog test can prove the pings stop.
        seconds = float(freeze)
        signal.signal(signal.SIGUSR2, lambda *_: time.sleep(seconds))


def _report_ready(app: object) -> None:
    """For the start-up benchmark: note when the first frame is painted, optionally quit."""
    ready_file = os.environ.get("KIOSK_READY_FILE")
    if not ready_file:
        return
    from PySide6.QtCore import QTimer

    def done() -> None:
        Path(ready_file).write_text(
            json.dumps({"t": time.time(), "rss_mib": _peak_rss_mib()}), encoding="utf-8"
        )
        if os.environ.get("KIOSK_EXIT_WHEN_READY"):
            app.quit()  # type: ignore[attr-defined]

    # A zero timer fires after the event loop has processed the pending paint events.
    QTimer.singleShot(0, done)
