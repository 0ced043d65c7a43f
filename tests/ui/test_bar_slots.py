"""Issue #14 (try-out 4): the bars' buttons keep their places under a citizen's finger.

- 中文 ↔ English: every button of the top and bottom bars stays where it was, so a
  second tap lands on the same button (fixed slots sized for the longer language).
- 长辈模式, 字号 1→4: 标准色 stays in place (and 字号 grows in place); in portrait the
  voice buttons too (their own row at every 字号).
- 长辈模式 at every text size: the header still shows the centre's name and the time.

All at 1920x1080, 1080x1920 and 1280x800, in both modes and every text size, on the
catalog (返回 and 首页 shown too). Taps go through the window as a touch panel's do,
and each is checked against what is under the finger afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_tap_guard import _centre, _control_at, _touch
from ui.theme import TEXT_STEPS

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
TOP = ["btn_back", "btn_home", "btn_lang", "btn_assisted", "btn_call_staff"]
BOTTOM = ["btn_text_size", "btn_contrast", "btn_repeat", "btn_volume_down", "btn_volume_up"]


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _shown(window: QWidget, name: str) -> QAbstractButton | None:
    found = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    return found[0] if found else None


def _tap(window: QWidget, name: str) -> QPoint:
    """Tap ``name``'s centre as a finger does; returns the point."""
    button = _shown(window, name)
    assert button is not None, f"{name} is not on screen"
    wait_until_tappable(button)
    at = _centre(button)
    _touch(window, at)
    _settle()
    return at


def _slots(window: QWidget) -> dict[str, QRect]:
    """Where each bar button on screen is, in window coordinates."""
    out = {}
    for name in TOP + BOTTOM:
        b = _shown(window, name)
        if b is not None:
            out[name] = QRect(b.mapTo(window, QPoint(0, 0)), b.size())
    return out


def _whole_and_apart(window: QWidget, where: str) -> None:
    """Every bar button shows its words whole, and none overlaps another (a fixed-width
    button the bar planned to narrow overlapped the next one at 1280 px)."""
    slots = _slots(window)
    for name, rect in slots.items():
        button = _shown(window, name)
        assert button is not None
        assert button.width_for(button.text()) <= button.width(), f"{name} cut, {where}"
        for other, there in slots.items():
            assert other == name or not rect.intersects(there), f"{name} on {other}, {where}"


def _at_catalog(window, qtbot, size: tuple[int, int], assisted: bool) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    _settle()
    if assisted:
        _tap(window, "btn_assisted")
    _tap(window, "tile_apply")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.CATALOG, timeout=5000)
    window.resize(*size)
    _settle()
    assert window.core.sessions.current.assisted is assisted


def _each_text_step(window) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """Every text size from 1/4 to 4/4, 字号 tapped as a citizen would."""
    for step in range(len(TEXT_STEPS)):
        if step:
            _tap(window, "btn_text_size")
        assert window.display_prefs()[0] == step
        yield step


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_language_switch_moves_no_button(window, qtbot, size, assisted) -> None:  # type: ignore[no-untyped-def]
    _at_catalog(window, qtbot, size, assisted)
    for step in _each_text_step(window):
        before = _slots(window)
        assert {"btn_back", "btn_lang", "btn_text_size"} <= before.keys()
        _whole_and_apart(window, f"中文, text step {step + 1}")
        at = _tap(window, "btn_lang")  # → English
        assert window.core.sessions.current.language == "en"
        assert _slots(window) == before, f"moved in English at text step {step + 1}"
        _whole_and_apart(window, f"English, text step {step + 1}")
        # The second tap at the same point is the same button: back to 中文.
        assert _control_at(window, at) is _shown(window, "btn_lang")
        wait_until_tappable(window.lang_btn)  # not a double tap (it would be ignored)
        _touch(window, at)
        _settle()
        assert window.core.sessions.current.language == "zh"
        assert _slots(window) == before, f"moved back in 中文 at text step {step + 1}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_assisted_colours_button_stays_while_text_grows(window, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    _at_catalog(window, qtbot, size, True)
    first: dict[str, tuple[int, QPoint]] = {}
    # In portrait the voice buttons too: at 1/4 they shared 字号's row, at 4/4 they took
    # a row of their own over it and 再听一遍 left its place (try-out 14, E6).
    portrait = size[1] > size[0]
    names = BOTTOM if portrait else ["btn_text_size", "btn_contrast"]
    for step in _each_text_step(window):
        for name in names:
            button = _shown(window, name)
            assert button is not None, name
            left = button.mapTo(window, QPoint(0, 0)).x()
            seen = first.setdefault(name, (left, _centre(button)))
            assert left == seen[0], f"{name} moved sideways at text step {step + 1}"
            # Where the citizen tapped it at 1/4 is still this button.
            assert _control_at(window, seen[1]) is button, f"{name} left its place"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_assisted_header_keeps_the_centre_name_and_time(window, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    _at_catalog(window, qtbot, size, True)
    k = window.core.settings.kiosk
    for step in _each_text_step(window):
        for lang, names in (
            ("zh", (k.location_zh, k.centre_zh)),
            ("en", (k.location_en, k.centre_en)),
        ):
            if window.core.sessions.current.language != lang:
                _tap(window, "btn_lang")
            window.check_idle()  # the clock's once-a-second tick
            _settle()
            centre, clock = window.centre_label, window.clock_label
            where = f"{lang}, text step {step + 1}"
            assert centre.isVisible() and centre.text() in names, where
            # Whole, inside the header, and not under the clock.
            fm = centre.fontMetrics()
            assert fm.horizontalAdvance(centre.text()) <= centre.contentsRect().width(), where
            assert window.header.rect().contains(centre.geometry()), where
            assert not centre.geometry().intersects(clock.geometry()), where
            assert clock.isVisible() and clock.text().endswith("09:00"), where
        _tap(window, "btn_lang")  # back to 中文 for the next step
