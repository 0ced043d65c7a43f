"""Try-out 7, E-c: in 长辈模式 at 字号 4/4 the words over the keys ("输入拼音，点选汉字",
"为保护您的信息…", "此项必填。") stayed at the first step's small type, about half the
size of everything else, on a portrait panel with ~700 px empty under the keys.

They take the page's body type at the citizen's step wherever the keys are already at
their largest (the room is spare), and never less than 长辈模式's floor (30 px at 1080p)
where a short panel needs that room for the keys. Through the real window, by taps.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.clipping import clipped_texts
from ui.theme import ASSISTED
from ui.widgets.fit_keys import key_min


def _shown_label(r: ApplyRig, name: str) -> QLabel:
    r.settle()
    shown = [w for w in r.window.findChildren(QLabel, name) if w.isVisible()]
    assert len(shown) == 1, f"{name}: {len(shown)} shown"
    return shown[0]


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080), (1280, 800)], ids=str)
def test_the_words_over_the_keys_grow_with_the_text_size(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
) -> None:
    r = rig
    r.to_manual_id(size, assisted=True)
    for _ in range(3):
        r.click("btn_text_size")  # 字号 4/4
    assert r.window.display_prefs()[0] == 3
    r.at(Screen.MANUAL_ID)
    tokens = r.window.current_page().ctx.tokens()
    floor = tokens.px(ASSISTED.small_px)  # 长辈模式's least body type
    hint = _shown_label(r, "pad_hint")
    r.click("btn_confirm")  # nothing typed: asked for, in the strip over the keys
    asked = _shown_label(r, "error_id_number")
    keys = [b for b in r.window.findChildren(QPushButton) if b.objectName().startswith("key_")]
    shown_keys = [k for k in keys if k.isVisible()]
    assert shown_keys and min(k.height() for k in shown_keys) >= key_min(tokens)
    assert clipped_texts(r.window) == []
    for label in (hint, asked):
        px = label.font().pixelSize()
        assert px >= floor, (label.objectName(), px)
        if size == (1080, 1920):  # room to spare under the keys: the page's own size
            assert px == tokens.px(tokens.body_px), (label.objectName(), px)
    strip = [w for w in r.window.findChildren(QWidget, "pad_strip") if w.isVisible()]
    assert len(strip) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_hint_grows_only_as_far_as_its_two_lines(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    """The passport page's why ("To protect your information, the chip needs…") is the
    longest: grown with 字号 it takes no more than the strip's two lines, never cut; a
    message in its place does not move the keys."""
    from kiosk.demo import sample_document

    r = rig
    r.window.resize(1080, 1920)
    r.to_identify()
    if lang == "en":
        r.click("btn_lang")
    r.click("btn_big_mode")
    for _ in range(3):
        r.click("btn_text_size")
    r.card.insert_document(sample_document("elder"))
    r.at(Screen.MRZ_ENTRY)
    hint = _shown_label(r, "pad_hint")
    assert clipped_texts(r.window) == []
    assert hint.font().pixelSize() >= r.window.current_page().ctx.tokens().px(ASSISTED.small_px)
    r.click("btn_step_next")  # the birth date's page
    key = r.button("key_1")
    top = key.mapTo(r.window, key.rect().topLeft()).y()
    r.type("1332")  # an impossible year: said at once, in the hint's place
    assert _shown_label(r, "error_birth_date").text()
    assert clipped_texts(r.window) == []
    key = r.button("key_1")
    assert key.mapTo(r.window, key.rect().topLeft()).y() == top  # the keys did not move
