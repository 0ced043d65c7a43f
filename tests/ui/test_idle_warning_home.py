"""Try-out 14, C14: on 首页, after 字号 / 颜色 were changed there, the idle warning said
"您还在吗？ 12 秒后将自动退出，回到首页。" (on the home page itself) and swallowed the next
touch. On 首页 it says what the reset really does (the choices made there go back to the
defaults), its second answer resets now and says so, and a touch on the dimmed page
around it counts as "I am here": the warning closes, the citizen's choices stay. That
touch does not reach the tile under the dimming (the citizen could not see it for sure):
the tile opens on the next touch. Touches through the window, as a touch panel's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from kiosk.flow import Screen
from kiosk.session import IdlePhase
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_tap_guard import _touch

WORDS = {
    "zh": ("字号、颜色将恢复默认", "现在恢复默认"),
    "en": ("text size, colours and language will go back to the defaults", "Reset now"),
}


def _warn(r: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]
    """Away from the kiosk until the warning comes."""
    for _ in range(20):
        clock.advance(30)
        r.window.check_idle()
        if r.window.overlay.is_idle_warning():
            return
    raise AssertionError("no idle warning")


@pytest.mark.parametrize(
    ("size", "lang"), [((1920, 1080), "zh"), ((1280, 800), "en"), ((1080, 1920), "zh")]
)
def test_the_warning_on_home_says_what_it_resets_and_a_touch_keeps_them(  # type: ignore[no-untyped-def]
    rig: ApplyRig,  # noqa: F811
    clock,
    size: tuple[int, int],
    lang: str,
) -> None:
    r = rig
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    for name in ("btn_text_size", "btn_contrast"):
        wait_until_tappable(r.button(name))
        r.click(name)
    r.settle()
    r.at(Screen.HOME)
    prefs = r.window._display_prefs
    assert prefs != (0, "standard")
    _warn(r, clock)
    overlay = r.window.overlay
    body = overlay.body.text()
    said, reset_now = WORDS[lang]
    assert said in body, body
    assert "回到首页" not in body and "go back to the start" not in body, body
    assert overlay.secondary.text() == reset_now
    # A touch beside the warning, on a tile under the dimming.
    tile = r.button("tile_apply")
    card = QRect(overlay.card.mapTo(r.window, QPoint(0, 0)), overlay.card.size())
    at = tile.mapTo(r.window, QPoint(8, 8))
    assert not card.contains(at)
    _touch(r.window, at)
    r.settle()
    assert not overlay.isVisible(), "the touch beside the warning was lost"
    assert r.core.sessions.idle_status().phase is IdlePhase.ACTIVE
    assert r.window._display_prefs == prefs, "the citizen's choices went"
    assert r.core.nav.journey is None and r.core.screen() == Screen.HOME  # not passed on
    # The next touch, once the page has settled, opens the tile.
    wait_until_tappable(tile)
    _touch(r.window, at)
    r.settle()
    assert r.core.nav.journey is not None
