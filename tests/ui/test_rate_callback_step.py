"""#14: in 长辈模式 the rating's call-back (整改回访) asks the phone number on a page of its
own, and its toggle changed place there as the keypad came and went. Now the number is
an explicit step: the offers' page (the toggle) → the number's page (its own heading,
the keypad, 下一步 to the consent asked on its own) → 上一步 back to the toggle exactly
where it was; the foot's buttons keep their places on both pages and while the number
is typed. Every size, both languages,
字号 1-4, by taps on the real window."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_services_flow import _button
from ui.widgets.fit_keys import key_min


def _where(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def _buttons(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    """Where every named button on display is (the page's and the bars')."""
    return {
        b.objectName(): _where(b, window)
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName()
    }


def click(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the button ``name`` once it is on display. A screen rebuilt for a new text
    size may replace it while the tap waits for the guard: then the new one is tapped.
    (Generous waits: a loaded CI machine took over 2 s to rebuild a screen.)"""
    for _ in range(3):
        qtbot.waitUntil(lambda: _button(window, name) is not None, timeout=10_000)
        b = _button(window, name)
        assert b.isEnabled(), name
        wait_until_tappable(b)
        if shiboken6.isValid(b) and b.isVisible():
            qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
            qtbot.wait(1)
            return
    raise AssertionError(f"{name} was replaced three times while waiting to be tapped")


def _tap_through_pages(window, qtbot, name: str, pager: str) -> None:  # type: ignore[no-untyped-def]
    """Turn ``pager``'s pages until ``name`` is on display, then tap it (fails if never)."""
    for _ in range(6):
        if _button(window, name) is not None:
            break
        click(qtbot, window, f"{pager}_next")
    click(qtbot, window, name)


def _moved(before: dict[str, QRect], after: dict[str, QRect]) -> dict[str, tuple[QRect, QRect]]:
    return {k: (before[k], after[k]) for k in before.keys() & after.keys() if before[k] != after[k]}


# The smallest and the largest 字号 (2/4 and 3/4 are the clipping sweep's; CI's time).
@pytest.mark.parametrize("text_size", [1, 4])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
def test_assisted_call_back_number_is_a_step_nothing_moves(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, lang, text_size
) -> None:
    window.resize(*size)
    click(qtbot, window, "btn_assisted")
    if lang == "en":
        click(qtbot, window, "btn_lang")
    for _ in range(text_size - 1):
        click(qtbot, window, "btn_text_size")
    _tap_through_pages(window, qtbot, "tile_rate", "home_pager")
    _tap_through_pages(window, qtbot, "rate_very_dissatisfied", "levels")
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_rate_next")
    qtbot.wait(50)
    offers = _buttons(window)
    assert {"btn_callback_want", "btn_add_comment", "btn_rate_back"} <= offers.keys()
    submit = "btn_submit_rating"
    assert submit in offers

    # The toggle opens the number's page: its heading, the keypad; nothing on display on
    # both pages has moved (the toggle is not on the number's page to move under a finger).
    click(qtbot, window, "btn_callback_want")
    qtbot.waitUntil(lambda: _button(window, "key_5") is not None, timeout=10_000)
    qtbot.wait(50)
    heading = window.findChild(QLabel, "rate_callback_heading")
    assert heading is not None and heading.isVisible() and heading.text()
    number_page = _buttons(window)
    assert not _moved(offers, number_page), _moved(offers, number_page)
    # The number alone: the consent is asked on its own after 下一步 (try-out 9, E8).
    assert {"btn_rate_back", "btn_rate_next"} <= number_page.keys()
    assert "btn_callback_consent" not in number_page and submit not in number_page
    body = window.rect()
    for name in [f"key_{k}" for k in "1234567890"] + ["btn_rate_next"]:
        assert name in number_page, name
        assert body.contains(number_page[name]), (name, number_page[name], body)
    keys = [number_page[f"key_{k}"] for k in "1234567890"]
    assert min(k.height() for k in keys) >= key_min(window.tokens()) - 2  # full-size keys

    # Typing the number moves nothing either.
    for digit in "13800138000":
        click(qtbot, window, f"key_{digit}")
    qtbot.wait(50)
    typed = _buttons(window)
    assert not _moved(number_page, typed), _moved(number_page, typed)
    assert "13800138000" in window.findChild(QLabel, "callback_phone").text()

    # 上一步: the offers' page as it was, the toggle where it was tapped (now checked).
    click(qtbot, window, "btn_rate_back")
    qtbot.waitUntil(lambda: _button(window, "key_5") is None, timeout=10_000)
    qtbot.wait(50)
    back = _buttons(window)
    assert back.keys() == offers.keys()
    assert not _moved(offers, back), _moved(offers, back)
    assert _button(window, "btn_callback_want").isChecked()
    # Tapped off there, it stays there; tapped on again, the number is still there.
    click(qtbot, window, "btn_callback_want")
    qtbot.wait(50)
    assert _button(window, "key_5") is None
    assert not _moved(offers, _buttons(window))
    click(qtbot, window, "btn_callback_want")
    qtbot.waitUntil(lambda: _button(window, "key_5") is not None, timeout=10_000)
    assert "13800138000" in window.findChild(QLabel, "callback_phone").text()
