"""An application saved offline, followed on the submitted screen through the real window:
the screen and the paper say it is saved here and not yet with the platform; when the
sync agent delivers it (or the platform refuses it) while the citizen is still there,
the screen says so, with the same tracking number and, now, the expected date."""

from __future__ import annotations

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from kiosk.tracking import shown_tracking_number
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import stored_number, visible_texts


def _submit_offline(r: ApplyRig) -> str:
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    return stored_number(r.label("tracking_number"))


def _record(r: ApplyRig):  # type: ignore[no-untyped-def]
    [rec] = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    return rec


def test_offline_receipt_says_not_yet_sent(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    tn = _submit_offline(r)
    paper = r.backend.printing.latest_document(tn)
    assert paper is not None
    text = paper.to_json().decode()
    assert "申请已保存在本机" in text and "自动送达受理平台" in text
    assert "预计办结" not in text  # no date the platform has not started counting from


def test_online_receipt_has_no_pending_line(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    paper = r.backend.printing.latest_document(stored_number(r.label("tracking_number")))
    assert paper is not None
    assert "申请已保存在本机" not in paper.to_json().decode()


def test_delivery_while_on_screen_updates_it(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    tn = _submit_offline(r)
    assert r.label("submitted_title") == "已保存在本机，联网后自动提交"
    assert "预计办结" not in r.label("submitted_details")
    # The sync agent delivers the record while the citizen is still reading.
    r.backend.outbox.mark_delivered(_record(r).id, clock())
    r.qtbot.waitUntil(lambda: r.label("submitted_title") == "已送达受理平台", timeout=4000)
    headline = r.label("submitted_headline")
    assert "已送达受理平台" in headline and shown_tracking_number(tn) in headline
    assert stored_number(r.label("tracking_number")) == tn  # the platform keeps the kiosk's
    details = r.label("submitted_details")
    assert "预计办结" in details and "自申请送达" not in details
    texts = " ".join(visible_texts(r.window))
    assert "联网后自动提交" not in texts and "网络恢复后，本机会自动" not in texts
    r.click("btn_lang")
    assert r.label("submitted_title") == "Delivered to the platform"
    assert shown_tracking_number(tn) in r.label("submitted_headline")


def test_refused_while_on_screen_says_so(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    tn = _submit_offline(r)
    r.backend.outbox.mark_dead(_record(r).id, "HTTP 422: invalid", clock())
    r.qtbot.waitUntil(lambda: r.label("submitted_title") == "受理平台未接收此申请", timeout=4000)
    assert shown_tracking_number(tn) in r.label("submitted_headline") and "工作人员" in r.label(
        "submitted_headline"
    )
    assert "预计办结" not in r.label("submitted_details")
