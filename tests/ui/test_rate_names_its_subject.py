"""A rating from the home tile says what it rates, through the real window (try-out 9,
C11): after an application the page says 评价对象：受理编号 …; from the home tile it
asked 您对本次服务满意吗? over nothing a citizen could name. It names the centre's
counters, staff and kiosk, in either language, whole at every panel, both modes, the
smallest and the largest 字号."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_complaint_reply_fits import SIZES, _at_step, _fits
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_services_flow import click, start
from ui.clipping import clipped_texts

SAID = {"zh": ("评价对象", "窗口"), "en": ("counters", "kiosk")}


# The two tight panels (1920x1080 has the room; the clipping sweep stages it at every step;
# CI's time).
@pytest.mark.parametrize(
    "size", [s for s in SIZES if s != (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}"
)
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("step", [0, LARGEST], ids=["text1", "text4"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rating_from_home_names_what_it_rates(  # type: ignore[no-untyped-def]
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
    start(window, qtbot, "rate")
    line = window.findChild(QLabel, "rate_linked")
    assert line is not None and line.isVisible()
    for words in SAID[lang]:
        assert words in line.text(), line.text()
    _fits(window, size)
    assert clipped_texts(window) == []
