"""Tour scenes for the apply journey: identify ... submitted (see ui/tour.py).

Each scene reaches its screen as a citizen would (a chosen service, a typed-in
demo identity, a filled form) and waits for workers, so the pictures show real
content: masked identity, the pinyin keyboard with candidates, a photographed
page, the tracking number and the receipt QR.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLabel

from kiosk.events import Device
from kiosk.flow import Journey, Screen
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from ui.main_window import MainWindow
from ui.staging import WAIT_S, StagingError, settle, tap, wait_for

SceneSetup = Callable[[MainWindow], None]
SERVICE = "renshe.unemployment_registration"
DEMO_ID = "11010519491231002X"  # specimen-style number with a valid check character
DEMO_AGENT_ID = "11010519800101018X"  # the 代办人 in the proxy scenes (valid check character)


def _wait(w: MainWindow, cond: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    wait_for(w, cond, what, timeout_s)


def _click(w: MainWindow, name: str) -> None:
    tap(w, name)


def _identity(w: MainWindow, source: IdentitySource = IdentitySource.MANUAL) -> Identity:
    latin = w.core.sessions.current.language == "en"
    return Identity(
        DocumentType.RESIDENT_ID,
        DEMO_ID,
        "ZHANG" if latin else "张",
        "SANFENG" if latin else "三丰",
        dt.date(1949, 12, 31),
        Sex.FEMALE,
        "CHN",
        None,
        source,
    )


def _to_identify(w: MainWindow) -> None:
    # The tour ended the previous session just before: let the window drop its screens
    # now, not in the middle of this scene.
    for _ in range(5):
        QApplication.processEvents()
    core = w.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = SERVICE
    core.next()
    core.next()


def _to_form(w: MainWindow, filled: bool, source: IdentitySource = IdentitySource.MANUAL) -> None:
    _to_identify(w)
    core = w.core
    core.sessions.current.set_identity(_identity(w, source))
    core.next()
    if filled:
        en = core.sessions.current.language == "en"
        core.sessions.current.form_values.update(
            phone="13800138000",
            address="1 Dongcheng Road, Beijing" if en else "北京市东城区建国门内大街1号",
            last_employer="Beijing Demo Co." if en else "北京示例科技有限公司",
            leave_date="2026-10-31",
            seeking_training="yes",
        )


def _identify(w: MainWindow) -> None:
    _to_identify(w)


def _mrz_entry(w: MainWindow) -> None:
    _to_identify(w)
    w.show_screen(w.core.go(Screen.MRZ_ENTRY))
    for ch in "E1234567":
        _click(w, f"key_{ch}")


def _manual_id(w: MainWindow) -> None:
    _to_identify(w)
    w.show_screen(w.core.go(Screen.MANUAL_ID))
    for ch in DEMO_ID[:10]:
        _click(w, f"key_{ch}")


def _form(w: MainWindow) -> None:
    _to_form(w, filled=False)


def _form_read(w: MainWindow) -> None:
    # Read from an e-ID, not typed: the identity line has 不是我 beside it (长辈模式: the
    # first question's 不是张*丰？), and the fit sweeps measure the form with it.
    _to_form(w, filled=False, source=IdentitySource.E_ID_QR)


def _turn_form_to(w: MainWindow, name: str) -> None:
    """The list comes in pages that fit the window: tap 下一步, the form's one way
    forward, as a citizen would, until ``name`` shows. It checks each page first, so
    the questions before ``name`` must have been answered; a page that stays is an error."""
    from ui.widgets.pager import PagedGrid

    for _ in range(5):
        settle()  # the pages are laid out at the size shown
        if _shown(w, name):
            return
        pager = w.findChild(PagedGrid, "form_pager")
        if pager is None or not pager.isVisible():
            raise StagingError(f"no form pages to turn to {name} on {w.core.screen()}")
        page = pager.page()
        _click(w, "btn_next")
        if w.core.screen() is not Screen.FORM or pager.page() != page + 1:
            raise StagingError(f"下一步 did not show the page after {page + 1} (for {name})")
    raise StagingError(f"{name} is on no page of the form")


def _form_keyboard(w: MainWindow) -> None:
    _to_form(w, filled=False)
    s = w.core.sessions.current
    # Answered as a citizen would before the address (on a later page, or the next
    # question in 长辈模式): 下一步 checks what comes before it.
    s.form_values["phone"] = "13800138000"
    w.show_screen()
    if s.assisted:  # one question a page
        _click(w, "btn_step_next")
        _wait(w, lambda: _shown(w, "step_address"), "the address question")
    else:
        _turn_form_to(w, "value_address")
        _click(w, "value_address")
    if s.language == "zh":
        for ch in "beijing":
            _click(w, f"key_{ch.upper()}")
        _wait(w, lambda: _shown(w, "cand_0"), "pinyin candidates for beijing")
    else:
        _click(w, "key_mode_abc")
        for ch in "DONGCHENG":
            _click(w, f"key_{ch}")


# The catalog's longest answers (异地长期居住 / "Long-term residence elsewhere", four of
# them): the form's choice buttons staged where their words are widest. The `form`
# scene's 是/否 never showed try-out 5's "ool enrolm" to the clipping ratchet.
CHOICE_SERVICE = "yibao.cross_region_filing"
CHOICE_FIELD = "category"


def _form_choices(w: MainWindow) -> None:
    _to_identify(w)
    core = w.core
    core.sessions.current.service_id = CHOICE_SERVICE
    core.sessions.current.set_identity(_identity(w))
    core.next()
    # The phone question comes first: answered, as a citizen would, to go on from it.
    core.sessions.current.form_values["phone"] = "13800138000"
    w.show_screen()
    if not core.sessions.current.assisted:
        _turn_form_to(w, f"item_{CHOICE_FIELD}")
        return
    # One question a page.
    for _ in range(5):
        if _shown(w, f"step_{CHOICE_FIELD}"):
            return
        _click(w, "btn_step_next")
    raise StagingError(f"the {CHOICE_FIELD} question never came")


def _shown(w: MainWindow, name: str) -> bool:
    from PySide6.QtWidgets import QWidget

    return any(x.isVisible() for x in w.findChildren(QWidget, name))


def _documents(w: MainWindow) -> None:
    _to_form(w, filled=True)
    w.core.next()
    w.show_screen()
    _click(w, "btn_capture")
    _wait(w, lambda: _shown(w, "btn_use"), "the photographed page (btn_use)")


def documents_without_camera(service: str) -> SceneSetup:
    """The materials step of ``service`` with the camera faulted beforehand (the caller
    faults and restores it): the words said in place of the picture, as a citizen reads
    them. The clipping sweep stages it (try-out 15, E4: never staged, the English fault
    words were cut at 4/4 on 1280x800 and no fit check saw it)."""

    def setup(w: MainWindow) -> None:
        _to_form(w, filled=True)
        w.core.sessions.current.service_id = service
        w.core.next()
        w.show_screen()
        picture = w.findChild(QLabel, "docs_viewfinder_picture")
        no_camera = ("摄像头暂时无法使用", "The camera is not working")
        _wait(
            w,
            lambda: picture is not None and picture.text().startswith(no_camera),
            "the camera fault's words on the materials step",
        )

    return setup


def _review(w: MainWindow) -> None:
    _to_form(w, filled=True)
    w.core.next()
    w.core.next()


def check_every_page(w: MainWindow) -> None:
    """On the review, turn its pages as a citizen would until 确认提交 is enabled.

    Submitting waits until every page was on the screen; raises if it never comes.
    """
    from ui.staging import visible_button

    for _ in range(30):
        settle()  # the pages are laid out at the size shown
        submit = visible_button(w, "btn_submit")
        if submit is None:
            raise StagingError(f"no visible button 'btn_submit' on {w.core.screen().value}")
        if submit.isEnabled():
            return
        _click(w, "review_pager_next")  # raises when there is no page left to turn to
    raise StagingError("btn_submit still disabled after turning every review page")


def _submitted(w: MainWindow) -> None:
    _review(w)
    w.show_screen()
    check_every_page(w)
    _click(w, "btn_submit")
    if w.core.sessions.current.assisted:
        _click(w, "btn_choice_yes")  # assisted mode confirms the submission first
    _wait(w, lambda: w.core.screen() == Screen.SUBMITTED, "the submitted screen")
    w.show_screen()
    page = w.current_page()
    _wait(w, lambda: not getattr(page, "_printing", False), "the receipt printed")
    _wait(w, lambda: _qr_drawn(w), "the receipt QR drawn")


def _qr_drawn(w: MainWindow) -> bool:
    qr = w.findChild(QLabel, "receipt_qr")
    return qr is not None and not qr.pixmap().isNull()


# --- assisted path and proxy (代办) ---------------------------------------------------------


def _agent(w: MainWindow) -> Identity:
    latin = w.core.sessions.current.language == "en"
    return Identity(
        DocumentType.RESIDENT_ID,
        DEMO_AGENT_ID,
        "WANG" if latin else "王",
        "XIAOMING" if latin else "小明",
        dt.date(1980, 1, 1),
        Sex.MALE,
        "CHN",
        None,
        IdentitySource.MANUAL,
    )


def _proxy_agent_step(w: MainWindow) -> None:
    _to_identify(w)
    w.core.sessions.current.proxy = True


def _proxy_applicant_step(w: MainWindow) -> None:
    _proxy_agent_step(w)
    w.core.sessions.current.set_identity(_agent(w), as_agent=True)


def _proxy_manual_applicant(w: MainWindow) -> None:
    _proxy_applicant_step(w)
    w.show_screen(w.core.go(Screen.MANUAL_ID))


def _proxy_review(w: MainWindow) -> None:
    _to_form(w, filled=True)
    s = w.core.sessions.current
    s.proxy = True
    s.set_identity(_agent(w), as_agent=True)
    w.core.next()
    w.core.next()


def _review_confirm(w: MainWindow) -> None:
    _review(w)
    w.show_screen()
    if w.core.sessions.current.assisted:  # only assisted mode asks before submitting
        check_every_page(w)
        _click(w, "btn_submit")


def require_printer_note(w: MainWindow) -> str:
    """The review's note that no receipt can be printed, as the citizen sees it before
    确认提交 (standard mode: over the answers; 长辈模式: in the question that asks first);
    returns it. Raises :class:`StagingError` when the printer is not known to have failed
    (the core's device health) or the note is not on display: a check of "submit without
    a printer" must not pass on a review that says nothing of the printer (#14)."""
    from ui.screens.apply_common import printer_cannot_print
    from ui.screens.review import ReviewScreen

    page = w.current_page()
    if not isinstance(page, ReviewScreen) or not page.isVisible():
        raise StagingError(f"no review on display for the printer's note (on {w.core.screen()})")
    if not printer_cannot_print(w.core):
        health = w.core.health(Device.PRINTER)
        raise StagingError(
            f"the printer has not failed as far as the kiosk knows ({health.health.value}"
            f" {health.detail!r}): the review shows no printer's note"
        )
    note = page.printer_note_text()
    if w.core.sessions.current.assisted:
        body = _visible(w, "choice_body")
        if body is None or note not in body.text():
            raise StagingError(f"the question before submitting does not carry {note!r}")
    else:
        label = _visible(w, "review_printer")
        if label is None or label.text() != note:
            raise StagingError(f"the review does not show the printer's note {note!r}")
    return note


def _visible(w: MainWindow, name: str) -> QLabel | None:
    return next((x for x in w.findChildren(QLabel, name) if x.isVisible()), None)


def _assisted_offer(w: MainWindow) -> None:
    from ui.screens.identify import accept_identity

    _to_identify(w)
    w.show_screen(w.core.go(Screen.MANUAL_ID))
    page = w.current_page()
    if page is None:
        raise StagingError("manual ID entry has no page")
    # Born 1949: the calm offer (normal mode); in 长辈模式 who was typed in, to confirm.
    accept_identity(page, _identity(w))


Row = tuple[str, SceneSetup, Screen, tuple[str, ...], tuple[Screen, tuple[str, ...]] | None]


def apply_scenes() -> list[Row]:
    """(name, setup, screen, visible widgets, assisted override) for the apply journey."""
    return [
        ("identify", _identify, Screen.IDENTIFY, ("tile_card",), None),
        (
            "mrz_entry",
            _mrz_entry,
            Screen.MRZ_ENTRY,
            ("btn_read",),
            (Screen.MRZ_ENTRY, ("btn_step_next", "question_document_number")),
        ),
        ("manual_id", _manual_id, Screen.MANUAL_ID, ("btn_confirm", "key_X"), None),
        ("form", _form, Screen.FORM, ("btn_next",), (Screen.FORM, ("btn_step_next",))),
        (
            "form_read",
            _form_read,
            Screen.FORM,
            ("btn_next", "btn_not_me", "form_identified"),
            (Screen.FORM, ("btn_step_next", "btn_not_me")),
        ),
        (
            "form_keyboard",
            _form_keyboard,
            Screen.FORM,
            ("pad_text", "btn_done"),
            (Screen.FORM, ("pad_text", "step_address")),
        ),
        (
            "form_choices",
            _form_choices,
            Screen.FORM,
            (f"choice_{CHOICE_FIELD}_resident", f"choice_{CHOICE_FIELD}_temporary"),
            None,
        ),
        ("documents", _documents, Screen.DOCUMENTS, ("btn_use", "btn_retake"), None),
        ("review", _review, Screen.REVIEW, ("btn_submit",), None),
        ("submitted", _submitted, Screen.SUBMITTED, ("receipt_qr", "tracking_number"), None),
        (
            "assisted_offer",
            _assisted_offer,
            Screen.MANUAL_ID,
            ("btn_choice_yes", "btn_choice_no"),
            # 长辈模式 makes no offer: it asks 是我，继续 / 不是我 about the typed details
            # before the first question (try-out 8, E7).
            (Screen.MANUAL_ID, ("btn_choice_yes", "btn_choice_no")),
        ),
        (
            "review_confirm",
            _review_confirm,
            Screen.REVIEW,
            ("btn_submit",),
            (Screen.REVIEW, ("btn_choice_yes",)),
        ),
        ("proxy_agent", _proxy_agent_step, Screen.IDENTIFY, ("identify_step",), None),
        ("proxy_applicant", _proxy_applicant_step, Screen.IDENTIFY, ("identify_step",), None),
        (
            "proxy_manual_applicant",
            _proxy_manual_applicant,
            Screen.MANUAL_ID,
            ("whose_label",),
            None,
        ),
        ("proxy_review", _proxy_review, Screen.REVIEW, ("btn_submit",), None),
    ]
