"""The track result opens its progress pages where the application stands now (try-out
20, C6): in 长辈模式 at 字号 4/4 on a landscape panel the list holds one step a page, and
the page a citizen landed on was the oldest (✓ 已收件 under 当前状态：已办结)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from tests.support.citizen_backend import platform_status, tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_review_pages import _largest_text
from tests.ui.test_services_flow import DAY, click, start, text_of, type_id_ending, type_number


def _steps_shown(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The progress lines on display, top to bottom."""
    found = [
        w
        for w in window.findChildren(QLabel)
        if w.objectName().startswith("result_step_") and w.isVisible()
    ]
    return [w.text() for w in sorted(found, key=lambda w: w.mapTo(window, QPoint(0, 0)).y())]


def test_the_progress_opens_on_the_latest_step(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    tn = str(tracking_number(DAY, 44))
    citizen.sync.statuses[tn] = platform_status(
        tn,
        [
            ("received", "2026-11-23T08:00:00Z"),
            ("in_review", "2026-11-23T08:30:00Z"),
            ("completed", "2026-11-23T09:00:00Z"),
        ],
        "gongan.id_card_renewal",
    )
    citizen.sync.id_last4[tn] = "002X"
    window.resize(1920, 1080)
    window.core.sessions.set_assisted(True)
    _largest_text(qtbot, window)
    window.resize(1920, 1080)
    start(window, qtbot, "track")
    type_number(window, qtbot, tn)
    click(qtbot, window, "btn_track_lookup")
    type_id_ending(window, qtbot, "002X")
    qtbot.waitUntil(lambda: "已办结" in text_of(window, "result_status"), timeout=5000)
    pages = window.current_page().steps.page_count()
    assert pages > 1  # the tightest case: the steps do not fit one page
    # Beside 当前状态：已办结, the step that says so, on a page that says which it is.
    shown = _steps_shown(window)
    assert shown and shown[-1].startswith("✓ 已办结"), shown
    assert text_of(window, "steps_page") == f"第 {pages}/{pages} 页"
    # The earlier steps are there by 上一页, in the order they happened.
    click(qtbot, window, "steps_prev")
    assert _steps_shown(window)[-1].startswith("✓ 审核中")
