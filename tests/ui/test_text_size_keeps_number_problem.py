"""Try-out 20, E3: 长辈模式, portrait, the rating's call-back number: 12345 typed, 下一步
said 请输入正确的电话号码… under it; a tap on 字号 rebuilt the screen in the new size and
the digits came back without the message. A new text size keeps any message (README):
the number's problem comes back with the number, whole. Through the real window, by
taps."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_step import _tap_through_pages, click
from ui.clipping import clipped_texts
from ui.i18n import tr


def _problem(window) -> QLabel | None:  # type: ignore[no-untyped-def]
    shown = [w for w in window.findChildren(QLabel, "callback_problem") if w.isVisible()]
    return shown[0] if shown else None


def test_a_new_text_size_keeps_the_call_back_numbers_problem(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    click(qtbot, window, "btn_assisted")
    for _ in range(2):  # 字号 3/4: the try-out's tap took it to 4/4
        click(qtbot, window, "btn_text_size")
    _tap_through_pages(window, qtbot, "tile_rate", "home_pager")
    _tap_through_pages(window, qtbot, "rate_very_dissatisfied", "levels")
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_rate_next")
    click(qtbot, window, "btn_callback_want")
    for digit in "12345":
        click(qtbot, window, f"key_{digit}")
    click(qtbot, window, "btn_rate_next")
    said = tr("feedback.problem.phone_invalid", "zh")
    qtbot.waitUntil(lambda: _problem(window) is not None, timeout=5000)
    assert _problem(window).text() == said
    before = window.current_page()
    click(qtbot, window, "btn_text_size")  # 4/4
    qtbot.waitUntil(lambda: window.current_page() is not before, timeout=10_000)
    assert window.display_prefs()[0] == 3
    assert "12345" in window.findChild(QLabel, "callback_phone").text()
    qtbot.waitUntil(lambda: _problem(window) is not None, timeout=5000)
    assert _problem(window).text() == said
    assert clipped_texts(window) == []
