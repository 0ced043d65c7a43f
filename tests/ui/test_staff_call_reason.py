"""Try-out 14, K4: a staff call made with 请工作人员加纸后再提交 (the printer out of paper at
确认提交) reached the hall's console as an ordinary call on page 确认提交: staff walked
over without a paper roll. The call now carries the device state it is about, and
nothing of the citizen's. Through the real window; the record as the outbox holds it
for the sync agent (tests/integration/console/test_hall_call_reason.py: the console).

Try-out 15, K1: the call the receipt page asks for (打印机缺纸…请呼叫工作人员补打), made
with the top bar's 呼叫工作人员 after 提交, said nothing of paper on the console: every
call now carries the printer's state while it cannot print, and whether the session's
receipt did not print (its tracking number is the record's), still nothing of the
citizen's and no "reason" the citizen did not give."""

from __future__ import annotations

import json

from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_paper_once import READ_MS
from tests.ui.test_review_printer_stays import _at_review
from ui.i18n import tr

# What a staff call may say (kiosk/app.py _call_staff): where, how, when, and why.
CALL_KEYS = {"kiosk", "location", "screen", "assisted", "language", "at", "hall", "reason"}
CALL_KEYS |= {"printer", "receipt_not_printed", "location_en"}
CALL_KEYS |= {"ticket", "booking"}  # the number held, from the ticket page (try-out 19, K2)


def _calls(r: ApplyRig) -> list[dict[str, object]]:
    records = r.core.backend.outbox.list()
    return [json.loads(x.payload) for x in records if x.kind is RecordKind.STAFF_CALL and x.payload]


def test_a_call_to_add_paper_says_so_and_nothing_of_the_citizen(rig: ApplyRig) -> None:  # noqa: F811
    r = _at_review(rig, (1080, 1920), assisted=True, fault="paper_out")
    identity = r.core.sessions.current.identity
    assert identity is not None  # the citizen's data is there to leak, were it sent
    r.check_every_page()
    r.click("btn_submit")
    assert r.button("btn_choice_no").text() == tr("review.wait_paper", "zh")
    r.click("btn_choice_no")  # 请工作人员加纸后再提交
    r.qtbot.waitUntil(lambda: bool(_calls(r)), timeout=READ_MS)
    (call,) = _calls(r)
    assert call.get("reason") == "printer.paper_out", call
    assert call["screen"] == "review"
    assert set(call) <= CALL_KEYS, set(call) - CALL_KEYS
    sent = json.dumps(call, ensure_ascii=False)
    for secret in (identity.document_number, identity.surname, identity.given_names):
        assert not secret or secret not in sent


def test_a_call_from_the_receipt_page_says_the_paper_and_the_receipt_to_reprint(
    rig: ApplyRig,  # noqa: F811
) -> None:
    """The citizen's own call says the printer's state and the receipt it did not print;
    no reason (the citizen may be calling about something else)."""
    r = _at_review(rig, (1280, 800), assisted=False, fault="paper_out")
    r.check_every_page()
    r.click("btn_submit")  # 确认提交 asks first: submit without a receipt
    if r.core.screen() == Screen.REVIEW:
        r.click("btn_choice_yes")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.SUBMITTED, timeout=READ_MS)
    tn = r.core.sessions.current.tracking_number
    assert tn
    r.click("btn_call_staff")
    r.qtbot.waitUntil(lambda: bool(_calls(r)), timeout=READ_MS)
    (call,) = _calls(r)
    assert "reason" not in call, call
    assert call.get("printer") == "printer.paper_out", call
    assert call.get("receipt_not_printed") is True, call
    assert set(call) <= CALL_KEYS, set(call) - CALL_KEYS
    (record,) = [x for x in r.core.backend.outbox.list() if x.kind is RecordKind.STAFF_CALL]
    assert record.tracking_number == tn  # which receipt to reprint
    # The citizen done (首页): the next heartbeat names the call as ended (try-out 15, K4;
    # tests/integration/sync/test_staff_call_journey_ended.py: the console's side).
    r.click("overlay_primary")  # 好的
    r.click("btn_home")
    r.qtbot.waitUntil(lambda: str(record.id) in r.core.staff_calls.ended(), timeout=READ_MS)
