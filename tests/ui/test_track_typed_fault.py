"""Try-out 11, C7: a tracking number typed with a wrong check character keeps its
dashes as the receipt prints it, and the message says exactly what is wrong.

The try-out typed M001-261207-0001-1 on the pad: the line showed M001-261207-00011 (the
check character glued to the serial, read as "the eleventh") and the message said only
"编号有误…共 15 位左右". By taps on the real window, in both languages.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Journey, Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_keys_largest import _fits, _largest_text
from ui.i18n import tr


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    def shown() -> list[QAbstractButton]:
        return [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=2000)
    b = shown()[0]
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    qtbot.wait(1)


def _text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    w = window.findChild(QLabel, name)
    assert w is not None and w.isVisible(), name
    return str(w.text())


def _type(window, qtbot, symbols: str) -> None:  # type: ignore[no-untyped-def]
    for ch in symbols:
        _tap(window, qtbot, f"key_{ch}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_wrong_check_character_is_named_and_the_number_kept(window, qtbot, citizen, lang) -> None:  # type: ignore[no-untyped-def]
    if lang == "en":
        _tap(window, qtbot, "btn_lang")
    _tap(window, qtbot, "tile_track")
    assert window.core.screen() == Screen.TRACK
    _type(window, qtbot, "M00126120700011")  # the try-out's number: its check is not 1
    assert _text(window, "track_number_text").endswith("M001-261207-0001-1")
    _tap(window, qtbot, "btn_track_lookup")
    assert window.core.screen() == Screen.TRACK
    assert _text(window, "track_message") == tr("track.problem.wrong_check", lang)
    # The number stays as typed, its dashes where the receipt has them.
    assert _text(window, "track_number_text").endswith("M001-261207-0001-1")


def test_a_short_number_says_how_many_were_typed(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _tap(window, qtbot, "tile_track")
    _type(window, qtbot, "M001261207")
    _tap(window, qtbot, "btn_track_lookup")
    assert _text(window, "track_message") == tr("track.problem.number_short", "zh", n=10)
    assert "10" in _text(window, "track_message")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_message_is_whole_at_the_largest_text(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    """长辈模式, 字号 4/4 on the small panel: the exact words fit the strip over the keys
    (its two lines), and no key moves."""
    r = rig
    r.core.sessions.set_language(lang)
    r.core.sessions.set_assisted(True)
    r.core.start(Journey.TRACK)
    r.window.show_screen()
    _largest_text(r)
    r.at(Screen.TRACK)
    keys = _fits(r)
    r.type("M00126120700011")
    r.click("btn_track_lookup")
    message = r.window.findChild(QLabel, "track_message")
    assert message is not None and message.isVisible()
    assert message.text() == tr("track.problem.wrong_check", lang)
    assert message.heightForWidth(message.width()) <= message.height(), "cut"
    assert _fits(r) == keys
