"""Try-out 20, E1: in 长辈模式 at 字号 4/4 on 查询 (1920x1080, 中文), the page's question
(请扫描回执…, then the ID's last 4 with where its letters are) stood at a fixed 30 px in
plain type, smaller than the standard mode's at 1/4, with ~270 px spare under it. It is
a heading now, as in the standard mode: at least the mode's body size, bold, on both
steps, the keys whole. Through the real window, by taps."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.support.citizen_backend import tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_tryout10_f import DAY, LARGEST, _keys, _settle, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts


def _question_seen_large(window, prompt: QLabel) -> None:  # type: ignore[no-untyped-def]
    _settle()
    tokens = window.tokens()
    font = prompt.font()
    assert font.bold(), prompt.text()
    assert font.pixelSize() >= tokens.px(tokens.body_px), (font.pixelSize(), tokens.body_px)
    _keys(window)  # every key whole on screen
    assert out_of_reach(window) == [] and clipped_texts(window) == []


def test_the_elder_track_question_is_at_least_body_size(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)
    window.core.sessions.set_assisted(True)
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    while window.display_prefs()[0] != LARGEST:
        _tap(window, qtbot, "btn_text_size")
    window.resize(1920, 1080)
    prompt = window.findChild(QLabel, "track_prompt")
    assert prompt.text().startswith("请扫描回执")
    _question_seen_large(window, prompt)
    for ch in str(tracking_number(DAY)).replace("-", ""):
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "btn_track_lookup")  # a bare number: the ID's last 4 next
    qtbot.waitUntil(lambda: "A–P" in prompt.text(), timeout=5000)
    _question_seen_large(window, prompt)
