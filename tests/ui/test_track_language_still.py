"""Try-out 19, C4: on 查询, 中文 → English moved the number's field and 查询/Look up
down under the finger (y≈190 → 233 px at 1920x1080): the prompt over them kept the
room of its longest text in the language shown, and the English took a line more.
It still happened at 字号 2/4 on 1280x800 (~50 px). Now the prompt keeps the room of
its longest text in either language, so the field, the button and the keys stay where
they are whichever language is chosen. Through the real window, by taps on the bar's
language button, there and back."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_tryout10_f import _keys, _settle, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts


def _places(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    _settle()
    found = dict(_keys(window))  # every key, whole on screen
    for name in ("track_field", "btn_track_lookup"):
        w = next(w for w in window.findChildren(QWidget, name) if w.isVisible())
        r = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
        found[name] = QRect(0, r.top(), 1, r.height())  # its height and where it stands
    assert out_of_reach(window) == [] and clipped_texts(window) == []
    return found


def test_the_number_and_look_up_stay_put_when_the_language_changes(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    while window.display_prefs()[0] != 1:  # 字号 2/4
        _tap(window, qtbot, "btn_text_size")
    window.resize(1280, 800)
    chinese = _places(window)
    _tap(window, qtbot, "btn_lang")
    prompt = window.findChild(QLabel, "track_prompt")
    assert prompt is not None and prompt.text().startswith("Scan your receipt")
    assert _places(window) == chinese
    _tap(window, qtbot, "btn_lang")
    assert prompt.text().startswith("请扫描回执")
    assert _places(window) == chinese
