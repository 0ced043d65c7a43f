"""Issue #14 (try-out 5, item 2): the same person asking again for the same counter the
same day is shown the number they hold (with 重新打印), not given a second one that
puts them in the line behind themselves."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Journey, Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_services_flow import click, text_of


def _queue_number(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """预约取号 with an identity already proven, 户政窗口, 现场取号: taps on the real window."""
    window.core.start(Journey.APPOINTMENT)
    window.core.sessions.current.set_identity(manual_identity())
    window.core.next()
    window.show_screen()
    qtbot.waitUntil(
        lambda: window.findChild(QAbstractButton, "dept_gongan.huzheng") is not None,
        timeout=3000,
    )
    click(qtbot, window, "dept_gongan.huzheng")
    click(qtbot, window, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)


def _tickets(citizen) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return [r for r in citizen.records() if r.get("type") == "queue_ticket"]


def test_a_second_request_shows_the_number_held(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _queue_number(window, qtbot)
    assert text_of(window, "ticket_number") == "1-A001"
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "ticket_print_state"), timeout=3000)
    [first] = _tickets(citizen)
    assert first["applicant"]["document_number"] == manual_identity().document_number
    click(qtbot, window, "btn_done")  # the citizen leaves, and comes back
    slips = sorted(citizen.printed_dir.glob("*.png"))

    _queue_number(window, qtbot)
    assert text_of(window, "ticket_number") == "1-A001"  # the number they hold
    qtbot.waitUntil(lambda: "没有重复取号" in text_of(window, "ticket_print_state"), timeout=3000)
    assert len(_tickets(citizen)) == 1  # no second place in the line
    qtbot.wait(100)
    assert sorted(citizen.printed_dir.glob("*.png")) == slips  # nothing printed unasked
    click(qtbot, window, "btn_reprint")  # asked: the same number on paper again
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "ticket_print_state"), timeout=3000)
    assert len(sorted(citizen.printed_dir.glob("*.png"))) == len(slips) + 1
    assert len(_tickets(citizen)) == 1


def test_another_person_gets_the_next_number(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _queue_number(window, qtbot)
    click(qtbot, window, "btn_done")
    window.core.start(Journey.APPOINTMENT)
    other = replace(manual_identity(), document_number="110105195505060021")
    window.core.sessions.current.set_identity(other)
    window.core.next()
    window.show_screen()
    click(qtbot, window, "dept_gongan.huzheng")
    click(qtbot, window, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert text_of(window, "ticket_number") == "1-A002"
    assert "没有重复取号" not in text_of(window, "ticket_print_state")
