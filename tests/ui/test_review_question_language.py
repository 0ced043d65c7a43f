"""长辈模式's 确认提交吗？ stays alone and whole when the citizen switches language with it up.

Found by the clipping sweep once its "submit without a printer" stage really had the
printer's note (#14): the review re-laid its pages under the question, their page
buttons showed themselves beside it (one more thing to tap by mistake), took its room,
and at 1280x800 in English at 字号 4/4 the question with the printer's note was cut
through its last line. The question also stayed in the language it was asked in, as did every other one of
长辈模式's questions (the unprinted receipt's, the 65+ offer).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.app import KioskApp
from kiosk.demo import DemoPrinter
from kiosk.supervisor import DeviceSupervisor
from tests.ui.fit_clip_child import printer_becomes, watch_printer
from ui.clipping import clipped_texts
from ui.main_window import MainWindow
from ui.staging import tap
from ui.tour import SCENES, stage
from ui.tour_apply import check_every_page

SCENE = {s.name: s for s in SCENES}
REVIEW = SCENE["review"]


@pytest.fixture
def watched(kiosk_app: KioskApp) -> Iterator[DeviceSupervisor]:
    supervisor = watch_printer(kiosk_app)
    yield supervisor
    supervisor.stop()


def _buttons_on_page(window: MainWindow) -> set[str]:
    page = window.current_page()
    assert page is not None
    return {b.objectName() for b in page.findChildren(QAbstractButton) if b.isVisible()}


def test_switching_language_keeps_the_question_alone_whole_and_in_the_new_language(
    window: MainWindow, kiosk_app: KioskApp, watched: DeviceSupervisor
) -> None:
    window.resize(1280, 800)
    printer_becomes(window, kiosk_app, DemoPrinter.OFFLINE)  # the note makes it longest
    try:
        stage(window, REVIEW, "zh", True, text_step=3)
        check_every_page(window)
        assert window.current_page().pager.page_count() > 1  # type: ignore[union-attr]
        tap(window, "btn_submit")
        assert _buttons_on_page(window) == {"btn_choice_yes", "btn_choice_no"}
        tap(window, "btn_lang")
        # Nothing of the page beside the question, in the language now chosen.
        assert _buttons_on_page(window) == {"btn_choice_yes", "btn_choice_no"}
        title = window.findChild(QLabel, "choice_title")
        body = window.findChild(QLabel, "choice_body")
        assert title is not None and body is not None
        assert title.text() == "Submit now?"
        assert "The printer is not connected." in body.text()
        assert clipped_texts(window) == []
        # Answered, the page comes back with its page buttons.
        tap(window, "btn_choice_no")
        assert {"btn_submit", "review_pager_prev", "review_pager_next"} <= _buttons_on_page(window)
    finally:
        printer_becomes(window, kiosk_app, DemoPrinter.READY)


def _question(window: MainWindow) -> str:
    return "|".join(
        w.text()  # type: ignore[attr-defined]
        for name in ("choice_title", "btn_choice_yes", "btn_choice_no")
        for w in window.findChildren(QWidget, name)
        if w.isVisible()
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_question_is_asked_again_in_the_language_switched_to(
    window: MainWindow, kiosk_app: KioskApp, watched: DeviceSupervisor, lang: str
) -> None:
    other = "en" if lang == "zh" else "zh"
    printer_becomes(window, kiosk_app, DemoPrinter.OFFLINE)  # the receipt will not print
    try:
        # 长辈模式 leaving an unprinted receipt; the offer to a citizen of 65 or more.
        stage(window, SCENE["submitted"], lang, True)
        tap(window, "btn_rate")
        leave = _question(window)
        assert leave.startswith(
            {"zh": "回执没有打印出来", "en": "Your receipt did not print"}[lang]
        )
        tap(window, "btn_lang")
        stage(window, SCENE["submitted"], other, True)
        tap(window, "btn_rate")
        assert _question(window) != leave
        switched = _question(window)
        stage(window, SCENE["submitted"], lang, True)
        tap(window, "btn_rate")
        tap(window, "btn_lang")
        assert _question(window) == switched
        assert _buttons_on_page(window) == {"btn_choice_yes", "btn_choice_no"}
    finally:
        printer_becomes(window, kiosk_app, DemoPrinter.READY)
    stage(window, SCENE["assisted_offer"], lang, False)
    asked = _question(window)
    stage(window, SCENE["assisted_offer"], other, False)
    in_other = _question(window)
    assert in_other != asked
    stage(window, SCENE["assisted_offer"], lang, False)
    tap(window, "btn_lang")
    assert _question(window) == in_other
    assert _buttons_on_page(window) == {"btn_choice_yes", "btn_choice_no"}
