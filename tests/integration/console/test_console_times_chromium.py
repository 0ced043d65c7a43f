"""Times on the console tell the truth about their clock, and a staff call's steps have
one word each, in Debian's headless Chromium (try-out 10, K1 and K3); in English its
buttons say what pressing does (try-out 19, K1).

The platform runs as the demo's does, on a hall clock moved ~42 hours ahead of the real
time (a Saturday evening become Monday 10:00). The audit page says its times are real
UTC: staff's own actions there must be too, not the hall's time labelled UTC. Pages
that say hall time give it with its date and the zone's word, never raw ISO.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from central.console.accounts import Role
from central.embedded import EmbeddedPlatform, start_embedded
from tests.integration.central.conftest import Creds
from tests.integration.console.conftest import PASSWORDS
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401

pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration

SHIFT = dt.timedelta(hours=41, minutes=41)  # Saturday 16:19 real → Monday 10:00 in the hall
UTC_TEXT = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC$")
HALL_TEXT = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) 大厅时间")


def _real() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hall() -> dt.datetime:
    return _real() + SHIFT


@pytest.fixture
def hall_platform(creds: Creds) -> Iterator[EmbeddedPlatform]:
    """A platform on a simulated hall clock, as the demo's embedded one."""
    config = creds.config(heartbeat_interval_s=60, now=_hall, real_now=_real)
    with start_embedded(config) as p:
        p.platform.staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], _real())
        yield p


def _send(kiosk: requests.Session, base: str, kind: str, payload: dict[str, Any]) -> str:
    key = str(uuid.uuid4())
    body = {"kind": kind, "kiosk_id": "A7H3", "payload": payload}
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    return key


def _near(text: str, pattern: re.Pattern[str], expected: dt.datetime) -> bool:
    """Whether ``text`` holds a time of ``pattern`` within two minutes of ``expected``."""
    m = pattern.search(text)
    if m is None:
        return False
    shown = dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
    return abs(shown - expected.replace(tzinfo=None)) < dt.timedelta(minutes=2)


def _press(step: str, driver: Any, state: str | None = None) -> bool:
    """Press the call's ``step`` button until the state reads ``state`` (its word, the
    button's unless given; the hall page reloads itself: a button may go stale mid-click)."""
    try:
        said = driver.find_element(By.CSS_SELECTOR, "tr.call .state").text
        if f"{state or step} · zhao" in said:
            return True
        for button in driver.find_elements(By.CSS_SELECTOR, "tr.call button"):
            if button.text == step:
                button.click()
                break
    except WebDriverException:  # stale or gone while the page reloads itself: again
        pass
    return False


def test_audit_times_are_real_utc_and_hall_times_say_so(
    hall_platform: EmbeddedPlatform,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    base = hall_platform.base_url
    call = _send(
        kiosk,
        base,
        "staff_call",
        {
            "kiosk": "A7H3",
            "location": "一楼大厅东侧",
            "screen": "review",
            "assisted": True,
            "language": "zh",
            "at": _hall().isoformat(),  # the demo kiosk's records carry the hall's time
        },
    )
    rating = _send(
        kiosk,
        base,
        "rating",
        {"level": 2, "label": "dissatisfied", "reasons": ["too_complex"], "comment": "太难"},
    )
    doc = hall_platform.platform.catalog_doc
    hall_platform.platform.set_catalog({**doc, "version": "2026.12"})
    # A wrong password first: the failed sign-in is on the audit page too.
    chromium.get(base + "/console/signin")
    chromium.find_element(By.ID, "username").send_keys("zhao")
    chromium.find_element(By.ID, "password").send_keys("Not-the-password-1")
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "error"))
    _sign_in(chromium, base, "zhao")

    # 确认收到 on the hall page: the state says the button's word (K3).
    chromium.find_element(By.ID, "nav-hall").click()
    WebDriverWait(chromium, 45, poll_frequency=1.0).until(partial(_press, "确认收到"))
    # The press is in hall time, and the column says so.
    assert chromium.find_element(By.CSS_SELECTOR, "#calls th").text == "时间（大厅时间）"

    # The fleet page: the last heartbeat with its date and the zone's word.
    beat = {"kiosk_id": "A7H3", "version": "0.1.0", "devices": {}, "queue": {}, "uptime_s": 1}
    assert kiosk.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 200
    chromium.get(base + "/console/fleet")
    last = chromium.find_element(By.CSS_SELECTOR, "td.last").text.splitlines()[0]
    assert _near(last, HALL_TEXT, _hall().astimezone()), last

    # 记录回访 on the cases page: stamped in hall time, said so. (Opened by address: the
    # hall page reloads itself every few seconds, a link on it may go stale mid-click.)
    chromium.get(base + "/console/cases")
    row = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{rating}"]')
    row.find_element(By.NAME, "note").send_keys("已电话回访")
    row.find_element(By.CSS_SELECTOR, "button.save").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "recorded"))
    record = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{rating}"] .follow-up')
    assert _near(record.text, HALL_TEXT, _hall().astimezone()), record.text
    assert "T" not in record.text.split(" · ")[0] and "+00:00" not in record.text

    # The catalog's versions: hall time with its date and word, no ISO "Z".
    chromium.get(base + "/console/catalog")
    stored = chromium.find_element(By.CSS_SELECTOR, "tr.version td.at").text
    assert _near(stored, HALL_TEXT, _hall().astimezone()) and "Z" not in stored, stored

    # The audit page: every staff action and the failed sign-in at the real UTC time.
    chromium.get(base + "/console/audit")
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "console-events"))
    events = chromium.find_elements(By.CSS_SELECTOR, "#console-events tr.console-event")
    assert [e.find_element(By.CLASS_NAME, "kind").text for e in events] == [
        "呼叫工作人员：确认收到",
        "登录控制台",
    ]
    for e in events:
        at = e.find_element(By.CLASS_NAME, "at").text
        assert UTC_TEXT.match(at) and _near(at, UTC_TEXT, _real()), at
    failure = chromium.find_element(By.CSS_SELECTOR, "#signin-failures tr.signin-failure .at")
    assert _near(failure.text, UTC_TEXT, _real()), failure.text
    # The call by its kiosk, place and screen, not its bare id (K3).
    about = events[0].find_element(By.CLASS_NAME, "about").text
    assert about == "终端 A7H3（一楼大厅东侧） · 呼叫时所在页面：确认提交（长辈模式）", about
    assert call not in about
    # Searching the page's words finds it.
    box = chromium.find_element(By.NAME, "q")
    box.send_keys("一楼大厅东侧")
    chromium.find_element(By.ID, "search").click()
    # The answer's address carries the search (the box on the page before it already
    # held the text).
    WebDriverWait(chromium, 30).until(
        lambda d: (
            parse_qs(urlparse(d.current_url).query).get("q") == ["一楼大厅东侧"]
            and d.execute_script("return document.readyState") == "complete"
        )
    )
    assert len(chromium.find_elements(By.CSS_SELECTOR, "tr.console-event")) == 1


def test_call_step_buttons_say_what_they_do_and_the_state_what_was_done(
    hall_platform: EmbeddedPlatform,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    base = hall_platform.base_url
    _send(
        kiosk,
        base,
        "staff_call",
        {"kiosk": "A7H3", "location": "东侧", "screen": "home", "at": _hall().isoformat()},
    )
    _sign_in(chromium, base, "zhao")
    chromium.get(base + "/console/hall?lang=en")
    # A new call's buttons say what pressing does; "Acknowledged" stood first before
    # anyone had acknowledged it (try-out 19, K1). Each state says what was done.
    WebDriverWait(chromium, 45).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.call button"))
    buttons = chromium.find_elements(By.CSS_SELECTOR, "tr.call button")
    assert [b.text for b in buttons] == ["Acknowledge", "On my way", "Mark handled"]
    for button, state in (
        ("Acknowledge", "Acknowledged"),
        ("On my way", "On the way"),
        ("Mark handled", "Handled"),
    ):
        WebDriverWait(chromium, 45, poll_frequency=1.0).until(partial(_press, button, state=state))
    chromium.get(base + "/console/audit?lang=en")
    kinds = [e.text for e in chromium.find_elements(By.CSS_SELECTOR, "#console-events td.kind")]
    assert kinds[:3] == [
        "Staff call: handled",
        "Staff call: on the way",
        "Staff call: acknowledged",
    ]
