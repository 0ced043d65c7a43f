"""The form's answers and messages, as try-out 5 met them on a 1280x800 panel in English.

- The answer buttons read "ool enrolm" and "ploym" (School enrolment / Employment),
  worse at Text 4/4: two answers a row beside the question left each less room than
  its words. Now they take fewer a row, or a second line, and show every word.
- Copies = 0 said "outside the allowed range" without saying the range.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from ui.clipping import clipped_texts
from ui.theme import TEXT_STEPS

HUKOU = "gongan.hukou_certificate"  # 户籍证明: 用途 (入学 / 就业 / 其他) and 份数 (1-5)
ANSWERS = ("school", "employment", "other")


def _to_form(r: ApplyRig, size: tuple[int, int], lang: str = "en") -> None:
    r.window.resize(*size)
    r.to_identify(HUKOU)
    r.core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    if lang == "en":
        r.click("btn_lang")  # English, as the try-out had it


def _answer(r: ApplyRig, value: str) -> QAbstractButton:
    return r.button(f"choice_purpose_{value}")


def _cut_answers(r: ApplyRig) -> list[str]:
    r.settle()
    return [p for p in clipped_texts(r.window) if "choice_purpose" in p]


def test_answers_show_every_word_at_every_text_size(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _to_form(r, (1280, 800))
    for step in range(len(TEXT_STEPS)):
        assert r.window.display_prefs()[0] == step
        shown = {v: _answer(r, v) for v in ANSWERS}
        assert _cut_answers(r) == [], f"Text {step + 1}/4"
        # The words on the buttons are the catalog's, whole (one line or two).
        words = {v: " ".join(b.text().split()) for v, b in shown.items()}
        assert words == {"school": "School enrolment", "employment": "Employment", "other": "Other"}
        # Tapping an answer marks it and moves no answer (the chosen one is bold).
        before = {v: b.geometry() for v, b in shown.items()}
        r.click("choice_purpose_employment")
        assert r.core.sessions.current.form_values["purpose"] == "employment"
        assert _answer(r, "employment").property("role") == "primary"
        assert {v: b.geometry() for v, b in shown.items()} == before
        assert _cut_answers(r) == []
        r.click("btn_text_size")  # 字号 one step larger, as the citizen taps it
    assert r.window.display_prefs()[0] == 0  # round to 1/4 again


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Please enter a number from 1 to 5."), ("zh", "请填写 1 到 5 之间的数。")],
)
def test_range_message_says_the_range(rig: ApplyRig, lang: str, said: str) -> None:  # noqa: F811
    r = rig
    _to_form(r, (1920, 1080), lang)
    r.click("choice_purpose_school")
    r.click("value_copies")
    r.type("0")
    r.click("btn_done")
    message = r.window.findChild(QLabel, "editor_error")
    assert message is not None and message.isVisible()
    assert message.text() == said
