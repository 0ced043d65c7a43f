"""Try-out 7, C-i (1280x800, standard form, 字号 2/4): page 1 of 2 held two short questions
with half the screen empty, and "下一页 ▶" sat right above "下一步": two "next" buttons.

Pages are packed by the room there is: a question goes on a page while it fits there,
even when the one beside it in its row would not (it then starts the next page). 下一步
alone goes forward, and says while it shows more questions (#14: 更多问题 ▶ beside it was
still two). By taps on the real window, at every text step.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QWidget

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_tryout_fixes import _form_of
from ui.a11y import visible_rect
from ui.theme import TEXT_STEPS


def _shown_button(r: ApplyRig, name: str) -> QAbstractButton | None:
    r.settle()
    return next((b for b in r.window.findChildren(QAbstractButton, name) if b.isVisible()), None)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", range(len(TEXT_STEPS)), ids=lambda s: f"step{s + 1}")
def test_form_pages_are_packed_and_the_turners_say_what_they_turn(
    rig: ApplyRig,  # noqa: F811
    step: int,
    lang: str,
) -> None:
    r = rig
    r.window.resize(1280, 800)
    if lang == "en":
        r.click("btn_lang")
    for _ in range(step):
        r.click("btn_text_size")
    assert r.window.display_prefs()[0] == step
    _form_of(r, "renshe.ss_card_replace")  # 补换原因 and 合作银行: tall answers
    # 下一步 checks a page before the next: the typed questions answered (the choices are
    # tapped on their page).
    r.core.sessions.current.form_values.update(phone="13800138000", address="1 ROAD")
    form = r.window.current_page()
    pager = form.pager
    items = list(form._items.values())
    seen: list[QWidget] = []
    for page in range(pager.page_count()):
        shown = [w for w in items if w.isVisible()]
        assert shown, f"page {page + 1} is empty"
        for w in shown:
            assert visible_rect(w, r.window).size() == w.size(), f"{w.objectName()} is cut"
        seen += shown
        if page == pager.page_count() - 1:
            break
        # Packed: the next question would not have fitted under the last one here.
        bottom = max(w.geometry().bottom() for w in shown) + 1
        nxt = items[len(seen)]
        width = shown[0].width()
        room = pager.area.height() - bottom - r.window.tokens().gap()
        assert pager._natural_height(nxt, width) > room, (
            f"page {page + 1}: {nxt.objectName()} fits in the {room} px left"
        )
        assert _shown_button(r, "form_pager_next") is None  # 下一步 alone goes forward
        assert _shown_button(r, "btn_next") is not None  # its words: test_form_one_forward
        for answer in ("choice_reason_lost", "choice_bank_icbc"):
            if _shown_button(r, answer) is not None:
                r.click(answer)
        r.click("btn_next")
        assert pager.page() == page + 1, f"下一步 stayed on page {page + 1}"
    assert seen == items  # every question, in order
    assert _shown_button(r, "btn_next") is not None
