"""Try-out 17, E8: the rating page showed a live 提交评价 (Send rating) before any level
was chosen. It is held until one is: disabled, and it looks it (the disabled look: the
page's own fill, not 下一步's), and a tap on it says calmly to choose a level first,
in the message's room, nothing moving. Chosen, it is live and sends. Through the real
window (taps), from the home screen's 评价 tile, where the try-out met it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_button_states import _fill, _hex, _pixels, _settle, _shown, _tap
from ui import theme


def _places(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    _settle()
    return {
        b.objectName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size())
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName()
    }


def test_send_rating_is_held_until_a_level_is_chosen(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _tap(qtbot, window, "tile_rate")
    send = _shown(window, "btn_submit_rating")
    assert not send.isEnabled(), "a live 提交评价 with no level chosen"
    fill, _label, _edge = theme.disabled_colours(window.tokens())
    assert _hex(_fill(_pixels(send))) == fill.upper()  # it looks held, not like 下一步
    before = _places(window)
    wait_until_tappable(send)
    qtbot.mouseClick(send, Qt.MouseButton.LeftButton)  # a finger on it all the same
    qtbot.wait(20)  # the answer comes after the tap's event
    _settle()
    said = [w.text() for w in window.findChildren(QLabel, "rate_message") if w.isVisible()]
    assert said == ["请先点选一项评价。"], said
    assert _places(window) == before, "the page moved under the finger"
    assert not citizen.records()  # nothing sent
    _tap(qtbot, window, "rate_satisfied")
    assert send.isEnabled()
    live = _fill(_pixels(send))
    assert _hex(live) == window.tokens().primary.upper(), _hex(live)
    assert not [w for w in window.findChildren(QLabel, "rate_message") if w.isVisible()]
    _tap(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    assert [r["level"] for r in citizen.records()] == [4]
