"""The hall view over real HTTP: staff calls arrive and are acknowledged (the kiosk can
ask), today's queue tickets and bookings are listed."""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
import uuid
from typing import Any

import requests

from central.embedded import EmbeddedPlatform
from central.store import canonical_hash, canonical_json
from tests.integration.console.conftest import Clock, csrf_of, sign_in


def _call(
    kiosk: requests.Session,
    base: str,
    screen: str = "home",
    at: dt.datetime | None = None,
    hall: str | None = None,
) -> str:
    call_id = str(uuid.uuid4())
    pressed = at or dt.datetime.now(dt.UTC)
    body: dict[str, Any] = {
        "kind": "staff_call",
        "kiosk_id": "A7H3",
        "payload": {
            "kiosk": "A7H3",
            "location": hall or "一楼大厅东侧",
            "screen": screen,
            "assisted": True,
            "language": "zh",
            "at": pressed.isoformat(),  # the kiosk's clock: UTC
        },
    }
    if hall is not None:
        body["payload"]["hall"] = hall  # the kiosk's location_zh, as its tickets carry
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": call_id})
    assert r.status_code in (200, 201), r.text
    return call_id


def test_a_call_appears_and_is_acknowledged_and_the_kiosk_learns_it(
    platform: EmbeddedPlatform, kiosk: requests.Session, other_kiosk: requests.Session
) -> None:
    base = platform.base_url
    staff = sign_in(base, "wang")
    hall = staff.get(base + "/console/hall", timeout=5)
    assert "暂无呼叫" in hall.text
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', hall.text)  # polls itself

    pressed = dt.datetime.now(dt.UTC)
    call_id = _call(kiosk, base, screen="review", at=pressed)
    status = base + f"/v1/staff-calls/{call_id}"
    assert kiosk.get(status, timeout=5).json() == {
        "id": call_id,
        "state": "delivered",
        "acknowledged_at": None,
        "step": None,
    }
    assert other_kiosk.get(status, timeout=5).status_code == 404  # not its call
    assert requests.get(status, timeout=5).status_code == 401  # not without a credential

    hall = staff.get(base + "/console/hall", timeout=5)
    assert f'data-call-id="{call_id}"' in hall.text
    assert "一楼大厅东侧" in hall.text
    # When it was pressed, in hall time (the kiosk sends UTC); on time, so nothing more.
    assert f"<td>{pressed.astimezone():%Y-%m-%d %H:%M:%S}</td>" in hall.text
    assert 'class="late"' not in hall.text and "可能已离开" not in hall.text
    assert "确认提交" in hall.text and ">review<" not in hall.text  # the page by its name
    assert "待处理" in hall.text and "(长辈模式)" in hall.text

    r = staff.post(
        base + f"/console/hall/calls/{call_id}/ack",
        data={"csrf": csrf_of(hall.text)},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303
    hall = staff.get(base + "/console/hall", timeout=5)
    assert "确认收到 · wang" in hall.text and 'class="ack"' not in hall.text
    answer = kiosk.get(status, timeout=5).json()
    assert answer["state"] == "acknowledged" and answer["acknowledged_at"]


def test_a_halls_page_lists_and_answers_its_own_calls_only(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    """Issue 16: with several halls on one platform, hall A's staff see hall A's calls
    only, and a step posted for hall B's call from hall A's page is refused (the call
    stays unanswered for B's staff and its kiosk)."""
    base = platform.base_url
    a_call = _call(kiosk, base, hall="东区大厅")
    b_call = _call(kiosk, base, hall="西区大厅")
    staff = sign_in(base, "wang")
    chooser = staff.get(base + "/console/hall", timeout=5)
    assert "东区大厅" in chooser.text and "西区大厅" in chooser.text
    assert "data-call-id" not in chooser.text  # no hall's calls before one is chosen

    a_page = staff.get(base + "/console/hall", params={"hall": "东区大厅"}, timeout=5)
    assert f'data-call-id="{a_call}"' in a_page.text
    assert f'data-call-id="{b_call}"' not in a_page.text and "西区大厅" not in a_page.text
    for step in ("ack", "coming", "done"):
        r = staff.post(
            base + f"/console/hall/calls/{b_call}/{step}",
            data={"csrf": csrf_of(a_page.text), "hall": "东区大厅"},
            allow_redirects=False,
            timeout=5,
        )
        assert r.status_code == 404, step
    r = staff.post(  # no hall named, on a platform of several: no hall's to answer
        base + f"/console/hall/calls/{b_call}/ack",
        data={"csrf": csrf_of(a_page.text)},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 404
    assert kiosk.get(base + f"/v1/staff-calls/{b_call}", timeout=5).json()["state"] == "delivered"
    b_page = staff.get(base + "/console/hall", params={"hall": "西区大厅"}, timeout=5)
    assert f'data-call-id="{b_call}"' in b_page.text and 'class="ack"' in b_page.text
    assert f'data-call-id="{a_call}"' not in b_page.text

    # From its own hall's page the same step is taken.
    r = staff.post(
        base + f"/console/hall/calls/{b_call}/ack",
        data={"csrf": csrf_of(b_page.text), "hall": "西区大厅"},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303 and "%E8%A5%BF%E5%8C%BA" in r.headers["location"]
    assert kiosk.get(base + f"/v1/staff-calls/{b_call}", timeout=5).json()["state"] == (
        "acknowledged"
    )
    assert kiosk.get(base + f"/v1/staff-calls/{a_call}", timeout=5).json()["state"] == "delivered"


def test_acknowledging_needs_the_form_token_and_a_real_call(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    call_id = _call(kiosk, base)
    staff = sign_in(base, "wang")
    r = staff.post(base + f"/console/hall/calls/{call_id}/ack", data={"csrf": "forged"})
    assert r.status_code == 403
    assert kiosk.get(base + f"/v1/staff-calls/{call_id}").json()["state"] == "delivered"
    hall = staff.get(base + "/console/hall", timeout=5)
    r = staff.post(
        base + f"/console/hall/calls/{uuid.uuid4()}/ack", data={"csrf": csrf_of(hall.text)}
    )
    assert r.status_code == 404


def test_todays_queue_tickets_and_bookings_are_listed(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    today = dt.datetime.now().astimezone().date()
    ticket = {
        "kind": "appointment",
        "kiosk_id": "A7H3",
        "payload": {
            "type": "queue_ticket",
            "department_id": "gongan",
            "number": "A7H3-G007",
            "issued_at": f"{today.isoformat()}T10:02:00+08:00",
        },
    }
    old = {
        **ticket,
        "payload": {
            **ticket["payload"],
            "number": "A7H3-G001",
            "issued_at": "2020-01-02T10:00:00+08:00",
        },
    }
    for body in (ticket, old):
        r = kiosk.post(
            base + "/v1/submissions", json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        assert r.status_code in (200, 201), r.text
    booked = None
    for dep in ("renshe", "gongan", "minzheng", "yibao", "shuiwu"):
        slots = kiosk.get(
            base + "/v1/appointments/slots",
            params={"department_id": dep, "date": today.isoformat()},
            timeout=5,
        )
        if slots.status_code == 200 and slots.json()["slots"]:
            slot = slots.json()["slots"][-1]
            booked = {
                "kind": "appointment",
                "kiosk_id": "A7H3",
                "tracking_number": f"A7H3-{today:%y%m%d}-0001X",
                "payload": {
                    "type": "appointment",
                    "department_id": dep,
                    "slot_start": slot["start"],
                    "slot_end": slot["end"],
                    "applicant": {"name": "张三丰", "document_number": "11010519491231002X"},
                },
            }
            r = kiosk.post(
                base + "/v1/submissions",
                json=booked,
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            assert r.status_code in (200, 201), r.text
            break
    staff = sign_in(base, "wang")
    hall = staff.get(base + "/console/hall", timeout=5).text
    assert "A7H3-G007" in hall and "A7H3-G001" not in hall  # today's only
    assert "<td>A7H3-G007</td><td>公安局</td>" in hall  # the department named, not coded
    if booked is not None:  # a day with counter hours
        assert "张*丰" in hall and "张三丰" not in hall  # masked as on the kiosk (K2)
        assert booked["tracking_number"] in hall
        assert "11010519491231002X" not in hall
    else:
        assert "今日暂无预约" in hall


def test_a_call_saved_offline_says_when_it_was_pressed_and_that_it_is_old(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    """A call the kiosk kept while offline arrives late: the hall sees when it was pressed
    and how late, and once it is old, that the citizen may have left (try-out 3)."""
    base = clocked_platform.base_url
    staff = sign_in(base, "wang")
    pressed = clock.now - dt.timedelta(minutes=3, seconds=10)  # offline for ~3 minutes
    call_id = _call(kiosk, base, at=pressed)
    hm = f"{pressed.astimezone():%H:%M}"
    row = _row(staff.get(base + "/console/hall?lang=zh", timeout=5).text, call_id)
    assert f"按下于 {hm}，离线 3 分钟后送达" in row and "待处理" in row
    assert "可能已离开" not in row  # 3 minutes: maybe still there
    en = _row(staff.get(base + "/console/hall?lang=en", timeout=5).text, call_id)
    assert f"Pressed at {hm}, delivered 3 min later (the kiosk was offline)" in en

    clock.now += dt.timedelta(minutes=2)  # 5 min 10 s since the press: past the limit
    row = _row(staff.get(base + "/console/hall?lang=zh", timeout=5).text, call_id)
    assert "已过 5 分钟，市民可能已离开" in row and 'class="ack"' in row
    en = _row(staff.get(base + "/console/hall?lang=en", timeout=5).text, call_id)
    assert "5 min ago: the citizen may have left" in en

    hall = staff.get(base + "/console/hall?lang=zh", timeout=5).text
    r = staff.post(
        base + f"/console/hall/calls/{call_id}/ack",
        data={"csrf": csrf_of(hall)},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303
    row = _row(staff.get(base + "/console/hall?lang=zh", timeout=5).text, call_id)
    assert "确认收到 · wang" in row and "可能已离开" not in row  # answered: no longer a worry
    assert "离线 3 分钟后送达" in row  # the history stays true


def test_a_kiosk_clock_that_is_behind_does_not_make_a_call_late(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    base = clocked_platform.base_url
    beat = {"kiosk_id": "A7H3", "version": "0.1.0", "devices": {}, "queue": {}, "uptime_s": 1}
    # The kiosk learnt the platform's clock is 2 minutes ahead of its own.
    r = kiosk.post(base + "/v1/heartbeat", json={**beat, "clock_offset_s": 120.0}, timeout=5)
    assert r.status_code == 200, r.text
    call_id = _call(kiosk, base, at=clock.now - dt.timedelta(minutes=2, seconds=3))
    row = _row(sign_in(base, "wang").get(base + "/console/hall", timeout=5).text, call_id)
    assert 'class="late"' not in row and "可能已离开" not in row
    # The press shown on the platform's clock: it happened just now.
    assert f"<td>{(clock.now - dt.timedelta(seconds=3)).astimezone():%Y-%m-%d %H:%M:%S}" in row


def _row(page: str, call_id: str) -> str:
    m = re.search(rf'<tr class="call" data-call-id="{call_id}">(.*?)</tr>', page, re.S)
    assert m, f"call {call_id} is not on the hall page"
    return m.group(1)


def test_an_acknowledged_call_says_when_it_was_answered(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    """ "确认收到 · wang" alone leaves staff guessing whether someone went (try-out 7, 35):
    the answer's time is shown, in hall time like the press."""
    base = clocked_platform.base_url
    staff = sign_in(base, "wang")
    call_id = _call(kiosk, base, at=clock.now)
    clock.now += dt.timedelta(minutes=1, seconds=7)
    hall = staff.get(base + "/console/hall", timeout=5).text
    r = staff.post(
        base + f"/console/hall/calls/{call_id}/ack",
        data={"csrf": csrf_of(hall)},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303
    clock.now += dt.timedelta(minutes=3)  # read later: still the moment it was answered
    row = _row(staff.get(base + "/console/hall", timeout=5).text, call_id)
    answered = (clock.now - dt.timedelta(minutes=3)).astimezone()
    assert f"确认收到 · wang · {answered:%H:%M:%S}" in row


def test_a_call_says_the_kiosks_word_for_the_mode_and_its_date(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    """Try-out 8, K4: the list said 需协助模式 where the kiosk's button says 长辈模式, and
    a call's time had no date."""
    from ui.strings.apply import STRINGS as KIOSK

    base = clocked_platform.base_url
    staff = sign_in(base, "wang")
    call_id = _call(kiosk, base, at=clock.now)  # pressed in 长辈模式
    pressed = clock.now.astimezone()
    for lang, word in zip(("zh", "en"), KIOSK["apply.big_mode.short"], strict=True):
        row = _row(staff.get(base + f"/console/hall?lang={lang}", timeout=5).text, call_id)
        assert f"({word})" in row, row
        assert f"<td>{pressed:%Y-%m-%d %H:%M:%S}" in row


def _booking(n: int, day: dt.date) -> dict[str, Any]:
    start = f"{day.isoformat()}T{9 + n % 8:02d}:{15 * (n // 8 % 4):02d}"
    return {
        "kind": "appointment",
        "kiosk_id": "A7H3",
        "tracking_number": f"A7H3-{day:%y%m%d}-{n:05d}",
        "payload": {
            "type": "appointment",
            "department_id": "gongan",
            "slot_start": start,
            "slot_end": start[:-2] + "59",
            "applicant": {"name": "李四", "document_number": "11010519491231002X"},
        },
    }


def _store(platform: EmbeddedPlatform, bodies: list[dict[str, Any]], tag: str) -> None:
    items = []
    for n, body in enumerate(bodies):
        text = canonical_json(body)
        items.append((f"{tag}{n}", canonical_hash(body), body, text, {"id": f"{tag}{n}"}, "A7H3"))
    assert platform.platform.store.insert_many(items, dt.datetime.now(dt.UTC)) == [None] * len(
        items
    )


def _booking_rows(html: str) -> int:
    return len(re.findall(r'<tr class="booking">', html))


def test_every_booking_of_a_busy_day_is_listed_and_the_day_can_be_switched(
    platform: EmbeddedPlatform,
) -> None:
    """Issue 16: a busy hall booked ahead (2,050 bookings for tomorrow, then 2,000 for
    the day after made later) lists every booking of the day it shows; the page read
    the newest 2,000 appointment records and showed today's only."""
    today = dt.datetime.now().astimezone().date()
    tomorrow, later = today + dt.timedelta(days=1), today + dt.timedelta(days=2)
    _store(platform, [_booking(n, tomorrow) for n in range(2050)], "t")
    _store(platform, [_booking(n, later) for n in range(2000)], "l")
    base = platform.base_url
    staff = sign_in(base, "wang")
    hall = staff.get(base + "/console/hall", timeout=5).text
    assert "今日暂无预约" in hall and _booking_rows(hall) == 0
    after = re.search(r'<a href="([^"]+)" id="day-after">', hall)
    assert after is not None
    page = staff.get(base + html.unescape(after.group(1)), timeout=30).text
    assert _booking_rows(page) == 2050
    assert f"预约 · {tomorrow.isoformat()}" in page and "共 2050 个" in page
    assert "*四" in page and "11010519491231002X" not in page
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', page)  # stays on that day
    # The day box (a GET form) shows any day.
    page = staff.get(base + "/console/hall", params={"day": later.isoformat()}, timeout=30).text
    assert _booking_rows(page) == 2000 and f'value="{later.isoformat()}"' in page
    page = staff.get(base + "/console/hall", params={"day": "2020-01-01"}, timeout=5).text
    assert "该日暂无预约" in page and 'id="day-today"' in page


def _hall_booking(n: int, day: dt.date, hall: str) -> dict[str, Any]:
    body = _booking(n, day)
    body["payload"]["hall"] = hall
    return body


def test_each_hall_sees_its_own_bookings_and_tickets_of_the_day(
    platform: EmbeddedPlatform,
) -> None:
    """Issue 16: a hall's page lists its own bookings and tickets of the day, read by
    hall and day, not every hall's of the platform (a province's ~500 halls: ~150,000
    appointment records a day, each open page reloading every 3 s). With several halls
    the page without one asks which; the day's links and 叫号 keep the hall."""
    today = dt.datetime.now().astimezone().date()
    tomorrow = today + dt.timedelta(days=1)
    mine, other = "东区大厅", "西区大厅"
    _store(platform, [_hall_booking(n, tomorrow, other) for n in range(300)], "o")
    _store(platform, [_hall_booking(n, tomorrow, mine) for n in range(300, 303)], "m")
    issued = dt.datetime.now().astimezone().replace(microsecond=0)
    tickets = [
        {
            "kind": "appointment",
            "kiosk_id": "A7H3",
            "payload": {
                "type": "queue_ticket",
                "department_id": "gongan",
                "number": number,
                "hall": hall,
                "issued_at": issued.isoformat(),
            },
        }
        for number, hall in (("9-A001", other), ("1-A001", mine), ("9-A002", other))
    ]
    _store(platform, tickets, "q")
    base = platform.base_url
    staff = sign_in(base, "wang")
    chooser = staff.get(base + "/console/hall", timeout=5).text
    assert 'id="halls"' in chooser and "9-A001" not in chooser and "1-A001" not in chooser
    link = re.search(r'<a class="hall" href="([^"]+)">东区大厅</a>', chooser)
    assert link is not None and "西区大厅</a>" in chooser
    page = staff.get(base + html.unescape(link.group(1)), timeout=10).text
    assert "<strong>东区大厅</strong>" in page
    assert "1-A001" in page and "9-A001" not in page and "9-A002" not in page
    after = re.search(r'<a href="([^"]+)" id="day-after">', page)
    assert after is not None
    booked = staff.get(base + html.unescape(after.group(1)), timeout=10).text
    assert (
        _booking_rows(booked) == 3 and "共 3 个" in booked and "<strong>东区大厅</strong>" in booked
    )
    # 叫号 in this hall calls this hall's ticket and comes back to this hall's page.
    r = staff.post(
        base + "/console/hall/queues/call",
        data={"csrf": csrf_of(page), "hall": mine, "department_id": "gongan", "counter": "3"},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303 and "1-A001" in urllib.parse.unquote(r.headers["location"])
    back = staff.get(base + r.headers["location"], timeout=10).text
    assert "<strong>东区大厅</strong>" in back and 'id="no-waiting"' in back
    other_page = staff.get(base + "/console/hall", params={"hall": other}, timeout=10).text
    assert "9-A001" in other_page and "1-A001" not in other_page
    assert re.search(r'class="waiting">2<', other_page)  # nobody of that hall was called


def test_a_call_asked_again_says_the_taps_in_all_and_is_grey_once_handled(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    """Try-out 20, K1: two taps read 再次呼叫 ×1 ("called once"?), in red even after the
    call was handled. Now the taps in all, red while open and grey once 已处理."""
    base = clocked_platform.base_url
    staff = sign_in(base, "wang")
    call_id = _call(kiosk, base, at=clock.now)
    again = (clock.now + dt.timedelta(seconds=40)).isoformat()
    beat = {
        "kiosk_id": "A7H3",
        "version": "1",
        "call_updates": {call_id: {"asked": 2, "asked_at": again}},
    }
    assert kiosk.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 200
    hall = staff.get(base + "/console/hall", timeout=5).text
    assert '<span class="alert asked-again">共呼叫 2 次' in _row(hall, call_id)
    r = staff.post(
        base + f"/console/hall/calls/{call_id}/done",
        data={"csrf": csrf_of(hall)},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303
    row = _row(staff.get(base + "/console/hall", timeout=5).text, call_id)
    assert '<span class="past asked-again">共呼叫 2 次' in row, row
    en = _row(staff.get(base + "/console/hall?lang=en", timeout=5).text, call_id)
    assert '<span class="past asked-again">Called 2 times' in en, en
