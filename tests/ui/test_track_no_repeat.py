"""The track result says a status once: a platform note that only repeats the status
name ("审核中" under "✓ 审核中") is not shown again; a note that says more is."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.support.citizen_backend import platform_status, tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import visible_texts
from tests.ui.test_services_flow import (
    DAY,
    click,
    start,
    text_of,
    type_id_ending,
    type_number,
)


def test_a_note_that_repeats_the_status_is_not_shown_twice(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    tn = str(tracking_number(DAY, 43))
    status = platform_status(
        tn,
        [("received", "2026-11-23T08:00:00Z"), ("in_review", "2026-11-23T09:00:00Z")],
        "gongan.id_card_renewal",
    )
    status["timeline"][1]["note"] = {"zh": "审核中", "en": "In review"}
    citizen.sync.statuses[tn] = status
    citizen.sync.id_last4[tn] = "002X"
    start(window, qtbot, "track")
    type_number(window, qtbot, tn)
    click(qtbot, window, "btn_track_lookup")
    type_id_ending(window, qtbot, "002X")
    qtbot.waitUntil(lambda: "审核中" in text_of(window, "result_status"), timeout=3000)
    steps = " ".join(
        w.text()
        for w in window.findChildren(QLabel)
        if w.isVisible() and w.objectName().startswith(("result_step_", "platform_note_"))
    )
    assert steps.count("审核中") == 1, steps
    assert "received 说明" in " ".join(visible_texts(window))  # a note with news still shows
