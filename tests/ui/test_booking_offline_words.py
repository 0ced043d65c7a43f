"""A booking made offline (try-out 13, C4), through the real window in both languages:
the screen said "type the booking number under Track to check" while the slip said
"this kiosk cannot tell you later … scan the QR code"; the bar said "applications upload
automatically" while the citizen was booking; and every time was offered as if free
with nothing said of it until the confirmation. Now the screen and the slip say the same
true thing (no one tells you; 查询 does, by the slip's QR or the number, and only
已确认 means it holds: what Track shows, tests/ui/test_booking_lookup_truth.py), the
bar's offline words are true of a booking, and the times' page says any may be full."""

from __future__ import annotations

import pytest

from drivers.printer.document import Document, KeyValue, Text, Title
from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_bookings_truth import _shown, to_first_slot
from tests.ui.test_services_flow import _button, click
from ui.i18n import tr

# What both the screen and the slip must say of checking a provisional booking.
SAME = {
    "zh": ("“查询”", "二维码", "预约编号", "“已确认”", "不会另行通知"),
    "en": ("under Track", "QR code", "booking number", '"Confirmed"', "No one will tell you"),
}


def _slip_text(doc: Document) -> str:
    parts = []
    for b in doc.blocks:
        if isinstance(b, Text | Title):
            parts.append(b.text)
        elif isinstance(b, KeyValue):
            parts.append(f"{b.key} {b.value}")
    return "\n".join(parts)


def _to_slots(window, qtbot, citizen, lang: str, online: bool) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = online
    if lang == "en":
        click(qtbot, window, "btn_lang")
    health = Health.OK if online else Health.FAULT
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, health, "platform"))
    to_first_slot(window, qtbot)
    click(qtbot, window, "btn_step_back")  # from the confirmation back to the times


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_offline_the_times_the_bar_the_screen_and_the_slip_say_one_true_thing(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang
) -> None:
    printed: list[Document] = []
    send = citizen.printer.print_document
    citizen.printer.print_document = lambda doc: (printed.append(doc), send(doc))[1]
    _to_slots(window, qtbot, citizen, lang, online=False)
    assert window.core.screen() == Screen.APPOINTMENT
    qtbot.waitUntil(
        lambda: _shown(window, "appt_message") == tr("appt.seats_unknown", lang), timeout=3000
    )
    bar = window.net_label.text()
    assert bar in (tr("status.offline", lang), tr("status.offline.short", lang))
    assert "申请" not in bar and "application" not in bar.lower(), bar  # not while booking
    click(qtbot, window, "slot_1000")
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    slip = _slip_text(printed[0])
    screen = _shown(window, "ticket_next")
    for words in SAME[lang]:  # a sentence's first word may be capitalised
        assert words.lower() in screen.lower(), (words, screen)
        assert words.lower() in slip.lower(), (words, slip)
    assert "cannot tell you later" not in slip and "本机无法另行通知" not in slip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_places_unknown_note_goes_once_the_platform_answers(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang
) -> None:
    _to_slots(window, qtbot, citizen, lang, online=False)
    unknown = tr("appt.seats_unknown", lang)
    qtbot.waitUntil(lambda: _shown(window, "appt_message") == unknown, timeout=3000)
    from kiosk.services.citizen import citizen_services

    appts = citizen_services(window.core).appointments  # type: ignore[union-attr]
    # The link is back and the platform answers: no time is full (the citizen fixture
    # has no platform of its own).
    appts._remaining = lambda _dept, _day: {}
    citizen.sync.online = True
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
    qtbot.waitUntil(lambda: _shown(window, "appt_message") != unknown, timeout=3000)
    assert _button(window, "slot_1000") is not None
