"""The platform reads and shows tracking numbers as the citizen's receipt does (try-out 7,
C-f): a number copied from a new receipt (check character apart) finds what the kiosk
sent (check glued), an older receipt's form still does, and the console and the status
page show the form the citizen holds. The kiosk's rule, checked against the platform's."""

from __future__ import annotations

import datetime as dt

from central.console.audit import Entry, search
from central.console.cases import cases
from central.tracking_text import shown_form, stored_form
from kiosk.tracking import TrackingNumber, shown_tracking_number

TN = str(TrackingNumber("M001", dt.date(2026, 12, 7), 1))  # M001-261207-0001 + check


def test_the_platform_and_the_kiosk_show_and_read_a_number_alike() -> None:
    shown = shown_tracking_number(TN)
    assert shown != TN and shown_form(TN) == shown
    assert stored_form(shown) == TN == stored_form(TN)
    assert stored_form(shown.lower()) == TN
    for seq in (9, 10, 12345, 999999):
        tn = str(TrackingNumber("A7H3", dt.date(2026, 11, 23), seq))
        assert shown_form(tn) == shown_tracking_number(tn)
        assert stored_form(shown_form(tn)) == tn
    for other in ("A7H3-S1", "A012", "", "kiosk-01"):  # not a tracking number: as it is
        assert shown_form(other) == other and stored_form(other) == other


def test_the_audit_search_finds_a_number_in_either_printed_form() -> None:
    entry = Entry("M001", 1, "2026-12-07T02:00:00Z", "print_failed", {"tn": TN}, "0", "0")
    other = Entry("M001", 2, "2026-12-07T02:01:00Z", "print_failed", {"tn": "x"}, "0", "0")
    for typed in (TN, shown_tracking_number(TN)):
        assert search([entry, other], "", typed) == [entry]


def test_the_cases_page_shows_the_number_as_the_receipt_does() -> None:
    row = {
        "idempotency_key": "k",
        "received_at": "2026-12-07T02:00:00Z",
        "tracking_number": TN,
        "kiosk_id": "M001",
        "body": {"payload": {"level": 1, "label": "very_dissatisfied"}},
    }
    (case,) = cases([row], [], {}, dt.date(2026, 12, 7))
    assert case.tracking_number == shown_tracking_number(TN)
