"""The docked keyboards at the largest text step (字号 4/4) on a 1280x800 panel, by taps.

The citizen taps 字号 up to 4/4 in the real window, then types on the real keys. Every
key, the field and the button that goes on are on screen (the window does not grow),
the keys keep 长辈模式's 16 mm touch target, and what is typed is what the screen
takes: a typed ID number reaches the form, a tracking number's look-up answers with a
message that moves no key, a reprint asks for a longer number.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.test_fit_entry import _keys  # every visible key and where it is
from ui.a11y import out_of_reach
from ui.i18n import tr
from ui.theme import ASSISTED, TEXT_STEPS, tokens_for
from ui.widgets.fit_heading import FitHeading

SMALL = (1280, 800)
LARGEST = len(TEXT_STEPS) - 1
# 长辈模式's touch target (ui/theme.py), outline included, on the demo panel.
KEY_FLOOR_PX = tokens_for(True, False, 4.03).mm(ASSISTED.target_mm) - 1


def _largest_text(r: ApplyRig) -> None:
    """Tap 字号 until 4/4, on the small panel."""
    r.window.resize(*SMALL)
    while r.window.display_prefs()[0] != LARGEST:
        r.click("btn_text_size")
    r.settle()


def _fits(r: ApplyRig) -> dict[str, QRect]:
    """Everything reachable in the window as given; the keys' places (to compare later)."""
    r.settle()
    assert (r.window.width(), r.window.height()) == SMALL, "the window grew"
    assert out_of_reach(r.window) == []
    keys = _keys(r)
    assert min(k.height() for k in keys.values()) >= KEY_FLOOR_PX, keys
    return keys


def _field(r: ApplyRig, name: str) -> str:
    r.settle()
    shown = [f for f in r.window.findChildren(QLineEdit, name) if f.isVisible()]
    assert len(shown) == 1, name
    return str(shown[0].text())


def _identify(r: ApplyRig, assisted: bool) -> ApplyRig:
    """On the identify screen, in 长辈模式 if ``assisted`` (tapped on)."""
    r.to_identify()
    if assisted:
        r.click("btn_big_mode")
    return r


def _pick(r: ApplyRig, pinyin: str, hanzi: str) -> None:
    r.type(pinyin)
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == hanzi))


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_typed_id_at_the_largest_text_reaches_the_form(rig: ApplyRig, assisted: bool) -> None:  # noqa: F811
    r = _identify(rig, assisted)
    r.click("tile_manual")
    r.at(Screen.MANUAL_ID)
    _largest_text(r)
    r.at(Screen.MANUAL_ID)
    keys = _fits(r)
    assert {f"key_{c}" for c in "0123456789X"} | {"key_backspace"} <= set(keys)
    r.type("1234567890X")  # every key of the pad, bottom row too
    assert _field(r, "field_id_number") == "1234567890X"
    for _ in range(11):
        r.click("key_backspace")
    assert _field(r, "field_id_number") == ""
    # A wrong check character; the whole number moves on to the name (its own page in
    # 长辈模式), and Confirm brings the error over the ID keys.
    r.type(ID_NUMBER[:-1] + "1")
    _fits(r)
    _pick(r, "zhang", "张")
    r.click("btn_confirm")
    r.at(Screen.MANUAL_ID)
    error = r.window.findChild(QLabel, "error_id_number")
    assert error is not None and error.isVisible() and error.text()
    assert _fits(r) == keys  # the message took the hint's place: no key moved
    r.click("key_backspace")
    r.click("key_X")  # right now: on to the name again
    assert _field(r, "field_name") == "张"
    _pick(r, "san", "三")
    r.click("btn_confirm")
    if r.core.sessions.current.assisted:
        r.confirm_identified()  # who was typed in, before the first question
    elif r.shown("btn_choice_no"):
        r.click("btn_choice_no")  # born 1949: assisted mode is offered, and declined
    r.at(Screen.FORM)
    ident = r.core.sessions.current.identity
    assert ident is not None and ident.document_number == ID_NUMBER
    assert ident.surname + ident.given_names == "张三"
    if assisted:
        # One question a page, its keypad docked: every key and 下一步 on screen.
        keys = _fits(r)
        assert r.label("form_progress") == "第 1 题，共 5 题"
        r.click("btn_step_next")  # nothing typed: the message over the keys moves none
        assert r.label("error_phone") == "此项必填。"
        assert _fits(r) == keys
        r.type("13800138000")
        assert _field(r, "field_phone") == "13800138000"
        r.click("btn_step_next")
        assert r.label("form_progress") == "第 2 题，共 5 题"


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_document_details_at_the_largest_text_are_typed_on_screen(
    rig: ApplyRig,  # noqa: F811
    assisted: bool,
) -> None:
    r = _identify(rig, assisted)
    r.window.show_screen(r.core.go(Screen.MRZ_ENTRY))  # a passport laid on the reader
    _largest_text(r)
    r.at(Screen.MRZ_ENTRY)
    _fits(r)
    r.type("ZXCVBNM")  # the letter pad's bottom row, beside backspace
    r.click("key_backspace")
    assert _field(r, "field_document_number") == "ZXCVBN"
    go_on = "btn_step_next" if assisted else "field_birth_date"
    r.click(go_on)
    r.type("1985031")  # the eighth digit would move on to the expiry date
    assert _field(r, "field_birth_date").replace("-", "") == "1985031"
    _fits(r)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_track_at_the_largest_text_every_key_and_a_message_that_moves_none(
    rig: ApplyRig,  # noqa: F811
    lang: str,
) -> None:
    r = rig
    r.core.sessions.set_language(lang)
    r.core.sessions.set_assisted(True)
    r.core.start(Journey.TRACK)
    r.window.show_screen()
    _largest_text(r)
    r.at(Screen.TRACK)
    keys = _fits(r)
    assert {"key_M", "key_Y", "key_backspace", "key_clear"} <= set(keys)  # the bottom row
    r.type("A7H3")
    r.click("key_backspace")
    r.type("MRWXY")
    number = r.window.findChild(QLabel, "track_number_text")
    assert number is not None and "A7HM-RWXY" in number.full_text()  # type: ignore[attr-defined]
    r.click("key_clear")
    r.type("M001")
    r.click("btn_track_lookup")  # too short to be a number: a calm message over the keys
    message = r.window.findChild(QLabel, "track_message")
    assert message is not None and message.isVisible() and message.text()
    assert _fits(r) == keys


def test_reprint_at_the_largest_text_asks_for_a_longer_number(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.core.sessions.set_assisted(True)
    r.core.start(Journey.TRACK)
    r.core.sessions.current.tracking_number = "M001-261123-0001C"
    r.window.show_screen(r.core.go(Screen.REPRINT))
    _largest_text(r)
    r.at(Screen.REPRINT)
    keys = _fits(r)
    r.type("E1Z")  # the letter pad's bottom row
    assert r.label("reprint_echo") == "E1Z"
    r.click("btn_reprint_receipt")
    result = r.window.findChild(QLabel, "reprint_result")
    assert result is not None and result.isVisible()
    assert result.text() == tr("reprint.need_number", "zh")
    assert _fits(r) == keys


def test_a_title_makes_way_and_a_question_shrinks_to_its_floor(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    title = FitHeading(60, 30, vanish=True)
    title.setText("输入证件信息")
    question = FitHeading(55, 30)
    question.setText("证件号码")
    filler = QWidget()
    filler.setMinimumHeight(300)
    for w in (title, question, filler):
        lay.addWidget(w)
    host.resize(600, 1000)
    host.show()
    qtbot.waitExposed(host)
    assert title.shown_px() == 60 and question.shown_px() == 55  # room for both: full size
    host.resize(600, question.minimumSizeHint().height() + 300 + 2 * lay.spacing() + 30)
    qtbot.waitUntil(lambda: title.shown_text() == "")  # the title makes way, never half shown
    # The question takes the room first (at 字号 4/4 on 1280x800 the two had shared the
    # shortfall, and the questions stayed at the old floor under a larger title).
    assert question.shown_px() > 30 and question.shown_text() == "证件号码"
    host.resize(600, question.minimumSizeHint().height() + 300 + 2 * lay.spacing())
    qtbot.waitUntil(lambda: question.shown_px() == 30)
    assert question.shown_text() == "证件号码" and title.shown_text() == ""  # whole, at the floor
    assert question.height() >= question.fontMetrics().height()
    assert title.full_text() == "输入证件信息"
    host.resize(600, 1000)
    qtbot.waitUntil(lambda: title.shown_text() == "输入证件信息")  # room again: full size
    assert title.shown_px() == 60 and title.textFormat() == Qt.TextFormat.PlainText


def test_a_label_gives_way_to_the_number_it_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    number = FitHeading(40, 30, bold=False)
    qtbot.addWidget(number)
    number.set_texts("受理编号：M001-261123-0001C", "M001-261123-0001C")
    number.resize(2000, 80)
    number.show()
    qtbot.waitExposed(number)
    assert number.shown_text() == "受理编号：M001-261123-0001C"  # room: the whole line
    number.resize(350, 80)  # the whole line needs about 400 px at the 30 px floor
    qtbot.waitUntil(lambda: number.width() == 350)
    # Not room for the label even at the floor: the number, whole, never a cut label.
    assert number.shown_text() == "M001-261123-0001C"
    assert number.text() == "受理编号：M001-261123-0001C"
