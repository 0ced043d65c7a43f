"""Try-outs 18 and 19, R1: both of the demo's sample passports ended in a digit, so the
passport holder's way through 查询 (an ID ending with a letter, typed on the pad's letter
page) could not be tried end to end. 李秀兰's passport (F3, kiosk/data/demo_citizens.json)
now ends in a letter: laid on the demo's reader, applied with, then looked up by its
number and the last 4, the letter from the page A–P."""

from __future__ import annotations

from kiosk.demo import DemoControls, sample_citizen
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import stored_number, visible_texts
from tests.ui.test_apply_flow import _fill_form


def test_the_demo_passport_ending_in_a_letter_applies_and_is_looked_up(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    who = sample_citizen("elder")
    last4 = who.passport_number[-4:]
    r.to_identify()
    DemoControls(r.backend).insert_document("elder")  # the demo's F3
    r.type_passport(who)
    # 李秀兰 is 65+: 长辈模式 is offered; she goes on as she is.
    r.qtbot.waitUntil(lambda: "试试长辈模式？" in visible_texts(r.window), timeout=5000)
    r.click("btn_choice_no")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=5000)
    _fill_form(r, pinyin=False)
    r.click("btn_skip")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    r.check_every_page()
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    tn = stored_number(r.label("tracking_number"))
    r.click("btn_home")
    r.at(Screen.HOME)
    r.click("tile_track")
    r.at(Screen.TRACK)
    r.type(tn.replace("-", ""))
    r.click("btn_track_lookup")
    r.qtbot.waitUntil(lambda: "A–P" in r.label("track_prompt"), timeout=5000)
    assert last4[-1].isalpha() and last4[:3].isdigit()  # a letter at the end, as promised
    r.type(last4[:3])
    r.click("key_page_a_p" if last4[-1] <= "P" else "key_page_q_z")  # the letters' page
    r.click(f"key_{last4[-1]}")
    assert r.label("track_number_text") == last4
    r.click("btn_track_lookup")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.TRACK_RESULT, timeout=5000)
    r.qtbot.waitUntil(lambda: r.label("result_status") != "", timeout=5000)
    # Her application, found: its number and where it stands, not "check the last 4".
    assert r.label("result_number").replace("-", "").endswith(tn.replace("-", ""))
    assert r.label("result_status").startswith(("当前状态", "最近已知状态")), r.label(
        "result_status"
    )
    assert "后 4 位相符" not in r.label("result_note")
