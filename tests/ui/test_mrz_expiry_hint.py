"""Try-out 8, C7: on the passport keypad the expiry date lost its "8 digits, YYYYMMDD"
hint while being typed (with 4 of 8 digits in, the line over the keys already said to
put the document down), and the English labels never said the format. By taps."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.i18n import tr
from ui.widgets.tile import NO_BREAK_SPACE, WORD_JOINER


def _hint(r: ApplyRig) -> str:
    r.settle()
    shown = [w.text() for w in r.window.findChildren(QLabel, "pad_hint") if w.isVisible()]
    # The joiner keeping its last characters together is drawn as nothing (try-out 9, E9),
    # a quoted button name's no-break spaces as spaces.
    return shown[0].replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ") if shown else ""


def _headings(r: ApplyRig) -> list[str]:
    page = r.window.current_page()
    return [w.text() for w in page.findChildren(QLabel) if w.isVisible() and w.text()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_expiry_date_keeps_its_format_until_complete(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    if lang == "en":
        r.click("btn_lang")
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    # The document lies on the reader: complete, the hint asks only for 读取证件's tap.
    fmt, tap_read = tr("mrz.err.date", lang), tr("mrz.read_chip", lang)
    if lang == "en":  # the labels say the format too, as the Chinese ones say 年月日
        said = " ".join(_headings(r))
        assert said.count("YYYYMMDD") >= 2, said
    r.type("E12345678")
    r.click("field_birth_date")
    r.type("19850315")  # on to the expiry date by itself
    assert _hint(r) == fmt
    r.type("2034")  # half the date
    assert _hint(r) == fmt, "the format is gone while the date is half typed"
    r.type("1231")
    assert _hint(r) == tap_read  # complete: now reading it
    r.click("key_backspace")
    assert _hint(r) == fmt
