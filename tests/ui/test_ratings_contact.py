"""好差评 and feedback through the real window: the national five levels, one rating per
receipt, a call-back (整改回访) and a complaint contact taken only with consent, and thanks
that say where the record really is (sent, or saved here while offline)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import visible_texts
from tests.ui.test_services_flow import (
    _button,
    click,
    start,
    text_of,
)

TN = "A7H3-261123-0042X"


def _type_phone(window, qtbot, number: str) -> None:  # type: ignore[no-untyped-def]
    for ch in number:
        click(qtbot, window, f"key_{ch}")


def _thanks(window) -> str:  # type: ignore[no-untyped-def]
    return text_of(window, "rate_thanks")


def _shown(window, name: str) -> str | None:  # type: ignore[no-untyped-def]
    # Screens are rebuilt between citizens: read the label on display, not a stale one.
    found = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    return found[0].text() if found else None


def test_the_five_national_levels_are_offered(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    start(window, qtbot, "rate")
    texts = " ".join(visible_texts(window))
    for word in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        assert word in texts
    assert "一般" not in texts


def test_a_receipt_is_rated_once(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    window.core.sessions.current.tracking_number = TN
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_satisfied")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    click(qtbot, window, "btn_done")
    assert window.core.screen() == Screen.HOME
    # The same receipt again (scanned on the track screen, say): the kiosk says so.
    window.core.sessions.current.tracking_number = TN
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_very_satisfied")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: _shown(window, "rate_message") is not None, timeout=3000)
    assert "已经评价过" in str(_shown(window, "rate_message"))
    assert [r["level"] for r in citizen.records()] == [4]


def test_poor_rating_offers_a_call_back_with_consent_and_masks_the_number_after(
    window, qtbot, citizen
) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False
    window.core.sessions.current.tracking_number = TN
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    assert _button(window, "key_1") is None  # no keypad until a call-back is asked for
    click(qtbot, window, "btn_callback_want")
    _type_phone(window, qtbot, "1380013")
    assert text_of(window, "callback_phone").endswith("1380013")  # shown while typed: typos seen
    _type_phone(window, qtbot, "8000")
    assert text_of(window, "callback_phone").endswith("13800138000")
    click(qtbot, window, "btn_submit_rating")
    assert "点选同意" in text_of(window, "callback_problem")
    assert citizen.records() == []
    click(qtbot, window, "btn_callback_consent")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    thanks = _thanks(window)
    assert "138****8000" in thanks and "13800138000" not in thanks
    assert "已保存在本机" in thanks  # offline: not yet with anyone
    assert "13800138000" not in " ".join(visible_texts(window))
    [rec] = citizen.records()
    assert rec["follow_up"] == {
        "phone": "13800138000",
        "consent": True,
        "purpose": "rating_follow_up",
        "consented_at": rec["follow_up"]["consented_at"],
    }


def test_a_short_number_is_refused_calmly(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_very_dissatisfied")
    click(qtbot, window, "reason_other")
    click(qtbot, window, "btn_callback_want")
    _type_phone(window, qtbot, "1380")
    click(qtbot, window, "btn_callback_consent")
    click(qtbot, window, "btn_submit_rating")
    assert "正确的电话号码" in text_of(window, "callback_problem")
    assert citizen.records() == []


def test_complaint_with_an_optional_contact(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_complaint")
    click(qtbot, window, "phrase_wait")
    click(qtbot, window, "btn_feedback_next")
    click(qtbot, window, "btn_contact_want")
    _type_phone(window, qtbot, "13900001111")
    assert text_of(window, "contact_phone").endswith("13900001111")  # readable while typing
    click(qtbot, window, "btn_submit_feedback")
    assert "点选同意" in text_of(window, "feedback_message")
    click(qtbot, window, "btn_contact_consent")
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    thanks = text_of(window, "feedback_thanks")
    assert "139****1111" in thanks and "已保存在本机" not in thanks  # online here
    assert "13900001111" not in " ".join(visible_texts(window))  # masked once submitted
    [rec] = citizen.records()
    assert rec["category"] == "complaint" and rec["contact"]["phone"] == "13900001111"


def test_offline_feedback_is_not_said_to_be_received(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    citizen.sync.online = False
    start(window, qtbot, "feedback")
    click(qtbot, window, "category_suggestion")
    click(qtbot, window, "phrase_more_kiosks")
    click(qtbot, window, "btn_feedback_next")
    click(qtbot, window, "btn_submit_feedback")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "feedback_thanks").isVisible(), timeout=3000)
    thanks = text_of(window, "feedback_thanks")
    assert "已保存在本机" in thanks and "已收到" not in thanks
    assert "contact" not in citizen.records()[0]


def test_rating_slip_after_the_paper_is_back(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    from kiosk.events import Device, DeviceStatusChanged, Health
    from kiosk.printing import PrinterState

    citizen.printer.paper_out()
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_satisfied")
    click(qtbot, window, "btn_submit_rating")
    click(qtbot, window, "btn_print_thanks")
    qtbot.waitUntil(lambda: "缺纸" in text_of(window, "rate_print_state"), timeout=3000)
    assert _button(window, "btn_print_thanks") is None  # printing now would fail again
    citizen.printer.set_state(PrinterState.READY)
    window.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    qtbot.waitUntil(lambda: "打印机已恢复" in text_of(window, "rate_print_state"), timeout=3000)
    click(qtbot, window, "btn_print_thanks")
    qtbot.waitUntil(lambda: "已打印" in text_of(window, "rate_print_state"), timeout=3000)


def test_the_call_back_offers_the_applications_phone_masked_and_still_asks_consent(
    window, qtbot, citizen
) -> None:  # type: ignore[no-untyped-def]
    # The citizen has just applied (联系电话 13800138000) and rates that application.
    s = window.core.sessions.current
    s.service_id = "gongan.id_card_renewal"
    s.form_values["phone"] = "13800138000"
    s.tracking_number = TN
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_callback_want")
    shown = text_of(window, "callback_phone")
    assert "138****8000" in shown and "申请时填写" in shown  # offered, masked on screen
    assert "13800138000" not in " ".join(visible_texts(window))
    click(qtbot, window, "btn_submit_rating")
    assert "点选同意" in text_of(window, "callback_problem")  # consent is still asked
    assert citizen.records() == []
    click(qtbot, window, "btn_callback_consent")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    assert "138****8000" in _thanks(window)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13800138000"


def test_an_offered_phone_is_replaced_by_another_typed(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    s = window.core.sessions.current
    s.service_id = "gongan.id_card_renewal"
    s.form_values["phone"] = "13800138000"
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_very_dissatisfied")
    click(qtbot, window, "reason_other")
    click(qtbot, window, "btn_callback_want")
    # No keys beside the offered number: 改用其他号码 opens them (try-out 10, C2).
    click(qtbot, window, "btn_callback_other")
    _type_phone(window, qtbot, "1390000")  # another number: typed afresh, shown in full
    assert text_of(window, "callback_phone").endswith("1390000")
    _type_phone(window, qtbot, "1111")
    click(qtbot, window, "btn_callback_consent")
    click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: window.findChild(QLabel, "rate_thanks").isVisible(), timeout=3000)
    [rec] = citizen.records()
    assert rec["follow_up"]["phone"] == "13900001111"


def test_the_call_back_number_is_typed_into_a_field_by_its_keypad(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    # Try-out 4, item 12c: a keypad with no field to type into.
    from PySide6.QtGui import QColor

    window.core.sessions.current.tracking_number = TN
    start(window, qtbot, "rate")
    click(qtbot, window, "rate_dissatisfied")
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_callback_want")
    _type_phone(window, qtbot, "139")
    field = window.findChild(QLabel, "callback_phone")
    assert field.isVisible() and field.text().endswith("139")
    # Outlined in the focus colour, as the active field is everywhere else.
    image = field.grab().toImage()
    edge = QColor(image.pixel(image.width() // 2, 1)).name().upper()
    assert edge == window.tokens().focus.upper(), edge
