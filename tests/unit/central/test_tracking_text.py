"""The platform reads and shows tracking numbers as the citizen's receipt does (try-out 7,
C-f): a number copied from a new receipt (check character apart) finds what the kiosk
sent (check glued), an older receipt's form still does, and the console and the status
page show the form the citizen holds. The kiosk's rule, checked against the platform's."""

from __future__ import annotations

import datetime as dt

from central.console.audit import Entry, search
from central.console.cases import cases
from central.console.lookup import found
from central.console.views import mask_name as console_mask_name
from central.tracking_text import shown_form, stored_form, typed_number
from kiosk.identity import mask_name
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


def test_a_typed_number_is_read_in_either_form_however_it_was_typed() -> None:
    """受理查询 (try-out 17, K1): staff type the number from the receipt or as a citizen
    reads it out; each of these is the one application."""
    shown = shown_tracking_number(TN)  # M001-261207-0001-?
    typed = [shown, TN, shown.lower(), f"  {shown} ", shown.replace("-", " - ")]
    # Spaces instead of the hyphens, as the page's hint allows (try-out 18, K1).
    typed += [shown.replace("-", " "), TN.replace("-", " "), shown.replace("-", "  ", 1)]
    typed.append(shown.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-M"}))  # 全角
    assert {typed_number(t) for t in typed} == {TN}
    others = ("", "M001", "M001-261207", "hello", "M001-2612070-0001-0", "110101199003071234")
    for other in (*others, "M001 261207", "M001--261207-0001-0"):
        assert typed_number(other) is None, other


def test_the_lookup_shows_an_application_masked_with_its_history() -> None:
    """What the 受理查询 page is made of: the service and papers by the catalog's names,
    the applicant masked, late delivery said, the history in the page's language."""
    record = {
        "kind": "application",
        "tracking_number": TN,
        "kiosk_id": "M001",
        "received_at": "2026-12-07T02:30:00+00:00",
        "body": {
            "payload": {
                "service_id": "s1",
                "service_name": "旧名称",
                "submitted_at": "2026-12-07T10:00:00+08:00",
                "applicant": {"full_name": "王小明", "document_number": "110101199003071234"},
                "identity_verified": False,
                "attachments": [{"material_index": 0}, {"material_index": 0}],
            }
        },
    }
    services = {"s1": {"name": {"en": "Card"}, "materials": [{"name": {"en": "Photo"}}]}}
    history = {"timeline": [{"status": "received", "at": "x", "note": {"en": "Got it"}}]}
    item = found(record, history, services, "en")
    assert (item.number, item.service) == (shown_tracking_number(TN), "Card")
    assert (item.applicant, item.document) == ("王*明", "110101********1234")
    assert item.identity_read is False and item.materials == [("Photo", 2)]
    assert item.late_min == 30 and [s.words for s in item.steps] == ["Got it"]
    on_time = found({**record, "received_at": "2026-12-07T02:00:30Z"}, None, {}, "zh")
    assert on_time.late_min is None and on_time.service == "旧名称" and not on_time.steps


def test_the_console_masks_a_name_as_the_kiosk_and_the_receipt_do() -> None:
    """Try-out 18, K2: the console showed 王** where the kiosk and the receipt show 王*明;
    staff comparing the two must read the same letters. The platform's copy of the rule,
    checked against the kiosk's."""
    names = ["王小明", "李四", "王", "欧阳娜娜", " 张三丰 ", "WANG XIAOMING", "ERIKSSON ANNA MARIA"]
    names += ["MADONNA", "", "Li Xiulan"]
    for name in names:
        assert console_mask_name(name) == mask_name(name), name
