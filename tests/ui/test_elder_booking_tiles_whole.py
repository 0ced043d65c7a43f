"""Try-out 11, E12: 长辈模式 at 字号 4/4 on 1280x800, 预约取号 with the 居民身份证 laid on
the reader: "已识别（部分隐去）：王*明 · 居民身份证（已从证件芯片读取）" wraps to two lines, and
the counter tiles under it lost their bottom edge (cut under the page buttons' row).
Every counter tile is whole on every page, at every 字号, with the demo's folded strip
(the try-out's window was 772 px tall) and without, both languages; turned by taps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_console_queue_call import _start, _tap
from tests.ui.test_identified_not_me import _shown_text
from ui.theme import TEXT_STEPS
from ui.widgets.tile import Tile

READ_MS = 15_000  # a bound that only keeps a broken test from hanging


def _rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _shown(window, cls, prefix: str) -> list:  # type: ignore[no-untyped-def]
    return [
        w for w in window.findChildren(cls) if w.objectName().startswith(prefix) and w.isVisible()
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("height", [800, 772], ids=["1280x800", "demo-strip"])
# The two largest 字号, where the identity takes two lines (the smaller are the clipping
# sweep's; CI's time).
@pytest.mark.parametrize("step", range(len(TEXT_STEPS))[-2:], ids=lambda s: f"text{s + 1}")
def test_counter_tiles_are_whole_under_a_two_line_identity(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, step: int, height: int, lang: str
) -> None:
    _start(kiosk_app)
    window.resize(1280, height)
    if lang == "en":
        _tap(window, qtbot, "btn_lang")
    _tap(window, qtbot, "btn_assisted")
    while window.display_prefs()[0] != step:
        _tap(window, qtbot, "btn_text_size")
    _tap(window, qtbot, "tile_appointment")
    DemoControls(kiosk_app.backend).lay_id_card("resident")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    qtbot.waitUntil(lambda: bool(_shown(window, Tile, "dept_")), timeout=READ_MS)
    qtbot.waitUntil(lambda: _shown_text(window, "appt_identified") != "", timeout=READ_MS)
    qtbot.wait(50)
    page = window.current_page()
    for n in range(page.pager.page_count()):
        qtbot.wait(20)
        area = _rect(page.pager.area, window)
        nav = [_rect(b, window) for b in _shown(window, QAbstractButton, "appt_")]
        tiles = _shown(window, Tile, "dept_")
        assert tiles, f"no counter on page {n + 1}"
        for tile in tiles:
            box = _rect(tile, window)
            assert area.contains(box), (n, tile.objectName(), box, area)
            assert box.height() >= tile.minimumSizeHint().height(), (n, tile.objectName())
            for line in (tile.title, tile.sub):
                assert line.isVisible() and box.contains(_rect(line, window)), tile.objectName()
            assert not any(box.intersects(b) for b in nav), (box, nav)
        if n < page.pager.page_count() - 1:
            wait_until_tappable(page.pager.next)
            _tap(window, qtbot, "appt_next")
