"""A complaint's call-back number fits the window, through the real window (try-out 8,
C12): at 1280x800 ticking 希望工作人员电话答复我 overflowed the page into a scroll area,
the keypad's last rows and the consent below the fold. Every panel, both modes, the
smallest and the largest 字号: the toggle, the number, every key, the consent and 提交
are on screen without scrolling, and what was typed is what is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_text_sizes import LARGEST, _settle, needs_scrolling
from tests.ui.test_services_flow import _button, click, start
from ui.a11y import out_of_reach

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


def _at_step(window, qtbot, step: int) -> None:  # type: ignore[no-untyped-def]
    while window.display_prefs()[0] != step:  # 字号, tapped as a citizen would
        wait_until_tappable(window.findChild(type(window.lang_btn), "btn_text_size"))
        click(qtbot, window, "btn_text_size")


def _fits(window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    _settle()
    assert (window.width(), window.height()) == size
    assert out_of_reach(window) + needs_scrolling(window) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("step", [0, LARGEST], ids=["text1", "text4"])
def test_the_reply_number_and_its_keys_fit_without_scrolling(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, assisted, step
) -> None:
    window.resize(*size)
    if assisted:
        window.core.sessions.set_assisted(True)
    _at_step(window, qtbot, step)
    window.resize(*size)
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    _fits(window, size)
    if _button(window, "btn_feedback_next") is not None:  # the offer: a page of its own
        click(qtbot, window, "btn_feedback_next")
    _fits(window, size)
    click(qtbot, window, "btn_contact_want")
    _fits(window, size)  # every key, the consent and 提交: no scrolling
    for name in ("key_0", "key_9", "key_backspace", "btn_contact_consent"):
        assert _button(window, name) is not None, name
    for ch in "13900001111":
        click(qtbot, window, f"key_{ch}")
    click(qtbot, window, "btn_contact_consent")
    _fits(window, size)
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    _fits(window, size)
    [rec] = citizen.records()
    assert rec["contact"] == {"phone": "13900001111", "consent": True} or (
        rec["contact"]["phone"] == "13900001111" and rec["contact"]["consent"]
    )
