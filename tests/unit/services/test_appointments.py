"""Appointments and queue tickets: catalog departments, slots, durable numbers, records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from kiosk.catalog import parse_appointment_departments
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.payloads import parse_payload
from kiosk.services.appointments import AppointmentService, QueuePosition, Refusal, TicketKind
from kiosk.services.citizen import bundled_appointment_departments
from kiosk.tracking import shown_tracking_number
from offline_cache.memory_caches import MemorySequences
from tests.support.citizen_backend import CitizenBackend
from tests.unit.services.citizen_fixtures import (  # noqa: F401  (fixtures)
    Clock,
    backend_fixture,
    clock_fixture,
    utc_local_time_fixture,
)

DEPTS = bundled_appointment_departments()


def service(backend: CitizenBackend, clock: Clock, sequences: MemorySequences | None = None):  # type: ignore[no-untyped-def]
    return AppointmentService(backend, lambda: DEPTS, sequences or backend.sequences, clock, "A7H3")


def identity() -> Identity:
    return Identity(
        DocumentType.RESIDENT_ID,
        "110105194912310021",
        "张",
        "三丰",
        dt.date(1949, 12, 31),
        Sex.MALE,
        "CHN",
        None,
        IdentitySource.MANUAL,
    )


def test_bundled_catalog_has_departments_with_hours() -> None:
    assert [d.id for d in DEPTS][:2] == ["gongan.huzheng", "minzheng.hunyin"]
    huzheng = DEPTS[0]
    assert huzheng.name.zh == "户政窗口" and huzheng.capacity == 4
    slots = huzheng.slots(dt.date(2026, 11, 23))
    assert slots[0].label() == "09:00-09:30" and slots[-1].label() == "16:30-17:00"
    assert huzheng.slots(dt.date(2026, 11, 29)) == ()  # Sunday: closed


def test_malformed_department_is_skipped() -> None:
    doc = {
        "appointment_departments": [
            {"id": "bad", "hours": {"start": "nine"}},
            {
                "id": "ok",
                "name": {"zh": "窗口", "en": "Counter"},
                "hours": {"start": "09:00", "end": "10:00"},
            },
        ]
    }
    assert [d.id for d in parse_appointment_departments(doc)] == ["ok"]
    assert parse_appointment_departments(None) == ()


def test_queue_numbers_count_per_department_and_day(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)
    a1 = svc.take_queue_ticket(DEPTS[0]).ticket
    a2 = svc.take_queue_ticket(DEPTS[0]).ticket
    b1 = svc.take_queue_ticket(DEPTS[1]).ticket
    assert a1 and a2 and b1
    assert (a1.number, a2.number, b1.number) == ("A7H3-A001", "A7H3-A002", "A7H3-B001")
    assert a1.kind is TicketKind.QUEUE
    clock.advance(days=1)  # Tuesday: numbering starts again
    assert svc.take_queue_ticket(DEPTS[0]).ticket.number == "A7H3-A001"  # type: ignore[union-attr]


def test_queue_numbers_survive_a_restart(tmp_path, clock: Clock, backend: CitizenBackend) -> None:  # type: ignore[no-untyped-def]
    from offline_cache.db import Database
    from offline_cache.sqlite_caches import SqliteSequences

    path = tmp_path / "seq.sqlite3"
    db = Database(path)
    assert (
        service(backend, clock, SqliteSequences(db)).take_queue_ticket(DEPTS[0]).ticket.number
        == "A7H3-A001"
    )  # type: ignore[arg-type,union-attr]
    db.close()
    db2 = Database(path)
    try:
        again = service(backend, clock, SqliteSequences(db2)).take_queue_ticket(DEPTS[0])  # type: ignore[arg-type]
        assert again.ticket is not None and again.ticket.number == "A7H3-A002"
    finally:
        db2.close()


def test_queue_ticket_is_an_outbox_record(backend: CitizenBackend, clock: Clock) -> None:
    service(backend, clock).take_queue_ticket(DEPTS[0], "gongan.hukou_move")
    [rec] = backend.records()
    assert rec["kind"] == "appointment" and rec["type"] == "queue_ticket"
    assert rec["department_id"] == "gongan.huzheng" and rec["number"] == "A7H3-A001"
    assert backend.sync.wakes == 1


def test_no_walk_in_ticket_outside_hours(backend: CitizenBackend, clock: Clock) -> None:
    clock.now = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)
    svc = service(backend, clock)
    assert not svc.can_queue_now(DEPTS[0])
    result = svc.take_queue_ticket(DEPTS[0])
    assert result.ticket is None and result.refusal is Refusal.CLOSED_NOW
    assert backend.records() == []


def test_open_slots_leave_time_to_walk_over(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)  # Monday 10:00
    today = svc.open_slots(DEPTS[0], dt.date(2026, 11, 23))
    assert today[0].label() == "10:30-11:00"  # 10:00 starts now, too late
    days = svc.bookable_days(DEPTS[1])
    assert days[0] == dt.date(2026, 11, 23) and dt.date(2026, 11, 28) not in days  # Sat closed


def test_booking_is_durable_signed_and_carries_the_slot(
    backend: CitizenBackend, clock: Clock
) -> None:
    svc = service(backend, clock)
    slot = svc.open_slots(DEPTS[1], dt.date(2026, 11, 24))[2]
    result = svc.book(DEPTS[1], slot, identity(), "minzheng.marriage_appointment")
    ticket = result.ticket
    assert ticket is not None and ticket.kind is TicketKind.APPOINTMENT
    assert ticket.tracking_number and ticket.number == ticket.tracking_number  # not "10:00"
    [rec] = backend.records()
    assert rec["slot_start"] == "2026-11-24T10:00" and rec["department_id"] == "minzheng.hunyin"
    assert rec["tracking_number"] == ticket.tracking_number
    assert rec["applicant"]["document_number"] == "110105194912310021"
    scanned = parse_payload(ticket.qr_payload or "", backend.verification_keys)
    assert scanned.ok and str(scanned.tracking) == ticket.tracking_number
    # The slip's code is the proof for a status lookup: the platform gets its hash.
    code = (scanned.receipt_code or "").encode()
    assert rec["receipt_code_sha256"] == hashlib.sha256(code).hexdigest()


def test_booking_a_past_or_foreign_slot_is_refused(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)
    past = DEPTS[0].slots(dt.date(2026, 11, 23))[0]
    assert svc.book(DEPTS[0], past, None).refusal is Refusal.SLOT_PASSED
    foreign = DEPTS[2].slots(dt.date(2026, 11, 24))[1]  # 20-minute slots: not the registry's
    assert svc.book(DEPTS[1], foreign, None).refusal is Refusal.NOT_OFFERED
    assert backend.records() == []


def test_ticket_prints_and_paper_out_is_reported(backend: CitizenBackend, clock: Clock) -> None:
    svc = service(backend, clock)
    ticket = svc.take_queue_ticket(DEPTS[0]).ticket
    assert ticket is not None
    assert svc.print_ticket(ticket, "zh").printed
    backend.printer.paper_out()
    result = svc.print_ticket(ticket, "en")
    assert not result.printed and result.printer_state is not None
    # The number was issued and recorded before printing: nothing lost when paper runs out.
    assert len(backend.records()) == 1


def test_ticket_hand_over_is_per_session(backend: CitizenBackend, clock: Clock) -> None:
    import uuid

    svc = service(backend, clock)
    ticket = svc.take_queue_ticket(DEPTS[0]).ticket
    assert ticket is not None
    mine, other = uuid.uuid4(), uuid.uuid4()
    svc.remember(mine, ticket)
    assert svc.last_ticket(mine) is ticket and svc.last_ticket(other) is None


def test_departments_prefer_the_downloaded_catalog(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.citizen import departments_from_backend
    from offline_cache.memory_caches import MemoryCatalogCache

    class B:
        catalog_cache = MemoryCatalogCache()

    assert departments_from_backend(B()) == DEPTS  # nothing downloaded: shipped snapshot
    doc = {"appointment_departments": [
        {"id": "new", "name": "新窗口", "hours": {"start": "08:00", "end": "12:00"}}
    ]}  # fmt: skip
    B.catalog_cache.save(json.dumps(doc).encode(), None, dt.datetime.now(dt.UTC))
    assert [d.id for d in departments_from_backend(B())] == ["new"]


def test_seats_come_from_the_platform_only_when_it_can_be_asked(
    backend: CitizenBackend, clock: Clock
) -> None:
    asked: list[tuple[str, dt.date]] = []

    def lookup(dept_id: str, day: dt.date) -> dict[str, int]:
        asked.append((dept_id, day))
        return {"2026-11-24T10:00": 0}

    svc = AppointmentService(backend, lambda: DEPTS, backend.sequences, clock, "A7H3", lookup)
    assert svc.remaining_seats(DEPTS[1], dt.date(2026, 11, 24)) == {"2026-11-24T10:00": 0}
    assert asked == [("minzheng.hunyin", dt.date(2026, 11, 24))]

    def broken(dept_id: str, day: dt.date) -> dict[str, int]:
        raise ConnectionError("platform gone")

    svc = AppointmentService(backend, lambda: DEPTS, backend.sequences, clock, "A7H3", broken)
    assert svc.remaining_seats(DEPTS[1], dt.date(2026, 11, 24)) is None  # offline: offer all


def test_platform_seats_stay_quiet_while_offline_or_backing_off() -> None:
    from kiosk.services.citizen import platform_seats

    class Agent:
        config = object()
        online: bool | None = False
        blocked_for_s = 0.0

    class B:
        sync = Agent()

    lookup = platform_seats(B())
    assert lookup("minzheng.hunyin", dt.date(2026, 11, 24)) is None  # offline: no request
    B.sync.online, B.sync.blocked_for_s = True, 30.0
    assert lookup("minzheng.hunyin", dt.date(2026, 11, 24)) is None  # Retry-After honoured
    B.sync = None  # type: ignore[assignment]
    assert lookup("minzheng.hunyin", dt.date(2026, 11, 24)) is None


def test_two_kiosks_in_one_hall_never_share_a_queue_number(
    backend: CitizenBackend, clock: Clock
) -> None:
    from offline_cache.memory_caches import MemorySequences

    one = AppointmentService(backend, lambda: DEPTS, MemorySequences(), clock, "A7H3", None, "1")
    two = AppointmentService(backend, lambda: DEPTS, MemorySequences(), clock, "C012", None, "2")
    first = [one.take_queue_ticket(DEPTS[0]).ticket for _ in range(3)]
    second = [two.take_queue_ticket(DEPTS[0]).ticket for _ in range(3)]
    numbers = [t.number for t in first + second if t is not None]
    assert numbers[:2] == ["1-A001", "1-A002"] and numbers[3] == "2-A001"
    assert len(set(numbers)) == 6


def test_a_booking_is_provisional_until_the_platform_accepts_it(
    backend: CitizenBackend, clock: Clock
) -> None:
    from kiosk.services.appointments import BookingState

    svc = service(backend, clock)
    slot = svc.open_slots(DEPTS[1], dt.date(2026, 11, 24))[2]
    confirmed = svc.book(DEPTS[1], slot, identity()).ticket
    other = dataclasses.replace(identity(), document_number="11010519491231004X")
    refused = svc.book(DEPTS[1], slot, other).ticket  # another citizen, the same slot
    assert confirmed is not None and refused is not None and confirmed.record_id
    assert svc.booking_state(confirmed) is BookingState.PROVISIONAL
    backend.outbox.mark_delivered(confirmed.record_id, clock())
    assert svc.booking_state(confirmed) is BookingState.CONFIRMED
    assert refused.record_id is not None
    backend.outbox.mark_dead(refused.record_id, "409 slot full", clock())
    assert svc.booking_state(refused) is BookingState.REFUSED


def test_the_booking_slip_is_a_booking_with_its_number_and_time(
    backend: CitizenBackend, clock: Clock
) -> None:
    from drivers.printer.document import KeyValue, Text, Title

    printed = []
    real = backend.printing.print_document

    def spy(kind, doc, *a, **k):  # type: ignore[no-untyped-def]
        printed.append((kind, doc))
        return real(kind, doc, *a, **k)

    backend.printing.print_document = spy  # type: ignore[method-assign]
    svc = service(backend, clock)
    slot = svc.open_slots(DEPTS[1], dt.date(2026, 11, 24))[2]
    ticket = svc.book(DEPTS[1], slot, identity()).ticket
    assert ticket is not None and ticket.record_id is not None
    assert svc.print_ticket(ticket, "zh").printed
    backend.outbox.mark_delivered(ticket.record_id, clock())
    assert svc.print_ticket(ticket, "zh").printed
    (kind, offline), (_, confirmed) = printed
    assert kind == "appointment"
    titles = [b.text for b in offline.blocks if isinstance(b, Title)]
    assert titles == ["预约凭条"]  # a booking, not 排队叫号单
    pairs = {b.key: b.value for b in offline.blocks if isinstance(b, KeyValue)}
    assert pairs["预约编号"] == shown_tracking_number(ticket.tracking_number or "")
    assert pairs["预约时间"] == "10:00-10:30" and pairs["预约日期"] == "2026年11月24日"
    lines = " ".join(b.text for b in offline.blocks if isinstance(b, Text))
    assert "待确认" in lines
    again = " ".join(b.text for b in confirmed.blocks if isinstance(b, Text))
    # Confirmed, it does not say 待确认：… of itself; it names the earlier slip it replaces.
    assert "待确认：" not in again and "已确认" in again
    assert "取代此前打印的“待确认”凭条" in again


def test_one_number_per_person_counter_and_day(backend: CitizenBackend, clock: Clock) -> None:
    """A second request by the same person gets the number held back (try-out 5, item 2),
    until that number is called; others, other counters and the next day are not held."""
    answers: dict[str, dict[str, object]] = {}
    svc = AppointmentService(
        backend,
        lambda: DEPTS,
        backend.sequences,
        clock,
        "A7H3",
        position=lambda key: answers.get(key),
    )
    me = identity()
    first = svc.take_queue_ticket(DEPTS[0], None, me).ticket
    assert first is not None and not first.again
    again = svc.take_queue_ticket(DEPTS[0], None, me).ticket
    assert again is not None and again.again
    assert (again.number, again.record_id) == (first.number, first.record_id)
    other = dataclasses.replace(me, document_number="110105198503120012")
    assert svc.take_queue_ticket(DEPTS[0], None, other).ticket.number.endswith("A002")  # type: ignore[union-attr]
    assert not svc.take_queue_ticket(DEPTS[1], None, me).ticket.again  # type: ignore[union-attr]
    assert len([r for r in backend.records() if r["type"] == "queue_ticket"]) == 3
    # Called at the counter (the platform says so): the person may take a new number.
    assert first.record_id is not None
    backend.outbox.mark_delivered(first.record_id, clock())
    answers[str(first.record_id)] = {"state": "called", "people_ahead": 0}
    newer = svc.take_queue_ticket(DEPTS[0], None, me).ticket
    assert newer is not None and not newer.again and newer.number.endswith("A003")
    clock.advance(days=1)  # a new day: a new line
    assert not svc.take_queue_ticket(DEPTS[0], None, me).ticket.again  # type: ignore[union-attr]


def test_a_number_held_from_another_kiosk_comes_from_the_platform(
    backend: CitizenBackend, clock: Clock
) -> None:
    asked: list[tuple[str, str, dt.date, str]] = []

    def held(hall: str, dept: str, day: dt.date, number: str) -> dict[str, object] | None:
        asked.append((hall, dept, day, number))
        return {
            "id": "5b0f6c3e-8f0e-4c56-9a53-8c3c2b3f0a11",
            "number": "2-A004",
            "issued_at": "2026-11-23T09:40:00+00:00",
            "people_ahead": 3,
        }

    svc = AppointmentService(
        backend, lambda: DEPTS, backend.sequences, clock, "A7H3", hall="一楼大厅", held=held
    )
    got = svc.take_queue_ticket(DEPTS[0], None, identity()).ticket
    assert got is not None and got.again and got.number == "2-A004"
    assert svc.queue_position(got) == QueuePosition(3)  # as the platform told, not asked again
    assert asked == [("一楼大厅", "gongan.huzheng", clock().date(), identity().document_number)]
    assert backend.records() == []  # nothing new stored
    backend.sync.online = False  # offline: the platform is not asked, a number is issued
    got = svc.take_queue_ticket(DEPTS[0], None, identity()).ticket
    assert got is not None and not got.again and len(asked) == 1
