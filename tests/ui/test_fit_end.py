"""The end of the journeys fits a 1280x800 panel in 长辈模式, driven by taps.

Rate, track and the receipt pages: every control the citizen needs is inside the
window at each step (no scrolling), and what they chose is what is recorded.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from kiosk.tracking import shown_tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_services_flow import _button, click, start
from ui.a11y import out_of_reach

SMALL = (1280, 800)


def _fits(window) -> None:  # type: ignore[no-untyped-def]
    """Every control on screen now is wholly inside the window, which kept its size."""
    assert (window.width(), window.height()) == SMALL
    assert out_of_reach(window) == []


def _small_assisted(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(*SMALL)
    window.core.sessions.set_assisted(True)


def test_a_reason_on_the_second_page_reaches_the_record(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _small_assisted(window)
    window.core.sessions.current.tracking_number = "A7H3-261123-0042X"
    start(window, qtbot, "rate")
    _fits(window)
    click(qtbot, window, "rate_dissatisfied")
    _fits(window)
    # The reasons are pages at this size: the last one is not on the first.
    assert _button(window, "reason_waited_long") is not None
    assert _button(window, "reason_other") is None
    click(qtbot, window, "btn_rate_next")  # none chosen yet: it says so, and stays
    # 长辈模式 says it in the question's place (try-out 13, E11).
    problem = window.findChild(QLabel, "rate_reason_problem")
    assert problem.isVisible() and "原因" in problem.text()
    click(qtbot, window, "reasons_next")
    _fits(window)
    click(qtbot, window, "reason_other")
    click(qtbot, window, "btn_rate_next")
    _fits(window)
    click(qtbot, window, "btn_callback_want")  # the keypad's own page
    _fits(window)
    for ch in "13800138000":
        click(qtbot, window, f"key_{ch}")
    click(qtbot, window, "btn_rate_next")  # the consent, asked on its own (try-out 9, E8)
    _fits(window)
    click(qtbot, window, "btn_choice_yes")  # 同意，提交评价
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    _fits(window)
    [rec] = citizen.records()
    assert rec["label"] == "dissatisfied" and rec["reasons"] == ["other"]
    assert rec["follow_up"]["phone"] == "13800138000" and rec["follow_up"]["consent"]


def test_changing_a_poor_rating_to_a_good_one_sends_no_reasons(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    _small_assisted(window)
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_very_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_change_level")  # back to the five levels
    _fits(window)
    click(qtbot, window, "rate_satisfied")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["label"] == "satisfied" and rec["reasons"] == []


def test_the_last_four_step_of_track_fits(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_services_flow import _seed_status, type_number

    tn = _seed_status(citizen)
    _small_assisted(window)
    start(window, qtbot, "track")
    _fits(window)
    type_number(window, qtbot, tn)
    click(qtbot, window, "btn_track_lookup")  # a typed number: the ID's last 4 next
    qtbot.waitUntil(lambda: "后 4 位" in window.findChild(QLabel, "track_prompt").text())
    _fits(window)
    type_number(window, qtbot, "002X")
    click(qtbot, window, "btn_track_lookup")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=3000)
    _fits(window)


def test_a_time_on_the_second_page_is_the_one_booked(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton

    from tests.ui.test_services_flow import _to_appointment, text_of

    _small_assisted(window)
    _to_appointment(window)
    qtbot.waitUntil(lambda: window.findChild(QAbstractButton, "dept_minzheng.hunyin") is not None)
    _fits(window)
    click(qtbot, window, "dept_minzheng.hunyin")
    _fits(window)
    click(qtbot, window, "mode_book")
    _fits(window)
    click(qtbot, window, "day_20261124")
    _fits(window)
    # The afternoon is on the next page of times, not below the fold.
    assert _button(window, "slot_0900") is not None and _button(window, "slot_1530") is None
    click(qtbot, window, "appt_next")
    _fits(window)
    click(qtbot, window, "slot_1530")
    assert "15:30-16:00" in text_of(window, "appt_summary")
    _fits(window)
    click(qtbot, window, "btn_confirm_booking")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    [rec] = citizen.records()
    assert rec["slot_start"] == "2026-11-24T15:30"
    assert text_of(window, "ticket_number") == "2026年11月24日 15:30-16:00"


def test_reprint_fits_and_its_outcome_moves_no_key(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton

    from kiosk.flow import Journey

    _small_assisted(window)
    window.core.start(Journey.TRACK)
    window.core.sessions.current.tracking_number = "M001-261123-0001C"
    window.core.go(Screen.REPRINT)
    window.show_screen()
    _fits(window)
    key = window.findChild(QAbstractButton, "key_E")
    before = key.mapTo(window, key.rect().topLeft())
    for ch in "E12345678":
        click(qtbot, window, f"key_{ch}")
    assert window.findChild(QLabel, "reprint_echo").text() == "E12345678"
    click(qtbot, window, "btn_reprint_receipt")
    result = window.findChild(QLabel, "reprint_result")
    qtbot.waitUntil(lambda: result.isVisible() and "打印" not in result.text()[:2], timeout=3000)
    assert "E12345678" not in window.findChild(QLabel, "reprint_echo").text()  # masked
    _fits(window)
    assert key.mapTo(window, key.rect().topLeft()) == before


def test_the_whole_progress_list_is_reached_by_turning_pages(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_services_flow import _seed_status, type_id_ending, type_number

    tn = _seed_status(citizen)
    _small_assisted(window)
    start(window, qtbot, "track")
    type_number(window, qtbot, tn)
    click(qtbot, window, "btn_track_lookup")
    type_id_ending(window, qtbot, "002X")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "result_step_0") is not None, timeout=3000)
    seen: set[str] = set()
    # It opens where the application stands now (the latest step): every page back
    # to the first, then on to the last, each one fitting the window.
    for turn in ("steps_prev", "steps_next"):
        for _ in range(10):
            _fits(window)
            seen |= {
                w.objectName()
                for w in window.findChildren(QLabel)
                if w.objectName().startswith("result_step_") and w.isVisible()
            }
            button = _button(window, turn)
            if button is None or not button.isEnabled():
                break
            click(qtbot, window, turn)
    steps = [w for w in window.findChildren(QLabel) if w.objectName().startswith("result_step_")]
    assert len(steps) >= 2 and seen == {w.objectName() for w in steps}


def test_the_qr_on_the_submitted_page_is_the_receipts_and_fits(window) -> None:  # type: ignore[no-untyped-def]
    import numpy as np
    import zxingcpp
    from PySide6.QtGui import QImage

    from ui.tour import SCENES, stage

    _small_assisted(window)
    scene = next(s for s in SCENES if s.name == "submitted")
    stage(window, scene, "zh", True)  # taps its way from the review's Submit
    window.resize(*SMALL)  # the review screen before it is another page's fit
    _fits(window)
    page = window.current_page()
    result = page.result()
    assert result is not None and result.receipt_code
    qr = window.findChild(QLabel, "receipt_qr")
    image = qr.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    gray = np.array(
        [list(image.constScanLine(y))[: image.width()] for y in range(image.height())],
        dtype=np.uint8,
    )
    [code] = zxingcpp.read_barcodes(gray)
    assert code.text == result.receipt_code  # what a phone reads is the receipt's code
    number = window.findChild(QLabel, "tracking_number").text()
    # The signed receipt code carries the tracking number (its characters, no dashes).
    assert number == shown_tracking_number(result.tracking_number)  # check apart (C-f)
    assert result.tracking_number.replace("-", "") in code.text


def test_typed_feedback_fits_and_reaches_the_record(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    _small_assisted(window)
    start(window, qtbot, "feedback")
    _fits(window)
    click(qtbot, window, "category_suggestion")
    _fits(window)  # the phrases are pages that fit: turned by taps
    while _button(window, "phrase_more_kiosks") is None:
        click(qtbot, window, "phrases_next")
    click(qtbot, window, "phrase_more_kiosks")
    click(qtbot, window, "btn_keyboard")  # the keyboard takes the page
    _fits(window)
    for ch in "XIE":
        click(qtbot, window, f"key_{ch}")
    pad = window.findChild(QWidget, "text_pad")
    qtbot.waitUntil(lambda: "谢" in pad.candidates(), timeout=5000)
    _fits(window)  # the candidates in their strip: nothing pushed off
    click(qtbot, window, f"cand_{pad.candidates().index('谢')}")
    click(qtbot, window, "btn_keyboard")  # 输入完成
    _fits(window)
    assert window.findChild(QLabel, "composer_text").text() == "建议增加自助终端谢"
    click(qtbot, window, "btn_feedback_next")  # 长辈模式: the reply offer on its own page
    _fits(window)
    click(qtbot, window, "btn_contact_want")
    _fits(window)  # its phone keypad too
    click(qtbot, window, "btn_contact_want")  # no reply wanted after all
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    _fits(window)
    [rec] = citizen.records()
    assert rec["category"] == "suggestion" and rec["text"] == "建议增加自助终端谢"
