"""长辈模式's passport details, one question a page (try-out 5, items 11 and 6):

- The expiry page opened with "请按 年年年年月月日日 输入 8 位日期" in red on an empty
  field: the birth date's last digit turned the page by itself, and the citizen's
  下一步 tap then landed on 读取证件, which had come to its place. Now the page turns
  on 下一步 only, and a Read with a field left empty asks for it calmly.
- The words over the keys said 以下三项 while one field a page was shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

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
    r.qtbot.waitUntil(lambda: r.core.screen() != Screen.MRZ_ENTRY, timeout=5000)
