"""Try-out 5, item 10: tapping 请工作人员回访我 at 字号 4/4 re-laid the whole page out: the
toggle jumped from the foot to the top, the reasons chosen vanished and a 55 px keypad
appeared top-right. Now the toggle stays under the finger, the reasons chosen stay in
words, and the phone keypad docks at the page's foot with full-size keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_services_flow import _button, click, start, text_of
from ui.widgets.fit_keys import key_min


def _where(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


@pytest.mark.parametrize(
    ("size", "assisted"), [((1920, 1080), False), ((1280, 800), False), ((1280, 800), True)]
)
def test_call_back_toggle_stays_under_the_finger(window, qtbot, citizen, size, assisted) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    if assisted:
        click(qtbot, window, "btn_assisted")
    for _ in range(3):  # 字号 1/4 → 4/4
        click(qtbot, window, "btn_text_size")
    start(window, qtbot, "rate")
    for _ in range(5):  # the levels may be pages at 4/4
        if _button(window, "rate_very_dissatisfied") is not None:
            break
        click(qtbot, window, "levels_next")
    click(qtbot, window, "rate_very_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    if assisted:
        click(qtbot, window, "btn_rate_next")
    qtbot.wait(50)
    want = _button(window, "btn_callback_want")
    before = _where(want, window)
    click(qtbot, window, "btn_callback_want")
    qtbot.waitUntil(lambda: _button(window, "key_5") is not None, timeout=2000)
    qtbot.wait(50)
    if not assisted:
        assert _button(window, "btn_callback_want") is want
        assert _where(want, window) == before, "the toggle moved under the finger"
    else:  # 长辈模式: the number is a step of its own (test_rate_callback_step.py)
        assert _button(window, "btn_callback_want") is None
    # The keypad: full-size keys, at the foot of the page (under the fields it types into).
    keys = [_button(window, f"key_{k}") for k in "1234567890"]
    assert all(k is not None for k in keys)
    tokens = window.tokens()
    assert min(k.height() for k in keys) >= key_min(tokens) - 2  # not the 55 px pad
    pad = _where(keys[0], window)
    for k in keys[1:]:
        pad = pad.united(_where(k, window))
    # (长辈模式 asks the consent on its own, after the number: try-out 9, E8.)
    for name in ("callback_phone",) + (() if assisted else ("btn_callback_consent",)):
        field = _where(window.findChild(QWidget, name), window)
        assert not field.intersects(pad), name  # beside it or above it
    # Docked: nothing but the toggle row (normal mode) or 上一步 / 提交评价 under it.
    under = (
        _where(want, window).top()
        if not assisted
        else _where(_button(window, "btn_rate_back"), window).top()
    )
    assert 0 < under - pad.bottom() <= 3 * tokens.gap() + 2, (pad, under)
    # Every key on screen, none under the bottom bar or another control.
    body = window.rect()
    for k in keys:
        assert body.contains(_where(k, window)), k.objectName()
        assert assisted or not _where(k, window).intersects(_where(want, window))
    if not assisted:
        # The reasons chosen are still said on the page.
        assert "等待时间长" in text_of(window, "rate_chosen_reasons")
        assert window.findChild(QWidget, "rate_chosen_reasons").isVisible()
    # Tapped off again (长辈模式: 上一步), the reasons (or the offer page) are back and the
    # toggle is too.
    click(qtbot, window, "btn_rate_back" if assisted else "btn_callback_want")
    qtbot.wait(50)
    assert _button(window, "key_5") is None
    assert _where(want, window) == before
    assert _button(window, "btn_callback_want") is want
