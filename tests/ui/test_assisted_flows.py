"""The assisted path (长辈模式) through the apply journey, and proxy applications (代办).

Demo configuration, simulated devices: the FakePlayer records what the voice
said, the simulated printer receives the receipt document, the outbox holds
the application payload.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from drivers.printer.document import Document, KeyValue
from drivers.speech.types import Language
from kiosk.flow import Screen
from kiosk.identity import mask_name
from kiosk.session import IdlePhase
from kiosk.voice_summary import spell_code
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, manual_identity, put_on, rig  # noqa: F401
from tests.ui.helpers import has_cjk, visible_texts, wait_until_tappable

AGENT_ID = "11010519800101018X"  # born 1980: too young for the assisted-mode offer
AGENT_MASKED = "110105********018X"
APPLICANT_MASKED = "110105********002X"


def _text(r: ApplyRig, name: str) -> str:
    """The text of the visible label or field ``name`` (every screen has its own copy)."""
    r.settle()
    for w in r.window.findChildren(QWidget, name):
        if w.isVisible() and isinstance(w, QLabel | QLineEdit):
            return str(w.text())
    raise AssertionError(f"no visible {name!r} on {r.core.screen()}")


def _shown(r: ApplyRig, name: str) -> bool:
    """Whether a widget called ``name`` is on display (several screens reuse names)."""
    r.settle()
    return any(w.isVisible() for w in r.window.findChildren(QWidget, name))


def _asking(r: ApplyRig) -> bool:
    """Whether a question (confirmation or offer) is on screen."""
    return _shown(r, "choice_panel")


def _outbox(r: ApplyRig) -> list[Any]:
    return [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]


def _assisted(r: ApplyRig) -> None:
    r.core.sessions.set_assisted(True)
    r.window.show_screen()


def _pick(r: ApplyRig, text: str) -> None:
    """Tap the pinyin candidate ``text`` (candidates may come from a worker)."""
    r.qtbot.waitUntil(
        lambda: any(
            w.isVisible() and w.text() == text
            for i in range(6)
            for w in r.window.findChildren(QAbstractButton, f"cand_{i}")
        ),
        timeout=5000,
    )
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == text))


def _manual(r: ApplyRig, number: str, syllables: list[tuple[str, str]]) -> None:
    r.click("tile_manual")
    r.at(Screen.MANUAL_ID)
    r.type(number)  # a complete number moves the pad on to the name
    for pinyin, char in syllables:
        r.type(pinyin)
        _pick(r, char)
    r.click("btn_confirm")


def _read_passport(r: ApplyRig) -> None:
    r.card.insert_document()  # the demo passport: E12345678, born 850315, expires 341231
    r.at(Screen.MRZ_ENTRY)
    r.type("E12345678")
    if r.core.sessions.current.assisted:
        # One question a screen: the birth date is not on display until Next.
        assert _shown(r, "field_document_number") and not _shown(r, "field_birth_date")
        assert not _shown(r, "btn_read")
        r.click("btn_step_next")
        assert _shown(r, "field_birth_date") and not _shown(r, "field_document_number")
    else:
        r.click("field_birth_date")
    r.type("19850315")
    if r.core.sessions.current.assisted:
        # The page turns on 下一步 only, never under the finger (try-out 5).
        assert _shown(r, "field_birth_date") and not _shown(r, "field_expiry_date")
        r.click("btn_step_next")
    # (standard mode: a whole date moves on to the expiry by itself)
    assert _shown(r, "field_expiry_date")
    r.type("20341231")
    r.click("btn_read")


def _fill_form_one_question_a_page(r: ApplyRig) -> None:
    if r.core.sessions.current.agent is None:  # (the applicant of a proxy is not here)
        r.confirm_identified()
    r.at(Screen.FORM)
    assert _text(r, "form_progress") == "第 1 题，共 5 题"
    assert _shown(r, "label_phone") and not _shown(r, "label_address")
    # 上一步 on the first question unless 不是王*明？ is in its place (try-out 13, E8).
    assert _shown(r, "btn_step_back") != _shown(r, "btn_not_me")
    assert not _shown(r, "value_phone")
    assert _shown(r, "pad_digits")  # the keypad is already open: no tap to start typing
    r.click("btn_step_next")
    assert _text(r, "error_phone") == "此项必填。" and _text(r, "form_progress").startswith(
        "第 1 题"
    )
    r.type("13800138000")
    r.click("btn_step_next")
    assert _text(r, "form_progress") == "第 2 题，共 5 题"
    r.click("key_mode_abc")
    r.type("ROAD")
    r.click("btn_step_next")
    r.click("key_mode_abc")
    r.type("ACME")
    r.click("btn_step_next")
    r.type("20261031")
    r.click("btn_step_next")
    assert _text(r, "form_progress") == "第 5 题，共 5 题"
    r.click("choice_seeking_training_no")
    r.click("btn_step_back")  # back one question: the answer given is still there
    assert _text(r, "form_progress") == "第 4 题，共 5 题" and _shown(r, "field_leave_date")
    r.click("btn_step_next")
    r.click("btn_step_next")
    values = r.core.sessions.current.form_values
    assert values["phone"] == "13800138000" and values["leave_date"] == "2026-10-31"
    assert values["seeking_training"] == "no"


def _skip_documents(r: ApplyRig) -> None:
    r.at(Screen.DOCUMENTS)
    r.click("btn_skip")
    r.click("btn_next")
    r.at(Screen.REVIEW)


def _confirm_submit(r: ApplyRig) -> None:
    r.check_every_page()
    r.click("btn_submit")
    assert _text(r, "choice_body") == "提交后不能再修改。确认提交吗？"
    assert not _shown(r, "btn_submit")  # one decision on screen, nothing behind it
    r.click("btn_choice_yes")
    r.at(Screen.SUBMITTED)


def _spoken(r: ApplyRig) -> list[str]:
    voice = r.core.voice
    assert voice is not None and voice.wait_idle(5.0)
    return list(voice.player.texts)


def test_assisted_apply_by_manual_entry(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _assisted(r)
    r.to_identify()
    _manual(r, ID_NUMBER, [("zhang", "张"), ("san", "三")])
    # Already assisted: nothing to offer, only who was typed in, to confirm.
    assert _text(r, "choice_title") == "请确认您输入的信息"
    _fill_form_one_question_a_page(r)
    _skip_documents(r)
    r.check_every_page()  # 确认提交 waits until every page of the answers was seen
    r.click("btn_submit")
    assert _asking(r) and _shown(r, "btn_choice_no")
    r.click("btn_choice_no")  # "let me check again": nothing was sent
    r.at(Screen.REVIEW)
    assert _shown(r, "btn_submit") and not _outbox(r)
    _confirm_submit(r)
    (rec,) = _outbox(r)
    body = json.loads(rec.payload)
    assert body["applicant"]["document_number"] == ID_NUMBER
    assert body["form"]["leave_date"] == "2026-10-31" and body["proxy"] is False
    assert body["agent"] is None
    assert any("提交后不能再修改" in t for t in _spoken(r))  # the question was also spoken


def test_normal_mode_form_and_submit_are_unchanged(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    put_on(r.window, Screen.FORM)
    assert _shown(r, "value_phone") and _shown(r, "value_address")  # every field on one page
    assert not _shown(r, "form_progress")
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")  # no confirmation outside assisted mode
    r.at(Screen.SUBMITTED)
    assert not _shown(r, "btn_read_aloud")


@pytest.mark.parametrize("agent_way", ["manual", "document"])
def test_proxy_application_names_both_masked(rig: ApplyRig, agent_way: str) -> None:  # noqa: F811
    r = rig
    _assisted(r)
    printed: list[Document] = []
    printer = r.backend.printer
    send = printer.print_document
    printer.print_document = lambda doc: (printed.append(doc), send(doc))[1]
    r.to_identify()
    r.click("btn_proxy")
    assert _text(r, "identify_step").startswith("第一步")
    if agent_way == "manual":
        _manual(r, AGENT_ID, [("wang", "王"), ("xiao", "小"), ("ming", "明")])
        agent_number, agent_id_masked = AGENT_ID, AGENT_MASKED
    else:
        _read_passport(r)
        agent_number, agent_id_masked = "E12345678", "E1*****78"
    # Back on identify for the applicant's turn; the agent is known but nobody's form yet.
    r.at(Screen.IDENTIFY)
    session = r.core.sessions.current
    assert session.agent is not None and session.identity is None
    assert _text(r, "identify_step").startswith("第二步")
    assert not _shown(r, "tile_qr")  # an absent applicant cannot show their phone here
    r.click("tile_manual")
    assert _text(r, "whose_label").startswith("申请人")
    assert _text(r, "field_id_number") == ""  # the agent's number is not offered again
    r.click("btn_confirm")  # nothing typed: a calm error, no identity
    assert _shown(r, "error_id_number")
    r.type(ID_NUMBER)
    r.type("zhang")
    _pick(r, "张")
    r.type("san")
    _pick(r, "三")
    r.click("btn_confirm")
    _fill_form_one_question_a_page(r)
    _skip_documents(r)
    texts = " ".join(visible_texts(r.window))
    agent = session.agent
    agent_name = mask_name(agent.full_name)
    assert agent_way == "document" or agent_name == "王*明"
    # Masked on the review as on paper, a passport's name too (surname first: ZHANG S**).
    assert _text(r, "review_agent") == f"代办人：{agent_name}"
    assert agent_id_masked in _text(r, "review_agent_id")
    assert agent.full_name not in texts
    assert agent_number not in texts and ID_NUMBER not in texts
    assert APPLICANT_MASKED in _text(r, "review_id")
    _confirm_submit(r)
    (rec,) = _outbox(r)
    body = json.loads(rec.payload)
    assert body["proxy"] is True
    assert body["applicant"]["document_number"] == ID_NUMBER
    assert body["agent"]["document_number"] == agent_number and body["agent"]["role"] == "agent"
    r.qtbot.waitUntil(lambda: len(printed) == 1, timeout=5000)
    lines = {b.key: b.value for b in printed[0].blocks if isinstance(b, KeyValue)}
    assert lines["代办人"] == f"{agent_name} {agent_id_masked}"  # e.g. 王*明 110105********018X
    assert lines["申请人"] == "*三"
    assert lines["证件号码"] == APPLICANT_MASKED
    everything = " ".join(f"{k} {v}" for k, v in lines.items())
    assert agent_number not in everything and ID_NUMBER not in everything
    assert agent.full_name not in everything


def test_proxy_same_person_twice_is_refused(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    r.click("btn_proxy")
    _read_passport(r)
    r.at(Screen.IDENTIFY)
    _read_passport(r)  # the agent's own passport again, as the applicant's
    r.at(Screen.MRZ_ENTRY)
    assert "不能是同一个人" in r.window.overlay.body.text()
    assert r.core.sessions.current.identity is None


def test_offer_of_assisted_mode_at_65_keeps_the_session(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    session = r.core.sessions.current
    _manual(r, ID_NUMBER, [("zhang", "张"), ("san", "三")])  # born 1949-12-31: 76 years old
    assert _asking(r) and _text(r, "choice_title") == "试试长辈模式？"
    assert not r.core.sessions.current.assisted  # an offer, never automatic
    r.click("btn_choice_yes")
    r.confirm_identified()  # 长辈模式 from here on: who was identified, first
    r.at(Screen.FORM)
    now = r.core.sessions.current
    assert now is session and now.assisted
    assert now.identity is not None and now.identity.document_number == ID_NUMBER
    assert now.service_id is not None
    assert _text(r, "form_progress") == "第 1 题，共 5 题"  # the assisted path from here on
    assert r.window.tokens().name.startswith("assisted")


def test_no_offer_for_a_younger_citizen(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    _read_passport(r)  # born 1985
    r.at(Screen.FORM)
    assert not _asking(r) and not r.core.sessions.current.assisted


def test_declining_the_offer_is_remembered(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    _manual(r, ID_NUMBER, [("zhang", "张"), ("san", "三")])
    r.click("btn_choice_no")
    r.at(Screen.FORM)
    assert not r.core.sessions.current.assisted
    wait_until_tappable(r.window.back_btn)
    r.qtbot.mouseClick(r.window.back_btn, Qt.MouseButton.LeftButton)
    r.at(Screen.MANUAL_ID)
    r.click("btn_confirm")  # the same identity again: not asked twice
    r.at(Screen.FORM)


def test_read_aloud_speaks_the_summary_without_personal_data(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    assert not r.core.settings.speech.private_audio
    _assisted(r)
    put_on(r.window, Screen.REVIEW)
    _confirm_submit(r)
    assert _shown(r, "btn_read_aloud")
    before = len(_spoken(r))
    r.click("btn_read_aloud")
    said = _spoken(r)[before:]
    tracking = _text(r, "tracking_number")
    assert len(said) == 1
    summary = said[0]
    assert "受理编号" in summary and "失业登记" in summary
    assert tracking not in summary and spell_code(tracking, Language.ZH) in summary
    assert "请带上" in summary  # the paper not photographed here
    for personal in (ID_NUMBER, APPLICANT_MASKED, "张三丰", "三丰", "张*丰", "13800138000"):
        assert all(personal not in t for t in _spoken(r)), personal


def test_leaving_an_unprinted_receipt_is_confirmed(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.backend.printer.paper_out()
    _assisted(r)
    put_on(r.window, Screen.REVIEW)
    _confirm_submit(r)
    r.qtbot.waitUntil(lambda: "缺纸" in _text(r, "print_state"), timeout=5000)
    r.click("btn_rate")
    assert _text(r, "choice_title") == "回执没有打印出来"
    r.click("btn_choice_no")
    r.at(Screen.SUBMITTED)
    assert _shown(r, "receipt_qr")
    r.click("btn_rate")
    r.click("btn_choice_yes")
    r.at(Screen.RATE)


def test_idle_reset_turns_the_mode_off_and_the_volume_back(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    voice = r.core.voice
    assert voice is not None
    default = voice.volume.percent
    _assisted(r)
    put_on(r.window, Screen.FORM)
    r.click("btn_volume_up")
    r.click("btn_volume_up")
    assert voice.volume.percent > default
    clock.advance(61)
    r.window.check_idle()
    assert r.core.sessions.idle_status().phase is IdlePhase.ACTIVE  # three times longer
    clock.advance(120)
    r.window.check_idle()
    assert r.window.overlay.is_idle_warning()
    clock.advance(60)
    r.window.check_idle()
    assert r.window.overlay.is_idle_warning()  # the countdown is three times longer too
    clock.advance(30)
    r.window.check_idle()
    r.settle()
    assert r.core.screen() == Screen.HOME
    session = r.core.sessions.current
    assert not session.assisted and session.identity is None and not session.form_values
    assert voice.volume.percent == default
    assert not r.window.voice_bar.isVisible()
    assert r.window.tokens().name.startswith("normal")


def test_new_states_in_english_show_no_chinese(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.core.sessions.set_language("en")

    def english_only() -> None:
        offenders = [t for t in visible_texts(r.window) if has_cjk(t) and t != "中文"]
        assert not offenders, (r.core.screen(), offenders)

    put_on(r.window, Screen.IDENTIFY, latin=True)
    r.click("btn_proxy")
    assert _text(r, "identify_step").startswith("Step 1")
    english_only()
    r.core.sessions.current.set_identity(manual_identity(latin=True), as_agent=True)
    r.window.show_screen()
    english_only()
    r.click("tile_manual")
    english_only()
    r.core.home()
    r.settle()  # the window drops the old session's screens
    r.core.sessions.set_language("en")
    put_on(r.window, Screen.MANUAL_ID, latin=True)
    from ui.screens.identify import accept_identity

    accept_identity(r.window.current_page(), manual_identity(latin=True))  # born 1949
    assert _asking(r)
    english_only()
    r.click("btn_choice_yes")
    english_only()  # the form, one question a page
    put_on(r.window, Screen.REVIEW, latin=True)
    r.check_every_page()
    r.click("btn_submit")
    assert _text(r, "choice_body").startswith("Once submitted")
    english_only()
    r.click("btn_choice_yes")
    r.at(Screen.SUBMITTED)
    english_only()
