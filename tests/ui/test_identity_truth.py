"""Identity provenance and materials, told truthfully through the real window: a number
typed by hand is never "from your ID", on the form, the review, the receipt or the
platform record; a receipt never says everything was received when papers were skipped."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QWidget

from drivers.printer.document import KeyValue, Text
from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, card_listener, rig  # noqa: F401
from tests.ui.helpers import stored_number, visible_texts
from tests.ui.test_apply_flow import _fill_form


def _receipt_text(r: ApplyRig, tn: str) -> str:
    doc = r.backend.printing.latest_document(tn)
    assert doc is not None, "no receipt was printed"
    parts = []
    for b in doc.blocks:
        if isinstance(b, KeyValue):
            parts.append(f"{b.key}:{b.value}")
        elif isinstance(b, Text):
            parts.append(b.text)
    return "\n".join(parts)


def type_manual_identity(r: ApplyRig) -> None:
    """On the identify screen: 手工输入, the sample number and 张三 in pinyin, confirm,
    and decline the assisted mode offered for a citizen born in 1949."""
    r.click("tile_manual")
    r.at(Screen.MANUAL_ID)
    r.type(ID_NUMBER)
    r.type("zhang")
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == "张"))
    r.type("san")
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == "三"))
    r.click("btn_confirm")
    r.click("btn_choice_no")


def test_typed_identity_is_labelled_as_typed_everywhere(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    type_manual_identity(r)
    r.at(Screen.FORM)
    texts = " ".join(visible_texts(r.window))
    assert "身份信息（部分隐去）：" in texts and "您输入的，未经证件核验" in texts
    assert "已核验" not in texts  # typing is not verification
    assert "来自您的证件" not in texts and "证件芯片" not in texts
    _fill_form(r, pinyin=False)
    r.click("btn_skip")  # the paper is not photographed: bring it
    r.click("btn_next")
    r.at(Screen.REVIEW)
    texts = " ".join(visible_texts(r.window))
    assert "手工输入" in texts and "请带原件到窗口核验" in texts
    assert "姓名完整显示" not in r.label("review_prompt")  # 张三 is masked here: *三
    assert "已从证件读取" not in texts and "已从证件芯片读取" not in texts
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    body = json.loads(rec.payload)
    assert body["applicant"]["source"] == "manual" and body["identity_verified"] is False
    bring = r.label("submitted_bring")  # in large type (try-out 8, C10)
    assert "本人有效身份证件" in bring  # the original must be shown at the counter
    paper = _receipt_text(r, rec.tracking_number)
    assert "身份核验:手工输入，待窗口核验" in paper
    assert "本人有效身份证件" in paper and "解除或终止劳动合同证明" in paper
    assert "材料已齐全" not in paper and "必需材料已在本机提交" not in paper


def test_document_read_identity_is_labelled_as_read(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    r.card.insert_document()  # the demo passport
    r.at(Screen.MRZ_ENTRY)
    r.type("E12345678")
    r.click("field_birth_date")
    r.type("19850315")
    r.type("20341231")
    r.click("btn_read")
    r.at(Screen.FORM)
    texts = " ".join(visible_texts(r.window))
    assert "已从证件芯片读取" in texts and "未经证件核验" not in texts
    assert "已核验身份（部分隐去）：" in texts


def test_receipt_is_offered_not_printed_by_itself_once_the_paper_is_back(rig: ApplyRig) -> None:  # noqa: F811
    from kiosk.events import Device, DeviceStatusChanged, Health
    from tests.ui.conftest_apply import put_on

    r = rig
    r.backend.printer.paper_out()
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    assert "缺纸" in r.label("print_state")
    assert not r.shown("btn_reprint_receipt_now")  # no paper: a reprint would fail too
    printed_before = len(r.backend.printer.printed)
    r.backend.printer.ready()  # staff refill the paper; the supervisor reports it
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    # Nothing prints by itself (the citizen may have gone): the print is offered.
    r.qtbot.waitUntil(lambda: r.shown("btn_reprint_receipt_now"), timeout=3000)
    assert "打印机已恢复" in r.label("print_state")
    # Good news with a step to take: not shown as an error any more.
    state = r.window.findChild(QWidget, "print_state")
    assert state is not None and state.property("role") == "warning"
    assert len(r.backend.printer.printed) == printed_before
    r.click("btn_reprint_receipt_now")  # the citizen still here taps it
    r.qtbot.waitUntil(lambda: r.label("print_state").startswith("回执已打印"), timeout=3000)
    assert len(r.backend.printer.printed) == printed_before + 1
    assert not r.shown("btn_reprint_receipt_now")
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    r.settle()
    assert len(r.backend.printer.printed) == printed_before + 1  # never a second copy


def test_a_held_receipt_waits_for_reprint_after_the_citizen_has_gone(rig: ApplyRig) -> None:  # noqa: F811
    from kiosk.events import Device, DeviceStatusChanged, Health
    from tests.ui.conftest_apply import put_on

    r = rig
    r.backend.printer.paper_out()
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    tn = stored_number(r.label("tracking_number"))
    r.click("btn_home")  # the citizen leaves without a receipt
    r.at(Screen.HOME)
    r.backend.printer.ready()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    r.settle()
    assert not r.backend.printer.printed  # nothing in the tray for the next person
    # Kept for a reprint by receipt number (the citizen) or by a technician.
    assert [j.tracking_number for j in r.backend.printing.failed_jobs()] == [tn]
