"""After an e-ID or a document read, the booking's first step says who was identified,
masked (已识别（部分隐去）：王*明 · 电子证照), with 不是我 beside it (try-out 6, 16: the
kiosk went straight on, so a citizen holding up someone else's code had no hint).
不是我 drops that identity and goes back to identification, saying so. The demo kiosk
(embedded platform, simulated camera and readers), taps on the real window, both
languages and modes, and the three panel sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.demo import DemoControls, DemoQr
from kiosk.flow import Journey, Screen
from tests.support.pages import read_the_guide
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_console_queue_call import _start, _tap
from ui.a11y import out_of_reach
from ui.theme import TEXT_STEPS

READ_MS = 15_000  # a bound that only keeps a broken test from hanging


def _shown_text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, name) if w.isVisible()]
    return str(shown[0]) if shown else ""


def _to_booking_with_eid(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _tap(window, qtbot, "tile_appointment")
    DemoControls(kiosk_app.backend).show_qr(DemoQr.EID)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.APPOINTMENT, timeout=READ_MS)
    qtbot.waitUntil(lambda: _shown_text(window, "appt_identified") != "", timeout=READ_MS)


@pytest.mark.parametrize(
    ("size", "assisted", "english"),
    [
        ((1920, 1080), False, False),
        ((1080, 1920), True, False),
        ((1280, 800), True, True),
    ],
)
def test_the_booking_says_who_was_identified(
    window, kiosk_app, qtbot, size, assisted, english
) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    window.resize(*size)
    if assisted:
        _tap(window, qtbot, "btn_assisted")
    if english:
        _tap(window, qtbot, "btn_lang")
    _to_booking_with_eid(window, kiosk_app, qtbot)
    ident = window.core.sessions.current.identity
    assert ident is not None
    masked = ident.masked_name()
    assert masked != ident.full_name  # partly hidden on a public screen
    said = _shown_text(window, "appt_identified")
    if english:
        assert said.startswith("Identified (partly hidden): ") and "e-ID" in said
    else:
        assert said.startswith("已识别（部分隐去）：") and "电子证照" in said
    assert masked in said and ident.full_name not in said
    # 不是我 is whole inside the window, and the counters are still there to choose from.
    (not_me,) = [b for b in window.findChildren(QPushButton, "btn_not_me") if b.isVisible()]
    top_left = not_me.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(top_left, not_me.size())), (size, not_me.geometry())
    _tap(window, qtbot, "dept_gongan.huzheng")
    assert _shown_text(window, "appt_identified") == ""  # said once, on the first step


def test_not_me_drops_the_identity_and_goes_back(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    _to_booking_with_eid(window, kiosk_app, qtbot)
    assert window.core.sessions.current.identity is not None
    _tap(window, qtbot, "btn_not_me")
    assert window.core.screen() == Screen.IDENTIFY
    assert window.core.sessions.current.identity is None
    assert "已清除刚才识别的身份信息" in _shown_text(window, "overlay_body")
    _tap(window, qtbot, "overlay_primary")
    # Their own e-ID now: identified afresh, and the booking goes on.
    DemoControls(kiosk_app.backend).show_qr(DemoQr.EID_ELDER)
    qtbot.waitUntil(
        lambda: (
            window.core.screen() == Screen.APPOINTMENT or bool(_shown_text(window, "choice_body"))
        ),
        timeout=READ_MS,
    )


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920), (1920, 1080)])
def test_assisted_form_offers_not_me_on_its_first_question(window, kiosk_app, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    """长辈模式 asks one question a page, without the list's 已核验身份 line: its first
    question says whose identity was read (不是王*明？) in 上一步's place."""
    _start(kiosk_app)
    window.resize(*size)
    _tap(window, qtbot, "btn_assisted")
    core = window.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = "renshe.unemployment_registration"
    window.show_screen(core.next())  # the guide, as the catalog's tile leads there
    read_the_guide(window, lambda n: _tap(window, qtbot, n))
    _tap(window, qtbot, "btn_start")
    assert core.screen() == Screen.IDENTIFY
    DemoControls(kiosk_app.backend).show_qr(DemoQr.EID)
    # 长辈模式 says who was identified first (try-out 8, E2), then the first question.
    qtbot.waitUntil(
        lambda: _shown_text(window, "choice_title") == "请确认是您本人", timeout=READ_MS
    )
    _tap(window, qtbot, "btn_choice_yes")
    qtbot.waitUntil(lambda: core.screen() == Screen.FORM, timeout=READ_MS)
    ident = core.sessions.current.identity
    assert ident is not None
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QPushButton, "btn_not_me")),
        timeout=5000,
    )
    (not_me,) = [b for b in window.findChildren(QPushButton, "btn_not_me") if b.isVisible()]
    assert not_me.text() == f"不是{ident.masked_name()}？"
    top_left = not_me.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(top_left, not_me.size())), (size, not_me.geometry())
    _tap(window, qtbot, "btn_not_me")
    assert core.screen() == Screen.IDENTIFY
    assert core.sessions.current.identity is None
    assert "已清除刚才识别的身份信息" in _shown_text(window, "overlay_body")


def _form_ready(window) -> bool:  # type: ignore[no-untyped-def]
    return window.core.screen() == Screen.FORM and _shown_text(window, "form_identified") != ""


def _to_form_with_eid(window, kiosk_app, qtbot, qr: DemoQr = DemoQr.EID) -> None:  # type: ignore[no-untyped-def]
    core = window.core
    if core.screen() != Screen.IDENTIFY:
        core.start(Journey.APPLY)
        core.sessions.current.service_id = "renshe.unemployment_registration"
        window.show_screen(core.next())  # the guide, as the catalog's tile leads there
        read_the_guide(window, lambda n: _tap(window, qtbot, n))
        _tap(window, qtbot, "btn_start")
    assert core.screen() == Screen.IDENTIFY
    DemoControls(kiosk_app.backend).show_qr(qr)
    offered = lambda: bool(_shown_text(window, "choice_body"))  # noqa: E731
    qtbot.waitUntil(lambda: _form_ready(window) or offered(), timeout=READ_MS)
    if offered():  # 65 or older: 长辈模式 is offered first; this citizen keeps the standard
        _tap(window, qtbot, "btn_choice_no")
        qtbot.waitUntil(lambda: _form_ready(window), timeout=READ_MS)


@pytest.mark.parametrize(
    ("size", "english"),
    [((1920, 1080), False), ((1280, 800), True), ((1080, 1920), False), ((1280, 800), False)],
)
def test_standard_form_offers_not_me_beside_who_was_identified(
    window, kiosk_app, qtbot, size, english
) -> None:  # type: ignore[no-untyped-def]
    """The standard form lists who was identified (masked); when an e-ID or a document
    said it, 不是我 stands beside that line, whole on the panel with every other control
    at the largest text step, and drops the identity and what it filled in."""
    _start(kiosk_app)
    window.resize(*size)
    if english:
        _tap(window, qtbot, "btn_lang")
    window._set_display(len(TEXT_STEPS) - 1, "standard")  # 字号 4/4, as its button sets it
    core = window.core
    _to_form_with_eid(window, kiosk_app, qtbot)
    ident = core.sessions.current.identity
    assert ident is not None and not core.sessions.current.assisted
    said = _shown_text(window, "form_identified")
    assert ident.masked_name() in said and ident.full_name not in said
    assert core.sessions.current.form_values  # filled in from the e-ID
    (not_me,) = [b for b in window.findChildren(QPushButton, "btn_not_me") if b.isVisible()]
    assert not_me.text() == ("Not me" if english else "不是我")
    top_left = not_me.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(top_left, not_me.size())), (size, not_me.geometry())
    assert out_of_reach(window) == [], size  # Next and the pages' buttons stay in reach
    assert (window.width(), window.height()) == size
    first = ident.masked_name()
    _tap(window, qtbot, "btn_not_me")
    assert core.screen() == Screen.IDENTIFY
    assert core.sessions.current.identity is None
    assert core.sessions.current.form_values == {}
    words = "identity just read has been cleared" if english else "已清除刚才识别的身份信息"
    assert words in _shown_text(window, "overlay_body")
    _tap(window, qtbot, "overlay_primary")
    # Their own e-ID: the form says who now, not who was read before.
    _to_form_with_eid(window, kiosk_app, qtbot, DemoQr.EID_ELDER)
    again = core.sessions.current.identity
    assert again is not None and again.masked_name() != first
    said = _shown_text(window, "form_identified")
    assert again.masked_name() in said and first not in said


def test_a_typed_identity_has_no_not_me_an_eid_then_has(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typed in by the citizen: nobody else's document was read, nothing to disown;
    back and identified by an e-ID instead, the form says so and offers 不是我."""
    _start(kiosk_app)
    core = window.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = "renshe.unemployment_registration"
    core.next()
    core.next()
    core.sessions.current.set_identity(manual_identity())
    window.show_screen(core.next())
    qtbot.waitUntil(lambda: _form_ready(window), timeout=READ_MS)
    assert not [b for b in window.findChildren(QPushButton, "btn_not_me") if b.isVisible()]
    typed = _shown_text(window, "form_identified")
    # Back to identification, and an e-ID this time: the form says so, with 不是我.
    _tap(window, qtbot, "btn_back")
    assert core.screen() == Screen.IDENTIFY
    _to_form_with_eid(window, kiosk_app, qtbot)
    assert _shown_text(window, "form_identified") != typed
    assert [b for b in window.findChildren(QPushButton, "btn_not_me") if b.isVisible()]
