"""Try-out 11, E2: 长辈模式 at 1280x800, 字号 4/4: a typed question's own words (联系电话,
联系地址) were the smallest text on the screen, ~22 px over a field and keys 2-3 times
their size, while a choice question's were a heading. The question a citizen is asked
is at least the size of the answer's text, on every question kind, one question a
screen: where the field's row holds 上一步 and 下一步 (1280x800), no empty row's gap
stays under it and the words sit right on their field, their room going to the words. Through the real window: the card read, each question reached by taps."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from drivers.idcard.simulator import PtySamReader, sample_card
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import SERVICE
from tests.ui.test_resident_id import sam  # noqa: F401
from ui.theme import TEXT_STEPS
from ui.widgets.entry_field import EntryField
from ui.widgets.fit_heading import FitHeading

READ_MS = 20_000  # a bound that only keeps a broken test from hanging


def _shown(r: ApplyRig, cls: type, prefix: str) -> list:  # type: ignore[type-arg]
    r.settle()
    return [
        w for w in r.window.findChildren(cls) if w.isVisible() and w.objectName().startswith(prefix)
    ]


def _check(r: ApplyRig, where: str) -> None:
    (question,) = _shown(r, FitHeading, "label_")
    asked = question.shown_px()
    fields = _shown(r, EntryField, "field_")
    answers = [f.font().pixelSize() for f in fields]
    answers += [b.font().pixelSize() for b in _shown(r, QPushButton, "choice_")]
    assert answers, where
    assert asked >= max(answers), (where, question.objectName(), asked, answers)


LARGEST = len(TEXT_STEPS) - 1
# The demo's folded strip leaves the kiosk 772 px: at 字号 4/4 the question reaches 40 px
# over a 47 px answer there (30 px before); the keys at their floor and the strip's two
# lines leave no more. Known, kept visible: strict, it fails once it passes.
SHORT_LARGEST = pytest.mark.xfail(strict=True, reason="1280x772 at 字号 4/4: 40 px, not 47")
CASES = [
    pytest.param(step, height, marks=SHORT_LARGEST if (step, height) == (LARGEST, 772) else ())
    for step in (LARGEST - 1, LARGEST)  # the largest two: the smaller leave more room
    for height in (800, 772)
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("step", "height"), CASES, ids=lambda v: str(v))
def test_every_question_is_as_large_as_its_answers(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    step: int,
    height: int,
    lang: str,
) -> None:
    r = rig
    r.window.resize(1280, height)
    if lang == "en":
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    r.to_identify(SERVICE)
    sam.lay(sample_card("resident"))
    r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    _check(r, "phone")
    r.type("13800138000")
    r.click("btn_step_next")
    _check(r, "address")
    r.click("btn_step_next")
    _check(r, "reason")
