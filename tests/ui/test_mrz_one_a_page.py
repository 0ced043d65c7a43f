"""长辈模式's passport details, one question a page (try-out 5, items 11 and 6):

- The expiry page opened with "请按 年年年年月月日日 输入 8 位日期" in red on an empty
  field: the birth date's last digit turned the page by itself, and the citizen's
  下一步 tap then landed on 读取证件, which had come to its place. Now the page turns
  on 下一步 only, and a Read with a field left empty asks for it calmly.
- The words over the keys said 以下三项 while one field a page was shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.demo import sample_citizen, sample_document
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401


def _visible_text(r: ApplyRig, name: str) -> str | None:
    r.settle()
    found = [w for w in r.window.findChildren(QLabel, name) if w.isVisible()]
    return found[0].text() if found else None


def test_passport_details_one_a_page_no_early_error(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    who = sample_citizen("elder")
    r.to_identify()
    r.click("btn_big_mode")  # 长辈模式
    r.card.insert_document(sample_document("elder"))
    r.at(Screen.MRZ_ENTRY)
    r.settle()
    shown = "\n".join(w.text() for w in r.window.findChildren(QLabel) if w.isVisible())
    assert "以下三项" not in shown and "每页填一项" in shown, shown
    r.type(who.passport_number)
    r.click("btn_step_next")
    assert r.shown("field_birth_date")
    r.type(f"{who.birth_date:%Y%m%d}")
    # The whole date does not turn the page under the finger: 下一步 is still there.
    assert r.shown("field_birth_date") and not r.shown("field_expiry_date")
    assert r.button("btn_step_next").isVisible() and not r.shown("btn_read")
    r.click("btn_step_next")
    assert r.shown("field_expiry_date")
    assert _visible_text(r, "error_expiry_date") is None  # nothing typed: nothing in red
    # 读取证件 with the expiry still empty: asked for, calmly, not a format error.
    r.click("btn_read")
    asked = r.window.findChild(QLabel, "error_expiry_date")
    assert asked is not None and asked.isVisible()
    assert "有效期至" in asked.text() and "8 位" not in asked.text()
    assert asked.property("role") == "warning"
    assert r.core.screen() == Screen.MRZ_ENTRY
    r.type(f"{who.passport_expiry:%Y%m%d}")
    r.click("btn_read")
    r.confirm_identified()  # 长辈模式 says whose passport was read before going on (E2)
    r.qtbot.waitUntil(lambda: r.core.screen() != Screen.MRZ_ENTRY, timeout=5000)


def _pad_shown(r: ApplyRig) -> QWidget:
    r.settle()
    pads = {"pad_alnum", "pad_date", "pad_text", "pad_digits"}
    shown = [p for p in r.window.findChildren(QWidget) if p.objectName() in pads and p.isVisible()]
    assert len(shown) == 1, [p.objectName() for p in shown]
    return shown[0]


def test_the_dates_are_asked_on_the_big_number_pad(rig: ApplyRig) -> None:  # noqa: F811
    """Try-out 7, E-b: in 长辈模式 (1080x1920, 字号 4/4) the birth date and expiry, 8 digits
    each, came with the whole keyboard of letters and its small keys, unlike the phone's
    big number pad. One question a page, each page its own keys: the dates get the
    number pad, the document number the letters; the page turns only on 下一步."""
    r = rig
    who = sample_citizen("elder")
    r.window.resize(1080, 1920)
    r.to_identify()
    r.click("btn_big_mode")  # 长辈模式
    for _ in range(3):
        r.click("btn_text_size")  # 字号 4/4
    assert r.window.display_prefs()[0] == 3
    r.card.insert_document(sample_document("elder"))
    r.at(Screen.MRZ_ENTRY)
    letters = _pad_shown(r)
    assert letters.objectName() == "pad_alnum"  # a document number has letters
    r.type(who.passport_number)
    r.click("btn_step_next")
    digits = _pad_shown(r)
    assert digits.objectName() == "pad_date"
    assert not any(k.isVisible() for k in r.window.findChildren(QWidget, "key_A"))
    key = r.button("key_1")
    assert key.height() >= r.window.tokens().mm(15) and key.width() > 2 * key.height()
    r.type(f"{who.birth_date:%Y%m%d}")
    assert r.window.findChild(QWidget, "field_birth_date").text() == f"{who.birth_date:%Y-%m-%d}"
    r.click("btn_step_back")  # back to the number: its letters again, what was typed kept
    assert _pad_shown(r).objectName() == "pad_alnum"
    r.click("btn_step_next")
    r.click("btn_step_next")
    assert _pad_shown(r).objectName() == "pad_date"
    r.type(f"{who.passport_expiry:%Y%m%d}")
    r.click("btn_read")
    r.confirm_identified()  # 长辈模式 says whose passport was read before going on (E2)
    r.qtbot.waitUntil(lambda: r.core.screen() != Screen.MRZ_ENTRY, timeout=5000)
