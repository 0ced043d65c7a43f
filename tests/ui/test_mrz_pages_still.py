"""Try-out 9, E9: 长辈模式's passport access key, portrait, 字号 4/4. The question and its
field began at the left margin on page 1 (证件号码) and ~210 px further right on pages 2
and 3, where 上一步 stood before them: the heading jumped sideways from page to page.
And the hint under the field wrapped leaving 期。 alone on its last line. Now 上一步's
slot is kept on page 1 too (by taps), and the hint's last characters go together."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.demo import sample_citizen, sample_document
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_tile_no_widow import wrapped_at
from ui.i18n import tr
from ui.theme import TEXT_STEPS


def _at(r: ApplyRig, name: str) -> QRect:
    r.settle()
    [w] = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    return QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())


def _heading(r: ApplyRig, field: str) -> QRect:
    [box] = [w for w in r.window.findChildren(QWidget, f"question_{field}") if w.isVisible()]
    [head] = [w for w in box.findChildren(QLabel) if w.isVisible() and w.text()][:1]
    return QRect(head.mapTo(r.window, QPoint(0, 0)), head.size())


@pytest.mark.parametrize("size", [(1080, 1920), (1280, 800), (1920, 1080)], ids=str)
def test_the_question_stands_in_one_place_on_every_page(rig: ApplyRig, size) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    who = sample_citizen("elder")
    r.window.resize(*size)
    r.to_identify()
    r.click("btn_big_mode")  # 长辈模式
    for _ in range(len(TEXT_STEPS) - 1):
        wait_until_tappable(r.button("btn_text_size"))
        r.click("btn_text_size")
    r.window.resize(*size)
    r.card.insert_document(sample_document("elder"))
    r.at(Screen.MRZ_ENTRY)
    answers = [who.passport_number, f"{who.birth_date:%Y%m%d}", f"{who.passport_expiry:%Y%m%d}"]
    fields = ["document_number", "birth_date", "expiry_date"]
    places = []
    for i, (field, answer) in enumerate(zip(fields, answers, strict=True)):
        r.qtbot.waitUntil(lambda f=field: r.shown(f"field_{f}"), timeout=5000)
        places.append((_heading(r, field).left(), _at(r, f"field_{field}").left()))
        r.type(answer)
        if i < 2:
            r.click("btn_step_next")
    assert len(set(places)) == 1, places


def test_a_closing_mark_does_not_take_one_character_with_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    """期。 alone on the hint's last line: where the line breaks before the last word,
    the last two characters and the mark go on together, not one with the mark."""
    hint = tr("mrz.err.date", "zh")
    assert hint.endswith("日期。")
    # As wide as the text less its last character and mark: that is where it broke.
    lines = wrapped_at(qtbot, hint, len(hint) - 2)
    assert len(lines) == 2 and lines[-1] == "日期。", lines
