"""Offline lookup of a number this kiosk issued and delivered (tryout finding 6).

The outbox forgets a delivered payload and the status cache holds only what the
platform once said; this kiosk's own sealed record keeps the lookup true: "sent to
the platform; last known status ...", never "no record of this number".
"""

from __future__ import annotations

import datetime as dt

from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import stored_number

_LATER = dt.timedelta(minutes=1, seconds=16)


def _submit_and_deliver(r: ApplyRig) -> str:
    r.core.backend.sync = None  # the platform link is down from here on
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    tn = stored_number(r.label("tracking_number"))
    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    # It reached the platform a minute after it was saved here (saved offline, sent later).
    r.backend.outbox.mark_delivered(rec.id, r.core.clock() + _LATER)
    r.backend.outbox.purge_delivered_payloads(r.core.clock() + r.backend.outbox.retention * 2)
    r.click("btn_home")  # the citizen leaves with the receipt
    r.at(Screen.HOME)
    return tn


def _look_up(r: ApplyRig, tn: str, last4: str) -> str:
    r.click("tile_track")
    r.at(Screen.TRACK)
    r.type(tn.replace("-", ""))
    r.click("btn_track_lookup")
    r.qtbot.waitUntil(lambda: "4" in r.label("track_prompt"), timeout=2000)
    r.type(last4)
    r.click("btn_track_lookup")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.TRACK_RESULT, timeout=3000)
    r.qtbot.waitUntil(lambda: r.label("result_note") != "", timeout=3000)
    return r.label("result_note")


def test_offline_lookup_of_our_own_delivered_number_is_true(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    tn = _submit_and_deliver(r)
    saved = r.core.clock().astimezone()
    note = _look_up(r, tn, "002X")
    # Try-out 20, C1: the save here and the delivery, each at its own time; the save time
    # is not given as the platform's 已收件 time.
    sent, got = f"{saved:%Y-%m-%d %H:%M}", f"{saved + _LATER:%H:%M}"
    assert f"本机提交（{sent}）" in note and f"已送达平台（{got}）" in note, note
    assert "已收件（" not in note and "没有此编号" not in note
    # Its heading is no 当前状态 either (try-out 17, C5): what was last heard.
    assert r.label("result_status") == "最近已知状态：已收件"
    r.click("btn_lang")
    note = r.label("result_note")
    assert f"made on this kiosk ({sent})" in note and f"reached the platform ({got})" in note
    assert r.label("result_status") == "Last known status: Received"


def test_the_platforms_last_status_is_kept_for_offline(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    tn = _submit_and_deliver(r)
    # Once online, a lookup saw "accepted": that is what offline says later.
    r.backend.own_submissions.note_status(tn, "accepted", r.core.clock())
    assert "最近已知状态：已受理" in _look_up(r, tn, "002X")


def test_a_wrong_id_ending_still_reveals_nothing(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    tn = _submit_and_deliver(r)
    note = _look_up(r, tn, "1234")
    assert "送达平台" not in note and "已收件" not in note
    # Try-out 18, C1: nor "no record of this number", untrue for a number issued here; the
    # ending may be typed again, the number kept, and the right one finds it offline.
    assert "没有此编号的记录" not in note and "后 4 位相符" in note, note
    r.click("btn_track_retype_last4")
    r.at(Screen.TRACK)
    r.type("002X")
    r.click("btn_track_lookup")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.TRACK_RESULT, timeout=3000)
    r.qtbot.waitUntil(lambda: "已送达平台" in r.label("result_note"), timeout=3000)
