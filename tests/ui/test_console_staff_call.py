"""End to end in a real browser: a citizen taps 呼叫工作人员 on the real kiosk window, the
real sync agent delivers the call to the platform, a member of staff signed in to the
console in Debian's headless Chromium sees it and acknowledges it, and the kiosk's
notice then says 工作人员已收到."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from central.console.accounts import Role

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from tests.support.chromium import headless_chromium  # noqa: E402
from tests.ui.helpers import wait_until_tappable  # noqa: E402

pytestmark = pytest.mark.integration

PASSWORD = "Hall-staff-2026!"
ACKNOWLEDGED = "工作人员已收到您的呼叫"
SENT = ("呼叫已保存，等待送达", "已通知大厅工作人员")


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    with headless_chromium(tmp_path / "chromium-profile") as driver:
        yield driver


def start_with_staff(kiosk_app, clock, username: str, role: Role, password: str):  # type: ignore[no-untyped-def]
    """Start the kiosk with its embedded platform on real time (the console's sessions
    expire by it) and give the platform a staff account; the embedded platform."""
    clock.now = dt.datetime.now(dt.UTC)
    # The session began on the fixture's clock, twelve days back: as the citizen's it
    # starts now, or the home screen's idle check (which times out a call made there)
    # would end it at once.
    kiosk_app.core.sessions.touch()
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    embedded = kiosk_app.backend.platform
    assert embedded is not None and kiosk_app.backend.sync is not None
    embedded.platform.staff.add(username, role, password, clock.now)
    return embedded


def _acknowledged(driver: webdriver.Chrome) -> bool:
    """True once the call reads acknowledged; until then press its button (again).

    The hall page reloads itself every few seconds: a button may go stale mid-click,
    or a reload may cancel the form's POST, so the press is repeated until it took.
    """
    try:
        if "确认收到 · wang" in driver.find_element(By.CSS_SELECTOR, "tr.call").text:
            return True
        buttons = driver.find_elements(By.CSS_SELECTOR, "tr.call button.ack")
        if buttons:
            buttons[0].click()
    except (StaleElementReferenceException, NoSuchElementException):
        pass
    return False


def test_staff_call_is_seen_and_acknowledged_in_chromium_and_the_kiosk_says_so(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock, chromium
) -> None:
    embedded = start_with_staff(kiosk_app, clock, "wang", Role.HALL, PASSWORD)

    # Sign in: the console sends an unsigned browser to its sign-in page.
    chromium.get(embedded.base_url + "/console/hall")
    assert chromium.current_url.endswith("/console/signin")
    chromium.find_element(By.ID, "username").send_keys("wang")
    chromium.find_element(By.ID, "password").send_keys(PASSWORD)
    chromium.find_element(By.ID, "signin").click()
    # Bounds, not timings: generous, as the machine may be busy with other work.
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "no-calls"))
    assert "wang" in chromium.find_element(By.ID, "who").text

    # The citizen taps the button on the real window.
    assert window.staff_btn.isVisible() and window.staff_btn.isEnabled()
    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.overlay.title.text() in SENT, timeout=15_000)

    # It appears on the hall page by itself (the page refreshes every few seconds).
    WebDriverWait(chromium, 45).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "tr.call button.ack")
    )
    WebDriverWait(chromium, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: "待处理" in d.find_element(By.CSS_SELECTOR, "tr.call").text
    )
    WebDriverWait(chromium, 45, poll_frequency=1.0).until(_acknowledged)

    # The kiosk learns it through its sync agent and tells the citizen.
    qtbot.waitUntil(lambda: window.overlay.title.text() == ACKNOWLEDGED, timeout=45_000)
