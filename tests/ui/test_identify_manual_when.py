"""身份核验 in 长辈模式, English, 字号 4/4 on 1280x800, where each way says its explanation
in a few words: typing the ID number says when to take it, without the document (try-out
15, E9: "Staff check later" left that out, and a citizen holding their card might type).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.test_fit_text_sizes import LARGEST
from ui.i18n import tr
from ui.tour import SCENES, stage


def test_typing_the_id_number_says_when_to_take_it(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, {s.name: s for s in SCENES}["identify"], "en", True, text_step=LARGEST)
    said = {w.text() for w in window.findChildren(QLabel) if w.isVisible()}
    ways = {tr("identify.manual.sub", "en"), tr("identify.manual.sub.short", "en")}
    [shown] = said & ways
    assert "with you" in shown, shown
