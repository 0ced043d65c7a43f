"""The complaint's reply page, by taps on the real window: 提交 with no number, or with
no consent, said "Please enter a valid number: …" beside 上一步/提交, where at 字号 4/4 in
长辈模式 on 1280x800 it took three lines: the row grew and crushed the keys, the number
and the consent (the keys' last row, the number and the consent cut) under a finger.
The words are said in the row where they fit it; elsewhere the question is asked on a
page of its own (type the number again / agree and send), and nothing moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_step import click
from tests.ui.test_rate_fair_page import _to_rating
from tests.ui.test_services_flow import _button
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.screens.feedback import FeedbackScreen

CASES = [
    ((1280, 800), True, "en", 4),
    ((1280, 800), True, "zh", 4),
    ((1280, 800), False, "en", 4),
    ((1080, 1920), False, "zh", 1),
    ((1920, 1080), False, "en", 1),
]


def _placed(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    """Where every named control of the complaint page on display is."""
    [page] = [s for s in window.findChildren(FeedbackScreen) if s.isVisible()]
    return {
        w.objectName(): QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        for w in page.findChildren(QAbstractButton)
        if w.isVisible() and w.objectName()
    }


def _asked(window) -> str:  # type: ignore[no-untyped-def]
    titles = [w.text() for w in window.findChildren(QLabel, "choice_title") if w.isVisible()]
    return titles[0] if titles else ""


def _to_complaint(window, qtbot, size, assisted, lang, text_size) -> None:  # type: ignore[no-untyped-def]
    _to_rating(window, qtbot, size, assisted, lang, text_size)  # bars set, a home tile tapped
    click(qtbot, window, "btn_home")
    qtbot.waitUntil(lambda: _button(window, "tile_rate") is not None, timeout=10_000)
    for _ in range(6):
        if _button(window, "tile_feedback") is not None:
            break
        click(qtbot, window, "home_pager_next")
    click(qtbot, window, "tile_feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    click(qtbot, window, "btn_feedback_next")
    click(qtbot, window, "btn_contact_want")
    qtbot.wait(50)


@pytest.mark.parametrize(("size", "assisted", "lang", "text_size"), CASES)
def test_the_reply_pages_words_move_nothing(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, assisted, lang, text_size
) -> None:
    _to_complaint(window, qtbot, size, assisted, lang, text_size)
    before = _placed(window)
    click(qtbot, window, "btn_submit_feedback")  # no number
    qtbot.wait(50)
    assert window.size().toTuple() == size
    assert not clipped_texts(window), clipped_texts(window)
    if _asked(window):
        assert _asked(window) == tr("rate.callback.check.title", lang)
        said = tr("feedback.problem.phone_invalid", lang)
        body = [w.text() for w in window.findChildren(QLabel, "choice_body") if w.isVisible()]
        assert any(said in b for b in body), body
        click(qtbot, window, "btn_choice_yes")  # type it again
        qtbot.wait(50)
    assert _placed(window) == before, "nothing moved as the words came (or went)"
    for digit in "13912345678":
        click(qtbot, window, f"key_{digit}")
    qtbot.wait(50)
    before = _placed(window)
    click(qtbot, window, "btn_submit_feedback")  # no consent
    qtbot.wait(50)
    assert window.size().toTuple() == size
    assert not clipped_texts(window), clipped_texts(window)
    if _asked(window):
        assert _asked(window) == tr("feedback.contact.ask.title", lang)
        body = [w.text() for w in window.findChildren(QLabel, "choice_body") if w.isVisible()]
        assert any("139****5678" in b for b in body), body  # the number, masked
        click(qtbot, window, "btn_choice_yes")  # agree and send
    else:
        assert _placed(window) == before, "nothing moved as the words came"
        click(qtbot, window, "btn_contact_consent")
        click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(
        lambda: any(w.isVisible() for w in window.findChildren(QWidget, "feedback_thanks")),
        timeout=5000,
    )
    [rec] = citizen.records()
    assert rec["contact"]["consent"] is True


@pytest.mark.parametrize(("size", "assisted", "lang", "text_size"), CASES)
def test_the_words_pages_message_moves_nothing(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, assisted, lang, text_size
) -> None:
    """下一步 with no words: at 字号 4/4 in 长辈模式 on 1280x800 in English "Please tap a
    phrase or type something first." took two lines beside the buttons, grew the row and
    cut the phrases and their pager. Said whole in the row's one line (its short form
    where the long one does not fit), nothing moved."""
    _to_rating(window, qtbot, size, assisted, lang, text_size)
    click(qtbot, window, "btn_home")
    qtbot.waitUntil(lambda: _button(window, "tile_rate") is not None, timeout=10_000)
    for _ in range(6):
        if _button(window, "tile_feedback") is not None:
            break
        click(qtbot, window, "home_pager_next")
    click(qtbot, window, "tile_feedback")
    click(qtbot, window, "category_complaint")
    qtbot.wait(50)
    before = _placed(window)
    click(qtbot, window, "btn_feedback_next")
    qtbot.wait(50)
    [message] = [w for w in window.findChildren(QLabel, "feedback_message") if w.isVisible()]
    assert message.text() in (
        tr("feedback.problem.text_required", lang),
        tr("feedback.problem.text_required.short", lang),
    )
    assert window.size().toTuple() == size
    assert not clipped_texts(window), clipped_texts(window)
    assert _placed(window) == before, "nothing moved as the words came"
