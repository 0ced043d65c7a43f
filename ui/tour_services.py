"""Tour scenes for track, appointment & ticket, rate and feedback (see ui/tour.py).

Each scene reaches its screen the way a citizen would and waits for the
worker's answer, so the picture shows content rather than "please wait".
The tour runs without the network, so the track result is the offline view of
a status this kiosk saw earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.flow import Journey
from kiosk.services.citizen import citizen_services
from kiosk.tracking import TrackingNumber, normalize_kiosk_code
from ui.main_window import MainWindow
from ui.tour_apply import _click, _wait  # one way to tap and wait in every tour scene

SceneSetup = Callable[[MainWindow], None]


def _sample_number(w: MainWindow) -> TrackingNumber:
    code = normalize_kiosk_code(w.core.settings.kiosk.code) or "A7H3"
    return TrackingNumber(code, w.core.clock().astimezone().date(), 42)


def _track(w: MainWindow) -> None:
    w.core.start(Journey.TRACK)


def _track_result(w: MainWindow) -> None:
    services = citizen_services(w.core)
    tn = str(_sample_number(w))
    now = w.core.clock()
    service = (w.core.catalog.popular() or list(w.core.catalog.services) or [None])[0]
    if services is not None:
        received, accepted = now - dt.timedelta(hours=3), now - dt.timedelta(hours=1)
        doc = {
            "tracking_number": tn,
            "kind": "application",
            "service_id": service.id if service else None,
            "status": "accepted",
            "timeline": [
                {
                    "status": "received",
                    "at": received.isoformat(),
                    "note": {"zh": "申请已收到", "en": "Application received"},
                },
                {
                    "status": "accepted",
                    "at": accepted.isoformat(),
                    "note": {"zh": "材料齐全，已受理", "en": "Documents complete; accepted"},
                },
            ],
        }
        services.track.remember_status(tn, doc, now - dt.timedelta(minutes=25))
    w.core.start(Journey.TRACK)
    w.core.sessions.current.tracking_number = tn
    # As if the receipt had been scanned: the proof that shows the status kept here.
    w.core.sessions.current.tracking_receipt = w.core.backend.receipt_signer.signed_code(
        _sample_number(w)
    )
    w.core.next()
    w.show_screen()
    page = w.current_page()
    _wait(lambda: getattr(page, "view", None) is not None)


def _appointment(w: MainWindow) -> None:
    w.core.start(Journey.APPOINTMENT)
    w.core.next()  # identification is the apply journey's screen
    w.show_screen()
    services = citizen_services(w.core)
    depts = services.appointments.departments() if services else ()
    if depts:
        _click(w, f"dept_{depts[0].id}")


def _appointment_slots(w: MainWindow) -> None:
    _appointment(w)
    services = citizen_services(w.core)
    if services is None:
        return
    depts = services.appointments.departments()
    if not depts:
        return
    _click(w, "mode_book")
    days = services.appointments.bookable_days(depts[0])
    if days:
        _click(w, f"day_{days[-1]:%Y%m%d}")


def _ticket(w: MainWindow) -> None:
    services = citizen_services(w.core)
    w.core.start(Journey.APPOINTMENT)
    w.core.next()
    if services is not None:
        depts = services.appointments.departments()
        ticket = services.appointments.take_queue_ticket(depts[0]).ticket if depts else None
        if ticket is not None:
            services.appointments.remember(w.core.sessions.current.id, ticket)
            w.core.next()
    w.show_screen()
    page = w.current_page()
    _wait(lambda: getattr(page, "_print_key", "") not in ("", "svc.print.printing"))


def _rate(w: MainWindow) -> None:
    w.core.start(Journey.RATE)
    w.core.sessions.current.tracking_number = str(_sample_number(w))


def _rate_reason(w: MainWindow) -> None:
    _rate(w)
    w.show_screen()
    _click(w, "rate_dissatisfied")
    _click(w, "reason_waited_long")


def _feedback(w: MainWindow) -> None:
    w.core.start(Journey.FEEDBACK)


def _feedback_text(w: MainWindow) -> None:
    _feedback(w)
    w.show_screen()
    _click(w, "category_suggestion")
    _click(w, "phrase_more_kiosks")
    _click(w, "btn_keyboard")


def service_scenes() -> list[tuple[str, SceneSetup]]:
    """(name, setup) for every screen of these journeys, in journey order."""
    return [
        ("track", _track),
        ("track_result", _track_result),
        ("appointment", _appointment),
        ("appointment_slots", _appointment_slots),
        ("ticket", _ticket),
        ("rate", _rate),
        ("rate_reason", _rate_reason),
        ("feedback", _feedback),
        ("feedback_text", _feedback_text),
    ]
