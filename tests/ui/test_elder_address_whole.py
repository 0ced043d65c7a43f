"""Try-out 11, E3: 长辈模式 at 1280x800, 字号 4/4, 社会保障卡补换 with the 居民身份证 read:
第 2 题 联系地址 comes pre-filled from the card, and its one-line field showed only
the tail "子大街12号院3号楼2单元501室"; the citizen was asked to check an address they
could not see. (The three-line box of try-out 9, E4 is a portrait panel's: at 1280x800
the keys at their floor leave no room for it.) Now the whole answer is said over the
keys, in the strip's room, and follows what is typed. Through the real window: the
card laid on the reader, the first question answered by taps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from drivers.idcard.simulator import PtySamReader, sample_card
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import SERVICE, _largest_text
from tests.ui.test_resident_id import sam  # noqa: F401
from ui.theme import FONT_FAMILIES
from ui.widgets.fit_heading import FitHeading
from ui.widgets.fit_keys import PadStrip, strip_font_px

READ_MS = 20_000  # a bound that only keeps a broken test from hanging


def _whole_on_screen(r: ApplyRig, text: str) -> bool:
    """A label on screen shows ``text`` whole: inside the window, its lines all drawn."""
    r.settle()
    win = QRect(QPoint(0, 0), r.window.size())
    for w in r.window.findChildren(QLabel):
        if not w.isVisible() or text not in w.text():
            continue
        box = QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())
        needs = w.heightForWidth(w.width()) if w.wordWrap() else w.sizeHint().height()
        wide = w.wordWrap() or w.fontMetrics().horizontalAdvance(w.text()) <= w.width()
        if win.contains(box) and needs <= w.height() and wide:
            return True
    return False


@pytest.mark.parametrize("height", [800, 772], ids=["1280x800", "demo-strip"])
def test_a_prefilled_address_is_shown_whole(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    height: int,
) -> None:
    r = rig
    r.window.resize(1280, height)
    r.core.sessions.set_assisted(True)
    _largest_text(r)
    r.to_identify(SERVICE)
    card = sample_card("resident")
    sam.lay(card)
    r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    r.type("13800138000")
    r.click("btn_step_next")
    field = [w for w in r.window.findChildren(QWidget, "field_address") if w.isVisible()]
    assert field, "not on the address question"
    address = r.core.sessions.current.identity.address
    assert address and len(address) > 20, "the card's long address is the case"
    assert _whole_on_screen(r, address), "the pre-filled address is not shown whole"
    r.click("key_backspace")
    assert _whole_on_screen(r, address[:-1]), "the whole answer does not follow the typing"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("height", [800, 772], ids=["1280x800", "demo-strip"])
def test_the_whole_address_is_as_large_as_its_line_holds(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    height: int,
    lang: str,
) -> None:
    """Try-out 12, E3: the whole address over the keys was the smallest text on the
    screen (~26 px, the strip's floor) at 字号 4/4. The strip keeps room for two lines
    of that floor (the pinyin candidates' room): one line of the whole address takes
    that room in larger type, up to the question's own size (the strip's height, and
    so the keys, stay: test_strip_type_scales.py)."""
    r = rig
    r.window.resize(1280, height)
    if lang == "en":
        r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    _largest_text(r)
    r.to_identify(SERVICE)
    sam.lay(sample_card("resident"))
    r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    r.type("13800138000")
    r.click("btn_step_next")
    address = r.core.sessions.current.identity.address
    assert _whole_on_screen(r, address)
    (line,) = [w for w in r.window.findChildren(QLabel) if w.isVisible() and address in w.text()]
    (question,) = [w for w in r.window.findChildren(FitHeading, "label_address") if w.isVisible()]
    strip = line.parentWidget()
    assert isinstance(strip, PadStrip)
    px = line.font().pixelSize()
    # The largest type up to the question's in which the line fits the strip's room.
    tokens = r.window.current_page().ctx.tokens()
    room = strip.width() - 2 * tokens.px(12)  # its padding (PadStrip._style)
    best = next(
        p
        for p in range(question.shown_px(), 0, -1)
        if _one_line(line.text(), p).width() <= room
        and _one_line(line.text(), p).height() <= strip.height()
    )
    assert px >= best - 1, (px, best, question.shown_px())  # (a pixel for the frame)
    assert px > strip_font_px(tokens), "still the floor's type"
    assert line.height() <= strip.height(), "the line grew out of its room"


def _one_line(text: str, px: int) -> QSize:
    font = QFont(FONT_FAMILIES[0])
    font.setPixelSize(px)
    fm = QFontMetrics(font)
    return QSize(fm.horizontalAdvance(text), fm.height())
