"""Try-out 17, C10: an application saved offline led its receipt page and its paper with
还需到窗口：… (the certificate to collect at the 派出所户籍窗口), and only further down said
that it had not reached the platform yet; the citizen may go to the counter before it is
there. Offline, first that it waits for the kiosk to deliver it, then the visit owed, in
words true in that state; reprinted once delivered, the paper says it has arrived and the
visit owed as it is then. Through the real window, the tightest case: 长辈模式 at 字号 4/4
on 1280x800 (the first page has the least room), in Chinese."""

from __future__ import annotations

import pytest

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.receipts.as_of_now import Delivery, as_of_now
from tests.ui.conftest_apply import ApplyRig, rig, to_review  # noqa: F401  (fixture)
from tests.ui.test_fee_after_guide import _paper, _words
from tests.ui.test_receipt_first_page import every_page, submit

SERVICE = "gongan.hukou_certificate"  # the certificate is collected at a police station


def test_offline_the_paper_and_page_say_it_waits_before_the_counter(
    rig: ApplyRig,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    r = rig
    docs = _paper(monkeypatch)
    r.window.resize(1280, 800)
    r.click("btn_assisted")
    while r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    to_review(r, SERVICE, {"purpose": "school", "copies": "1"}, size=(1280, 800))
    submit(r)
    # The screen: read in order, page by page, that it waits comes before the counter.
    pages = every_page(r)
    # The screen, read in order page by page: that it waits (the title, the headline)
    # before the counter, and the line of the counter says it is for after delivery.
    said = "\n".join(
        p[name]
        for p in pages
        for name in ("submitted_title", "submitted_headline", "submitted_bring")
        if name in p
    )
    assert "联网后自动提交" in said and "到派出所领取" in said, said
    assert said.index("联网后自动提交") < said.index("到派出所领取"), said
    assert "送达平台后还需到窗口：到派出所领取证明" in pages[0].get("submitted_bring", ""), pages
    # The paper heads with it too, then the visit owed, said as after delivery.
    [doc] = [d for lang, d in docs if lang == "zh"]
    lines = _words(doc).split("\n")
    assert lines[0].startswith("提交时网络不通：申请已保存在本机"), lines[:4]
    assert lines[1] == "送达平台后还需到窗口：", lines[:4]
    assert "派出所户籍窗口领取证明" in lines[2], lines[:4]
    # Printed again once delivered: it has arrived, and the visit owed is plain again.
    now = _words(as_of_now(doc, Delivery(delivered_at=clock().replace(tzinfo=None)))).split("\n")
    assert now[0].startswith("已送达受理平台") and now[1] == "还需到窗口：", now[:4]
