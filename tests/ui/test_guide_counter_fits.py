"""A counter-only service's guide (居民身份证换领) on a 1280x800 panel in 长辈模式 at the
largest text size (try-out 3 item 3: its message box was sliced through and 预约取号 read
"ook a time or take a numbe"): the message whole, the button's whole text, every material
a tap away, and the booking one tap on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from kiosk.flow import Journey, Screen
from tests.ui.test_fit_text_sizes import needs_scrolling
from tests.ui.test_fit_ticket_track import _at_largest_text
from tests.ui.test_review_pages import _button, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.tour import COUNTER_SERVICE

SIZE = (1280, 800)


def _shown(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        w.objectName(): w.text()
        for w in window.findChildren(QLabel)
        if w.objectName().startswith(("guide_", "material_")) and w.isVisible()
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counter_guide_reads_whole_and_books(window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.core.sessions.set_assisted(True)
    _at_largest_text(qtbot, window, "guide_counter", lang, SIZE)
    assert window.core.screen() == Screen.GUIDE
    book = _button(window, "btn_guide_appointment")
    where = book.mapTo(window, QPoint(0, 0))
    seen = _shown(window)
    # The message first, whole, with the button it names.
    assert ("需到窗口办理" if lang == "zh" else "handled at a counter") in seen["guide_not_here"]
    while True:
        assert (window.width(), window.height()) == SIZE
        assert not out_of_reach(window) and not needs_scrolling(window)
        assert clipped_texts(window) == []  # the message, the button, the materials whole
        assert book.width() >= book.sizeHint().width()
        assert book.mapTo(window, QPoint(0, 0)) == where  # it stays under the finger
        seen |= _shown(window)
        if not _button(window, "materials_next").isEnabled():
            break
        _tap(qtbot, window, "materials_next")
    materials = len(window.core.catalog.by_id(COUNTER_SERVICE).materials)
    assert {f"material_{i}" for i in range(1, materials + 1)} <= set(seen)
    assert {"guide_materials", "guide_dept", "guide_time", "guide_fee", "guide_where"} <= set(seen)
    _tap(qtbot, window, "btn_guide_appointment")
    assert window.core.screen() == Screen.IDENTIFY
    assert window.core.nav.journey is Journey.APPOINTMENT
    assert window.core.sessions.current.service_id == COUNTER_SERVICE
