"""A kiosk shut down while its platform link is still coming up stops everything it
started: the start-up thread starts no sync agent once the backend is stopping, and the
embedded platform that came up meanwhile is stopped too. (Before, the agent started
after the stop had closed the database and ran on, logging "Cannot operate on a closed
database" into whatever ran next.)"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

import kiosk.backend
from drivers.scanner.types import ScannerState
from kiosk.app import build_app
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.workers import InlineExecutor
from tests.support.fd_watch import open_fds


def test_stop_during_the_platform_start_leaves_no_agent_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    starting, stopping = threading.Event(), threading.Event()
    real_start = kiosk.backend._start_platform

    def start_platform(*args: Any, **kw: Any) -> Any:
        # The platform comes up only once the kiosk is being stopped.
        starting.set()
        stopping.wait(30)
        return real_start(*args, **kw)

    monkeypatch.setattr(kiosk.backend, "_start_platform", start_platform)
    app = build_app(s, executor=InlineExecutor())
    real_stop = app.backend.stop

    def stop() -> None:
        stopping.set()
        real_stop()

    app.backend.stop = stop  # type: ignore[method-assign]
    before = set(threading.enumerate())
    caplog.set_level(logging.INFO)
    app.start()
    assert starting.wait(30)
    app.stop()
    for t in threading.enumerate():
        if t not in before and t.name == "backend-start":
            t.join(30)
    agents = [t for t in threading.enumerate() if t not in before and t.name == "sync-agent"]
    assert agents == [], "a sync agent outlived the kiosk's stop"
    assert app.backend.platform is None, "the embedded platform outlived the kiosk's stop"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


def test_a_scanner_the_screens_started_stops_with_a_backend_never_started(
    tmp_path: Path,
) -> None:
    """The QR screen starts the scanner itself; stopping the kiosk stops it, whether or not
    the backend's device watching was started (the widget tests' kiosks are not)."""
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    app = build_app(s, executor=InlineExecutor())
    scanner = app.backend.scanner
    scanner.start(lambda _code: None)
    assert scanner.status().state is ScannerState.RUNNING
    app.stop()
    assert scanner.status().state is ScannerState.STOPPED


def test_a_stopped_kiosk_holds_no_file_of_its_data_directory(tmp_path: Path) -> None:
    """Every store is closed at the stop (the print-job store's database stayed open:
    three descriptors a kiosk, and a test suite that builds hundreds ran out of them)."""
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    app = build_app(s, executor=InlineExecutor())
    app.start()
    assert app.backend.wait_started(30)
    assert app.backend.printing.recent_jobs() is not None  # the store in use
    app.stop()
    held = [t for t in open_fds().values() if t.startswith(str(tmp_path))]
    assert held == [], f"still open after the stop: {held}"
