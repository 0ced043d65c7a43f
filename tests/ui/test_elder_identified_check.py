"""Try-out 8, E2 + E7: in 长辈模式 an e-ID (or a typed identity) went straight to the
first question ("起始月份", "联系电话") with no word that identification had worked. Now
one screen says who was identified, masked, with 是我，继续 / 不是我; a typed identity
says it is unchecked and to be shown at a counter. 不是我 drops it. By taps."""

from __future__ import annotations

from kiosk.events import CodeScanned
from kiosk.flow import Screen
from kiosk.identity import mask_number
from kiosk.payloads import issue_eid_token
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.helpers import visible_texts

CLAIMS = {
    "sub": "u1",
    "doc_type": "resident_id",
    "doc_number": ID_NUMBER,
    "surname": "王",
    "given_names": "小明",
    "birth_date": "1985-03-15",
    "sex": "M",
}


def _elder(r: ApplyRig) -> None:
    r.window.resize(1080, 1920)
    r.core.sessions.set_assisted(True)
    r.to_identify()


def test_an_eid_is_acknowledged_before_the_first_question(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _elder(r)
    token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
    r.core.bus.publish(CodeScanned(token))
    r.settle()
    texts = " ".join(visible_texts(r.window))
    assert "请确认是您本人" in texts and "王*明" in texts, texts
    assert "王小明" not in texts  # masked on a public screen
    assert r.core.screen() == Screen.IDENTIFY  # no question yet
    assert r.shown("btn_choice_yes") and r.button("btn_choice_yes").text() == "是我，继续"
    assert r.button("btn_choice_no").text() == "不是我"
    r.click("btn_choice_yes")
    r.at(Screen.FORM)


def test_a_typed_identity_says_it_is_unchecked_and_not_me_drops_it(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _elder(r)
    r.click("tile_manual")
    r.at(Screen.MANUAL_ID)
    r.type(ID_NUMBER)
    r.type("zhang")
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == "张"))
    r.type("san")
    r.click(next(f"cand_{i}" for i in range(6) if r.button(f"cand_{i}").text() == "三"))
    r.click("btn_confirm")
    r.settle()
    texts = " ".join(visible_texts(r.window))
    assert "请确认您输入的信息" in texts and "*三" in texts and "窗口" in texts, texts
    assert "已识别" not in texts and "已核验" not in texts  # typing is not verification
    r.click("btn_choice_no")  # 不是我
    r.at(Screen.IDENTIFY)
    assert r.core.sessions.current.identity is None


def test_the_check_shows_the_masked_number_it_says_is_there(rig: ApplyRig) -> None:  # noqa: F811
    """Try-out 9, E3: the body says 下面的姓名和证件号码已部分隐去, but only 王*明 and the
    document kind were below it. The number is shown too, masked, in both languages."""
    r = rig
    _elder(r)
    token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
    r.core.bus.publish(CodeScanned(token))
    r.settle()
    masked = mask_number(ID_NUMBER)
    texts = " ".join(visible_texts(r.window))
    assert "证件号码" in texts and masked in texts, texts
    assert ID_NUMBER not in texts  # masked on a public screen
    r.click("btn_lang")
    r.settle()
    texts = " ".join(visible_texts(r.window))
    assert "name and number" in texts and masked in texts, texts
    assert ID_NUMBER not in texts
