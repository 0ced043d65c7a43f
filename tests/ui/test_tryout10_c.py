"""Try-out 10's citizen findings C2, C3, C4, C7 and E4, through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import rig  # noqa: F401  (fixture)
from tests.ui.test_rate_callback_number import _poor_rating_with_the_form_phone, _rect
from tests.ui.test_services_flow import _button, click, text_of

# --- C2: the call-back page ---------------------------------------------------------------


def test_an_offered_number_has_no_keys_beside_it_until_another_is_asked_for(  # type: ignore[no-untyped-def]
    window, qtbot, citizen
) -> None:
    """At 1920x1080 a full keypad sat beside "138****8000（…可直接使用）", inviting typing
    when nothing needed typing: the number stands, 改用其他号码 opens the keys."""
    _poor_rating_with_the_form_phone(window, qtbot)
    assert "138****8000" in text_of(window, "callback_phone")
    assert _button(window, "key_1") is None  # no keys under a number that stands
    number, consent = _rect(window, "callback_phone"), _rect(window, "btn_callback_consent")
    click(qtbot, window, "btn_callback_other")
    assert _button(window, "key_1") is not None  # the keys, for another number
    # Their room was kept: the number and consent stay where they were.
    assert _rect(window, "callback_phone") == number
    assert _rect(window, "btn_callback_consent") == consent


def test_the_consent_hint_goes_when_the_consent_is_ticked(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    """The red "请点选同意…" stayed on screen after 我同意… until 提交评价."""
    _poor_rating_with_the_form_phone(window, qtbot)
    click(qtbot, window, "btn_submit_rating")  # consent not given: told so
    # Said by the number, in the room kept for it (try-out 12, N13), or in the foot's
    # line where that room is too small: wherever it is, it is seen, then gone.
    assert "请点选同意" in _said(window)
    click(qtbot, window, "btn_callback_consent")
    assert "请点选同意" not in _said(window)
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13800138000"


def _said(window) -> str:  # type: ignore[no-untyped-def]
    """The words a citizen sees in the call-back page's two message places."""
    shown = [window.findChild(QLabel, n) for n in ("callback_problem", "rate_message")]
    return " ".join(m.text() for m in shown if m is not None and m.isVisible())


# --- C7: the idle warning and the reset's notice on a queue ticket -------------------------


def _ticket_with_the_card_left(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The demo kiosk, a 居民身份证 laid on its SAM reader, a queue number taken: 1-E001
    printed, the card still lying there (try-out 10's C7)."""
    from kiosk.demo import DemoControls
    from kiosk.flow import Screen
    from tests.ui.test_idcard_taken_ticket import READ_MS, _start, _tap

    _start(kiosk_app)
    _tap(window, qtbot, "tile_appointment")
    DemoControls(kiosk_app.backend).lay_id_card("resident")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    _tap(window, qtbot, "dept_gongan.huzheng")
    _tap(window, qtbot, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=READ_MS)
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "ticket_print_state"), timeout=READ_MS)


def test_a_ticket_left_with_its_card_is_warned_and_named_truly(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock
) -> None:
    from kiosk.flow import Screen

    _ticket_with_the_card_left(window, kiosk_app, qtbot)
    warned: list[str] = []
    for _ in range(60):
        clock.advance(10)
        window.check_idle()
        if window.overlay.is_idle_warning():
            warned.append(window.overlay.body.text())
        if window.core.screen() == Screen.HOME:
            break
    assert warned, "no idle warning came"
    # Nothing was filled in here: only the identity read is cleared.
    assert all("填写" not in w and "读取的证件信息" in w for w in warned), warned
    # After the reset: the card and the ticket printed for the one who left.
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=5000)
    title, body = window.overlay.title.text(), window.overlay.body.text()
    assert title == "请取走您的证件和排队号", title
    assert "排队号已打印" in body and "填写" not in body, body


# --- E4: one way out of 长辈模式, in the top bar ----------------------------------------------


def test_elder_identify_has_no_second_way_out_of_the_mode(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """1080x1920 长辈模式 身份核验: a full-width 退出长辈模式 sat beside 我是为他人办理, a large
    easy mis-tap beside the top bar's own; now the top bar's is the one way out."""
    from PySide6.QtWidgets import QAbstractButton

    from kiosk.flow import Screen
    from tests.ui.test_fit_nav import _scene, _settle, _tap, _visible
    from ui.tour import stage

    window.resize(1080, 1920)
    stage(window, _scene("identify"), "zh", True)
    window.resize(1080, 1920)
    _settle()
    assert window.core.screen() == Screen.IDENTIFY and window.core.sessions.current.assisted
    exits = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and "退出长辈模式" in b.text()
    ]
    assert [b.objectName() for b in exits] == ["btn_assisted"], [b.objectName() for b in exits]
    assert _visible(window, "btn_proxy").isVisible()  # 我是为他人办理 stays
    _tap(qtbot, _visible(window, "btn_assisted"))
    qtbot.waitUntil(lambda: not window.core.sessions.current.assisted, timeout=3000)
    _settle()
    # Standard mode: the body offers the mode (turning it on is no mis-tap risk).
    assert _visible(window, "btn_big_mode").text().startswith("长辈模式")


# --- C4: the review's pages and its held 确认提交 ---------------------------------------------


def _endorsement_review(r, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The try-out's review: 往来港澳通行证再次签注 with a chip-read passport, its permit
    photographed, on the demo's 1280x800 panel (its controls' strip below the window)."""
    import datetime as dt

    from kiosk.flow import Journey, Screen
    from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
    from kiosk.session import CapturedPage

    r.window.resize(*size)
    core = r.window.core
    core.start(Journey.APPLY)
    s = core.sessions.current
    s.service_id = "gongan.hk_macau_endorsement"
    core.next()  # guide
    core.next()  # identify
    s.set_identity(
        Identity(
            DocumentType.PASSPORT,
            "E12345678",
            "WANG",
            "XIAOMING",
            dt.date(1980, 1, 1),
            Sex.MALE,
            "CHN",
            dt.date(2030, 1, 1),
            IdentitySource.CHIP,
        )
    )
    core.next()  # form
    s.form_values.update(phone="13912345678", permit_number="C12345678", endorsement="hk_1")
    core.next()  # documents
    s.pages[1] = [CapturedPage(1, b"jpeg", 10, 10)]
    core.next()  # review
    r.window.show_screen()
    r.settle()
    assert core.screen() == Screen.REVIEW


def test_the_fee_line_is_not_left_alone_on_a_second_page(rig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """1280x800 (the demo's strip takes 27 px): page 2 held only 费用 15元…, ~25 px short
    on page 1; the lines close up and it is one page, 确认提交 open at once."""
    from tests.ui.test_services_flow import _button as shown_button

    _endorsement_review(rig, (1280, 773))
    page = rig.window.current_page()
    assert page.pager.page_count() == 1
    assert all(w.isVisible() for w in page.pager.items())  # every line, 费用 with them
    assert shown_button(rig.window, "btn_submit").isEnabled()


def test_the_held_submit_says_why_on_itself(rig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """More pages than one (a short panel): the held 确认提交 reads 再看 1 页可提交 itself,
    and 确认提交 once the last page was turned to."""
    from PySide6.QtWidgets import QAbstractButton

    _endorsement_review(rig, (1280, 560))
    page = rig.window.current_page()
    pages = page.pager.page_count()
    assert pages >= 2
    submit = rig.window.findChild(QAbstractButton, "btn_submit")
    assert not submit.isEnabled() and submit.text() == f"再看 {pages - 1} 页可提交"
    for _ in range(pages - 1):
        rig.click("review_pager_next")
    rig.settle()
    assert submit.isEnabled() and submit.text() == "确认提交"


# --- C3: English form pages at 1280x800 -----------------------------------------------------


def _endorsement_form(r, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The try-out's form (往来港澳通行证再次签注, a chip-read passport) on the demo's
    1280x800 panel, in ``lang`` chosen by a tap."""
    import datetime as dt

    from kiosk.flow import Journey, Screen
    from kiosk.identity import DocumentType, Identity, IdentitySource, Sex

    r.window.resize(1280, 773)
    if lang == "en":
        r.click("btn_lang")
    core = r.window.core
    core.start(Journey.APPLY)
    s = core.sessions.current
    s.service_id = "gongan.hk_macau_endorsement"
    core.next()  # guide
    core.next()  # identify
    s.set_identity(
        Identity(
            DocumentType.PASSPORT,
            "E12345678",
            "WANG",
            "XIAOMING",
            dt.date(1980, 1, 1),
            Sex.MALE,
            "CHN",
            dt.date(2030, 1, 1),
            IdentitySource.CHIP,
        )
    )
    core.next()  # form
    r.window.show_screen()
    r.settle()
    assert core.screen() == Screen.FORM


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_form_packs_alike_in_both_languages(rig, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """English held one question a page ("Phone number" wrapped in a narrow label column,
    Page 1 of 3) where Chinese held two; 香港二次 wrapped alone onto a second row."""
    _endorsement_form(rig, lang)
    page = rig.window.current_page()
    assert page.pager.page_count() == 1, page.pager.page_count()
    for name in ("phone", "permit_number"):
        label = rig.window.findChild(QLabel, f"label_{name}")
        assert label.isVisible()
        # One line: as tall as one line of its type.
        assert label.heightForWidth(label.width()) <= label.fontMetrics().lineSpacing() * 3 // 2
    choices = [
        b
        for b in rig.window.findChildren(QAbstractButton)
        if b.objectName().startswith("choice_endorsement_") and b.isVisible()
    ]
    assert (
        len(choices) == 3
        and len({b.mapTo(rig.window, b.rect().topLeft()).y() for b in choices}) == 1
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_permit_number_says_what_one_looks_like(rig, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _endorsement_form(rig, lang)
    rig.click("value_permit_number")
    rig.settle()
    shown = " ".join(
        w.text() for w in rig.window.findChildren(QLabel) if w.isVisible() and w.text()
    )
    assert "C12345678" in shown, shown
