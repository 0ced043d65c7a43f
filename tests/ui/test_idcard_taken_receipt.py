"""Try-out 8, C1 for the 居民身份证: the receipt screen kept saying 请取走您的身份证 (and
the heading 请取走您的证件和回执) after the card had been lifted from the SAM reader,
which cannot report a lifted card by itself. While the receipt screen shows, the
reader's presence check (on its own polling thread) watches the card: lifted, the
screen says 证件已取走 and stops asking, as it does for a passport. A reader that fails
meanwhile is no proof of anything: the screen keeps asking.

The demo's simulated reader on a pseudo-terminal, read by the real serial driver,
started as Backend.start starts it; every step through the real window.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from drivers.idcard.frames import Command
from drivers.idcard.simulator import Fault, PtySamReader, sample_card
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401  (fixture)
from tests.ui.test_resident_id import sam  # noqa: F401  (fixture)

READ_MS = 20_000  # bounds that only keep a broken test from hanging
CARD_ZH = "请取走您的身份证"
TAKEN_ZH = "证件已取走"
ASKING = ("请取走您的身份证", "请取走您的证件")  # 和回执 too: the heading's form
ONE_QUESTION = "shuiwu.tax_record"  # one form field, nothing to photograph
SEEN_S = 5.0  # a citizen's second or so between a lift and the next page, and more


def _asked(sam: PtySamReader, command: Command) -> int:  # noqa: F811
    return sum(1 for c in list(sam.commands) if c is command)


def _checks(sam: PtySamReader) -> int:  # noqa: F811
    """Presence checks seen on the wire: the card that was read, asked if still there."""
    return _asked(sam, Command.READ_ADDITIONAL_ADDRESS)


def _submit_with_the_card(r: ApplyRig, sam: PtySamReader, assisted: bool) -> None:  # noqa: F811
    """Lay the card on the identify screen (read by the reader), then submit."""
    r.to_identify()
    if assisted:
        r.click("btn_big_mode")
        assert r.core.sessions.current.assisted
    sam.lay(sample_card("resident"))
    if assisted:
        r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    identity = r.core.sessions.current.identity
    assert identity is not None
    put_on(r.window, Screen.REVIEW)  # the form has its own tests
    r.core.sessions.current.set_identity(identity)  # the card's, not a typed one
    r.window.show_screen()
    r.check_every_page()
    r.click("btn_submit")
    if assisted:
        r.click("btn_choice_yes")  # 提交后不能再修改。确认提交吗？
    r.at(Screen.SUBMITTED)
    assert sam.card_present  # halted by the read, still lying on the reader


def _asking(r: ApplyRig) -> list[str]:
    return [r.label(n) for n in ("take_card", "take_items") if r.shown(n)]


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
def test_the_reminder_ends_when_the_card_is_lifted(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    assisted: bool,
) -> None:
    r = rig
    _submit_with_the_card(r, sam, assisted)
    assert r.label("take_card") == CARD_ZH
    # Several checks with the card still there (a find alone misses a card once read).
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _checks(sam) >= 3, timeout=READ_MS)
    r.settle()
    assert r.label("take_card") == CARD_ZH
    sam.lift()  # the citizen takes the card (Shift+F5 in the demo)
    r.qtbot.waitUntil(lambda: r.label("take_card") == TAKEN_ZH, timeout=READ_MS)
    r.settle()
    assert not any("取走您的证件" in t or "取走您的身份证" in t for t in _asking(r)), _asking(r)
    # The news ends the checks; the watch for new cards goes on.
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _asked(sam, Command.FIND_CARD) >= 8, timeout=READ_MS)
    assert _checks(sam) == 0


def test_a_reader_failing_meanwhile_is_not_a_taken_card(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
) -> None:
    r = rig
    _submit_with_the_card(r, sam, assisted=False)
    r.qtbot.waitUntil(lambda: _checks(sam) >= 1, timeout=READ_MS)
    # The reader stops answering the card's question mid-check, then altogether.
    sam.fault(Fault.SILENCE, times=None, command=Command.READ_ADDITIONAL_ADDRESS)
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _checks(sam) >= 2, timeout=READ_MS)
    sam.fault(Fault.SILENCE, times=None)
    sam.lift()  # taken while the reader cannot say so
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _asked(sam, Command.FIND_CARD) >= 6, timeout=READ_MS)
    r.settle()
    assert r.label("take_card") == CARD_ZH  # not known: still asked, never "taken"
    sam.clear_faults()  # it answers again: now it is known
    r.qtbot.waitUntil(lambda: r.label("take_card") == TAKEN_ZH, timeout=READ_MS)


def test_checks_go_on_through_the_session_and_end_with_it(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    kiosk_app,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QPushButton

    from ui.demo_panel import install_demo_panel

    r = rig
    _submit_with_the_card(r, sam, assisted=False)
    r.click("btn_rate")
    r.at(Screen.RATE)
    # The card is followed from its read to the end of the session, not only while a
    # page asks for it: lifted on the rating page, it is known gone there.
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _checks(sam) >= 2, timeout=READ_MS)
    panel = install_demo_panel(r.window, kiosk_app)
    lift = panel.findChild(QPushButton, "demo_idcard_lift")  # the demo's Shift+F5
    assert lift is not None
    lift.click()
    panel.close()
    assert not sam.card_present
    seen_gone(r.qtbot, sam)
    with Painted() as painted:
        r.click("btn_back")  # back to the receipt (try-out 8's path): the card is gone
        r.at(Screen.SUBMITTED)
        r.qtbot.waitUntil(lambda: TAKEN_ZH in painted.texts, timeout=READ_MS)
        r.settle()
    assert not painted.asking(), painted.asking()
    assert r.label("take_card") == TAKEN_ZH
    r.click("btn_home")  # the session ends: so do the checks
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _asked(sam, Command.FIND_CARD) >= 8, timeout=READ_MS)
    assert _checks(sam) == 0


class Painted(QObject):
    """Every text a label painted or was shown with, on any page, while installed: what
    the citizen could have read at any moment, not only at the end."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def __enter__(self) -> Painted:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.Paint, QEvent.Type.Show)
        if event.type() in kinds and isinstance(watched, QLabel) and watched.isVisible():
            self.texts.append(watched.text())
        return False

    def asking(self) -> list[str]:
        return [t for t in self.texts if any(a in t for a in ASKING)]


def seen_gone(qtbot, sam: PtySamReader) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Give the kiosk the time a citizen takes between a lift and the next page: until
    the wire shows two presence questions after the lift and the polling round after
    them (the kiosk's 'gone' comes between), or at most a few seconds. Never fails by
    itself: a kiosk that did not ask is caught by what the page then says."""
    sam.commands.clear()
    end = time.monotonic() + SEEN_S
    while time.monotonic() < end:
        sent = list(sam.commands)
        checks = [i for i, c in enumerate(sent) if c is Command.READ_ADDITIONAL_ADDRESS]
        if len(checks) >= 2 and Command.FIND_CARD in sent[checks[1] + 1 :]:
            return
        qtbot.wait(20)


def _lift_on_the_form(r: ApplyRig, sam: PtySamReader) -> None:  # noqa: F811
    """A one-question service: the card read, the form shown, the card taken back."""
    r.to_identify(ONE_QUESTION)
    sam.lay(sample_card("resident"))
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    sam.lift()  # the citizen takes the card back while answering
    seen_gone(r.qtbot, sam)


def _apply_lifting_the_card_on_the_form(r: ApplyRig, sam: PtySamReader) -> None:  # noqa: F811
    """A one-question service by taps: the card read, lifted on the form, the year typed,
    the review, 提交."""
    _lift_on_the_form(r, sam)
    r.click("value_year")
    for ch in "2025":
        r.click(f"key_{ch}")
    r.click("btn_done")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    r.check_every_page()


def test_a_card_lifted_on_the_form_is_never_asked_for_on_the_receipt(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
) -> None:
    r = rig
    _apply_lifting_the_card_on_the_form(r, sam)
    with Painted() as painted:
        r.click("btn_submit")
        r.qtbot.waitUntil(lambda: r.core.screen() == Screen.SUBMITTED, timeout=READ_MS)
        r.qtbot.waitUntil(lambda: TAKEN_ZH in painted.texts, timeout=READ_MS)
        r.qtbot.wait(300)  # the page's later paints (the receipt printed) too
        r.settle()
    # Stop 28: 请取走您的身份证 for ~0.9 s, then 证件已取走.
    assert not painted.asking(), painted.asking()
    assert r.label("take_card") == TAKEN_ZH
    voice = r.core.voice
    assert voice is not None and voice.wait_idle(5.0)
    assert not [t for t in voice.player.texts if any(a in t for a in ASKING)]


def test_a_card_lifted_on_the_form_is_not_asked_for_at_the_idle_reset(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    clock,  # type: ignore[no-untyped-def]
) -> None:
    r = rig
    _lift_on_the_form(r, sam)
    with Painted() as painted:
        for _ in range(60):  # the citizen walks away: the warning, then the reset
            clock.advance(30)
            r.window.check_idle()
            if r.core.screen() == Screen.HOME:
                break
        r.at(Screen.HOME)
        r.qtbot.wait(300)
        r.settle()
    assert not r.window.overlay.isVisible() or r.window.overlay.title.text() != "请取走您的证件"
    assert not painted.asking(), painted.asking()
