"""The shell: home entries, chrome on every screen, language, idle wipe, window sizes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

from kiosk.flow import Screen
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.session import EndReason
from tests.ui.helpers import visible_texts, wait_until_tappable

HOME_ENTRIES = ["办事", "查询", "预约取号", "办事指南", "评价", "投诉建议", "长辈模式"]


def test_home_shows_every_main_entry(window) -> None:  # type: ignore[no-untyped-def]
    texts = visible_texts(window)
    for entry in HOME_ENTRIES:
        assert entry in texts
    assert "English" in texts and "呼叫工作人员" in texts


def test_tapping_apply_opens_catalog_with_chrome(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    tile = window.findChild(QAbstractButton, "tile_apply")
    wait_until_tappable(tile)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.core.screen() == Screen.CATALOG
    for name in ("btn_back", "btn_home", "btn_lang", "btn_call_staff"):
        assert window.findChild(QAbstractButton, name).isVisible(), name
    wait_until_tappable(window.back_btn)
    qtbot.mouseClick(window.back_btn, Qt.MouseButton.LeftButton)
    assert window.core.screen() == Screen.HOME


def test_language_switch_retranslates_current_screen(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(window.findChild(QAbstractButton, "tile_guides"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_guides"), Qt.MouseButton.LeftButton)
    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
    texts = visible_texts(window)
    assert "Please choose the service you need" in texts and "Back" in texts
    service = window.core.catalog.popular()[0]
    assert service.name.en in " ".join(texts)


def _with_identity(window) -> None:  # type: ignore[no-untyped-def]
    core = window.core
    core.start(__import__("kiosk.flow", fromlist=["Journey"]).Journey.APPLY)
    core.sessions.current.set_identity(
        Identity(
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
    )
    window.show_screen()


def test_idle_warning_then_more_time(window, clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    _with_identity(window)
    clock.advance(61)
    window.check_idle()
    assert window.overlay.is_idle_warning()
    assert "29" in window.overlay.body.text()
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()
    assert window.core.sessions.current.identity is not None
    clock.advance(50)
    window.check_idle()
    assert not window.overlay.isVisible()


def _touch_screen(window, how: str) -> None:  # type: ignore[no-untyped-def]
    """A touch (or a click) as the panel delivers it: to the window, then the widget under it."""
    handle = window.windowHandle()
    spot = window.current_page().mapTo(window, QPoint(5, 5))  # a blank corner of the screen
    if how == "touch":
        device = QTest.createTouchDevice()
        QTest.touchEvent(handle, device).press(0, spot).commit()
        QTest.touchEvent(handle, device).release(0, spot).commit()
    else:
        wait_until_tappable(handle)
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)


@pytest.mark.parametrize("how", ["touch", "mouse"])
def test_a_touch_anywhere_keeps_the_session_alive(window, clock, qtbot, how) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import WATCH_INPUT_AFTER_MS

    _with_identity(window)
    qtbot.wait(WATCH_INPUT_AFTER_MS + 100)  # input is watched from just after the first paint
    clock.advance(50)
    _touch_screen(window, how)
    clock.advance(50)  # 100 s since the identity, 50 s since the touch
    window.check_idle()
    assert not window.overlay.isVisible()
    assert window.core.sessions.current.identity is not None
    clock.advance(11)  # 61 s without a touch: now the warning
    window.check_idle()
    assert window.overlay.is_idle_warning()


def test_idle_timeout_wipes_session_and_screens(window, clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    _with_identity(window)
    session_id = window.core.sessions.current.id
    clock.advance(61)
    window.check_idle()
    clock.advance(30)
    window.check_idle()
    qtbot.wait(10)  # let the queued session-end handler run
    assert window.core.screen() == Screen.HOME
    assert window.core.sessions.current.id != session_id
    assert window.core.sessions.current.identity is None
    texts = " ".join(visible_texts(window))
    assert "三丰" not in texts and "110105" not in texts


def test_idle_countdown_ignores_stray_touches(window, clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A touch elsewhere while the warning is up must not silently cancel it: only "more time" does.
    _with_identity(window)
    clock.advance(61)
    window.check_idle()
    wait_until_tappable(window.overlay.title)
    qtbot.mouseClick(window.overlay.title, Qt.MouseButton.LeftButton)
    clock.advance(31)
    window.check_idle()
    assert window.core.sessions.current.identity is None


def test_call_staff_says_saved_not_notified_before_delivery(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)
    assert window.overlay.isVisible()
    # No platform has the call yet (no sync agent in this test): saved, not notified.
    qtbot.waitUntil(lambda: window.overlay.title.text() == "呼叫已保存，等待送达", timeout=2000)
    assert "马上就到" not in window.overlay.title.text()


def test_assisted_mode_enlarges_text_and_resets_with_session(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    normal = window.tokens().body_px
    wait_until_tappable(window.findChild(QAbstractButton, "tile_assisted"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_assisted"), Qt.MouseButton.LeftButton)
    assert window.core.sessions.current.assisted
    assert window.tokens().body_px > normal
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    # 首页 ends the task, not the visit: large type stays for the citizen's next errand.
    assert window.core.sessions.current.assisted
    window.core.home(EndReason.IDLE_TIMEOUT)  # the citizen left: the visit ends
    qtbot.wait(10)
    assert not window.core.sessions.current.assisted
    assert window.tokens().body_px == normal


def test_chinese_font_is_noto_sans_cjk_sc(window) -> None:  # type: ignore[no-untyped-def]
    label = next(w for w in window.findChildren(QLabel) if w.isVisible() and w.text())
    assert QFontInfo(label.font()).family() == "Noto Sans CJK SC"


def _scroll_ancestor(w: QWidget) -> QScrollArea | None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            return p
        p = p.parentWidget()
    return None


def _clipped(window) -> list[str]:  # type: ignore[no-untyped-def]
    bad = []
    win_rect = window.rect()
    for w in window.findChildren(QWidget):
        if not isinstance(w, QLabel | QAbstractButton) or not w.isVisible() or not w.text():
            continue
        if w.window() is not window or window.overlay.isAncestorOf(w):
            continue
        scroller = _scroll_ancestor(w)
        if scroller is not None:
            # Vertical scrolling is by design; sideways overflow is not.
            left = w.mapTo(scroller, QPoint(0, 0)).x()
            if left < 0 or left + w.width() > scroller.width():
                bad.append(w.text())
            continue
        top_left = w.mapTo(window, QPoint(0, 0))
        inside = win_rect.contains(top_left) and win_rect.contains(
            top_left + QPoint(w.width() - 1, w.height() - 1)
        )
        if not inside or w.width() < min(w.minimumSizeHint().width(), w.sizeHint().width()) - 1:
            bad.append(w.text())
    return bad


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("assisted", [False, True])
def test_no_clipping_from_small_landscape_to_tall_portrait(
    window, qtbot, size, lang, assisted
) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    for steps in ([], ["apply"]):
        window.core.home()
        window.core.sessions.set_language(lang)
        window.core.sessions.set_assisted(assisted)
        if steps:
            qtbot.mouseClick(
                window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton
            )
        window.show_screen()
        qtbot.wait(20)
        assert (window.width(), window.height()) == size, "content forced the window to grow"
        assert not _clipped(window), (size, steps, _clipped(window))


def test_call_staff_queues_a_durable_record(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from offline_cache.outbox_protocol import RecordKind

    wait_until_tappable(window.staff_btn)
    qtbot.mouseClick(window.staff_btn, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    calls = [r for r in kiosk_app.backend.outbox.list() if r.kind is RecordKind.STAFF_CALL]
    assert len(calls) == 1
    # No platform link in this test: the citizen is told the call waits and where else to go.
    body = window.overlay.body.text()
    assert "呼叫已保存在本机" in body and "服务台" in body


def test_home_asks_before_wiping_a_journey_in_progress(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _with_identity(window)
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)
    assert window.overlay.isVisible() and window.overlay.title.text() == "回到首页吗？"
    wait_until_tappable(window.overlay.secondary)
    qtbot.mouseClick(window.overlay.secondary, Qt.MouseButton.LeftButton)  # keep going
    assert window.core.sessions.current.identity is not None
    assert window.core.screen() != Screen.HOME
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)  # go to the start
    qtbot.wait(10)
    assert window.core.screen() == Screen.HOME
    assert window.core.sessions.current.identity is None


def test_home_without_personal_data_goes_straight_home(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()
    assert window.core.screen() == Screen.HOME
