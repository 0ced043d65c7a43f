"""A passport holder can check their Latin name before submitting: the review screen
shows it in full (they stand at the kiosk); the receipt and the logs keep it masked
(docs/security.md)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.demo import sample_citizen, sample_document
from kiosk.flow import Screen
from kiosk.identity import mask_name
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_apply_flow import _fill_form
from tests.ui.test_identity_truth import _receipt_text


def test_the_review_shows_the_latin_name_and_paper_and_logs_mask_it(
    rig: ApplyRig,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    r = rig
    who = sample_citizen("adult")
    latin = f"{who.given_latin} {who.surname_latin}"
    r.to_identify()
    r.card.insert_document(sample_document("adult"))  # a passport: its name is Latin only
    r.at(Screen.MRZ_ENTRY)
    r.type(who.passport_number)
    r.click("field_birth_date")
    r.type(f"{who.birth_date:%Y%m%d}")
    r.type(f"{who.passport_expiry:%Y%m%d}")
    r.click("btn_read")
    r.at(Screen.FORM)
    _fill_form(r, pinyin=False)
    r.click("btn_skip")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    assert latin in r.label("review_name")  # whole: a misspelling would show
    # The answers show the same name, not a masked one beside the full one.
    names = [
        w.text()
        for w in r.window.findChildren(QLabel)
        if w.objectName().startswith("review_") and w.isVisible()
    ]
    assert not any(mask_name(latin) in t for t in names), names
    assert sum(latin in t for t in names) >= 2, names  # the applicant line and the answer
    prompt = "\n".join(w.text() for w in r.window.findChildren(QLabel) if w.isVisible())
    assert "点击任一项即可修改" not in prompt and "已部分隐去" in prompt
    # The heading is true: it says the name is shown whole, and that the paper hides it.
    assert "姓名完整显示" in r.label("review_prompt") and "回执上姓名也会隐去" in r.label(
        "review_prompt"
    )
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    paper = _receipt_text(r, rec.tracking_number)
    assert mask_name(latin) in paper and latin not in paper
    assert who.surname_latin not in paper
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert who.given_latin not in logged and who.surname_latin not in logged
