"""Try-out 13, E1: with the e-ID the address question is empty, and an address typed in
pinyin was offered one character at a time: "nanchizidajie" offered only 难/南/男…, so
南池子大街12号 took 南→池→子→大街 and more. Now the letters are read as syllables and the
longest known phrase they start with is offered (the whole run first when every part is
known), the rest staying typed for the next choice. Through the real window, as the
try-out met it: 长辈模式, 字号 4/4, an e-ID, 社会保障卡补换's 联系地址, by taps on the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from kiosk.services.pinyin import load_index
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _to_first_question
from ui.clipping import clipped_texts

MAX_CANDIDATE_TAPS = 4


def _address(r: ApplyRig) -> str:
    r.settle()
    shown = [w for w in r.window.findChildren(QLineEdit, "field_address") if w.isVisible()]
    assert shown, "not on the address question"
    return str(shown[0].text())


def _candidates(r: ApplyRig) -> list[str]:
    r.settle()
    out = []
    for i in range(6):
        shown = [b for b in r.window.findChildren(QWidget, f"cand_{i}") if b.isVisible()]
        if shown:
            out.append(shown[0].text())  # type: ignore[attr-defined]
    return out


def _slots(r: ApplyRig) -> dict[str, QRect]:
    r.settle()
    return {
        b.objectName(): QRect(b.mapTo(r.window, b.rect().topLeft()), b.size())
        for b in r.window.findChildren(QWidget)
        if b.objectName().startswith("cand_") and b.isVisible()
    }


def _buttons(r: ApplyRig) -> list[QPushButton]:
    return [
        b
        for b in r.window.findChildren(QPushButton)
        if b.objectName().startswith("cand_") and b.objectName()[5:].isdigit() and b.isVisible()
    ]


def _pick(r: ApplyRig, word: str) -> None:
    """Tap the candidate ``word`` on the bar's first page (no paging: it must be there)."""
    shown = _candidates(r)
    assert word in shown, (word, shown)
    r.click(f"cand_{shown.index(word)}")


@pytest.mark.parametrize(
    "size", [(1080, 1920), (1280, 800), (1920, 1080)], ids=["portrait", "1280", "1920"]
)
def test_an_address_typed_in_pinyin_comes_as_phrases(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
) -> None:
    r = rig
    _to_first_question(r, size, english=False)
    load_index()  # the screen builds it on a worker; have it ready for the taps
    r.type("13800138000")
    r.click("btn_step_next")
    assert _address(r) == "", "the e-ID gives no address: it is typed"
    taps = 0
    r.type("nan")
    before = _slots(r)
    r.type("chizidajie")
    # The whole run first, 南池子 for a citizen who wants it in parts; each whole, in
    # the slots the bar had for one syllable (nothing moves): a word too long for one
    # slot takes two of them, on the same grid.
    shown = _candidates(r)
    assert shown[:2] == ["南池子大街", "南池子"], shown
    assert [p for p in clipped_texts(r.window) if p.startswith("QPushButton('cand_")] == []
    grid = sorted((v for k, v in before.items() if k[5:].isdigit()), key=QRect.left)
    for k, v in _slots(r).items():  # ‹ and › where they were (Qt rounds a pixel)
        if not k[5:].isdigit():
            assert (
                max(abs(a - b) for a, b in zip(v.getRect(), before[k].getRect(), strict=True)) <= 1
            ), k
    for name, at in _slots(r).items():
        if not name[5:].isdigit():
            continue
        spans = [g for g in grid if at.left() - 2 <= g.left() and g.right() <= at.right() + 2]
        assert spans and abs(spans[0].left() - at.left()) <= 2, (name, at, grid)
        assert abs(spans[-1].right() - at.right()) <= 2, (name, at, grid)
    # The phrase wanted is as large as any word beside it, never the smallest on the
    # row (at 字号 4/4 it was shrunk into one slot: try-out 15, E3).
    sizes = {b.text(): QFontInfo(b.font()).pixelSize() for b in _buttons(r)}
    assert sizes["南池子大街"] >= max(sizes.values()), sizes
    _pick(r, "南池子")
    taps += 1
    # The rest stays typed and is offered as the phrase it is.
    assert _address(r) == "南池子"
    _pick(r, "大街")
    taps += 1
    assert _address(r) == "南池子大街"
    r.click("key_mode_123")
    r.type("12")
    r.click("key_mode_pinyin")
    r.type("hao")
    _pick(r, "号")
    taps += 1
    assert _address(r) == "南池子大街12号"
    assert taps <= MAX_CANDIDATE_TAPS
    # The whole run in one tap, too: erase and type it again.
    for _ in "南池子大街12号":
        r.click("key_backspace")
    assert _address(r) == ""
    r.type("nanchizidajie")
    r.click("cand_0")
    assert _address(r) == "南池子大街"
