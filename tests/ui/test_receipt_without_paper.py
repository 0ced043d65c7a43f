"""Try-out 17, C3 and C4: saved offline with the printer out of paper (字号 4/4, 中文,
1920x1080, the ID card read on the reader). C3: the page said 还需到窗口：凭回执领取证明
while no receipt had printed; the counter line now says what the citizen holds instead
(the catalog's words: 受理编号 and ID document), and 凭回执 again once a receipt has
printed (paper back, 重新打印回执). C4: with the paper back and 重新打印回执 offered, the
page went onto a page 2 holding one short line (办理时限：…); now the general reminder
(请带好您的随身物品, spoken anyway) gives way and the page is one, the offline explanation
on it. Through the real window (taps: 字号, 确认提交, 重新打印回执)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.identity import IdentitySource
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig, to_review  # noqa: F401  (fixture)
from tests.ui.test_receipt_first_page import every_page, submit

SERVICE = "gongjijin.deposit_certificate"  # 凭回执领取证明, 即时办结
RECEIPT_MS = 3000  # a bound that only keeps a broken test from hanging


def test_no_receipt_printed_the_counter_line_says_what_the_citizen_holds(
    rig: ApplyRig,  # noqa: F811
) -> None:
    r = rig
    r.window.resize(1920, 1080)
    while r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    r.backend.printer.paper_out()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out"))
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    # Read from the card on the reader, as in the try-out (请取走您的身份证 on the page).
    card = replace(manual_identity(), source=IdentitySource.CHIP)
    to_review(r, SERVICE, identity=card, size=(1920, 1080))
    submit(r)
    [page] = every_page(r)
    assert "缺纸" in page["print_state"], page
    # No receipt: the counter line names what the citizen has, not 凭回执.
    assert "凭受理编号和身份证件领取证明" in page["submitted_bring"], page
    said = "\n".join(page.values())
    assert "凭回执" not in said, said
    r.backend.printer.ready()  # staff load paper; the supervisor reports it
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ok"))
    r.qtbot.waitUntil(lambda: r.shown("btn_reprint_receipt_now"), timeout=RECEIPT_MS)
    r.settle()
    # Paper back, 重新打印回执 offered: still one page, the offline explanation and the
    # time limit on it (not a page 2 of one line); still no receipt in hand.
    pages = every_page(r)
    assert len(pages) == 1, pages
    page = pages[0]
    assert "提交时网络不通" in page.get("submitted_headline", ""), page
    assert "办理时限" in page.get("submitted_details", ""), page
    assert "凭受理编号和身份证件领取证明" in page["submitted_bring"], page
    r.click("btn_reprint_receipt_now")
    r.qtbot.waitUntil(lambda: r.label("print_state").startswith("回执已打印"), timeout=RECEIPT_MS)
    r.settle()
    # The receipt printed: 凭回执 is true again.
    [page] = every_page(r)
    assert "送达平台后还需到窗口：凭回执领取证明" in page["submitted_bring"], page


# The other lines that named the receipt as the proof: the fee's (往来港澳通行证再次签注,
# 凭回执到出入境窗口缴纳), 户籍证明's time limit (凭回执到派出所户籍窗口当场出具), and the
# headline once delivered (回执仍然有效) or refused (凭回执到窗口咨询).
CASES = {
    "delivered": ("gongan.hk_macau_endorsement", {"phone": "13800138000",
                  "permit_number": "C12345678", "endorsement": "hk_1"}),
    "refused": ("gongan.hukou_certificate", {"purpose": "school", "copies": "1"}),
}  # fmt: skip


@pytest.mark.parametrize("then", list(CASES))
def test_no_receipt_printed_no_line_names_it(
    rig: ApplyRig,  # noqa: F811
    clock,  # type: ignore[no-untyped-def]
    then: str,
) -> None:
    r = rig
    service, answers = CASES[then]
    r.window.resize(1920, 1080)
    r.backend.printer.paper_out()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out"))
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    to_review(r, service, answers, size=(1920, 1080))
    submit(r)
    said = "\n".join(t for p in every_page(r) for t in p.values())
    assert "缺纸" in said and "凭受理编号和身份证件" in said, said
    assert "凭回执" not in said, said
    [rec] = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    if then == "delivered":
        r.backend.outbox.mark_delivered(rec.id, clock())
        title = "已送达受理平台"
    else:
        r.backend.outbox.mark_dead(rec.id, "HTTP 422: invalid", clock())
        title = "受理平台未接收此申请"
    r.qtbot.waitUntil(lambda: r.label("submitted_title") == title, timeout=RECEIPT_MS)
    r.settle()
    said = "\n".join(t for p in every_page(r) for t in p.values())
    assert "凭回执" not in said and "回执仍然有效" not in said, said
