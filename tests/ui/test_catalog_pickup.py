"""A fee published on the console reaches the kiosk's screen within one heartbeat (try-out
10, K2: 15 → 20元 published, the kiosk quoted 15元 for up to an hour). The demo's own
configuration: the embedded platform over real HTTP, the real sync agent, the real
window tapped. A citizen who already opened the service keeps what they read until
their visit ends; the next citizen reads the new fee."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from central.console.accounts import Role
from kiosk.settings import Settings
from tests.integration.console.conftest import PASSWORDS, sign_in
from tests.integration.console.test_catalog import _edit, _post, _reviewed
from tests.ui.helpers import wait_until_tappable

SID = "gongan.hk_macau_endorsement"  # 往来港澳通行证再次签注
HEARTBEAT_S = 5  # the kiosk's [platform] heartbeat_s here (the least it may be)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    platform = settings.platform.model_copy(update={"heartbeat_s": HEARTBEAT_S})
    return settings.model_copy(update={"platform": platform})


def _shown(window: Any, name: str) -> QAbstractButton | None:
    found = [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]
    return found[0] if found else None


def _tap(qtbot: Any, window: Any, name: str) -> None:
    qtbot.waitUntil(lambda: _shown(window, name) is not None, timeout=10000)
    w = _shown(window, name)
    assert w is not None and w.isEnabled(), name
    wait_until_tappable(w)
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)
    qtbot.wait(1)


def _fee_on_the_guide(qtbot: Any, window: Any) -> str:
    """The guide's fee line as the citizen reaches it (turning its pages)."""
    for _ in range(10):
        fee = window.findChild(QLabel, "guide_fee")
        if fee is not None and fee.isVisible():
            return str(fee.text())
        _tap(qtbot, window, "materials_next")
    raise AssertionError("the guide shows no fee")


def _open_the_service(qtbot: Any, window: Any) -> str:
    _tap(qtbot, window, "tile_apply")
    _tap(qtbot, window, f"service_{SID}")
    return _fee_on_the_guide(qtbot, window)


def _publish_fee_20(base: str) -> str:
    """The administrator's publication, through the console's own pages over HTTP."""
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base, SID)
    assert form["fees.amount_cny"] == "15"
    form.update({"fees.amount_cny": "20", "fees.text.zh": "20元", "fees.text.en": "CNY 20"})
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 303, r.text
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    r = _post(admin, base + "/console/catalog/publish", {**_reviewed(review), "version": "2026.12"})
    assert r.status_code == 303, r.text
    page = admin.get(base + r.headers["location"], timeout=5).text
    start = page.index('id="saved"')
    return page[start : page.index("</p>", start)]


def test_a_published_fee_is_on_the_kiosk_within_one_heartbeat(
    window: Any, kiosk_app: Any, qtbot: Any
) -> None:
    backend = kiosk_app.backend
    kiosk_app.start()
    assert backend.wait_started(30) and backend.sync is not None and backend.platform is not None
    qtbot.waitUntil(lambda: backend.catalog_cache.load() is not None, timeout=20000)
    platform = backend.platform
    role, password = PASSWORDS["zhao"]
    platform.platform.staff.add("zhao", Role(role), password, dt.datetime.now(dt.UTC))

    assert "15元" in _open_the_service(qtbot, window)  # this citizen reads 15元

    said = _publish_fee_20(platform.base_url)
    # The console says when kiosks take it, with the number, not "下次同步时".
    assert "下一次心跳时" in said and "每 60 秒一次" in said and "2026.12" in said

    def taken() -> bool:
        entry = backend.catalog_cache.load()
        return entry is not None and json.loads(entry.services_json)["version"] == "2026.12"

    # Within one heartbeat (a second one's room for a loaded machine), not the hour
    # the kiosk's own catalog check waits.
    qtbot.waitUntil(taken, timeout=2 * HEARTBEAT_S * 1000)

    # The citizen in the middle of it keeps what they read, on this guide and again.
    assert "15元" in _fee_on_the_guide(qtbot, window)
    _tap(qtbot, window, "btn_back")
    _tap(qtbot, window, f"service_{SID}")
    assert "15元" in _fee_on_the_guide(qtbot, window)

    # Their visit ends (首页): the next citizen reads the fee now in force.
    _tap(qtbot, window, "btn_home")
    fee = _open_the_service(qtbot, window)
    assert "20元" in fee and "15元" not in fee
