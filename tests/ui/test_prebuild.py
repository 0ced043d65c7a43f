"""Screens built ahead of the citizen, in small steps, through the real window.

Timing lives in bench/ui.py (``make bench-ui``); these tests check what the steps
do: every common screen is made, styled, laid out and painted, one screen per step,
and a citizen who taps meanwhile is served at once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

import ui.prebuild
from kiosk.flow import Screen
from tests.support.journey import Driver, type_identity_by_hand
from tests.ui.helpers import visible_texts, wait_until_tappable
from ui.main_window import PREBUILD


@pytest.fixture(autouse=True)
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    # The kiosk waits half a second after the home screen's first paint; tests need not.
    monkeypatch.setattr(ui.prebuild, "DELAY_MS", 0)


@pytest.fixture
def creations(window) -> Iterator[list[tuple[Screen, int]]]:  # type: ignore[no-untyped-def]
    """Each screen the window creates, with the pre-build step it was created in."""
    made: list[tuple[Screen, int]] = []
    real_page = window.make_page

    def page(screen: Screen):  # type: ignore[no-untyped-def]
        if screen not in window._screens:
            made.append((screen, window._prebuilder.steps_run))
        return real_page(screen)

    window.make_page = page
    yield made
    window.make_page = real_page


def _built(window) -> set[Screen]:  # type: ignore[no-untyped-def]
    return {s for s in Screen if s in window._screens}


def test_prebuild_makes_every_common_screen_one_per_step(window, qtbot, creations) -> None:  # type: ignore[no-untyped-def]
    window.cancel_prebuild()
    window.prebuild()  # from the start, so every creation is seen
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)
    assert _built(window) >= set(PREBUILD)
    made = [s for s, _ in creations]
    assert sorted(made, key=PREBUILD.index) == made, "built in the order citizens reach them"
    steps = [step for _, step in creations]
    assert len(set(steps)) == len(steps), f"two screens made in one step: {creations}"
    # Styled, laid out at the size they will be shown at, and painted once: each a step.
    assert window._prebuilder.steps_run >= 3 * len(PREBUILD)
    for screen in PREBUILD:
        page = window._screens[screen]
        assert page.testAttribute(Qt.WidgetAttribute.WA_WState_Polished), screen
        assert page.size() == window.stack.size(), screen
        for child in page.findChildren(QWidget):
            assert child.testAttribute(Qt.WidgetAttribute.WA_WState_Polished), (screen, child)


def test_citizen_tapping_during_prebuild_is_served(window, qtbot, creations) -> None:  # type: ignore[no-untyped-def]
    window.cancel_prebuild()
    window.prebuild()
    qtbot.waitUntil(lambda: len(creations) >= 2, timeout=20_000)  # mid-way
    assert window.prebuild_pending()
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    assert window.core.screen() == Screen.CATALOG
    assert window.stack.currentWidget() is window._screens[Screen.CATALOG]
    service = window.core.catalog.popular()[0]
    assert service.name.zh in " ".join(visible_texts(window))
    # The citizen has started: the rest is made on demand, not under their finger.
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=5_000)
    stopped_at = len(creations)
    qtbot.wait(50)
    assert len(creations) == stopped_at
    assert Screen.TRACK not in window._screens
    # Home ends the session; the next citizen finds every common screen built again.
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)
    assert window.core.screen() == Screen.HOME
    qtbot.waitUntil(lambda: set(PREBUILD) <= _built(window), timeout=20_000)
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)


def test_prebuild_builds_every_screen_when_modules_cannot_be_imported_ahead(
    window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def refuse(_names: list[str]) -> None:
        raise ImportError("simulated: the worker could not import ahead")

    monkeypatch.setattr(ui.prebuild, "_import_all", refuse)
    monkeypatch.setattr(window._prebuilder, "_imported", False)
    window.cancel_prebuild()
    window.prebuild()
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)
    assert _built(window) >= set(PREBUILD)


def _walk_away(window, clock) -> None:  # type: ignore[no-untyped-def]
    """The citizen leaves the home screen: past the idle warning, the kiosk resets the
    visit (首页 alone ends only the task and keeps language, 长辈模式, 字号 and colours)."""
    s = window.core.sessions
    clock.advance(s.warning_after_s() + s.countdown_s() + 1)
    window.check_idle()


def test_home_is_kept_between_citizens_and_shows_the_next_ones_defaults(
    window, qtbot, clock
) -> None:  # type: ignore[no-untyped-def]
    home = window._screens[Screen.HOME]
    wait_until_tappable(window.lang_btn)
    qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)  # this citizen reads English
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    catalog = window._screens[Screen.CATALOG]
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)  # the task is over
    qtbot.waitUntil(lambda: window._screens.get(Screen.CATALOG) is not catalog)
    _walk_away(window, clock)  # the visit is over: the next citizen's defaults
    qtbot.waitUntil(lambda: window.core.sessions.current.language == "zh")
    assert window._screens[Screen.HOME] is home  # nothing of the citizen's on it
    assert window.stack.currentWidget() is home
    texts = visible_texts(window)
    assert "办事" in texts and "Apply" not in texts


def test_home_is_rebuilt_when_the_citizen_changed_the_look(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    home = window._screens[Screen.HOME]
    wait_until_tappable(window.text_size_btn)
    qtbot.mouseClick(window.text_size_btn, Qt.MouseButton.LeftButton)  # larger text
    assert window._screens[Screen.HOME] is not home
    larger = window._screens[Screen.HOME]
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    wait_until_tappable(window.home_btn)
    qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)  # the task is over
    assert window._screens[Screen.HOME] is larger  # 首页 keeps 字号 for this visit
    _walk_away(window, clock)  # the visit is over: the next citizen's defaults
    qtbot.waitUntil(lambda: window._screens.get(Screen.HOME) not in (None, larger))
    assert window.display_prefs() == (0, "standard")


def test_prebuild_waits_while_workers_warm_up_and_home_stays_live(window, qtbot, creations) -> None:  # type: ignore[no-untyped-def]
    # Start-up work on workers (kiosk/warming.py): building beside it, each step would
    # wait for the interpreter lock at every Qt call.
    window.cancel_prebuild()
    creations.clear()  # steps the window ran before this test took over
    window.core.warming.begin()
    try:
        window.prebuild()
        steps = window._prebuilder.steps_run
        qtbot.wait(300)
        assert window._prebuilder.steps_run == steps and creations == []
        assert window.prebuild_pending()
        # The home screen answers meanwhile.
        wait_until_tappable(window.lang_btn)
        qtbot.mouseClick(window.lang_btn, Qt.MouseButton.LeftButton)
        assert "Apply" in visible_texts(window)
    finally:
        window.core.warming.end()
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)
    assert _built(window) >= set(PREBUILD)


def test_prebuild_stops_waiting_for_start_up_work_that_never_ends(
    window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # A worker stuck at start-up (a device that never answers) must not leave every
    # citizen's screens to be built under their finger.
    monkeypatch.setattr(ui.prebuild, "WARMING_WAIT_MAX_S", 0.2)
    window.cancel_prebuild()
    window.core.warming.begin()  # and never ended
    try:
        window.prebuild()
        qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)
        assert _built(window) >= set(PREBUILD)
    finally:
        window.core.warming.end()


def _stop_prebuild_when(window, monkeypatch, reached) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Make the pre-build stop, as a citizen's first tap stops it, once ``reached()``."""
    stop = {"on": True}
    started = window.citizen_started
    monkeypatch.setattr(window, "citizen_started", lambda: started() or (stop["on"] and reached()))
    return stop


def test_screen_made_but_not_yet_placed_is_shown_on_the_tap(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A screen is made in one step and put in the window's stack in the next: a citizen
    # whose tap falls between the two gets it on screen all the same.
    window.cancel_prebuild()
    window._drop_screens(keep=Screen.HOME)
    window.show_screen()
    _stop_prebuild_when(window, monkeypatch, lambda: Screen.CATALOG in window._screens)
    window.prebuild()
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)
    catalog = window._screens[Screen.CATALOG]
    assert catalog.parentWidget() is None, "the pre-build stopped between making and placing"
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    assert window.core.screen() == Screen.CATALOG
    assert window.stack.currentWidget() is catalog and catalog.isVisible()
    service = window.core.catalog.popular()[0]
    assert service.name.zh in " ".join(visible_texts(window))


def _unplaced_text_pads() -> list[QWidget]:
    from ui.widgets.text_pad import TextPad

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, TextPad)]


def _stop_once_a_text_pad_is_made(window, monkeypatch) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    window.cancel_prebuild()
    window._drop_screens(keep=Screen.HOME)
    window.show_screen()
    stop = _stop_prebuild_when(window, monkeypatch, lambda: bool(_unplaced_text_pads()))
    window.prebuild()
    end = time.monotonic() + 20
    while window.prebuild_pending() and time.monotonic() < end:
        QApplication.processEvents()
    assert _unplaced_text_pads(), "the pre-build stopped between making a pad and placing it"
    return stop


def test_keyboard_made_ahead_types_when_its_field_is_reached(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The manual ID screen's pinyin keyboard is made in one step and placed under the
    # fields in another: a citizen arriving between the two types their name with it.
    _stop_once_a_text_pad_is_made(window, monkeypatch)
    d = Driver(window, lambda w: QTest.mouseClick(w, Qt.MouseButton.LeftButton))
    type_identity_by_hand(d)
    assert not _unplaced_text_pads()
    d.click("btn_confirm")
    d.click("btn_choice_no")  # born 1949: assisted mode is offered; declined
    d.wait_for(Screen.FORM)
    identity = window.core.sessions.current.identity
    assert identity is not None and identity.surname + identity.given_names == "张三"


def test_keyboard_made_ahead_but_never_placed_goes_with_its_screen(
    window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # Screens are destroyed after each citizen; a keyboard made for one but not yet
    # placed in it (the citizen's first tap stopped the pre-build) has no parent to
    # take it along, and would stay behind as a window, for days.
    stop = _stop_once_a_text_pad_is_made(window, monkeypatch)
    wait_until_tappable(window.findChild(QAbstractButton, "tile_apply"))
    qtbot.mouseClick(window.findChild(QAbstractButton, "tile_apply"), Qt.MouseButton.LeftButton)
    stop["on"] = False
    gc.collect()
    gc.disable()  # Qt must free it, not the cyclic collector's next pass
    try:
        wait_until_tappable(window.home_btn)
        qtbot.mouseClick(window.home_btn, Qt.MouseButton.LeftButton)  # the screens go
        end = time.monotonic() + 20
        while time.monotonic() < end and (window.prebuild_pending() or _unplaced_text_pads()):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()
        assert not window.prebuild_pending()
        assert not _unplaced_text_pads()
    finally:
        gc.enable()
