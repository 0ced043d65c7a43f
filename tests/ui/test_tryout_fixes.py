"""Problems a new user's try-out of the demo found, each driven through the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Journey, Screen
from kiosk.payloads import issue_eid_token
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, manual_identity, put_on, rig  # noqa: F401
from tests.ui.helpers import stored_number, visible_texts


def _form_of(r: ApplyRig, service: str) -> None:
    """The form of ``service`` for an identified citizen (identifying has its own tests)."""
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = service
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity())
    core.next()
    r.window.show_screen()
    r.at(Screen.FORM)


def test_copies_take_whole_numbers_only(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, "gongan.hukou_certificate")
    r.click("choice_purpose_school")
    r.click("value_copies")
    assert r.shown("key_1")
    assert not r.shown("key_."), "a whole-number field offers no decimal point"
    r.type("0")
    r.click("btn_done")
    assert r.label("editor_error") == "请填写 1 到 5 之间的数。"  # 0 copies refused, the range said
    r.click("key_backspace")
    r.type("2")
    r.click("btn_done")
    r.click("btn_next")
    assert r.core.screen() != Screen.FORM
    assert r.core.sessions.current.form_values["copies"] == "2"


def test_leave_date_in_the_future_is_refused(rig: ApplyRig) -> None:  # noqa: F811
    r = rig  # today is 2026-11-23
    _form_of(r, "renshe.unemployment_registration")
    r.click("value_leave_date")
    r.type("20271115")
    r.click("btn_done")
    assert r.label("editor_error") == "这个日期还没有到，请填写今天或以前的日期。"
    assert r.shown("editor_error") and r.shown("pad_date")  # still editing, nothing lost
    for _ in range(8):
        r.click("key_backspace")
    r.type("20261123")  # today is fine
    r.click("btn_done")
    assert r.core.sessions.current.form_values["leave_date"] == "2026-11-23"


def test_form_summary_words_match_the_marking(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, "renshe.unemployment_registration")
    r.click("btn_next")  # nothing filled in
    assert r.shown("error_phone")
    summary = r.label("form_summary")
    assert "标红" not in summary and "各项下方的提示" in summary


def test_a_rated_receipt_is_not_offered_for_rating_again(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    assert r.shown("btn_rate") and not r.shown("btn_rated_done")
    r.click("btn_rate")
    r.at(Screen.RATE)
    r.click("rate_very_satisfied")
    r.click("btn_submit_rating")
    r.qtbot.waitUntil(lambda: r.shown("rate_thanks"), timeout=3000)
    r.click("btn_back")
    r.at(Screen.SUBMITTED)
    assert not r.shown("btn_rate"), "评价本次服务 offered for a receipt already rated"
    assert r.button("btn_rated_done").text().startswith("已评价")
    r.click("btn_rated_done")
    r.at(Screen.HOME)


def _phrases(r: ApplyRig) -> list[str]:
    r.settle()
    return [
        b.text()
        for b in r.window.findChildren(QPushButton)
        if b.objectName().startswith("phrase_") and b.isVisible()
    ]


def test_complaint_phrases_are_complaints_and_praise_is_praise(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.click("tile_feedback")
    r.click("category_complaint")
    complaint = _phrases(r)
    assert "排队等候时间太长" in complaint and "工作人员态度不好" in complaint
    assert "工作人员热情耐心" not in complaint and "办事效率高" not in complaint
    r.click("btn_step_back")
    r.click("category_praise")
    praise = _phrases(r)
    assert "工作人员热情耐心" in praise and "办事效率高" in praise
    assert "排队等候时间太长" not in praise
    r.click("phrase_staff_good")
    assert r.label("composer_text") == "工作人员热情耐心"


def test_counter_only_guide_promises_no_upload_here(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.click("tile_guides")
    r.click("service_gongan.id_card_renewal")  # 居民身份证换领: counter only
    r.at(Screen.GUIDE)
    texts = " ".join(visible_texts(r.window))
    assert "居民户口簿" in texts and "需到窗口办理" in texts
    assert "拍照上传" not in texts and "在本机读取" not in texts
    assert "办理时带到窗口" in texts
    r.click("btn_back")
    r.click("service_gongan.hukou_certificate")  # applied for here: the photo offer stays
    assert "拍照上传" in " ".join(visible_texts(r.window)) or "在本机读取" in " ".join(
        visible_texts(r.window)
    )


def test_pinyin_candidates_page_back_as_well_as_on(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, "renshe.unemployment_registration")
    r.click("value_address")
    r.type("shi")
    first = [r.button(f"cand_{i}").text() for i in range(3)]
    assert r.button("cand_prev").text() == "‹" and r.button("cand_more").text() == "›"
    r.click("cand_more")
    assert [r.button(f"cand_{i}").text() for i in range(3)] != first
    r.click("cand_prev")
    assert [r.button(f"cand_{i}").text() for i in range(3)] == first
    r.click("cand_0")
    assert r.core.sessions.current.form_values["address"] == first[0]


def test_offline_same_day_service_promises_no_date_and_says_saved(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    _form_of(r, "renshe.contribution_certificate")  # 即时办结
    r.click("value_from_month")
    r.type("202601")
    r.click("btn_done")
    r.click("value_to_month")
    r.type("202610")
    r.click("btn_done")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    title = r.label("submitted_title")
    assert title == "已保存在本机，联网后自动提交" and "提交成功" not in title
    details = r.label("submitted_details")
    assert "预计办结" not in details  # the platform has not started counting
    assert "即时办结" in details and "送达受理平台" in details
    texts = " ".join(visible_texts(r.window))
    assert "提交成功" not in texts and "预计办结" not in texts
    # The paper agrees with the screen: no completion date on it either.
    paper = r.backend.printing.latest_document(stored_number(r.label("tracking_number")))
    assert paper is not None and "预计办结".encode() not in paper.to_json()
    assert r.label("tracking_number").encode() in paper.to_json()  # as on the screen


def test_eid_identification_says_who_was_identified(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    who = {"doc_type": "resident_id", "doc_number": ID_NUMBER}
    claims = {"sub": "u1", **who, "surname": "李", "given_names": "小四"}
    r.backend.scanner.present(issue_eid_token(r.eid_key, claims, kid="P1", now=r.core.clock()))
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=3000)
    shown = r.label("form_identified")
    assert r.shown("form_identified")
    assert "李**" in shown or "李*" in shown
    assert "小四" not in shown and ID_NUMBER not in shown  # masked
    assert "居民身份证" in shown and "电子证照" in shown
