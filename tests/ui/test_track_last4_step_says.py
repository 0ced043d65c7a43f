"""Try-out 18 on the track screen's second step (the last 4 of the ID number), through
the real window at its tightest case: 长辈模式, English, 字号 4/4, 1080x1920 (seven keys a
row at the largest type).

C3: the step no longer showed the tracking number just typed; it says it now, in its
question, the pad where it was on the first step. R1: the page keys (0–9, A–P, Q–Z) did
not tell which page was open; the open one has the chosen look of a keyboard's mode
(the chosen fill and a ✓), its ✓ whole beside its words."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton

from tests.support.citizen_backend import tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_tryout10_f import DAY, LARGEST, _keys, _settle, _tap
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.widgets.tile import WORD_JOINER

PAGES = ("digits", "a_p", "q_z")


def _page_keys(window) -> dict[str, QPushButton]:  # type: ignore[no-untyped-def]
    return {p: window.findChild(QPushButton, f"key_page_{p}") for p in PAGES}


def _chosen(keys: dict[str, QPushButton]) -> list[str]:
    """The pages whose key has the chosen look (the style's: an answer, role primary)."""
    return [p for p, k in keys.items() if k.property("choice") and k.property("role") == "primary"]


def _open_page_seen(key: QPushButton) -> None:
    """The key looks chosen: its fill is not an unchosen key's, and a ✓ of a readable
    size is drawn whole inside it, clear of its words."""
    mark = getattr(key, "mark", None)  # where it draws its words and ✓ (PageKey)
    assert mark is not None, type(key)
    placed = mark()
    assert placed is not None, key.objectName()
    words, tick = placed
    px = key.font().pixelSize()
    assert tick.width() >= px // 3, (key.objectName(), tick, px)
    assert key.rect().contains(tick) and not tick.intersects(words), (tick, words)
    assert words.width() >= key.fontMetrics().horizontalAdvance(key.text())  # whole
    face = key.grab().toImage()
    # The ✓'s disc in the words' colour at its middle (drawn, not only placed).
    centre = QColor(face.pixel(tick.center().x(), tick.top() + tick.height() // 4))
    assert centre == key.palette().buttonText().color(), centre.name()


def test_the_last4_step_says_the_number_and_which_page_is_open(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    window.core.sessions.set_language("en")
    window.core.sessions.set_assisted(True)
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    while window.display_prefs()[0] != LARGEST:
        _tap(window, qtbot, "btn_text_size")
    window.resize(1080, 1920)
    _settle()
    number = tracking_number(DAY)
    for ch in str(number).replace("-", ""):
        _tap(window, qtbot, f"key_{ch}")
    first = _keys(window)
    _tap(window, qtbot, "btn_track_lookup")  # a bare number: the ID's last 4 next
    prompt = window.findChild(QLabel, "track_prompt")
    qtbot.waitUntil(lambda: "A–P" in prompt.text(), timeout=5000)
    # C3: the number being looked up, as the receipt prints it, in the question.
    said = prompt.text().replace(WORD_JOINER, "")
    assert said.startswith(f"Number {number.shown}: please type the last 4"), said
    second = _keys(window)
    for name in ("key_backspace", "key_clear"):  # the pad where it was
        assert second[name] == first[name], name
    assert out_of_reach(window) == [] and clipped_texts(window) == []
    # R1: the page open is the one that looks chosen, whichever is tapped.
    keys = _page_keys(window)
    unchosen = QColor(keys["a_p"].grab().toImage().pixel(4, keys["a_p"].height() // 2))
    fixed = [*(f"key_page_{p}" for p in PAGES), "key_backspace", "key_clear"]
    for page in ("digits", "a_p", "q_z", "digits"):  # the digits open first
        if page != "digits" or _chosen(keys) != ["digits"]:
            _tap(window, qtbot, f"key_page_{page}")
        assert _chosen(keys) == [page], (page, _chosen(keys))
        _open_page_seen(keys[page])
        fill = QColor(keys[page].grab().toImage().pixel(6, keys[page].height() // 2))
        assert fill != unchosen, fill.name()
        now = _keys(window)
        assert [now[n] for n in fixed] == [second[n] for n in fixed]  # choosing moves nothing
    assert clipped_texts(window) == []
