"""A citizen's own display settings (text size in 4 steps, contrast themes), tapped on the
real window, and gone for the next citizen; plus the header, home tiles and step bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.flow import Screen
from kiosk.session import EndReason
from tests.ui.helpers import wait_until_tappable
from ui.a11y import NORMAL_LIMITS, check_window
from ui.theme import CONTRASTS


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    (b,) = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()


def _text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    (w,) = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    return str(w.text())


def test_text_size_steps_and_contrast_themes_then_reset(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    body = window.tokens().body_px
    assert window.findChild(QAbstractButton, "btn_text_size").text() == "字号 1/4"
    sizes = [body]
    for step in range(2, 5):
        _tap(qtbot, window, "btn_text_size")
        assert window.findChild(QAbstractButton, "btn_text_size").text() == f"字号 {step}/4"
        sizes.append(window.tokens().body_px)
    assert sizes == sorted(sizes) and len(set(sizes)) == 4  # four growing steps
    for _ in range(len(CONTRASTS) - 1):
        _tap(qtbot, window, "btn_contrast")
    assert window.findChild(QAbstractButton, "btn_contrast").text() == "高对比"
    assert QColor(window.tokens().bg).lightness() == 0  # dark high-contrast: black
    # Still readable at the largest size in high contrast (measured on the pixels).
    breaches = [b for b in check_window(window, NORMAL_LIMITS, 4.03) if b.kind == "contrast"]
    assert not breaches, breaches
    _tap(qtbot, window, "tile_apply")
    assert window.core.screen() == Screen.CATALOG
    window.core.home(EndReason.IDLE_TIMEOUT)  # the citizen left: the next starts afresh
    for _ in range(3):
        QApplication.processEvents()
    assert window.display_prefs() == (0, "standard")
    assert window.tokens().body_px == body
    assert window.findChild(QAbstractButton, "btn_contrast").text() == "标准色"


def test_header_shows_the_centre_date_and_time(window, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    window.check_idle()
    now = clock().astimezone()
    assert _text(window, "header_centre") == window.core.settings.kiosk.location_zh
    assert f"{now.month}月{now.day}日" in _text(window, "header_clock")
    assert _text(window, "header_clock").endswith(f"{now:%H:%M}")
    clock.advance(60)
    window.check_idle()
    later = (now + dt.timedelta(seconds=60)).strftime("%H:%M")
    assert _text(window, "header_clock").endswith(later)


def test_home_tiles_have_pictograms(window) -> None:  # type: ignore[no-untyped-def]
    for name in ("apply", "track", "appointment", "guides", "rate", "feedback", "assisted"):
        tile = window.findChild(QAbstractButton, f"tile_{name}")
        assert tile.icon.isVisible() and not tile.icon.pixmap().isNull(), name
        assert tile.property("accent") == name


def test_assisted_tile_never_switches_the_mode_off(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _tap(qtbot, window, "tile_assisted")
    assert window.core.sessions.current.assisted
    # In 长辈模式 no tile offers what is already on (try-out 4, 12b); a second tap at
    # its place switches nothing off, and the top bar says the way back.
    qtbot.wait(1)
    shown = [w for w in window.findChildren(QAbstractButton, "tile_assisted") if w.isVisible()]
    assert window.core.screen() == Screen.HOME and not shown
    assert window.core.sessions.current.assisted
    back = window.findChild(QAbstractButton, "btn_assisted")
    assert back.isVisible() and back.text() == "退出长辈模式"
    _tap(qtbot, window, "btn_assisted")
    assert not window.core.sessions.current.assisted
    qtbot.wait(1)
    assert any(w.isVisible() for w in window.findChildren(QAbstractButton, "tile_assisted"))


def test_step_bar_follows_the_apply_journey(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not window.findChild(QLabel, "step_0").isVisible()  # not on home
    _tap(qtbot, window, "tile_apply")
    now = window.findChild(QLabel, "step_0")
    assert now.isVisible() and now.text() == "选择事项" and now.property("role") == "step_now"
    assert window.findChild(QLabel, "step_5").text() == "回执"
