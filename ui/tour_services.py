"""Tour scenes for track, appointment & ticket, rate and feedback (see ui/tour.py).

Each scene reaches its screen the way a citizen would and waits for the
worker's answer, so the picture shows content rather than "please wait".
The tour runs without the network, so the track result is the offline view of
a status this kiosk saw earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.flow import Journey, Screen
from kiosk.services.citizen import citizen_services
from kiosk.tracking import TrackingNumber, normalize_kiosk_code
from ui.main_window import MainWindow
from ui.staging import StagingError, settle, visible_button
from ui.tour_apply import Row, _click, _wait  # one way to tap and wait in every tour scene

SceneSetup = Callable[[MainWindow], None]


def _sample_number(w: MainWindow) -> TrackingNumber:
    code = normalize_kiosk_code(w.core.settings.kiosk.code) or "A7H3"
    return TrackingNumber(code, w.core.clock().astimezone().date(), 42)


def _track(w: MainWindow) -> None:
    w.core.start(Journey.TRACK)


def _track_last4(w: MainWindow) -> None:
    # The second step on the same pad, typed as a citizen types: its question, three
    # lines at 字号 4/4 on 1280x800, once pushed the keys' bottom row under the bottom
    # bar; the sweep staged only the first step (try-out 10, C8).
    _track(w)
    w.show_screen()
    for ch in str(_sample_number(w)).replace("-", ""):
        _click(w, f"key_{ch}")
    _click(w, "btn_track_lookup")
    page = w.current_page()
    _wait(w, lambda: getattr(page, "_typed_number", None) is not None, "the ID's last 4 asked")
    # The staging shows the screen again after this (a fresh pad, the first step): the
    # step is carried over it as a rebuild in a new text size carries it.
    w._carried = w._carry()


def _track_result(w: MainWindow) -> None:
    services = _services(w)
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
    _wait(w, lambda: getattr(page, "view", None) is not None, "the track result")


def _services(w: MainWindow):  # type: ignore[no-untyped-def]
    services = citizen_services(w.core)
    if services is None:
        raise StagingError("the citizen services are not wired")
    return services


def _departments(w: MainWindow):  # type: ignore[no-untyped-def]
    depts = _services(w).appointments.departments()
    if not depts:
        raise StagingError("no appointment departments configured")
    return depts


def _appointment(w: MainWindow) -> None:
    w.core.start(Journey.APPOINTMENT)
    w.core.next()  # identification is the apply journey's screen
    w.show_screen()
    # A screen built afresh lists its counters from a worker: wait for them (bounded).
    first = f"dept_{_departments(w)[0].id}"
    _wait(w, lambda: visible_button(w, first) is not None, "the counters listed")
    _click(w, first)


def _click_paged(w: MainWindow, name: str, pager: str) -> None:
    """Tap ``name``, turning the pager's pages until it shows (raises if it never does)."""
    for _ in range(20):
        settle()  # the pages laid out for the present size first
        if visible_button(w, name) is not None:
            break
        _click(w, f"{pager}_next")  # raises when there is no next page to turn to
    _click(w, name)


def _appointment_slots(w: MainWindow) -> None:
    _appointment(w)
    dept = _departments(w)[0]
    _click_paged(w, "mode_book", "appt")
    days = _services(w).appointments.bookable_days(dept)
    if not days:
        raise StagingError(f"no bookable days for {dept.id}")
    _click_paged(w, f"day_{days[-1]:%Y%m%d}", "appt")


def _appointment_confirm(w: MainWindow) -> None:
    # The last check before a booking is made: the counter and the time, whole (try-out 7,
    # E-i: cut in half in 长辈模式 at 字号 4/4 on 1080x1920). The first time listed.
    _appointment_slots(w)
    _wait(w, lambda: _first_slot(w) is not None, "the times listed")
    _click(w, _first_slot(w) or "")
    _wait(w, lambda: visible_button(w, "btn_confirm_booking") is not None, "the confirmation")


def _first_slot(w: MainWindow) -> str | None:
    """The object name of the first time on the page shown, if any."""
    from PySide6.QtWidgets import QAbstractButton

    for b in w.findChildren(QAbstractButton):
        if b.objectName().startswith("slot_") and b.isVisible():
            return b.objectName()
    return None


def _ticket(w: MainWindow) -> None:
    services = _services(w)
    w.core.start(Journey.APPOINTMENT)
    w.core.next()
    ticket = services.appointments.take_queue_ticket(_departments(w)[0]).ticket
    if ticket is None:
        raise StagingError("no queue ticket issued")
    services.appointments.remember(w.core.sessions.current.id, ticket)
    w.core.next()
    w.show_screen()
    page = w.current_page()
    _wait(
        w,
        lambda: getattr(page, "_print_key", "") not in ("", "svc.print.printing"),
        "the ticket printed",
    )


def _rate(w: MainWindow) -> None:
    w.core.start(Journey.RATE)
    w.core.sessions.current.tracking_number = str(_sample_number(w))


def _rate_reason(w: MainWindow) -> None:
    _rate(w)
    w.show_screen()
    _click_paged(w, "rate_dissatisfied", "levels")  # as pages at large text
    _click(w, "reason_waited_long")


def _rate_callback(w: MainWindow) -> None:
    _rate_reason(w)
    if w.core.sessions.current.assisted:
        _click(w, "btn_rate_next")  # 长辈模式 offers the call-back on a page of its own
    _click(w, "btn_callback_want")


def _feedback(w: MainWindow) -> None:
    w.core.start(Journey.FEEDBACK)


def _feedback_text(w: MainWindow) -> None:
    _feedback(w)
    w.show_screen()
    _click(w, "category_suggestion")
    _click_paged(w, "phrase_more_kiosks", "phrases")
    _click(w, "btn_keyboard")


def _feedback_reply(w: MainWindow) -> None:
    # The complaint's call-back number open: its keypad overflowed 1280x800 into a scroll
    # area when it shared the phrases' page (try-out 8, C12).
    _feedback(w)
    w.show_screen()
    _click(w, "category_complaint")
    _click_paged(w, "phrase_wait", "phrases")
    _click(w, "btn_feedback_next")
    _click(w, "btn_contact_want")


def service_scenes() -> list[Row]:
    """(name, setup, screen, visible widgets, assisted override) for these journeys."""
    return [
        ("track", _track, Screen.TRACK, ("btn_track_lookup",), None),
        ("track_last4", _track_last4, Screen.TRACK, ("btn_track_lookup", "key_X"), None),
        ("track_result", _track_result, Screen.TRACK_RESULT, ("btn_done",), None),
        ("appointment", _appointment, Screen.APPOINTMENT, (), None),
        ("appointment_slots", _appointment_slots, Screen.APPOINTMENT, (), None),
        (
            "appointment_confirm",
            _appointment_confirm,
            Screen.APPOINTMENT,
            ("appt_summary", "btn_confirm_booking"),
            None,
        ),
        ("ticket", _ticket, Screen.TICKET, ("btn_done",), None),
        ("rate", _rate, Screen.RATE, ("rate_satisfied",), None),
        (
            "rate_reason",
            _rate_reason,
            Screen.RATE,
            ("reason_waited_long", "btn_change_level"),
            None,
        ),
        (
            "rate_callback",
            _rate_callback,
            Screen.RATE,
            ("callback_keypad", "btn_submit_rating"),
            # 长辈模式: the number's page leads on to the consent, a question of its own.
            (Screen.RATE, ("callback_keypad", "btn_rate_next")),
        ),
        ("feedback", _feedback, Screen.FEEDBACK, ("category_suggestion",), None),
        ("feedback_text", _feedback_text, Screen.FEEDBACK, ("text_pad",), None),
        (
            "feedback_reply",
            _feedback_reply,
            Screen.FEEDBACK,
            ("contact_keypad", "btn_contact_consent", "btn_submit_feedback"),
            None,
        ),
    ]
