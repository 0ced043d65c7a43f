"""Try-out 9, E2: in 长辈模式, one question a screen, 下一步 sat at the top right, over the
answers, beside 上一步; after answering, the eye looks down for what comes next and
found nothing. And 不是王*明？, the way to drop the identity read, sat in the answer
box's row, where a tap aimed at the field could hit it.

Now 下一步 comes under the answers (under the field, the keys docked below it), with
上一步 at the other end of that row (the row's two halves, try-out 14 E3); 不是王*明？ stands over the question, not in the
field's row. Where 1280x800 has no row
to spare under a typed answer (the keys at their 16 mm floor; 1920x1080 likewise), 下一步 stays at the
field's right end (after the answer as the eye reads it) and 不是王*明？ in 上一步's place;
a choice question's 下一步 ends its answers' row likewise, so it stands where it stood on
the typed question (try-out 12, N5). An e-ID read, the questions
answered by taps on the real window, at 字号 4/4, at the three panel sizes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.events import CodeScanned
from kiosk.flow import Screen
from kiosk.payloads import issue_eid_token
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_identified_check import CLAIMS
from ui.a11y import out_of_reach
from ui.theme import TEXT_STEPS

SERVICE = "renshe.ss_card_replace"  # 联系电话, 联系地址, 补换原因, 合作银行 (the try-out's)


def _rect(r: ApplyRig, name: str) -> QRect:
    r.settle()
    shown = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    w = shown[0]
    return QRect(w.mapTo(r.window, w.rect().topLeft()), w.size())


def _largest_text(r: ApplyRig) -> None:
    for _ in range(len(TEXT_STEPS) - 1):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles


def _to_first_question(r: ApplyRig, size: tuple[int, int], english: bool) -> None:
    r.window.resize(*size)
    if english:
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    _largest_text(r)
    r.to_identify(SERVICE)
    token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
    r.core.bus.publish(CodeScanned(token))
    r.confirm_identified()
    r.at(Screen.FORM)


def _keys(r: ApplyRig) -> list[QRect]:
    """Where the on-screen keys are, in the window."""
    r.settle()
    keys = [
        QRect(k.mapTo(r.window, k.rect().topLeft()), k.size())
        for k in r.window.findChildren(QWidget)
        if k.isVisible() and k.objectName().startswith("key_")
    ]
    assert keys, "no keys on screen"
    return keys


def _keys_top(r: ApplyRig) -> int:
    return min(k.top() for k in _keys(r))


def _apart(back: QRect, forward: QRect, width: int, halves: int = 0) -> None:
    """上一步 and 下一步 at the two ends of a row: a third of the panel between them; or,
    on their own row (portrait, ``halves``: the gap between targets), its two halves,
    as the review's pager and 确认提交 are wide bars (try-out 14, E3: 下一步 was a small
    button at the row's end, floating over the keys)."""
    assert back.right() < forward.left(), (back, forward)
    if halves:
        assert forward.left() - back.right() >= halves, (back, forward, halves)
        assert min(back.width(), forward.width()) >= width * 2 // 5, (back, forward, width)
        return
    assert forward.left() - back.right() >= width // 3, (back, forward, width)


def _keys_bottom(r: ApplyRig) -> int:
    return max(k.bottom() for k in _keys(r))


# The keys' top under the field's foot at most this far: the keyboard's hint or the
# field's message between, and under a one-line field the room a three-line address
# takes (the keys start in one place on every typed question, try-out 10 E2; 268 px
# under the phone at 字号 4/4). Docked at the screen's foot they were 675 px under it.
# Since the message over the keys grows to the body size where the page has room (try-out
# 20, E2: two lines at 44 px and their frame), 312 px under the phone at 字号 1/4 in
# portrait: still the field's own keys, nowhere near the foot.
KEYS_UNDER_PX = 330


def _typed_question(r: ApplyRig, field: str, under: bool) -> None:
    """In portrait the keys right under the field and 下一步 under them, at the page's
    foot (try-out 15, E1: the keys at the screen's foot, 下一步 between); else 下一步 at
    the field's right end."""
    box, forward = _rect(r, field), _rect(r, "btn_step_next")
    if under:
        keys = _keys_top(r)
        assert 0 < keys - box.bottom() <= KEYS_UNDER_PX, ("keys not under the field", keys, box)
        assert forward.top() > _keys_bottom(r), ("下一步 is not under the keys", forward)
    else:
        assert forward.left() > box.right(), ("下一步 is not after the field", forward, box)
        assert forward.top() < box.bottom() and forward.bottom() > box.top(), (forward, box)


@pytest.mark.parametrize(
    ("size", "english", "under"),
    [((1080, 1920), False, True), ((1920, 1080), True, False), ((1280, 800), False, False)],
    ids=["portrait-zh", "1920-en", "1280-zh"],
)
def test_the_way_forward_comes_after_the_answers(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    english: bool,
    under: bool,
) -> None:
    r = rig
    _to_first_question(r, size, english)
    form = r.window.current_page()
    width = r.window.width()
    # Question 1, the phone: 不是王*明？ is nowhere near the answer box's row.
    assert form.step()[0] == 1
    field, not_me = _rect(r, "field_phone"), _rect(r, "btn_not_me")
    if under:  # (1280x800 has no line to spare for it: it keeps 上一步's place)
        assert not_me.bottom() < field.top(), ("不是王*明？ beside the answer box", not_me, field)
        assert not_me.bottom() < _rect(r, "label_phone").top(), "not over the question"
    _typed_question(r, "field_phone", under)
    r.type("13800138000")
    r.click("btn_step_next")
    # Question 2, the address: 上一步 and 下一步 apart, 下一步 after the field.
    assert form.step()[0] == 2
    _typed_question(r, "field_address", under)
    if under:
        _apart(_rect(r, "btn_step_back"), _rect(r, "btn_step_next"), width, r.window.tokens().gap())
    r.click("key_mode_abc")
    r.type("ROAD")
    r.click("key_mode_123")
    r.type("12")
    r.click("btn_step_next")
    # Questions 3 to 5, choices: 下一步 under the last answer, 上一步 apart from it (5:
    # 领取方式, try-out 17, E6).
    for name, answer in (("reason", "lost"), ("bank", "icbc"), ("delivery", "post")):
        r.settle()
        answers = [
            _rect(r, b.objectName())
            for b in r.window.findChildren(QWidget)
            if b.isVisible() and b.objectName().startswith(f"choice_{name}_")
        ]
        assert answers, f"no answers to {name}"
        forward, back = _rect(r, "btn_step_next"), _rect(r, "btn_step_back")
        if under:
            assert forward.top() > max(a.bottom() for a in answers), ("下一步 over", name)
        else:  # at the answers' row's right end, where it was on the typed questions
            assert forward.left() > max(a.right() for a in answers), ("下一步 before", name)
            assert back.right() < min(a.left() for a in answers), ("上一步 after", name)
        _apart(back, forward, width, r.window.tokens().gap() if under else 0)
        assert out_of_reach(r.window) == []
        r.click(f"choice_{name}_{answer}")
        r.click("btn_step_next")
    assert r.core.screen() != Screen.FORM, "下一步 on the last question did not go on"
    assert r.core.sessions.current.form_values["reason"] == "lost"
