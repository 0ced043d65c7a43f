"""查询's number and 补打回执's ID number are typed into boxes a citizen can see (try-out
13, C6): "编号：例如 A7H3-…" read as a heading, and the reprint's field was a yellow bar
that looked like a message. Through the real window in both languages: each is drawn as
the form's field being typed into (the focus outline), its example inside it, in muted
type, until the first key; the label stands outside the box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from kiosk.flow import Journey, Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_services_flow import click, start
from ui.i18n import tr


def _on_window(w: QWidget) -> QRect:
    return QRect(w.mapTo(w.window(), QPoint(0, 0)), w.size())


def _visible(window, cls, name: str):  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(cls, name) if w.isVisible()]
    assert found, f"no {name} on screen"
    return found[0]


def _lang(window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    if lang == "en":
        click(qtbot, window, "btn_lang")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_track_number_is_typed_into_a_box_with_its_example_inside(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang
) -> None:
    _lang(window, qtbot, lang)
    start(window, qtbot, "track")
    box = _visible(window, QFrame, "track_field")
    number = _visible(window, QLabel, "track_number_text")
    label = _visible(window, QLabel, "track_number_label")
    tokens = window.tokens()
    assert tokens.focus.lower() in box.styleSheet().lower()  # outlined as the field typed into
    assert box.isAncestorOf(number) and not box.isAncestorOf(label)
    assert _on_window(box).contains(_on_window(number))
    assert number.text() == tr("track.number_empty", lang)  # the example, inside the box
    assert number.property("role") == "muted"
    assert label.text() == tr("track.number_label", lang).rstrip()
    for ch in "A7H3":
        click(qtbot, window, f"key_{ch}")
    assert number.text() == "A7H3" and number.property("role") != "muted"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reprint_number_is_a_box_not_a_message(window, qtbot, citizen, lang) -> None:  # type: ignore[no-untyped-def]
    _lang(window, qtbot, lang)
    core = window.core
    core.start(Journey.TRACK)
    core.sessions.current.tracking_number = "M001-261207-0001-0"
    core.go(Screen.REPRINT)
    window.show_screen()
    echo = _visible(window, QLabel, "reprint_echo")
    assert echo.property("role") != "warning"  # not the message's yellow bar
    assert window.tokens().focus.lower() in echo.styleSheet().lower()
    example = _visible(window, QLabel, "reprint_example")
    assert echo.isAncestorOf(example) and example.text() == tr("reprint.example", lang)
    assert echo.text() == ""  # the typed text only
    click(qtbot, window, "key_1")
    assert echo.text() == "1" and not example.isVisible()
    click(qtbot, window, "key_backspace")
    assert echo.text() == "" and example.isVisible()
