"""A complaint through the real window (tryout finding 10): the term stated is the
platform's own 整改回访 rule (sent with the catalog, the number the console counts by),
the complaint has its own reference number on screen, and a phone number for the
call-back is optional, with consent."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from central.console.cases import FOLLOW_UP_WORKING_DAYS
from kiosk.tracking import shown_tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_ratings_contact import _type_phone
from tests.ui.test_services_flow import click, start, text_of


def _complain(  # type: ignore[no-untyped-def]
    window, qtbot, *, phone: str | None = None, category: str = "complaint", phrase: str = "wait"
) -> str:
    start(window, qtbot, "feedback")
    click(qtbot, window, f"category_{category}")
    click(qtbot, window, f"phrase_{phrase}")
    click(qtbot, window, "btn_feedback_next")  # the offer of a reply: its own page
    if phone:
        click(qtbot, window, "btn_contact_want")
        _type_phone(window, qtbot, phone)
        click(qtbot, window, "btn_contact_consent")
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    return text_of(window, "feedback_thanks")


def test_offline_complaint_states_the_platform_term_and_a_reference(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False
    thanks = _complain(window, qtbot)
    assert f"{FOLLOW_UP_WORKING_DAYS} 个工作日内处理" in thanks  # no number: no 回访 (C3)
    assert "无法回访" in thanks
    assert "平台收到后" in thanks and "已保存在本机" in thanks  # not yet with anyone
    [rec] = citizen.records()
    reference = shown_tracking_number(rec["tracking_number"])  # as the console writes it
    assert reference and f"投诉编号：{reference}" in thanks
    click(qtbot, window, "btn_lang")
    english = text_of(window, "feedback_thanks")
    assert f"within {FOLLOW_UP_WORKING_DAYS} working days" in english
    assert f"Complaint number: {reference}" in english


def test_complaint_with_a_call_back_number(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    thanks = _complain(window, qtbot, phone="13900001111")
    assert "139****1111" in thanks and "投诉编号" in thanks
    [rec] = citizen.records()
    assert rec["contact"]["phone"] == "13900001111" and rec["contact"]["consent"]


def test_a_suggestion_promises_no_term(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    thanks = _complain(window, qtbot, category="suggestion", phrase="more_kiosks")
    assert "工作日" not in thanks and "投诉编号" not in thanks
