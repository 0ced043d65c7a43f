"""The booking's step back says where it leads, through the real window (try-out 9,
C10): under the top bar's 返回 (which leaves the screen) a bare 上一步 read as the same
button, though one goes a step back inside the booking and the other leaves it. Each
step's button names the step it returns to, and tapping it lands there; in either
language, whole at every panel, both modes, the smallest and the largest 字号."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_services_flow import _button, _to_appointment, click
from ui.clipping import clipped_texts

# Per step: a word its back button says, and a control of the step it leads to.
BACK = {
    "zh": ["窗口", "预约", "天", "时段"],
    "en": ["counter", "book", "day", "time"],
}
LANDS = ["dept_minzheng.hunyin", "mode_book", "day_20261124", "slot_1000"]


def _back(window) -> QAbstractButton:  # type: ignore[no-untyped-def]
    b = _button(window, "btn_step_back")
    assert b is not None
    return b


# The two tight panels (1920x1080 has the room; the clipping sweep stages it at every step;
# CI's time).
@pytest.mark.parametrize(
    "size", [s for s in SIZES if s != (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}"
)
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("step", [0, LARGEST], ids=["text1", "text4"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_step_back_names_where_it_leads(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, assisted, step, lang
) -> None:
    window.resize(*size)
    if assisted:
        window.core.sessions.set_assisted(True)
    if lang == "en":
        click(qtbot, window, "btn_lang")
        wait_until_tappable(window.findChild(type(window.lang_btn), "btn_text_size"))
    _at_step(window, qtbot, step)
    window.resize(*size)
    _to_appointment(window)
    qtbot.waitUntil(lambda: _button(window, LANDS[0]) is not None, timeout=5000)
    for i in range(4):  # on to the next step, then its back button
        click(qtbot, window, LANDS[i])
        _fits(window, size)
        assert clipped_texts(window) == []
        words = _back(window).text()
        assert BACK[lang][i] in words, words
        assert "上一步" not in words and words.strip() != "Back", words
    for i in reversed(range(4)):  # each leads where it says
        click(qtbot, window, "btn_step_back")
        qtbot.waitUntil(lambda i=i: _button(window, LANDS[i]) is not None, timeout=3000)
