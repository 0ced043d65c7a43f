"""The pinyin keyboard as an elderly citizen meets it, through the real window: the
candidates are large touch targets (the tokens' target size, the bar's whole height,
text larger than the keys'), and what people here type most comes first: 北京 for
beijing (not 背景), 朝阳 for chaoyang, 市 for shi, 街 for jie."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from kiosk.services.pinyin import load_index, load_priorities
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from ui.clipping import clipped_texts
from ui.theme import TEXT_STEPS

PORTRAIT = (1080, 1920)


def _to_name(r: ApplyRig, size: tuple[int, int], assisted: bool) -> None:
    r.to_manual_id(size, assisted)
    load_index()  # the screen builds it on a worker; have it ready for the taps
    r.type(ID_NUMBER)  # a complete number moves on to the name (the pinyin keyboard)


def _shown_candidates(r: ApplyRig) -> list[str]:
    r.settle()
    out = []
    for i in range(6):
        shown = [b for b in r.window.findChildren(QAbstractButton, f"cand_{i}") if b.isVisible()]
        if shown:
            out.append(shown[0].text())
    return out


def _clear(r: ApplyRig, letters: str) -> None:
    for _ in letters:
        r.click("key_backspace")


@pytest.mark.parametrize(
    ("size", "assisted"), [((1920, 1080), False), ((1920, 1080), True), ((1280, 800), True)]
)
def test_candidates_are_large_targets(rig: ApplyRig, size: tuple[int, int], assisted: bool) -> None:  # noqa: F811
    r = rig
    _to_name(r, size, assisted)
    r.type("beijing")
    tokens = r.window.ctx.tokens()
    target = tokens.mm(tokens.target_mm)
    key = r.button("key_Q")
    for name in ("cand_0", "cand_1", "cand_5"):
        b = r.button(name)
        assert b.height() >= target and b.width() >= target, (name, b.size(), target)
        assert b.width() >= key.width() * 0.7, (name, b.width(), key.width())
        assert b.font().pixelSize() > key.font().pixelSize()
    # The bar's room is shared out: the six choices take most of its width.
    bar = r.button("cand_0").parentWidget()
    used = sum(r.button(f"cand_{i}").width() for i in range(6))
    assert used > bar.width() * 0.6, (used, bar.width())


def test_common_words_come_first(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _to_name(r, (1920, 1080), False)
    for letters, first in (("beijing", "北京"), ("chaoyang", "朝阳"), ("shi", "市"), ("jie", "街")):
        r.type(letters)
        shown = _shown_candidates(r)
        assert shown and shown[0] == first, (letters, shown)
        _clear(r, letters)
    r.type("beijing")
    r.click("cand_0")
    field = r.window.findChild(QLineEdit, "field_name")
    assert field is not None and field.text() == "北京"


def test_priorities_are_data() -> None:
    p = load_priorities()
    words = [w for w, _ in p.words]
    assert words.index("北京") < 5 and "朝阳" in words
    assert p.chars.startswith("市") and "王" in p.surnames


def _cut_candidates(r: ApplyRig) -> list[str]:
    r.settle()
    return [p for p in clipped_texts(r.window) if p.startswith("QPushButton('cand_")]


def _slots(r: ApplyRig) -> dict[str, QRect]:
    r.settle()
    out = {}
    for b in r.window.findChildren(QAbstractButton):
        if b.objectName().startswith("cand_") and b.isVisible():
            out[b.objectName()] = QRect(b.mapTo(r.window, b.rect().topLeft()), b.size())
    return out


def test_candidates_are_whole_in_portrait_at_the_largest_text(rig: ApplyRig) -> None:  # noqa: F811
    """Portrait 长辈模式 at 字号 4/4 had six slots 95 px wide for 110 px of 北京: half of
    each character showed (#14). The bar has fewer slots there, each holding two whole
    characters; a longer word is set smaller, whole; tapping one types it."""
    r = rig
    r.window.resize(*PORTRAIT)
    while r.window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        r.click("btn_text_size")
    _to_name(r, PORTRAIT, True)
    r.type("bei")
    before = _slots(r)
    r.type("jing")
    assert _cut_candidates(r) == []
    shown = _shown_candidates(r)
    assert shown[0] == "北京" and 3 <= len(shown) < 6, shown
    after = _slots(r)
    # Slots stay where they were as the letters grow (the bar's space is kept).
    assert {k: after[k] for k in before} == before
    r.click("cand_0")
    field = r.window.findChild(QLineEdit, "field_name")
    assert field is not None and field.text() == "北京"
    r.type("heilongjiang")
    assert _shown_candidates(r)[0] == "黑龙江"
    assert _cut_candidates(r) == []
    # Too long for one slot at the bar's type, it takes two in that type (try-out 15, E3:
    # shrunk into one, the word wanted was the smallest on the row).
    assert r.button("cand_0").font().pixelSize() == r.button("cand_1").font().pixelSize()
    assert r.button("cand_0").width() > r.button("cand_1").width()
    r.click("cand_0")
    assert field.text() == "北京黑龙江"
    # The next word is at the bar's own size again.
    r.type("shi")
    assert len({r.button(f"cand_{i}").font().pixelSize() for i in range(3)}) == 1
    assert _cut_candidates(r) == []
