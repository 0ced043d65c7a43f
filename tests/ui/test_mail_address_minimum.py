"""Try-out 8, E10: 社会保障卡补换 (the new card may be mailed) took a bare "北京" as the
contact address. The catalog now asks that address to go down to the house number (or a
village's group); the citizen is told calmly what is missing and the answer stays to be
completed. A field whose catalog entry asks no such detail (就医地（省市）) still takes "北京"."""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_tryout_fixes import _form_of


def _pick(r: ApplyRig, word: str) -> None:
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == word))


def test_a_bare_city_is_not_taken_as_a_mailing_address(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, "renshe.ss_card_replace")
    r.click("value_address")
    r.type("beijing")
    _pick(r, "北京")
    r.click("btn_done")
    message = r.label("editor_error")
    # What is missing, and no word of post: 窗口领取 may be chosen later (try-out 20, E2).
    assert r.shown("editor_error") and "门牌号" in message and "邮寄" not in message, message
    assert r.core.sessions.current.form_values.get("address", "") in ("", "北京")
    # Completed down to the door, it is taken.
    r.type("chaoyang")
    _pick(r, "朝阳")
    if r.shown("key_mode_123"):  # digits on a page of their own where the pad is small
        r.click("key_mode_123")
    r.type("12")
    r.click("btn_done")
    assert not r.shown("editor_error")
    assert r.core.sessions.current.form_values["address"] == "北京朝阳12"
    r.at(Screen.FORM)
    # The rule is the catalog's for this field: 就医地（省市） still takes a city.
    _form_of(r, "yibao.cross_region_filing")
    r.click("value_destination")
    r.type("beijing")
    _pick(r, "北京")
    r.click("btn_done")
    assert not r.shown("editor_error")
    assert r.core.sessions.current.form_values["destination"] == "北京"
