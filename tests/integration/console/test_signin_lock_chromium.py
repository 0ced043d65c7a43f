"""Wrong passwords in Debian's headless Chromium (try-out 11, K1 + R1): each refusal
says how many tries are left before the account locks; the lock says for how long
(the time really left) and whom to ask; an unknown name reads exactly the same; an
administrator's ``kiosk-central staff unlock`` lifts the lock and is on the audit page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from central.console.accounts import LOCKOUT, MAX_FAILURES, Role
from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import PASSWORDS, Clock
from tests.integration.console.test_console_chromium import chromium  # noqa: F401
from tests.integration.console.test_signin_audit_chromium import _type_and_send

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration


def test_the_lock_is_announced_timed_and_lifted_by_an_administrator(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    chromium: Any,  # noqa: F811
) -> None:
    base = clocked_platform.base_url
    minutes = int(LOCKOUT.total_seconds() // 60)

    def five_wrong(name: str) -> list[str]:
        return [
            _type_and_send(chromium, base, name, "Wrong-guess-123") for _ in range(MAX_FAILURES)
        ]

    said = five_wrong("wang")
    assert (
        said[0] == f"用户名或密码不正确。再错 {MAX_FAILURES - 1} 次，该账号将锁定 {minutes} 分钟。"
    )
    assert said[MAX_FAILURES - 2] == f"用户名或密码不正确。再错 1 次，该账号将锁定 {minutes} 分钟。"
    assert said[-1] == (
        f"用户名或密码不正确。错误次数过多，该账号已暂时锁定，请 {minutes} 分钟后再试；"
        "急需登录请联系管理员解锁。"
    )
    # An unknown name reads exactly as the account did, try by try.
    assert five_wrong("nobody") == said
    # The right password two minutes later: refused, with the time really left.
    clock.now += dt.timedelta(minutes=2)
    right = _type_and_send(chromium, base, "wang", PASSWORDS["wang"][1])
    assert right == (
        f"错误次数过多，该账号已暂时锁定，请 {minutes - 2} 分钟后再试；急需登录请联系管理员解锁。"
    )
    assert _type_and_send(chromium, base, "nobody", "Wrong-guess-123") == right

    # The administrator lifts it (what `kiosk-central staff unlock wang` runs).
    staff = clocked_platform.platform.staff
    assert staff.unlock("wang")
    staff.record_event("admin@hall-pc", "staff.unlock", "wang", None, clock.now)
    chromium.get(base + "/console/signin")
    chromium.find_element(By.ID, "username").send_keys("wang")
    chromium.find_element(By.ID, "password").send_keys(PASSWORDS["wang"][1])
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "who"))

    # On the audit page, in words: who lifted whose lock.
    staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], clock.now)
    chromium.delete_all_cookies()
    chromium.get(base + "/console/signin")
    chromium.find_element(By.ID, "username").send_keys("zhao")
    chromium.find_element(By.ID, "password").send_keys(PASSWORDS["zhao"][1])
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "who"))
    chromium.get(base + "/console/audit")
    rows = [
        [td.text for td in row.find_elements(By.TAG_NAME, "td")]
        for row in chromium.find_elements(By.CSS_SELECTOR, "tr.console-event")
    ]
    assert any(
        r[1] == "admin@hall-pc" and r[2] == "解除账号锁定（命令行）" and r[4] == "wang"
        for r in rows
    ), rows
