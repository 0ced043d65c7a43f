"""The steps a hall runs on a staff call, end to end (try-out 9, K1): a citizen taps
呼叫工作人员 on the real kiosk window, a member of staff in Debian's headless Chromium
presses 确认收到, then 正在前往, then 已处理 on the console's hall page; the real sync
agent brings each step to the kiosk, which says 工作人员已收到, then (only then)
工作人员正在赶来, and at 已处理 its chip goes. Offline the kiosk says the last step it
heard and never one it did not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from central.console.accounts import Role
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_call_staff import _calls, _close_notice, _tap_call_staff
from tests.ui.test_console_staff_call import chromium, start_with_staff  # noqa: F401  (fixture)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PASSWORD = "Hall-staff-2026!"
SENT = ("呼叫已保存，等待送达", "已通知大厅工作人员")
ACKNOWLEDGED = ("工作人员已收到，请稍候", "工作人员已收到")
COMING = ("工作人员正在赶来，请在此稍候", "工作人员正在赶来")


def _press(button: str, shown: str):  # type: ignore[no-untyped-def]
    """A wait condition: True once the call's row reads ``shown``; until then press its
    ``button`` (again: the hall page reloads itself, a click may land on a stale page)."""

    def pressed(driver: webdriver.Chrome) -> bool:
        try:
            if shown in driver.find_element(By.CSS_SELECTOR, "tr.call").text:
                return True
            found = driver.find_elements(By.CSS_SELECTOR, f"tr.call button.{button}")
            if found:
                found[0].click()
        except (StaleElementReferenceException, NoSuchElementException, WebDriverException):
            pass  # any of them while the page reloads itself: press again
        return False

    return pressed


def _chip(window) -> str:  # type: ignore[no-untyped-def]
    return str(window.staff_banner.text()) if window.staff_banner.isVisible() else ""


@pytest.mark.integration
def test_ack_on_my_way_and_handled_from_chromium_each_said_on_the_kiosk(  # type: ignore[no-untyped-def]
    window,
    kiosk_app,
    qtbot,
    clock,
    chromium,  # noqa: F811
) -> None:
    embedded = start_with_staff(kiosk_app, clock, "wang", Role.HALL, PASSWORD)
    chromium.get(embedded.base_url + "/console/hall")
    chromium.find_element(By.ID, "username").send_keys("wang")
    chromium.find_element(By.ID, "password").send_keys(PASSWORD)
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "no-calls"))

    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() in SENT, timeout=15_000)
    _close_notice(window, qtbot)
    WebDriverWait(chromium, 45).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "tr.call button.ack")
    )

    WebDriverWait(chromium, 45, poll_frequency=1.0).until(_press("ack", "确认收到 · wang"))
    qtbot.waitUntil(lambda: _chip(window) in ACKNOWLEDGED, timeout=45_000)

    WebDriverWait(chromium, 45, poll_frequency=1.0).until(_press("coming", "正在前往 · wang"))
    qtbot.waitUntil(lambda: _chip(window) in COMING, timeout=45_000)

    WebDriverWait(chromium, 45, poll_frequency=1.0).until(_press("done", "已处理 · wang"))
    qtbot.waitUntil(lambda: not window.staff_banner.isVisible(), timeout=45_000)
    assert not chromium.find_elements(By.CSS_SELECTOR, "tr.call button")


def test_each_step_in_words_and_offline_only_what_was_heard(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    window.core.backend.sync = None  # the platform link is down
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.title.text() == SENT[0], timeout=2000)
    [call] = _calls(window)
    window.core.backend.outbox.mark_delivered(call.id, clock())
    window.core.staff_calls.acknowledge(call.id)  # heard before the link went
    qtbot.waitUntil(lambda: window.overlay.title.text() == "工作人员已收到您的呼叫", timeout=3000)
    _close_notice(window, qtbot)
    # Minutes pass with nothing heard: the chip claims nobody is on the way.
    for _ in range(30):
        clock.advance(10)
        window.core.sessions.touch()
        window.check_idle()
        qtbot.wait(20)
        assert _chip(window) in ACKNOWLEDGED

    window.core.staff_calls.acknowledge(call.id, "coming")  # 正在前往 reaches the kiosk
    qtbot.waitUntil(lambda: _chip(window) in COMING, timeout=3000)
    window.core.staff_calls.acknowledge(call.id, "acknowledged")  # a late reply: no step back
    qtbot.wait(1500)
    assert _chip(window) in COMING

    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _chip(window) in ("Staff are on their way, please wait here", "Staff on their way"),
        timeout=2000,
    )
    window.core.staff_calls.acknowledge(call.id, "done")  # 已处理: the call is closed
    qtbot.waitUntil(lambda: not window.staff_banner.isVisible(), timeout=3000)
