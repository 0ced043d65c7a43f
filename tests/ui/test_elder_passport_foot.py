"""Try-out 19, E1's follow-up on the passport: 长辈模式 on a portrait panel (1080x1920).
The form's questions and 手工输入 have 上一步 / 下一步 (确认) at the page's foot, the
halves of its last row at a primary button's height (README: one place for every
question). The passport's three pages (document number, birth date, expiry date) still
had a small 上一步 and 下一步 at the two ends of the field's row, ~1,240 px higher (y≈295
where the form's stand at y≈1537) and half as tall. Now they stand where the form's do,
placed by the same code (entry_page.place_step_buttons); 读取证件 takes 下一步's half on
the last page, whole and working. English at 字号 4/4 (the longest words, the largest
type), by taps from the home screen to the form's first question."""

from __future__ import annotations

from kiosk.demo import sample_citizen
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_typed_id_foot import _buttons, _same_place
from ui.theme import TEXT_STEPS


def test_passport_buttons_stand_where_the_forms_do_in_portrait(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    who = sample_citizen("elder")
    r.click("btn_lang")
    r.to_passport((1080, 1920), assisted=True)
    for _ in range(len(TEXT_STEPS) - 1):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles
    pages = []
    for field, answer in (
        ("document_number", who.passport_number),
        ("birth_date", f"{who.birth_date:%Y%m%d}"),
    ):
        assert r.shown(f"field_{field}")
        pages.append(_buttons(r, "btn_step_back", "btn_step_next"))
        r.type(answer)
        r.click("btn_step_next")
    assert r.shown("field_expiry_date")
    # 读取证件 in 下一步's half: its words whole (the button no narrower than they need).
    read = r.button("btn_read")
    assert read.isEnabled() and read.width() >= read.sizeHint().width(), read.size()
    pages.append(_buttons(r, "btn_step_back", "btn_read"))
    r.type(f"{who.passport_expiry:%Y%m%d}")
    r.click("btn_read")
    r.confirm_identified()
    r.at(Screen.FORM)
    form = _buttons(r, "btn_step_back", "btn_step_next")
    for page in pages:
        _same_place(page, form)
