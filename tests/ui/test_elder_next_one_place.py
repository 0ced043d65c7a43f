"""Try-out 12, N5: 长辈模式 at 字号 4/4, one question a page: 下一步 stood in a different
place on each question (portrait: y 533, 670, 658, 775 on 社会保障卡补换's four), and on
the bank question 中国银行 lay where 下一步 had just been: a slow second tap, meant for
下一步, chose a bank. Now 上一步 / 下一步 keep one place through every question of a
journey (at a size, mode and 字号), and nothing a citizen can tap on the next question
lies where 下一步 was. Through the real window: an e-ID read, every question answered
by taps, three services (typed and choice questions, two and four answers, one
opening with a choice), at the three panel sizes, both languages, 字号 1/4 to 4/4.

Try-out 13 (E8) and the last stop's closing note: in English at 字号 4/4 on 1280x800
a choice question's 下一步 stood 40 px higher than a typed one's (four long answers
squeezed "Filing type" to 30 px; this walk skipped the check there); a service
opening with a choice question (户籍证明开具: 证明用途, then 份数) was not walked, and its
下一步 stepped 5 px at 1280x800 4/4 and 23 px in portrait English; in portrait at
字号 1/4 a choice question's 下一步 stood 67 px lower than a typed one's. Each
question's words are one size through the journey too. In portrait 上一步 / 下一步 are
the row's halves at a primary button's height (try-out 14, E3: 下一步 was a small
button at the row's end)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.events import CodeScanned
from kiosk.flow import Screen
from kiosk.payloads import issue_eid_token
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _rect
from tests.ui.test_elder_identified_check import CLAIMS
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.theme import TEXT_STEPS
from ui.widgets.entry_field import EntryField
from ui.widgets.fit_heading import FitHeading

# Typed answers by field (every other asked field is a choice: its first answer).
TYPED = {
    "phone": "13800138000",
    "address": "ROAD 12",
    "destination": "ROAD 12",
    "start_date": "20261220",
    "copies": "2",
}


def _targets(r: ApplyRig) -> list[tuple[str, QRect]]:
    """What a citizen can tap on the page now: enabled buttons and fields."""
    r.settle()
    found = []
    for w in r.window.findChildren(QWidget):
        if not w.isVisible() or not w.isEnabled():
            continue
        if isinstance(w, (QAbstractButton, EntryField)):
            found.append((w.objectName(), QRect(w.mapTo(r.window, w.rect().topLeft()), w.size())))
    return found


def _shown(r: ApplyRig, name: str) -> FitHeading:
    r.settle()
    shown = [w for w in r.window.findChildren(FitHeading, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return shown[0]


def _answer(r: ApplyRig, name: str) -> None:
    if name in TYPED:
        if not r.window.current_page().group.value(name):
            if name in ("address", "destination"):
                words, number = TYPED[name].split()
                r.click("key_mode_abc")
                r.type(words)
                r.click("key_space")
                r.click("key_mode_123")
                r.type(number)
            else:
                r.type(TYPED[name])
        return
    choices = sorted(
        b.objectName()
        for b in r.window.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName().startswith(f"choice_{name}_")
    )
    assert choices, f"no answers to {name}"
    r.click(choices[0])


# 字号 4/4, the tightest (where 下一步 moved): the other steps are the clipping sweep's
# and the walk at 1/4 in test_elder_typed_one_place; CI keeps under its 30 minutes.
@pytest.mark.parametrize("text", [len(TEXT_STEPS) - 1], ids=lambda n: f"text{n + 1}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "service",
    ["renshe.ss_card_replace", "yibao.cross_region_filing", "gongan.hukou_certificate"],
)
@pytest.mark.parametrize(
    "size", [(1080, 1920), (1280, 800), (1920, 1080)], ids=["portrait", "1280", "1920"]
)
def test_next_keeps_one_place_through_the_questions(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    service: str,
    lang: str,
    text: int,
) -> None:
    r = rig
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    for _ in range(text):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles
    r.to_identify(service)
    token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
    r.core.bus.publish(CodeScanned(token))
    r.confirm_identified()
    r.at(Screen.FORM)
    form = r.window.current_page()
    first: QRect | None = None
    before: QRect | None = None
    height = 0  # the question's
    words: list[tuple[str, int, QFont, int]] = []  # each question's: text, type, face, room
    seen = []
    for _ in range(form.step()[1]):
        n = form.step()[0]
        name = form._steps[n - 1]
        seen.append(name)
        here = _rect(r, "btn_step_next")
        assert out_of_reach(r.window) == [], name
        assert clipped_texts(r.window) == [], name
        question = _shown(r, f"label_{name}")
        if first is None:
            first = here
            height = question.height()
        assert question.height() == height, (name, "question's height", height)
        words.append((question.text(), question.shown_px(), question.font(), question.width()))
        assert here == first, (name, "下一步 moved", first, here)
        if size[1] > size[0]:
            # Portrait: 上一步 / 下一步 share their row in halves, as tall as a primary
            # button with its padding (the review's pager, 确认提交), not a small button
            # at the row's end (try-out 14, E3).
            t = r.window.tokens()
            backs = [rect for o, rect in _targets(r) if o == "btn_step_back"]
            assert here.width() * 2 + t.gap() * 3 >= r.window.width() - t.px(80), here
            assert all(abs(b.width() - here.width()) <= 1 for b in backs), (backs, here)
            assert here.height() > t.mm(t.target_mm), here
        if before is not None:
            under = [
                o for o, rect in _targets(r) if o != "btn_step_next" and rect.intersects(before)
            ]
            assert under == [], (name, "where 下一步 was", under)
        back = [rect for o, rect in _targets(r) if o in ("btn_step_back", "btn_not_me")]
        before = here
        _answer(r, name)
        assert _rect(r, "btn_step_next") == here, (name, "下一步 moved as it was answered")
        for rect in back:
            assert not rect.intersects(here)
        r.click("btn_step_next")
    assert len(seen) >= 2, seen
    # One type for every question, typed or choice; smaller only for words that would
    # not fit the line in it ("Destination (province, city)" in portrait at 字号 4/4).
    size = max(px for _text, px, _font, _room in words)
    for text, px, font, room in words:
        font.setPixelSize(size)
        assert px == size or QFontMetrics(font).horizontalAdvance(text) > room, (text, px, size)
    assert r.core.screen() != Screen.FORM, (seen, "下一步 on the last question did not go on")
