"""Try-out 12, N6: 长辈模式 at 字号 4/4 on a portrait panel, the review of 社会保障卡补换
took two pages (the second three lines) though its lines fit one: room was kept for
the page buttons' row. Now where every line fits the page without that row there is
no row and one page from the first paint (nothing appears later, so nothing moves),
and nothing on the page moves when 确认提交 is tapped with the paper out or the
platform offline. Through the real window, the demo's services, an e-ID read."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.events import CodeScanned, Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from kiosk.payloads import issue_eid_token
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _largest_text
from tests.ui.test_elder_identified_check import CLAIMS
from tests.ui.test_review_printer_stays import _page, _printer

# (社会保障卡补换, the try-out's, asks 领取方式 too since try-out 17, E6: its lines no
# longer fit one page here, and it takes two, as it should. The case stays with a service
# whose lines do fit.)
VALUES = {
    "yibao.cross_region_filing": {
        "phone": "13800138000",
        "category": "retired",
        "destination": "SHANGHAI ROAD 12",
        "start_date": "2026-12-20",
    },
}


def _visible(r: ApplyRig, name: str) -> bool:
    r.settle()
    return any(w.isVisible() for w in r.window.findChildren(QWidget, name))


def _to_review(r: ApplyRig, service: str) -> None:
    r.window.resize(1080, 1920)
    r.core.sessions.set_assisted(True)
    _largest_text(r)
    r.to_identify(service)
    token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
    r.core.bus.publish(CodeScanned(token))
    r.confirm_identified()
    r.at(Screen.FORM)
    r.core.sessions.current.form_values.update(VALUES[service])
    r.window.show_screen(r.core.next())  # documents
    r.window.show_screen(r.core.next())  # review
    r.at(Screen.REVIEW)


@pytest.mark.parametrize("fault", ["paper_out", "offline"])
@pytest.mark.parametrize("service", sorted(VALUES))
def test_portrait_elder_review_is_one_page_and_still(
    rig: ApplyRig,  # noqa: F811
    service: str,
    fault: str,
) -> None:
    r = rig
    _to_review(r, service)
    page = r.window.current_page()
    assert page.pager.page_count() == 1, (service, page.pager.page_count())
    for row in ("review_pager_prev", "review_pager_next", "review_pager_page"):
        assert not r.shown(row), (row, "a row of page buttons for one page")
    assert r.button("btn_submit").isEnabled(), "确认提交 held with nothing left to see"
    before = _page(r)
    if fault == "paper_out":
        _printer(r, Health.FAULT, "paper_out")
    else:
        r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    r.settle()
    # The line over 确认提交 may say the fault now (try-out 14, E1), in its kept room.
    now = _page(r)
    assert {k: v for k, v in now.items() if not k.startswith("review_status")} == {
        k: v for k, v in before.items() if not k.startswith("review_status")
    }, "the page moved as the fault came"
    r.click("btn_submit")
    if r.core.screen() != Screen.REVIEW:  # sent (kept to upload): the page went whole
        assert fault == "offline", r.core.screen()
        return
    if _visible(r, "btn_choice_yes"):  # asked first: 返回检查, or 请工作人员加纸后再提交
        r.click("btn_choice_no")
    if _visible(r, "overlay_primary"):
        r.click("overlay_primary")  # the staff call's notice, closed as a citizen would
    r.at(Screen.REVIEW)
    after = _page(r)
    assert page.pager.page_count() == 1
    for row in ("review_pager_prev", "review_pager_next", "review_pager_page"):
        assert not r.shown(row), (row, "a row of page buttons came")
    moved = {k: (before[k], after[k]) for k in before if k in after and before[k] != after[k]}
    assert moved == {}, ("moved", moved)
