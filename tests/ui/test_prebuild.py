"""Screens built ahead of the citizen, in small steps, through the real window.

Timing lives in bench/ui.py (``make bench-ui``); these tests check what the steps
do: every common screen is made, styled, laid out and painted, one screen per step,
and a citizen who taps meanwhile is served at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

import ui.prebuild
from kiosk.flow import Screen
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
    real_page = window.page

    def page(screen: Screen):  # type: ignore[no-untyped-def]
        if screen not in window._screens:
            made.append((screen, window._prebuilder.steps_run))
        return real_page(screen)

    window.page = page
    yield made
    window.page = real_page


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
