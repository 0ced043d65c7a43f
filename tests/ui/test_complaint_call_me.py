"""A complaint that asks to be contacted (try-out 13, C3): "请工作人员联系我" was picked, the
optional number left off, and the thanks promised "处理并回访", a call-back no one could
make; 返回 stayed on the thanks with nothing behind it. Through the real window, both
languages, online and offline: those words open the number and its consent at once;
with a number the call-back is promised, without one the thanks and the slip say plainly
that no one can call back; sent, 返回 is gone and 首页/完成 remain."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from drivers.printer.document import Document
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_services_flow import _button, click, start, text_of

CASES = [("zh", True), ("zh", False), ("en", True), ("en", False)]
PROMISE = {"zh": "处理并回访", "en": "follows up"}
NO_CALL = {"zh": "无法回访", "en": "no one can call you back"}


def _write(window, qtbot, citizen, lang: str, online: bool) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = online
    if lang == "en":
        click(qtbot, window, "btn_lang")
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    click(qtbot, window, "phrase_callback")
    click(qtbot, window, "btn_feedback_next")


def _send(window, qtbot) -> str:  # type: ignore[no-untyped-def]
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    return text_of(window, "feedback_thanks")


def _shown(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    w = window.findChild(QPushButton, name)
    return w is not None and w.isVisible()


@pytest.mark.parametrize(("lang", "online"), CASES)
def test_call_me_opens_the_number_and_a_number_gets_the_call_back(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang, online
) -> None:
    _write(window, qtbot, citizen, lang, online)
    want = window.findChild(QPushButton, "btn_contact_want")
    assert want.isChecked(), "the words ask for a call: the number is asked at once"
    assert _shown(window, "btn_contact_consent")  # with its consent, not ticked for them
    assert not window.findChild(QPushButton, "btn_contact_consent").isChecked()
    for ch in "13900001111":
        click(qtbot, window, f"key_{ch}")
    click(qtbot, window, "btn_contact_consent")
    thanks = _send(window, qtbot)
    assert PROMISE[lang] in thanks and "139****1111" in thanks
    assert NO_CALL[lang] not in thanks
    [rec] = citizen.records()
    assert rec["contact"]["phone"] == "13900001111" and rec["contact"]["consent"]


@pytest.mark.parametrize(("lang", "online"), CASES)
def test_without_a_number_no_call_back_is_promised_and_back_is_gone(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang, online, monkeypatch
) -> None:
    printed: list[str] = []
    real = citizen.printer.print_document

    def record(doc: Document):  # type: ignore[no-untyped-def]
        result = real(doc)
        printed.append(doc.to_json().decode("utf-8"))
        return result

    monkeypatch.setattr(citizen.printer, "print_document", record)
    _write(window, qtbot, citizen, lang, online)
    assert window.back_btn.isVisible()  # before sending, 上一页 lies behind
    click(qtbot, window, "btn_contact_want")  # the citizen closes the number: no call
    thanks = _send(window, qtbot)
    assert PROMISE[lang] not in thanks, thanks
    assert NO_CALL[lang] in thanks, thanks
    [rec] = citizen.records()
    assert "contact" not in rec
    # Sent: nothing to go back to; 首页 and 完成 lead on.
    assert not window.back_btn.isVisible()
    assert window.home_btn.isVisible() and _button(window, "btn_done") is not None
    click(qtbot, window, "btn_print_complaint")
    qtbot.waitUntil(lambda: bool(printed), timeout=3000)
    slip = printed[0]
    assert PROMISE[lang] not in slip and NO_CALL[lang] in slip, slip


def test_a_complaint_without_the_call_me_words_opens_nothing(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    click(qtbot, window, "btn_feedback_next")
    assert not window.findChild(QPushButton, "btn_contact_want").isChecked()
    thanks = _send(window, qtbot)
    assert "处理并回访" not in thanks and "无法回访" in thanks  # still no promise without a number
