"""Try-out 9, C4: the review showed the name and the ID number twice (申请人 / 证件号码
under 办理事项, then 申请人姓名 / 身份证件号码 again under 填写内容), and the receipt screen
said 请取走您的身份证, then 回执已打印，请从出纸口取走, then 请取走您的证件和回执. A citizen
reading carefully reads each thing once: the answers leave out what the lines above
them show, and the receipt screen's heading names only what no line above it asks for.
A passport read by its chip, every step through the real window."""

from __future__ import annotations

import pytest

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import visible_texts
from tests.ui.test_apply_flow import _documents, _fill_form, _read_passport


def _review_lines(r: ApplyRig) -> list[str]:
    """Every line of the review, page by page (确认提交 waits for them all anyway)."""
    lines = list(visible_texts(r.window))
    for _ in range(30):
        if not r.shown("review_pager_next") or not r.button("review_pager_next").isEnabled():
            break
        r.click("review_pager_next")
        lines += [t for t in visible_texts(r.window) if t not in lines]
    return lines


def _count(texts: list[str], *words: str) -> int:
    return sum(1 for t in texts if all(w in t for w in words))


def test_each_thing_said_once_on_the_review_and_the_receipt(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    _read_passport(r)
    _fill_form(r)
    _documents(r)
    r.at(Screen.REVIEW)
    ident = r.core.sessions.current.identity
    lines = _review_lines(r)
    assert _count(lines, ident.masked_name()) == 1, lines
    assert _count(lines, ident.masked_number()) == 1, lines
    assert _count(lines, "138****8000") == 1, lines  # the answers are there still
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    r.qtbot.waitUntil(lambda: r.label("print_state").startswith("回执已打印"), timeout=5000)
    r.settle()
    said = visible_texts(r.window)
    document = [t for t in said if "取走" in t and ("证件" in t or "身份证" in t)]
    receipt = [t for t in said if "取走" in t and "回执" in t]
    assert len(document) == 1, said  # the box over the texts asks for it
    assert len(receipt) == 1, said  # the printer's line says where it is
    assert r.label("take_card") == "请取走您的证件"
    r.card.remove_card()
    r.qtbot.waitUntil(lambda: r.label("take_card") == "证件已取走", timeout=5000)
    said = visible_texts(r.window)
    assert not [t for t in said if "取走您的证件" in t], said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_says_a_typed_identity_once(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    ident = r.core.sessions.current.identity
    lines = _review_lines(r)
    assert _count(lines, ident.masked_name()) == 1, lines
    assert _count(lines, ident.masked_number()) == 1, lines
    assert r.shown("review_phone")  # 填写内容 keeps the answers the citizen gave
