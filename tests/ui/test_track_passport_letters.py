"""Try-out 17, P2: the track screen's second step (the last 4 of the ID number) offered
the digits and X alone, and a citizen whose passport number ends in another letter could
not go on. The letters are now a tap away (A–P, Q–Z), each page's keys in the pad's own
slots, every key whole and nothing moving, through the real window at the tightest case:
长辈模式, English, 字号 4/4, 1280x800."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.support.citizen_backend import tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_tryout10_f import DAY, LARGEST, _keys, _settle, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts


def test_a_passport_number_ending_in_a_letter_can_be_given(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    window.core.sessions.set_language("en")
    window.core.sessions.set_assisted(True)
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    while window.display_prefs()[0] != LARGEST:
        _tap(window, qtbot, "btn_text_size")
    window.resize(1280, 800)
    _settle()
    for ch in str(tracking_number(DAY)).replace("-", ""):
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "btn_track_lookup")  # a bare number: the ID's last 4 next
    prompt = window.findChild(QLabel, "track_prompt")
    qtbot.waitUntil(lambda: "A–P" in prompt.text(), timeout=5000)
    assert "A–P" in prompt.text() and "Q–Z" in prompt.text()  # where the letters are
    digits = _keys(window)  # every key whole, none on another
    assert out_of_reach(window) == [] and clipped_texts(window) == []
    pages = {f"key_page_{p}" for p in ("digits", "a_p", "q_z")}
    assert pages <= set(digits) and "key_K" not in digits
    # A passport's E1234567K (a made-up number): 5, 6, 7, then K on the page A–P.
    for ch in "567":
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "key_page_a_p")
    letters = _keys(window)
    assert {f"key_{ch}" for ch in "ABCDEFGHIJKLMNOP"} <= set(letters), sorted(letters)
    assert "key_0" not in letters
    # The page keys, ⌫ and 清空 stay where they were: only the letters' faces change.
    for name in (*pages, "key_backspace", "key_clear"):
        assert letters[name] == digits[name], name
    assert out_of_reach(window) == [] and clipped_texts(window) == []
    _tap(window, qtbot, "key_K")
    number = window.findChild(QLabel, "track_number_text")
    assert number.text() == "567K"
    # Q–Z, and back to the digits: each page a tap away, and X where it was.
    _tap(window, qtbot, "key_page_q_z")
    assert {f"key_{ch}" for ch in "QRSTUVWXYZ"} <= set(_keys(window))
    _tap(window, qtbot, "key_page_digits")
    assert _keys(window)["key_X"] == digits["key_X"]
    _tap(window, qtbot, "btn_track_lookup")
    # On to the look-up with the four given: no dead end.
    qtbot.waitUntil(lambda: window.core.screen() != Screen.TRACK, timeout=5000)
    assert window.core.sessions.current.tracking_id_last4 == "567K"
