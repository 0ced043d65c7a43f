"""首页 ends the task, not the visit: an elderly citizen who goes home for a second errand
keeps 长辈模式, 字号, colours and language; their identity goes. The visit ends (and
everything goes back to the default) on the idle reset, on 结束办理, and at a journey's
end (完成): the next citizen starts from the default."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import manual_identity, put_on, rig  # noqa: F401  (rig: fixture)
from tests.ui.helpers import wait_until_tappable


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    shown = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert shown, f"no visible {name}"
    wait_until_tappable(shown[0])
    qtbot.mouseClick(shown[0], Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()


def _choose_display(window, qtbot, assisted: bool, contrast: str) -> None:  # type: ignore[no-untyped-def]
    """长辈模式 (if ``assisted``), 字号 4/4, the ``contrast`` colours and English, by taps."""
    if assisted:
        _tap(qtbot, window, "btn_assisted")
    for _ in range(3):
        _tap(qtbot, window, "btn_text_size")
    while window.display_prefs()[1] != contrast:
        _tap(qtbot, window, "btn_contrast")
    _tap(qtbot, window, "btn_lang")


def _personalise(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """长辈模式, 字号 4/4, 高对比, English; then into a journey, identity proven."""
    _choose_display(window, qtbot, True, "high")
    _tap(qtbot, window, "tile_apply")
    assert window.core.screen() == Screen.CATALOG
    window.core.sessions.current.set_identity(manual_identity(latin=True))  # as IDENTIFY does


def _personal(window) -> bool:  # type: ignore[no-untyped-def]
    s = window.core.sessions.current
    return (
        s.assisted
        and s.language == "en"
        and window.display_prefs() == (3, "high")
        and window.findChild(QAbstractButton, "btn_text_size").text() == "Text 4/4"
    )


def test_home_keeps_the_display_settings_and_drops_the_identity(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _personalise(window, qtbot)
    big = window.tokens().body_px
    old_session = window.core.sessions.current.id
    _tap(qtbot, window, "btn_home")
    # The question says what goes and what stays (in the citizen's language).
    assert "stay as they are" in window.findChild(QLabel, "overlay_body").text()
    _tap(qtbot, window, "overlay_primary")  # "leave and clear what I gave": yes
    assert window.core.screen() == Screen.HOME
    s = window.core.sessions.current
    assert s.id != old_session and s.identity is None  # the task and its identity are gone
    assert _personal(window)
    assert window.tokens().body_px == big  # still large type on the home screen
    assert window.findChild(QAbstractButton, "tile_apply").isVisible()
    # A second errand: still large type, still English.
    _tap(qtbot, window, "tile_track")
    assert window.core.screen() == Screen.TRACK
    assert _personal(window)


def test_the_idle_reset_still_resets_everything(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    _personalise(window, qtbot)
    _tap(qtbot, window, "btn_home")
    _tap(qtbot, window, "overlay_primary")
    assert _personal(window)
    # The citizen walks away from the home screen: the idle warning, then the reset.
    s = window.core.sessions
    clock.advance(s.warning_after_s() + s.countdown_s() + 1)
    window.check_idle()
    for _ in range(3):
        QApplication.processEvents()
    cur = window.core.sessions.current
    assert not cur.assisted and cur.language == "zh"
    assert window.display_prefs() == (0, "standard")
    assert window.findChild(QAbstractButton, "btn_text_size").text() == "字号 1/4"


def test_end_now_on_the_idle_warning_ends_the_visit(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    _personalise(window, qtbot)
    s = window.core.sessions
    clock.advance(s.warning_after_s() + 1)
    window.check_idle()
    assert window.overlay.is_idle_warning()
    _tap(qtbot, window, "overlay_secondary")  # 结束办理
    assert window.core.screen() == Screen.HOME
    cur = window.core.sessions.current
    assert cur.identity is None and not cur.assisted and cur.language == "zh"
    assert window.display_prefs() == (0, "standard")


def test_home_keeps_the_volume_and_idle_resets_it(rig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    voice = r.core.voice
    assert voice is not None
    default = voice.volume.percent
    r.core.sessions.set_assisted(True)
    r.window.show_screen()
    put_on(r.window, Screen.FORM)
    r.click("btn_volume_up")
    r.click("btn_volume_up")
    louder = voice.volume.percent
    assert louder > default
    r.click("btn_home")
    r.click("overlay_primary")
    r.at(Screen.HOME)
    assert voice.volume.percent == louder  # still loud enough for the next errand
    s = r.core.sessions
    clock.advance(s.warning_after_s() + s.countdown_s() + 1)
    r.window.check_idle()
    r.settle()
    assert voice.volume.percent == default


@pytest.mark.parametrize("assisted", [False, True])
def test_the_end_of_a_journey_resets_everything_for_the_next_citizen(
    window,  # type: ignore[no-untyped-def]
    qtbot,
    citizen,
    assisted: bool,
) -> None:
    """完成 on the rating's thanks: the citizen leaves, the next one steps up and finds
    Chinese, 字号 1/4, standard colours and the standard mode (try-out 5)."""
    _choose_display(window, qtbot, assisted, "dark")
    _tap(qtbot, window, "tile_rate")
    assert window.core.screen() == Screen.RATE
    _tap(qtbot, window, "rate_very_satisfied")
    _tap(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    assert window.core.sessions.current.language == "en" and window.display_prefs() == (3, "dark")
    _tap(qtbot, window, "btn_done")  # Done
    assert window.core.screen() == Screen.HOME
    cur = window.core.sessions.current
    assert cur.language == "zh" and not cur.assisted
    assert window.display_prefs() == (0, "standard")
    assert window.findChild(QAbstractButton, "btn_text_size").text() == "字号 1/4"
    assert window.findChild(QAbstractButton, "btn_lang").text() == "English"
