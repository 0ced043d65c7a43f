"""Try-out 20, C7: after 满意 the thanks said 我们会认真改进 ("we will improve"), which
reads as if the citizen had complained. A good rating is thanked, and welcomed back; the
words of improvement stay for 基本满意 and worse. Taps on the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.test_call_after_journey import _tap


def _thanks(window) -> str:  # type: ignore[no-untyped-def]
    return window.findChild(QLabel, "rate_thanks").text().replace("\u2060", "")


def test_a_good_rating_is_thanked_not_promised_improvement(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _tap(window, qtbot, "tile_rate")
    _tap(window, qtbot, "rate_satisfied")
    _tap(window, qtbot, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    assert "欢迎再次使用" in _thanks(window) and "改进" not in _thanks(window), _thanks(window)
    _tap(window, qtbot, "btn_lang")
    assert "welcome back" in _thanks(window) and "improve" not in _thanks(window)
