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
    window,  # noqa: F401 (the real window over this module's tech_app)
)


@pytest.fixture
def proxy() -> Iterator[FaultProxy]:
    p = FaultProxy("http://127.0.0.1:9")  # nothing is forwarded
    p.mode = everything(json_answer(403, b'{"detail": "kiosk not registered"}'))
    yield p
    p.close()


@pytest.fixture
def tech_app(tmp_path: Path, proxy: FaultProxy) -> Iterator[KioskApp]:
    """The demo kiosk, but its platform is "remote": the proxy refusing it."""
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
    yield app
    app.stop()


def test_refused_credentials_are_shown_and_the_record_waits(  # type: ignore[no-untyped-def]
    window,  # noqa: F811 (the imported fixture, requested by name)
    tech_app: KioskApp,
    proxy: FaultProxy,
    qtbot,
) -> None:
    backend = tech_app.backend
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
