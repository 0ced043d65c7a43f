"""The booking's screen and its slip, printed at the same moment, say the same thing:
confirmed on both once the platform has accepted the booking (online), provisional on
both while it cannot be asked (offline)."""

from __future__ import annotations

import threading
import time

from drivers.printer.document import Document, KeyValue, Text, Title
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_bookings_truth import _shown, to_first_slot
from tests.ui.test_services_flow import click


def _slip_text(doc: Document) -> str:
    parts = []
    for b in doc.blocks:
        if isinstance(b, Text | Title):
            parts.append(b.text)
        elif isinstance(b, KeyValue):
            parts.append(f"{b.key} {b.value}")
    return "\n".join(parts)


def _capture(citizen) -> list[Document]:  # type: ignore[no-untyped-def]
    printed: list[Document] = []
    send = citizen.printer.print_document
    citizen.printer.print_document = lambda doc: (printed.append(doc), send(doc))[1]
    return printed


def _book(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    to_first_slot(window, qtbot)
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)


def test_online_booking_slip_and_screen_both_say_confirmed(window, qtbot, citizen, clock) -> None:  # type: ignore[no-untyped-def]
    printed = _capture(citizen)
    agent = citizen.sync
    agent.running = True  # a sync agent is delivering, and the platform answers

    def deliver() -> None:  # what the sync agent does a moment after the booking is stored
        deadline = time.monotonic() + 5
        while not citizen.outbox.list() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)
        [rec] = citizen.outbox.list()
        citizen.outbox.mark_delivered(rec.id, clock())

    threading.Thread(target=deliver, daemon=True).start()
    _book(window, qtbot)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    slip = _slip_text(printed[0])
    assert "平台已确认此预约" in slip and "待确认" not in slip
    qtbot.waitUntil(
        lambda: _shown(window, "ticket_heading") == "预约成功，平台已确认", timeout=3000
    )
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    assert "平台确认后预约才生效" not in _shown(window, "ticket_next")


def test_offline_booking_slip_and_screen_both_say_provisional(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    printed = _capture(citizen)
    citizen.sync.online = False
    citizen.sync.running = True
    _book(window, qtbot)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    slip = _slip_text(printed[0])
    assert "待确认" in slip and "平台已确认" not in slip
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    assert "待平台确认" in _shown(window, "ticket_heading")
    assert "预约成功" not in _shown(window, "ticket_heading")
