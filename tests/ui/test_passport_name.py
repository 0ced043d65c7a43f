"""A passport holder sees their name as the passport has it, surname first (WANG
XIAOMING), masked the same way on every screen and on paper (WANG X*******): they can
tell it is theirs, the queue behind cannot read it, and each heading says what is
shown (try-out 5: "X******* W***" under 请核对 on the form, "XIAOMING WANG" in full on
the review, a heading promising 姓名完整显示 where the e-ID name was masked).
The platform record keeps the whole name, surname first (docs/security.md)."""

from __future__ import annotations

import json
import logging

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.demo import sample_citizen, sample_document
from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_apply_flow import _fill_form
from tests.ui.test_identity_truth import _receipt_text


def _shown(r: ApplyRig) -> str:
    r.settle()
    return "\n".join(w.text() for w in r.window.findChildren(QLabel) if w.isVisible())


def test_passport_name_surname_first_masked_alike_everywhere(
    rig: ApplyRig,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    r = rig
    who = sample_citizen("adult")
    whole = f"{who.surname_latin} {who.given_latin}"  # WANG XIAOMING, as the MRZ has it
    masked = f"{who.surname_latin} {who.given_latin[0]}{'*' * (len(who.given_latin) - 1)}"
    r.to_identify()
    r.card.insert_document(sample_document("adult"))  # a passport: its name is Latin only
    r.type_passport(who)
    r.at(Screen.FORM)
    form = _shown(r)
    # The form asks to check: the name is there to check, and the line says it is partly hidden.
    assert r.label("form_identified").startswith("已核验身份（部分隐去）：" + masked)
    assert r.label("locked_applicant_name") == f"申请人姓名：{masked}"
    assert who.given_latin not in form
    _fill_form(r, pinyin=False)
    r.click("btn_skip")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    assert r.label("review_name") == f"申请人：{masked}"
    assert not r.shown("review_applicant_name")  # said once, just above (try-out 9, C4)
    review = _shown(r)
    assert who.given_latin not in review and f"{who.given_latin} {who.surname_latin}" not in review
    # The heading is true: it says the name is partly hidden, and promises nothing else.
    prompt = r.label("review_prompt")
    # (地址完整显示 where the form has an address is true: addresses are shown whole.)
    assert "姓名" in prompt and "已部分隐去" in prompt and "姓名完整显示" not in prompt
    r.check_every_page()
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    paper = _receipt_text(r, rec.tracking_number)
    assert masked in paper and who.given_latin not in paper
    # The platform's record: the whole name, surname first, as on the passport.
    body = json.loads(rec.payload)
    assert body["applicant"]["full_name"] == whole
    logged = "\n".join(x.getMessage() for x in caplog.records)
    assert who.given_latin not in logged and who.surname_latin not in logged


def test_review_heading_true_for_a_chinese_name(rig: ApplyRig) -> None:  # noqa: F811
    """A Chinese name is masked on the review (张*丰, as the e-ID path shows 王*明), and the
    heading says so."""
    from tests.ui.conftest_apply import put_on

    r = rig
    put_on(r.window, Screen.REVIEW)
    prompt = r.label("review_prompt")
    # (地址完整显示 where the form has an address is true: addresses are shown whole.)
    assert "姓名" in prompt and "已部分隐去" in prompt and "姓名完整显示" not in prompt
    assert r.label("review_name") == "申请人：张*丰"
