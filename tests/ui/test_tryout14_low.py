"""Try-out 14's low citizen findings, each through the real window (the tightest case).

C11: the e-ID way's explanation left "口" alone on its second line at 字号 4/4 on
1920x1080 (打开手机上的电子证照，将二维码对准扫描口).

C16: English 长辈模式 receipt at Text 4/4 on 1280x800, paper out, then paper back: the
print offered came into the buttons' row and pushed the pager aside, so a ▶ tapped just
then landed on "Print my receipt" (or on nothing). The offer is now under the message that
offers it; the pager stays where it was and turns the page.

C2: the call-back's consent (回访电话 page of a 不满意 rating, 1920x1080) was a plain
full-width button like every other, and ~290 px of nothing lay between the page's
heading and the number. The consent is a box to tick with its words beside it (the
whole row taps it), and the number hangs from the heading.

C9: a booking made offline and confirmed while the citizen is still on its page: the
slip in hand says 待确认; a slip that says 已确认 is offered, once (and, paper out, the
screen says the slip is out of date and that the print comes when the printer can).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
)
from tests.ui.conftest_apply import ApplyRig, card_listener, put_on, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_booking_slip_agrees import _capture, _slip_text
from tests.ui.test_bookings_truth import _book_offline, _record, _shown
from tests.ui.test_fit_nav import _settle, _tap, _visible
from tests.ui.test_fit_text_sizes import LARGEST
from tests.ui.test_rate_callback_step import click
from tests.ui.test_rate_fair_page import _to_rating
from ui.i18n import tr
from ui.tour import SCENES, stage


def _lines(label: QLabel) -> list[str]:
    """The lines ``label`` shows its words on, broken as Qt breaks a wrapped label."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    width = label.contentsRect().width() - 2 * label.margin()
    out: list[str] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        out.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return out


def test_the_eid_explanation_leaves_no_character_alone(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)
    stage(window, next(s for s in SCENES if s.name == "identify"), "zh", False)
    while window.display_prefs()[0] != LARGEST:  # 字号 4/4, tapped as a citizen would
        _tap(qtbot, _visible(window, "btn_text_size"))
    _settle()
    for lang in ("zh", "en"):
        if window.core.sessions.current.language != lang:
            _tap(qtbot, _visible(window, "btn_lang"))
        words = tr("identify.qr.sub", lang)
        [label] = [w for w in window.findChildren(QLabel) if w.isVisible() and w.text() == words]
        lines = _lines(label)
        assert "".join(lines).replace(" ", "") == words.replace(" ", "")
        # A last line of one character (or one short word) reads as a mistake.
        assert len(lines[-1]) > (1 if lang == "zh" else 3), (lang, lines)


def test_a_page_turned_as_the_paper_comes_back_turns_and_prints_nothing(rig: ApplyRig) -> None:  # noqa: F811
    r, window = rig, rig.window
    window.resize(1280, 800)
    window.core.sessions.set_assisted(True)
    window.core.sessions.set_language("en")
    while window.display_prefs()[0] != LARGEST:  # Text 4/4, tapped as a citizen would
        _tap(r.qtbot, _visible(window, "btn_text_size"))
    window.resize(1280, 800)
    r.backend.printer.paper_out()
    put_on(window, Screen.REVIEW, latin=True)
    r.check_every_page()
    r.click("btn_submit")
    r.click("btn_choice_yes")  # 长辈模式 asks before submitting
    r.at(Screen.SUBMITTED)
    page = window.findChild(QLabel, "submitted_page")
    assert page.isVisible() and page.text().startswith("1/"), "a receipt of pages"
    nxt = _visible(window, "submitted_page_next")
    wait_until_tappable(nxt)  # the citizen has read page 1 and reaches for ▶
    aim = nxt.mapTo(window, nxt.rect().center())  # the citizen's finger, on ▶
    printed = len(r.backend.printer.printed)
    # Staff load paper; the kiosk hears it just as the finger comes down on ▶.
    r.backend.printer.ready()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    r.qtbot.waitUntil(lambda: r.shown("btn_reprint_receipt_now"), timeout=3000)
    under = window.childAt(aim)
    assert isinstance(under, QWidget)
    r.qtbot.mouseClick(under, Qt.MouseButton.LeftButton, pos=under.mapFrom(window, aim))
    r.settle()
    assert page.text().startswith("2/"), (under.objectName(), page.text())
    assert len(r.backend.printer.printed) == printed, "nothing prints but by its own button"
    assert under is nxt


def _where(w: QWidget) -> QRect:
    return QRect(w.mapTo(w.window(), w.rect().topLeft()), w.size())


def _inked(image, area: QRect, colour: str) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of ``area`` are (nearly) ``colour``."""
    want = QColor(colour)
    return sum(
        1
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
        if max(
            abs(image.pixelColor(x, y).red() - want.red()),
            abs(image.pixelColor(x, y).green() - want.green()),
            abs(image.pixelColor(x, y).blue() - want.blue()),
        )
        < 40
    )


def test_the_callback_consent_is_a_box_to_tick_under_the_heading(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _to_rating(window, qtbot, (1920, 1080), False, "zh", 1)
    click(qtbot, window, "rate_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_callback_want")
    _settle()
    consent = _visible(window, "btn_callback_consent")
    heading = window.findChild(QWidget, "rate_callback_heading")
    phone = window.findChild(QWidget, "callback_phone")
    # The number right under the page's heading, not a band of nothing away.
    gap = _where(phone).top() - _where(heading).bottom()
    assert 0 <= gap <= window.tokens().mm(6), gap
    # The words alone (no ✓ to come and go), the box before them: its edge is drawn in
    # the text's colour in the row's first part, where a button has only its face.
    assert consent.text() == tr("rate.callback.consent", "zh")
    t = window.tokens()
    box = QRect(0, 0, consent.height(), consent.height())
    empty = _inked(consent.grab().toImage(), box, t.text)
    assert empty > consent.height(), "a box's edge, left of the words"
    # A tap on the words (the row's far half) ticks it: the box fills.
    wait_until_tappable(consent)
    qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=consent.rect().center())
    _settle()
    assert consent.isChecked()
    assert consent.text() == tr("rate.callback.consent", "zh")
    ticked = consent.grab().toImage()
    assert _inked(ticked, box, t.primary) > consent.height() ** 2 // 8, "the box filled"


def test_a_booking_confirmed_while_here_offers_its_confirmed_slip_once(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, clock
) -> None:
    printed = _capture(citizen)
    _book_offline(window, qtbot, citizen)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=6000)
    assert "待确认" in _slip_text(printed[0])
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    offer = window.findChild(QWidget, "btn_print_confirmed")
    assert not offer.isVisible(), "nothing to offer while the slip says what the screen says"
    bus = window.core.bus
    bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out"))
    # The network comes back and the platform accepts the booking, the citizen still here.
    citizen.outbox.mark_delivered(_record(citizen).id, clock())
    qtbot.waitUntil(
        lambda: _shown(window, "ticket_heading") == "预约成功，平台已确认", timeout=4000
    )
    # Paper out: the slip in hand is said to be out of date, no print is offered.
    assert _shown(window, "ticket_slip_note") == tr("ticket.confirmed_slip.cannot", "zh")
    assert not offer.isVisible()
    bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    qtbot.waitUntil(offer.isVisible, timeout=3000)
    assert _shown(window, "ticket_slip_note") == tr("ticket.confirmed_slip", "zh")
    click(qtbot, window, "btn_print_confirmed")
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=6000)
    slip = _slip_text(printed[1])
    # Not 待确认：… of itself; the earlier slip it replaces is named (try-out 17, C5).
    assert "平台已确认此预约" in slip and "待确认：" not in slip
    qtbot.waitUntil(lambda: "已打印" in _shown(window, "ticket_print_state"), timeout=3000)
    assert not offer.isVisible(), "offered once"
    assert not _shown(window, "ticket_slip_note")
