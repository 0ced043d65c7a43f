"""One written form of a number everywhere a citizen or staff reads it (try-out 8, C13 +
K2): the booking slip said M001-261207-0002-H and the 查询 result M001-261207-0002H, the
查询 example was A7H3-261123-0042X, the complaint number M001-261207-00037 on the kiosk
and M001-261207-0003-7 on the console. Through the real window: what is shown is
``shown_tracking_number`` (the console's ``shown_form``), and a number typed in the
other form is still the same number."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

from central.tracking_text import shown_form
from kiosk.tracking import parse_tracking_number, shown_tracking_number
from tests.support.citizen_backend import platform_status, tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_services_flow import (
    DAY,
    _button,
    click,
    start,
    text_of,
    type_id_ending,
    type_number,
)


def test_the_track_example_is_a_number_in_the_shown_form(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    for lang in ("zh", "en"):
        window.core.sessions.set_language(lang)
        start(window, qtbot, "track")
        [example] = re.findall(
            r"[0-9A-Z]{4}-[0-9]{6}-[0-9A-Z-]+", text_of(window, "track_number_text")
        )
        assert parse_tracking_number(example) is not None, example  # a real number
        assert shown_tracking_number(example) == example  # written as receipts write it
        click(qtbot, window, "btn_home")


def test_a_booking_looked_up_reads_as_its_slip(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    tn = str(tracking_number(DAY, 2))  # stored with the check character glued on
    status = platform_status(tn, [("confirmed", "2026-11-23T08:00:00Z")], "")
    status["kind"] = "appointment"
    status["booking"] = {
        "department_id": "minzheng.hunyin",
        "slot_start": "2026-11-24T10:00:00",
        "slot_end": "2026-11-24T10:30:00",
    }
    citizen.sync.statuses[tn] = status
    citizen.sync.id_last4[tn] = "002X"
    start(window, qtbot, "track")
    type_number(window, qtbot, tn)  # typed as the old glued form: still the number
    click(qtbot, window, "btn_track_lookup")
    type_id_ending(window, qtbot, "002X")
    qtbot.waitUntil(lambda: "预约编号" in text_of(window, "result_number"), timeout=3000)
    shown = shown_tracking_number(tn)
    assert shown != tn and shown.endswith(f"-{tn[-1]}")
    assert text_of(window, "result_number") == f"预约编号：{shown}"


def test_a_complaint_number_reads_as_the_console_lists_it(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    if _button(window, "btn_feedback_next") is not None:  # the offer of a reply
        click(qtbot, window, "btn_feedback_next")
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    stored = rec["tracking_number"]
    console = shown_form(stored)  # the console's cases page (central/console/cases.py)
    assert console != stored
    thanks = text_of(window, "feedback_thanks")
    assert f"投诉编号：{console}" in thanks and stored not in thanks
