"""The maintenance panel says so when the platform refuses this kiosk's credentials.

Real window, real sync agent, and between them and "the platform" the loopback
fault proxy answering 403 to everything, as a platform that revoked the kiosk would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp, build_app
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.workers import ThreadExecutor
from offline_cache.outbox_protocol import RecordKind
from tests.integration.sync.fault_proxy import FaultProxy, everything, json_answer
from tests.ui.test_maintenance_panel import (
    DEMO_PIN,
    WAIT_MS,
    _page,
    _shown_label,
    open_panel_with_corners,
    sign_in,
)


@pytest.fixture
def refused_app(tmp_path: Path) -> Iterator[tuple[KioskApp, FaultProxy]]:
    proxy = FaultProxy("http://127.0.0.1:9")  # nothing is forwarded
    proxy.mode = everything(json_answer(403, b'{"detail": "kiosk not registered"}'))
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(
        update={
            "storage": s.storage.model_copy(update={"data_dir": tmp_path / "data"}),
            "platform": s.platform.model_copy(
                update={"mode": "remote", "base_url": proxy.base_url}
            ),
        }
    )
    app = build_app(s, executor=ThreadExecutor())
    yield app, proxy
    app.stop()
    proxy.close()


@pytest.fixture
def window(qtbot, refused_app):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(refused_app[0].core)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(300)  # the window starts watching input after its first paint
    yield w
    w.close()


def test_refused_credentials_are_shown_and_the_record_waits(window, refused_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app, proxy = refused_app
    backend = app.backend
    rec = backend.outbox.enqueue(RecordKind.RATING, b'{"level": 5}', None, backend.clock())
    backend.start()
    assert backend.wait_started(30) and backend.sync is not None
    qtbot.waitUntil(lambda: backend.sync.credentials_refused, timeout=WAIT_MS)
    assert any(p.startswith("/v1/") for _, p, _ in proxy.answered)

    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    _page(window, qtbot, "platform")
    qtbot.waitUntil(
        lambda: _shown_label(window, "credentials_refused") is not None, timeout=WAIT_MS
    )
    text = _shown_label(window, "credentials_refused").text()  # type: ignore[union-attr]
    assert "平台拒绝了本机的证书或令牌" in text
    stored = backend.outbox.get(rec.id)
    assert stored is not None and stored.state.value in ("pending", "failed", "sending")
