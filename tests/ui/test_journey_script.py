"""The shared journey script (used by the X11 window test and the UI benchmark) runs in Qt."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from offline_cache.outbox_protocol import RecordKind
from tests.support.journey import ID_NUMBER, SERVICE, Driver, apply_by_manual_entry
from tests.ui.helpers import wait_until_tappable


def test_manual_application_journey(window, kiosk_app) -> None:  # type: ignore[no-untyped-def]
    d = Driver(window, lambda w: QTest.mouseClick(w, Qt.MouseButton.LeftButton))
    number = apply_by_manual_entry(d)
    records = {r.kind: r for r in kiosk_app.backend.outbox.list()}
    app = records[RecordKind.APPLICATION]
    assert app.tracking_number == number
    body = json.loads(app.payload)
    assert body["service_id"] == SERVICE
    assert body["applicant"]["document_number"] == ID_NUMBER
    assert RecordKind.RATING in records
    assert len(d.transitions) >= 7


def test_the_script_turns_the_catalog_pages_on_a_small_panel(window) -> None:  # type: ignore[no-untyped-def]
    from kiosk.flow import Screen

    window.resize(1280, 800)  # the service is on a later page of the catalog here
    taps: list[str] = []

    def tap(w) -> None:  # type: ignore[no-untyped-def]
        taps.append(w.objectName())
        wait_until_tappable(w)
        QTest.mouseClick(w, Qt.MouseButton.LeftButton)

    d = Driver(window, tap)
    d.click("tile_apply")
    d.wait_for(Screen.CATALOG)
    d.click(f"service_{SERVICE}")
    d.wait_for(Screen.GUIDE)
    assert "service_pager_next" in taps
    assert window.core.sessions.current.service_id == SERVICE
