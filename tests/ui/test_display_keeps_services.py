"""Try-out 6, item 1, on every other screen with typed input: a new text size or
colours (every screen rebuilt) keeps what was typed, the page and the messages.

Catalog search, passport details, reprint (its tries too: a new size must not give
more), track, complaint and rating, each by taps on the real window.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel

from drivers.printer.document import Document, Text
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_reprint import ID_NUMBER as REPRINT_ID
from tests.ui.test_reprint import TN as REPRINT_TN
from tests.ui.test_reprint import _open as open_reprint
from tests.ui.test_reprint import _type_and_print
from tests.ui.test_services_flow import click, start, text_of, type_number


def _display(window, qtbot, button: str) -> None:  # type: ignore[no-untyped-def]
    """Tap 字号 or 颜色; the screen must really be rebuilt (else nothing is proven)."""
    before = window.current_page()
    click(qtbot, window, button)
    qtbot.wait(1)
    assert window.current_page() is not before, "the screen was not rebuilt"


def _shown_text(window, name: str) -> str:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    assert found, f"{name} is not on screen"
    return str(found[0].text())


def _visible(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(w.isVisible() for w in window.findChildren(QAbstractButton, name))


def test_catalog_search_is_kept(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)
    start(window, qtbot, "apply")
    click(qtbot, window, "btn_search")
    for ch in "SFZ":
        click(qtbot, window, f"key_{ch}")
    _display(window, qtbot, "btn_text_size")
    assert window.core.screen() == Screen.CATALOG
    assert "SFZ" in _shown_text(window, "search_text")
    assert _visible(window, "service_gongan.id_card_renewal")
    assert not _visible(window, "service_renshe.ss_card_replace")
    assert _visible(window, "key_A")  # its keyboard still open


def test_reprint_keeps_the_number_and_the_tries(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = Document((Text("回执"),))
    kiosk_app.backend.printing.print_document("receipt", doc, REPRINT_TN, owner_secret=REPRINT_ID)
    window.resize(1080, 1920)
    open_reprint(window, qtbot)
    assert "不符" in _type_and_print(window, qtbot, "110105194912310021")
    assert "不符" in _type_and_print(window, qtbot, "110105194912310022")
    _display(window, qtbot, "btn_text_size")
    assert "不符" in _shown_text(window, "reprint_result")  # the message stays
    for ch in "1101":
        click(qtbot, window, f"key_{ch}")
    _display(window, qtbot, "btn_contrast")
    assert _shown_text(window, "reprint_echo") == "1101"
    for _ in range(4):
        click(qtbot, window, "key_backspace")
    # The third wrong number locks it, as before the new size: no fresh tries.
    assert "服务台" in _type_and_print(window, qtbot, "110105194912310023")
    assert not window.findChild(QAbstractButton, "btn_reprint_receipt").isEnabled()


def test_track_keeps_the_typed_number(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    click(qtbot, window, "btn_lang")
    start(window, qtbot, "track")
    type_number(window, qtbot, "M001-2611")
    _display(window, qtbot, "btn_text_size")
    assert window.core.screen() == Screen.TRACK
    assert "M001-2611" in text_of(window, "track_number_text")


def test_complaint_keeps_its_words_and_contact(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    words = _shown_text(window, "composer_text")
    click(qtbot, window, "btn_feedback_next")  # the offer of a reply: its own page
    click(qtbot, window, "btn_contact_want")
    for ch in "1380013":
        click(qtbot, window, f"key_{ch}")
    _display(window, qtbot, "btn_text_size")
    assert window.core.screen() == Screen.FEEDBACK
    assert not _visible(window, "category_complaint"), "back to choosing the kind"
    assert "1380013" in _shown_text(window, "contact_phone")
    click(qtbot, window, "btn_step_back")  # the words, kept
    assert _shown_text(window, "composer_text") == words
    click(qtbot, window, "btn_feedback_next")
    assert "1380013" in _shown_text(window, "contact_phone")
    for ch in "8000":
        click(qtbot, window, f"key_{ch}")
    click(qtbot, window, "btn_contact_consent")
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    _display(window, qtbot, "btn_contrast")
    # Sent: the thanks stay, and nothing offers to send it again.
    assert _shown_text(window, "feedback_thanks")
    assert not _visible(window, "btn_submit_feedback")
    assert not _visible(window, "category_complaint")


def test_rating_keeps_the_level_and_reasons(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    _display(window, qtbot, "btn_text_size")
    assert window.core.screen() == Screen.RATE
    reason = [
        b for b in window.findChildren(QAbstractButton, "reason_waited_long") if b.isVisible()
    ]
    assert reason and reason[0].isChecked(), "the reason chosen was lost"
    assert not _visible(window, "rate_satisfied"), "back to choosing the level"
