"""Try-out 19, E2: on the queue ticket (and the booking slip), 长辈模式, portrait, 字号 4/4,
"已打印，请从出纸口取走。" was a box with an outline all round, the same shape as
继续办理其他事项 and 完成 beside it: a note that looked like a button. The three looks
(actions filled, chosen with ✓, notes neither): a note (the role every such message
has, the receipt's too) is marked by a bar at its left, never outlined like a button,
in every theme. Through the real window: the chrome's 长辈模式 and 字号 tapped, the
department and 现场取号 tapped; what is painted on the screen is read back."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_queue_one_number import _queue_number
from tests.ui.test_services_flow import click, text_of


def test_the_printed_note_beside_the_buttons_is_not_button_shaped(
    window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    citizen,  # type: ignore[no-untyped-def]
) -> None:
    window.resize(1080, 1920)
    click(qtbot, window, "btn_assisted")
    while window.display_prefs()[0] != 3:
        click(qtbot, window, "btn_text_size")
    _queue_number(window, qtbot)
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "ticket_print_state"), timeout=3000)
    qtbot.wait(50)
    note = window.findChild(QLabel, "ticket_print_state")
    done = window.findChild(QWidget, "btn_done")
    assert note is not None and note.isVisible() and done is not None and done.isVisible()
    shot = window.grab().toImage()
    at = note.mapTo(window, note.rect().topLeft())
    w, h = note.width(), note.height()

    def px(x: int, y: int) -> QColor:
        return shot.pixelColor(at.x() + x, at.y() + y)

    fill = px(w - 8, h // 2)  # inside its padding (no text there)
    # No outline along its top, right or bottom edge (a button has one all round).
    for x, y in ((w // 2, 0), (w - 1, h // 2), (w // 2, h - 1)):
        assert px(x, y) == fill, ((x, y), px(x, y).name(), fill.name())
    # A note's own mark: the bar at its left.
    assert px(1, h // 2) != fill, px(1, h // 2).name()
