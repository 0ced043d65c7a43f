"""Queue tickets tell the truth about the queue, end to end.

Citizens take numbers by tapping the real kiosk window; the real sync agent delivers
them to the (embedded) platform; a member of staff signed in to the console in Debian's
headless Chromium presses 叫号 for their counter; the next ticket's screen and slip say
how many people are ahead. With the network cut, the screen and the slip say that the
number ahead is not known, and the numbers stay unique in the hall.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from central.console.accounts import Role
from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.ui.test_console_staff_call import PASSWORD, chromium  # noqa: F401  (fixture)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from tests.ui.helpers import wait_until_tappable  # noqa: E402

pytestmark = pytest.mark.integration

DEPT = "gongan.huzheng"


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the visible control ``name``; fail loudly when it is not there."""

    def shown() -> QAbstractButton | None:
        for b in window.findChildren(QAbstractButton, name):
            if b.isVisible() and b.isEnabled():
                return b
        return None

    # The window may rebuild its page while the tap waits for the guard (a session end
    # the staging's core.home() queued destroys every screen and makes them anew): the
    # control found before the wait is then gone, and its successor just arrived under
    # the finger. Look again until the control on screen is the one that settled.
    for _ in range(5):
        qtbot.waitUntil(lambda: shown() is not None, timeout=10_000)
        button = shown()
        wait_until_tappable(button)
        if button is shown():
            break
    else:
        raise AssertionError(f"{name} kept being rebuilt: never settled to tap")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _jobs(kiosk_app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Queue tickets sent to the printer: job id -> the text of its stored document."""
    store = kiosk_app.backend.printing._store  # the print job store: what went to paper
    return {
        j.id: json.dumps(json.loads(store.get(j.id).payload), ensure_ascii=False)
        for j in store.list_jobs()
        if j.kind == "queue_ticket"
    }


def _take_ticket(window, kiosk_app, qtbot, card: str | None = None) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Home → 预约取号 → demo passport (or the sample resident card ``card`` on the SAM
    reader: another person) → the counter → 现场取号: the number on screen and the text
    of the slip printed for it. One person holds one number a counter a day, so a
    second waiting number needs a second person."""
    before = _jobs(kiosk_app)
    window.core.home()
    window.show_screen()
    _tap(window, qtbot, "tile_appointment")
    demo = DemoControls(kiosk_app.backend)
    if card is None:
        demo.insert_document("adult")
    else:
        demo.lay_id_card(card)
    qtbot.waitUntil(lambda: window.core.screen() != Screen.IDENTIFY, timeout=10_000)
    if window.core.screen() == Screen.MRZ_ENTRY:
        for ch in "E12345678":
            _tap(window, qtbot, f"key_{ch}")
        # Normal mode shows every field at once (tap the next one); 长辈模式 one a page.
        nxt = [w for w in window.findChildren(QWidget, "btn_step_next") if w.isVisible()]
        field = [w for w in window.findChildren(QWidget, "field_birth_date") if w.isVisible()]
        assert nxt or field, "no way to the birth date"
        wait_until_tappable((nxt or field)[0])
        qtbot.mouseClick((nxt or field)[0], Qt.MouseButton.LeftButton)
        for ch in "19850312":
            _tap(window, qtbot, f"key_{ch}")
        # Standard mode moves on to the expiry by itself; 长辈模式 turns the page on 下一步.
        if [w for w in window.findChildren(QWidget, "btn_step_next") if w.isVisible()]:
            _tap(window, qtbot, "btn_step_next")
        for ch in "20341231":
            _tap(window, qtbot, f"key_{ch}")
        _tap(window, qtbot, "btn_read")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=15_000)
    if card is None:
        demo.remove_document()
    else:
        demo.lift_id_card()
    _tap(window, qtbot, f"dept_{DEPT}")
    _tap(window, qtbot, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=10_000)
    # Found afresh each time: the ticket's pager may lay its page out again (and make
    # its labels anew) when the window's bars change, and the last citizen's pages are
    # still being destroyed.
    qtbot.waitUntil(lambda: "正在查询" not in _text_shown(window, "ticket_ahead"), timeout=15_000)
    qtbot.waitUntil(lambda: len(_jobs(kiosk_app)) == len(before) + 1, timeout=10_000)
    (slip,) = [text for job, text in _jobs(kiosk_app).items() if job not in before]
    return str(_shown(window, "ticket_number").text()), slip


def _shown(window, name: str) -> QLabel:  # type: ignore[no-untyped-def]
    return next(w for w in window.findChildren(QLabel, name) if w.isVisible())


def _text_shown(window, name: str) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, name) if w.isVisible()]
    return str(shown[0]) if shown else "正在查询"  # mid-layout: not there yet


def _ahead(window) -> str:  # type: ignore[no-untyped-def]
    label = _shown(window, "ticket_ahead")
    assert label.isVisible()
    return str(label.text())


def _start(kiosk_app) -> None:  # type: ignore[no-untyped-def]
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    assert kiosk_app.backend.platform is not None and kiosk_app.backend.sync is not None


def test_staff_call_in_chromium_and_the_next_ticket_says_who_is_ahead(  # type: ignore[no-untyped-def]
    window,
    kiosk_app,
    qtbot,
    clock,
    chromium,  # noqa: F811
) -> None:
    _start(kiosk_app)
    embedded = kiosk_app.backend.platform
    # The platform's clock is the kiosk's (a Monday morning, the counters open).
    embedded.platform.config.now = clock
    embedded.platform.staff.add("wang", Role.HALL, PASSWORD, clock.now)

    first, slip = _take_ticket(window, kiosk_app, qtbot)
    assert first == "1-A001" and _ahead(window) == "前面没有人等候，请留意叫号"
    assert "前面等候" in slip and '"0 人"' in slip
    second, _slip = _take_ticket(window, kiosk_app, qtbot, card="hmt")
    assert second == "1-A002" and _ahead(window) == "前面还有 1 人等候"
    assert "预计等候" not in _ahead(window)  # nobody called yet: no basis for a time

    chromium.get(embedded.base_url + "/console/signin")
    chromium.find_element(By.ID, "username").send_keys("wang")
    chromium.find_element(By.ID, "password").send_keys(PASSWORD)
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.queue"))
    row = chromium.find_element(By.CSS_SELECTOR, "tr.queue")
    assert "1-A001" in row.find_element(By.CSS_SELECTOR, ".next").text
    row.find_element(By.NAME, "counter").send_keys("3")
    row.find_element(By.CSS_SELECTOR, "button.call-next").click()
    WebDriverWait(chromium, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: "1-A001 → 3" in d.find_element(By.ID, "called").text
    )
    assert "3 · wang" in chromium.find_element(By.ID, "tickets").text

    # The first citizen again: their number was called, so they may take another.
    third, slip = _take_ticket(window, kiosk_app, qtbot)
    # 1-A001 was called: only 1-A002 waits ahead of 1-A003.
    assert third == "1-A003" and _ahead(window) == "前面还有 1 人等候"
    assert '"1 人"' in slip


def test_offline_the_ticket_says_the_number_ahead_is_not_known(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    first, _slip = _take_ticket(window, kiosk_app, qtbot)
    DemoControls(kiosk_app.backend).set_network(True)
    second, slip = _take_ticket(window, kiosk_app, qtbot, card="hmt")
    assert _ahead(window) == "网络未连接，暂时无法得知前面的等候人数。"
    assert "暂无法获知" in slip and "预计等候" not in slip
    assert (first, second) == ("1-A001", "1-A002")  # numbering goes on, unique in the hall
    window.core.sessions.set_language("en")
    window.show_screen()
    assert _ahead(window) == "No network: how many people wait ahead is not known."
