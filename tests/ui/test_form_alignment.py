"""A question reads level with the first row of its answers: 合作银行 sat between its two
rows of banks, lower than 补换原因 beside one row (try-out finding). Measured on the real
window, in both languages, on the large and the small panel (where the form pages)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable

SERVICE = "renshe.ss_card_replace"  # 补换原因 (one row of answers), 合作银行 (two rows)


def _centre_y(w: QWidget, top: QWidget) -> float:
    return w.mapTo(top, QPoint(0, 0)).y() + w.height() / 2


def _shown(r: ApplyRig, cls: type, name: str) -> QWidget | None:
    r.settle()
    found = [w for w in r.window.findChildren(cls, name) if w.isVisible()]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("size", "lang"), [((1920, 1080), "zh"), ((1920, 1080), "en"), ((1280, 800), "zh")]
)
def test_question_level_with_first_answers(rig: ApplyRig, size: tuple[int, int], lang: str) -> None:  # noqa: F811
    r = rig
    r.window.resize(*size)
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = SERVICE
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    # 下一步 turns the pages and checks each first: the typed questions answered.
    core.sessions.current.form_values.update(phone="13800138000", address="1 ROAD")
    core.next()
    r.window.show_screen()
    r.at(Screen.FORM)
    if lang == "en":
        r.click("btn_lang")
    for field, first in (("reason", "lost"), ("bank", "icbc")):
        while _shown(r, QLabel, f"label_{field}") is None:
            if _shown(r, QAbstractButton, "choice_reason_lost") is not None:
                r.click("choice_reason_lost")
            pager = _shown(r, QWidget, "form_pager")
            nxt = _shown(r, QAbstractButton, "btn_next")
            assert pager is not None and nxt is not None, f"{field} not on any page"
            page = pager.page()
            assert page < pager.page_count() - 1, f"{field} not on any page"
            wait_until_tappable(nxt)
            r.qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
            assert pager.page() == page + 1, f"下一步 stayed on page {page + 1}"
        label = _shown(r, QLabel, f"label_{field}")
        button = _shown(r, QAbstractButton, f"choice_{field}_{first}")
        assert label is not None and button is not None
        r.qtbot.wait(20)
        dy = _centre_y(label, r.window) - _centre_y(button, r.window)
        assert abs(dy) <= 2, (field, dy, label.geometry(), button.geometry())
        assert label.alignment() & Qt.AlignmentFlag.AlignVCenter
    # The two questions of one page row sit on one line.
    reason = _shown(r, QLabel, "label_reason")
    bank = _shown(r, QLabel, "label_bank")
    if reason is not None and bank is not None:
        assert abs(_centre_y(reason, r.window) - _centre_y(bank, r.window)) <= 2
