"""Tracking: what a scan or a typed number amounts to, and where the status comes from."""

from __future__ import annotations

import datetime as dt
import json
import threading

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.payloads import sign_appointment, sign_receipt
from kiosk.services.track import LookupProblem, StatusSource, TrackService
from kiosk.tracking import TrackingNumber
from offline_cache.outbox_protocol import RecordKind
from tests.support.citizen_backend import CitizenBackend, platform_status, tracking_number
from tests.unit.services.citizen_fixtures import (  # noqa: F401  (fixtures)
    Clock,
    backend_fixture,
    clock_fixture,
    utc_local_time_fixture,
)

DAY = dt.date(2026, 11, 23)


def service(backend: CitizenBackend, clock: Clock, wait: float = 2.0) -> TrackService:
    return TrackService(backend, clock, "A7H3", status_wait_s=wait)


def receipt(backend: CitizenBackend, tn: TrackingNumber) -> str:
    """The signed code of this kiosk's receipt for ``tn`` (what a scan proves)."""
    return backend.receipt_signer.signed_code(tn)


def test_own_receipt_code_is_accepted(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    code = backend.receipt_signer.code_for(tn)
    lookup = service(backend, clock).check_text(code.encode())
    assert lookup.ok and lookup.tracking == tn


def test_forged_receipt_is_refused_calmly(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    forged = sign_receipt(tn, Ed25519PrivateKey.generate())
    lookup = service(backend, clock).check_text(forged)
    assert not lookup.ok and lookup.problem is LookupProblem.FORGED
    assert lookup.tracking is None  # a forged code must not reveal or use its number


def test_tampered_receipt_number_is_refused(backend: CitizenBackend, clock: Clock) -> None:
    code = backend.receipt_signer.code_for(tracking_number(DAY, 42))
    other = tracking_number(DAY, 43).compact
    tampered = code.replace(tracking_number(DAY, 42).compact, other)
    assert service(backend, clock).check_text(tampered).problem is LookupProblem.FORGED


def test_truncated_receipt_is_damaged(backend: CitizenBackend, clock: Clock) -> None:
    code = backend.receipt_signer.code_for(tracking_number(DAY))
    assert service(backend, clock).check_text(code[:-10]).problem is LookupProblem.DAMAGED


def test_receipt_from_unknown_kiosk(backend: CitizenBackend, clock: Clock) -> None:
    from kiosk.tracking import TrackingNumber

    foreign = sign_receipt(TrackingNumber("C9F1", DAY, 7), Ed25519PrivateKey.generate())
    assert service(backend, clock).check_text(foreign).problem is LookupProblem.UNKNOWN_KIOSK


def test_other_codes_are_not_receipts(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)
    appt = sign_appointment("ABC123", DAY, Ed25519PrivateKey.generate())
    assert svc.check_text(appt).problem is LookupProblem.NOT_A_RECEIPT
    assert svc.check_text("https://example.gov.cn/x").problem is LookupProblem.NOT_A_RECEIPT
    assert svc.check_text(bytes([0xFF, 0x00, 0x81]) * 30).problem is LookupProblem.UNREADABLE
    assert svc.check_text("x" * 300).problem is LookupProblem.UNREADABLE


def test_bare_number_scanned_or_typed(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)
    tn = tracking_number(DAY)
    assert svc.check_text(str(tn)).tracking == tn
    assert svc.check_typed(str(tn).lower().replace("0", "o")).tracking == tn
    wrong = str(tn)[:-1] + ("A" if str(tn)[-1] != "A" else "C")
    assert svc.check_typed(wrong).problem is LookupProblem.WRONG_CHECK  # said exactly (C7)
    assert svc.check_text(wrong).problem is LookupProblem.WRONG_CHECK


def test_fresh_status_builds_timeline_and_is_cached(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    backend.sync.statuses[str(tn)] = platform_status(
        str(tn),
        [("received", "2026-11-23T09:00:00Z"), ("accepted", "2026-11-23T09:30:00Z")],
        "gongan.id_card_renewal",
    )
    view = service(backend, clock).fetch_status(tn, receipt_code=receipt(backend, tn))
    assert view.source is StatusSource.PLATFORM
    assert view.status == "accepted" and not view.final
    assert [(s.status, s.done) for s in view.steps] == [
        ("received", True),
        ("accepted", True),
        ("in_review", False),
        ("completed", False),
    ]
    assert view.steps[1].at == dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    assert view.steps[0].note("en") == "received note"
    cached = backend.status_cache.get(str(tn))
    assert cached is not None and json.loads(cached.status_json)["status"] == "accepted"


def test_offline_shows_cached_status_with_its_age(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    backend.sync.statuses[str(tn)] = platform_status(
        str(tn), [("received", "2026-11-23T09:00:00Z")], "x"
    )
    svc = service(backend, clock)
    fetched_at = clock()
    svc.fetch_status(tn, receipt_code=receipt(backend, tn))
    backend.sync.online = False
    clock.advance(minutes=95)
    view = svc.fetch_status(tn, receipt_code=receipt(backend, tn))
    assert view.source is StatusSource.CACHE
    assert view.status == "received"
    assert view.fetched_at == fetched_at
    assert view.age(clock()) == dt.timedelta(minutes=95)


def test_hung_platform_falls_back_to_cache_in_bounded_time(
    backend: CitizenBackend, clock: Clock
) -> None:
    tn = tracking_number(DAY)
    backend.status_cache.put(
        str(tn), json.dumps(platform_status(str(tn), [("in_review", "x")], "s")).encode(), clock()
    )
    backend.sync.silent = True
    view = service(backend, clock, wait=0.05).fetch_status(tn, receipt_code=receipt(backend, tn))
    assert view.source is StatusSource.CACHE and view.status == "in_review"


def test_unanswered_lookups_leave_nothing_behind(backend: CitizenBackend, clock: Clock) -> None:
    # A kiosk runs for days through network cuts: every number asked while the
    # platform is silent must be forgotten once the wait is over.
    backend.sync.silent = True
    svc = service(backend, clock, wait=0.01)
    for _ in range(3):
        tn = tracking_number(DAY)
        view = svc.fetch_status(tn, receipt_code=receipt(backend, tn))
        assert view.source is not StatusSource.PLATFORM
    assert svc._waiters == {}


def test_no_platform_and_nothing_known(backend: CitizenBackend, clock: Clock) -> None:
    backend.sync = None
    view = service(backend, clock).fetch_status(
        tracking_number(DAY), receipt_code=receipt(backend, tracking_number(DAY))
    )
    assert view.source is StatusSource.UNAVAILABLE and not view.has_status


def test_application_still_in_outbox_is_reported_as_waiting(
    backend: CitizenBackend, clock: Clock
) -> None:
    tn = tracking_number(DAY)
    backend.outbox.enqueue(RecordKind.APPLICATION, b"{}", str(tn), clock())
    backend.sync.online = False
    view = service(backend, clock).fetch_status(tn, receipt_code=receipt(backend, tn))
    assert view.source is StatusSource.LOCAL and view.status == "queued"
    backend.sync.online = True  # the platform has not got it yet either
    assert (
        service(backend, clock).fetch_status(tn, receipt_code=receipt(backend, tn)).source
        is StatusSource.LOCAL
    )


def test_unknown_number_online(backend: CitizenBackend, clock: Clock) -> None:
    view = service(backend, clock).fetch_status(
        tracking_number(DAY, 9), receipt_code=receipt(backend, tracking_number(DAY, 9))
    )
    assert view.source is StatusSource.NOT_FOUND


def test_scanner_delivers_checked_lookups(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)
    got: list[object] = []
    seen = threading.Event()

    def on_lookup(lookup: object) -> None:
        got.append(lookup)
        seen.set()

    svc.start_scan(on_lookup)
    try:
        backend.scanner.present(backend.receipt_signer.code_for(tracking_number(DAY)))
        assert seen.wait(5)
    finally:
        svc.stop_scan()
    assert got[0].ok  # type: ignore[attr-defined]


def test_status_slip_prints_with_steps(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    backend.sync.statuses[str(tn)] = platform_status(
        str(tn), [("received", "2026-11-23T09:00:00Z")], "s"
    )
    svc = service(backend, clock)
    view = svc.fetch_status(tn, receipt_code=receipt(backend, tn))
    result = svc.print_slip(
        view, "zh", "居民身份证换领", lambda c: {"received": "已受理"}.get(c, c)
    )
    assert result.printed
    assert list(backend.printed_dir.glob("*.png"))
    backend.printer.paper_out()
    failed = svc.print_slip(view, "zh", "x", str)
    assert not failed.printed


def test_scanning_takes_the_camera_over_from_another_screen(
    backend: CitizenBackend, clock: Clock
) -> None:
    stale: list[object] = []
    backend.scanner.start(stale.append)  # e.g. the e-ID screen left it running
    got: list[object] = []
    seen = threading.Event()
    svc = service(backend, clock)
    svc.start_scan(lambda lookup: (got.append(lookup), seen.set()))
    try:
        backend.scanner.present(str(tracking_number(DAY)))
        assert seen.wait(5)
    finally:
        svc.stop_scan()
    assert got and not stale


def test_a_scanned_receipt_carries_its_code_as_proof(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    lookup = service(backend, clock).check_text(backend.receipt_signer.code_for(tn))
    assert lookup.ok and lookup.receipt_code == receipt(backend, tn)
    assert not lookup.needs_id_last4
    typed = service(backend, clock).check_typed(str(tn))
    assert typed.ok and typed.needs_id_last4 and typed.receipt_code is None


def test_a_bare_number_reveals_nothing_and_is_not_even_asked(
    backend: CitizenBackend, clock: Clock
) -> None:
    tn = tracking_number(DAY)
    backend.sync.statuses[str(tn)] = platform_status(str(tn), [("received", "x")], "s")
    backend.status_cache.put(str(tn), json.dumps({"status": "received"}).encode(), clock())
    view = service(backend, clock).fetch_status(tn)
    assert view.source is StatusSource.NOT_FOUND and not view.has_status
    # Asked only whether it is a complaint's number (no identity to prove): the
    # platform answers that for a complaint alone (try-out 8, C19).
    assert [p.no_identity for _tn, p in backend.sync.asked if p is not None] == [True]


def test_typed_number_with_the_id_ending(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    backend.sync.statuses[str(tn)] = platform_status(str(tn), [("received", "x")], "s")
    backend.sync.id_last4[str(tn)] = "002X"
    svc = service(backend, clock)
    assert svc.fetch_status(tn, id_last4="002x").source is StatusSource.PLATFORM
    wrong = svc.fetch_status(tn, id_last4="0021")
    assert wrong.source is StatusSource.NOT_FOUND and not wrong.has_status
    # Offline, the status cached by the first lookup is not shown for a typed ending:
    # only the platform can check it.
    backend.sync.online = False
    assert svc.fetch_status(tn, id_last4="002X").source is StatusSource.UNAVAILABLE
    assert svc.fetch_status(tn, receipt_code=receipt(backend, tn)).source is StatusSource.CACHE


def test_waiting_here_is_said_only_to_the_applicant(backend: CitizenBackend, clock: Clock) -> None:
    tn = tracking_number(DAY)
    body = {"applicant": {"document_number": "11010519491231002X"}}
    backend.outbox.enqueue(RecordKind.APPLICATION, json.dumps(body).encode(), str(tn), clock())
    backend.sync.online = False
    svc = service(backend, clock)
    assert svc.fetch_status(tn, id_last4="002X").source is StatusSource.LOCAL
    assert svc.fetch_status(tn, id_last4="1234").source is StatusSource.UNAVAILABLE


def test_the_id_ending_is_four_letters_or_digits() -> None:
    from kiosk.services.track import normalize_last4

    assert normalize_last4(" 00 2x") == "002X"
    assert normalize_last4("002") is None
    assert normalize_last4("00-2X") is None
