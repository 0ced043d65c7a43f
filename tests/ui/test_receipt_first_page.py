"""Try-out 14, C3 and E9: the receipt page's first page says what is true and what the
citizen must act on. C3: 往来港澳通行证再次签注 submitted offline, 1280x800, 字号 4/4: page
1/2 said "…自动送达受理平台，您无需再来。" while page 2/2 and the slip said the fee is paid
at the 出入境窗口 before the endorsement is made. E9: 长辈模式, English, 4/4, paper out:
page 1/3 said only "take your card"; "No receipt printed… photograph…" was on page 2/3.
Now no page claims there is no visit left, and the first page holds the printer's
problem (what to do instead) and what is still to do at a counter (the fee, the papers
to bring), at every size, in both modes and languages, at 字号 4/4. Taps on the real
window (text size, language, 确认提交)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Journey, Screen
from kiosk.services.apply import ApplyOutcome
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted
from ui.screens.submitted import SubmittedScreen
from ui.widgets.tile import WORD_JOINER

SERVICE = "gongan.hk_macau_endorsement"  # a fee paid at the counter, the permit to photograph
SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
SAVED_MS = 10_000  # a bound that only keeps a broken test from hanging
# "送达不需要您再操作" under 还需到窗口：… read as nothing more to do (try-out 15, C4).
NO_VISIT = ("无需再来", "no need to come back", "不用再来", "不需要您再操作", "nothing to do")


def to_review(r: ApplyRig, size: tuple[int, int], assisted: bool, lang: str, step: int) -> None:
    """The review of the endorsement at ``size``, mode, language and 字号 (by taps)."""
    r.window.resize(*size)
    if assisted:
        _assisted(r)
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = SERVICE
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    core.next()  # form
    core.sessions.current.form_values.update(
        phone="13800138000", permit_number="C12345678", endorsement="hk_1"
    )
    core.next()  # documents (the permit not photographed: to bring)
    core.next()  # review
    r.window.show_screen()
    r.window.resize(*size)
    r.settle()
    r.at(Screen.REVIEW)


def submit(r: ApplyRig) -> None:
    """确认提交 (and 长辈模式's 确认提交吗？), every page seen first."""
    r.check_every_page()
    r.click("btn_submit")
    if r.shown("btn_choice_yes"):
        r.click("btn_choice_yes")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.SUBMITTED, timeout=SAVED_MS)
    # The printer has answered (printed or not): the screen says it.
    screen = next(s for s in r.window.findChildren(SubmittedScreen) if s.isVisible())

    def answered() -> bool:
        result = screen.result()
        return result is not None and result.outcome is not ApplyOutcome.SAVED

    r.qtbot.waitUntil(answered, timeout=SAVED_MS)
    r.qtbot.wait(50)
    r.settle()


def on_screen(r: ApplyRig) -> dict[str, str]:
    """The submitted page's texts now on the screen, by name, each whole in the window."""
    page = r.window.findChild(QWidget, "screen_submitted")
    assert page is not None and page.isVisible()
    seen: dict[str, str] = {}
    for w in page.findChildren(QLabel):
        if not (w.isVisible() and w.objectName() and w.text()):
            continue
        where = QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())
        assert r.window.rect().contains(where), (w.objectName(), where)
        if w.wordWrap():
            need = w.heightForWidth(w.width())
            assert need <= w.height() + 1, (w.objectName(), need, w.height(), w.text())
        seen[w.objectName()] = w.text().replace(WORD_JOINER, "")  # drawn as nothing
    return seen


def every_page(r: ApplyRig) -> list[dict[str, str]]:
    """The first page's texts, then each further page's (turned by the real ▶)."""
    pages = [on_screen(r)]
    for _ in range(6):
        nxt = [
            b
            for b in r.window.findChildren(QWidget, "submitted_page_next")
            if b.isVisible() and b.isEnabled()
        ]
        if not nxt:
            break
        r.click("submitted_page_next")
        pages.append(on_screen(r))
    return pages


def _paper_out(r: ApplyRig) -> None:
    r.backend.printer.paper_out()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out"))
    r.settle()


def _offline(r: ApplyRig) -> None:
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    r.settle()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("assisted", [False, True])
@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("state", ["offline", "paper_out"])
def test_first_page_says_the_state_and_what_is_still_to_do(
    rig: ApplyRig,  # noqa: F811
    state: str,
    size: tuple[int, int],
    assisted: bool,
    lang: str,
) -> None:
    r = rig
    if state == "offline":
        _offline(r)
    else:
        _paper_out(r)
    to_review(r, size, assisted, lang, step=3)
    submit(r)
    pages = every_page(r)
    said = " ".join(t for p in pages for t in p.values())
    for words in NO_VISIT:
        assert words.lower() not in said.lower(), said
    first = pages[0]
    # The fee the kiosk cannot take, and the papers to bring: on the first page.
    todo = first.get("submitted_bring", "")
    fee = "15元" if lang == "zh" else "CNY 15"
    assert fee in todo, first
    if state == "paper_out":
        # No receipt printed, and what to do instead: on the first page too.
        assert "print_state" in first, first
        instead = "受理编号和二维码" if lang == "zh" else "tracking number and QR code"
        assert instead in first["print_state"], first
