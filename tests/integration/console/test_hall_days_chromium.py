"""The hall page on another day, in Debian's headless Chromium (try-out 11, K4): on
后一天 the bookings were the next day's, but 呼叫工作人员, 叫号 and 今日排队号 above them
still listed today's rows under headings with no date. Now the page shows one day, and
every section names it and reads it; a booking's number is its 预约编号."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401
from tests.integration.console.test_hall import _call, _hall_booking, _store

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration

HALL = "一楼大厅东侧"
WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def _text(driver: Any, css: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, css).text)


def test_every_section_of_the_hall_page_says_and_reads_its_day(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    today = dt.datetime.now().astimezone().date()
    tomorrow = today + dt.timedelta(days=1)
    _call(kiosk, base, hall=HALL)
    ticket = {
        "kind": "appointment",
        "kiosk_id": "A7H3",
        "payload": {
            "type": "queue_ticket",
            "department_id": "gongan",
            "number": "A7H3-G007",
            "issued_at": f"{today.isoformat()}T10:02:00+08:00",
            "hall": HALL,
        },
    }
    r = kiosk.post(
        base + "/v1/submissions", json=ticket, headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    assert r.status_code in (200, 201), r.text
    _store(platform, [_hall_booking(0, tomorrow, HALL)], "b")

    _sign_in(chromium, base, "wang")
    chromium.get(base + "/console/hall")
    day = f"{today.isoformat()} {WEEKDAYS[today.weekday()]}"
    assert _text(chromium, "#page-day") == f"本页显示：{day} （今天）"
    assert _text(chromium, "#calls-day") == f"呼叫工作人员 · {day}（及昨天的）"
    assert len(chromium.find_elements(By.CSS_SELECTOR, "tr.call")) == 1
    assert _text(chromium, "#queues-day") == f"叫号 · {day}"
    assert _text(chromium, "#tickets-day") == f"今日排队号 · {day}"
    assert "A7H3-G007" in _text(chromium, "#tickets")

    chromium.find_element(By.ID, "day-after").click()
    WebDriverWait(chromium, 30).until(lambda d: "day=" in d.current_url)
    day = f"{tomorrow.isoformat()} {WEEKDAYS[tomorrow.weekday()]}"
    assert _text(chromium, "#page-day") == f"本页显示：{day}"
    # Today's call and ticket are not under the next day's headings.
    assert _text(chromium, "#calls-day") == f"呼叫工作人员 · {day}"
    assert not chromium.find_elements(By.CSS_SELECTOR, "tr.call")
    assert _text(chromium, "#no-calls") == "该日没有呼叫。"
    assert _text(chromium, "#tickets-day") == f"排队号 · {day}"
    assert "A7H3-G007" not in chromium.page_source
    assert _text(chromium, "#no-tickets").startswith("该日没有排队号")
    # 叫号 calls today's tickets only: said, with the way back, and no button.
    assert _text(chromium, "#queues-day") == f"叫号 · {day}"
    assert _text(chromium, "#queues-today-only") == "叫号只叫今天的排队号。 今天"
    assert not chromium.find_elements(By.CSS_SELECTOR, "button.call-next")
    # The booking's number is named as the citizen's slip names it.
    assert _text(chromium, "#bookings-day").startswith(f"预约 · {day}")
    headers = [th.text for th in chromium.find_elements(By.CSS_SELECTOR, "#bookings th")]
    assert "预约编号" in headers and "受理编号" not in headers
    assert len(chromium.find_elements(By.CSS_SELECTOR, "tr.booking")) == 1


def test_the_day_is_typed_as_the_page_writes_it(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    """Try-out 13, K3: the day picker showed the browser's locale order (12/07/2026)
    beside the page's "2026-12-07 周一". The field shows and takes the page's own
    year-month-day: typing the next day's date in Chromium shows that day."""
    base = platform.base_url
    today = dt.datetime.now().astimezone().date()
    later = today + dt.timedelta(days=9)
    _call(kiosk, base, hall=HALL)
    _sign_in(chromium, base, "wang")
    chromium.get(base + "/console/hall")
    field = chromium.find_element(By.ID, "day")
    assert field.get_attribute("value") == today.isoformat()
    label = field.find_element(By.XPATH, "..").text
    assert label.startswith("日期（年-月-日）"), label
    field.clear()
    field.send_keys(later.isoformat())
    chromium.find_element(By.ID, "day-show").click()
    WebDriverWait(chromium, 30).until(lambda d: "day=" in d.current_url)
    day = f"{later.isoformat()} {WEEKDAYS[later.weekday()]}"
    assert _text(chromium, "#page-day") == f"本页显示：{day}"
    assert chromium.find_element(By.ID, "day").get_attribute("value") == later.isoformat()
