"""The fleet view over real HTTP: each kiosk's latest heartbeat, offline and fault alerts."""

from __future__ import annotations

import datetime as dt
import re

import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import INTERVAL_S, Clock, sign_in


def _beat(kiosk_id: str, devices: dict[str, str], offset: float | None = 0.4) -> dict:
    return {
        "kiosk_id": kiosk_id,
        "version": "0.1.0",
        "devices": devices,
        "queue": {"pending": 3, "sending": 1, "failed": 1, "dead": 0},
        "uptime_s": 3600,
        "clock_offset_s": offset,
    }


def test_fleet_shows_heartbeats_and_alerts(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    other_kiosk: requests.Session,
) -> None:
    base = clocked_platform.base_url
    healthy = {"printer": "ok", "card": "ok", "paper": "ok"}
    r = kiosk.post(base + "/v1/heartbeat", json=_beat("A7H3", healthy), timeout=5)
    assert r.status_code == 200, r.text
    staff = sign_in(base, "li")
    page = staff.get(base + "/console/fleet", timeout=5).text
    assert 'data-kiosk-id="A7H3"' in page and "正常" in page and "离线" not in page
    assert "0.4" in page and "0.1.0" in page
    assert ">5<" in page  # outbox: pending + sending + failed
    # Its last heartbeat in hall time with its date (try-out 8, K3).
    beat = dt.datetime.fromisoformat(clocked_platform.platform.store.kiosks()[0]["received_at"])
    assert f"{beat.astimezone():%Y-%m-%d %H:%M:%S}" in page
    assert beat.isoformat()[:19] not in page and "Z<" not in page

    # A kiosk that stays silent for three intervals is offline; a faulted device alerts.
    clock.now += dt.timedelta(seconds=3 * INTERVAL_S + 1)
    broken = {"printer": "fault", "card": "ok", "paper": "paper_out"}
    r = other_kiosk.post(base + "/v1/heartbeat", json=_beat("C012", broken, None), timeout=5)
    assert r.status_code == 200, r.text
    page = staff.get(base + "/console/fleet?lang=en", timeout=5).text
    # The rows' text as read (a device's name and its state are each kept whole in markup).
    rows = {
        kid: re.sub(r"<[^>]+>", "", page.split(f'data-kiosk-id="{kid}"', 1)[1].split("</tr>")[0])
        for kid in ("A7H3", "C012")
    }
    assert "Offline" in rows["A7H3"] and "Device fault" not in rows["A7H3"]
    assert "Device fault: Receipt printer" in rows["C012"] and "Offline" not in rows["C012"]
    # Words, not the kiosk's codes (printer=fault, paper_out).
    assert "Receipt printer: Fault" in rows["C012"] and "Out of paper" in rows["C012"]
    assert "paper_out" not in rows["C012"] and "printer=" not in rows["C012"]


def _row(page: str, kiosk_id: str) -> str:
    return page.split(f'data-kiosk-id="{kiosk_id}"', 1)[1].split("</tr>", 1)[0]


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_an_offline_printer_is_not_called_paper_offline(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    """Try-out 8, K3: with the printer offline the 纸张 column read 离线. The paper is
    then not known; the printer's state belongs to the printer."""
    base = clocked_platform.base_url
    devices = {"printer": "fault", "card": "ok", "scanner": "ok", "paper": "offline"}
    r = kiosk.post(base + "/v1/heartbeat", json=_beat("A7H3", devices), timeout=5)
    assert r.status_code == 200, r.text
    staff = sign_in(base, "li")
    zh = _cells(_row(staff.get(base + "/console/fleet?lang=zh", timeout=5).text, "A7H3"))
    assert zh[4].strip() == "不明（打印机离线）"  # not "离线" alone
    assert "设备故障：凭条打印机" in zh[1]  # one colon style per language
    en = _cells(_row(staff.get(base + "/console/fleet?lang=en", timeout=5).text, "A7H3"))
    assert en[4].strip() == "Not known (printer: Offline)"


def test_english_fleet_has_no_chinese_colons_and_one_device_per_line(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    base = clocked_platform.base_url
    devices = {"card": "ok", "scanner": "ok", "printer": "ok", "paper": "ready"}
    r = kiosk.post(base + "/v1/heartbeat", json=_beat("A7H3", devices), timeout=5)
    assert r.status_code == 200, r.text
    row = _row(sign_in(base, "li").get(base + "/console/fleet?lang=en", timeout=5).text, "A7H3")
    assert "：" not in row
    items = re.findall(r"<li>(.*?)</li>", _row_devices(row), re.S)
    items = [re.sub(r"<[^>]+>", "", i) for i in items]  # as read: the spans keep phrases whole
    assert items == ["Card reader: OK", "Camera: OK", "Receipt printer: OK"]


def _row_devices(row: str) -> str:
    m = re.search(r'<ul class="devices">(.*?)</ul>', row, re.S)
    assert m, "the devices are not a list"
    return m.group(1)


def test_last_heartbeat_has_its_date_and_age(
    clocked_platform: EmbeddedPlatform, clock: Clock, kiosk: requests.Session
) -> None:
    """Try-out 8, K3: "10:08:04" alone said neither which day nor how stale."""
    base = clocked_platform.base_url
    r = kiosk.post(base + "/v1/heartbeat", json=_beat("A7H3", {"paper": "ready"}), timeout=5)
    assert r.status_code == 200, r.text
    beat = dt.datetime.fromisoformat(clocked_platform.platform.store.kiosks()[0]["received_at"])
    staff = sign_in(base, "li")
    clock.now = beat + dt.timedelta(seconds=42)
    last = _cells(_row(staff.get(base + "/console/fleet?lang=zh", timeout=5).text, "A7H3"))[2]
    assert f"{beat.astimezone():%Y-%m-%d %H:%M:%S}" in last and "42 秒前" in last
    clock.now = beat + dt.timedelta(minutes=2, seconds=5)
    last = _cells(_row(staff.get(base + "/console/fleet?lang=en", timeout=5).text, "A7H3"))[2]
    assert "2 min ago" in last


def test_fleet_is_for_operators(clocked_platform: EmbeddedPlatform) -> None:
    base = clocked_platform.base_url
    assert sign_in(base, "wang").get(base + "/console/fleet", timeout=5).status_code == 403
    page = sign_in(base, "li").get(base + "/console/fleet", timeout=5)
    assert page.status_code == 200 and "尚无终端上报心跳" in page.text


def test_times_carry_the_date_only_when_not_today() -> None:
    from central.console.views import human_time

    now = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    today = (now - dt.timedelta(minutes=5)).astimezone()
    earlier = (now - dt.timedelta(days=2)).astimezone()
    assert human_time(today, now) == f"{today:%H:%M:%S}"
    assert human_time(earlier, now) == f"{earlier:%Y-%m-%d %H:%M:%S}"
