"""Try-out 20, E5: 长辈模式, portrait, after submitting: the receipt offered only 首页 and
评价本次服务. 首页 puts 长辈模式, 字号 and the language back for the next citizen, so an
elderly citizen who wanted to book next switched them all on again; 继续办理其他事项
came only after rating. Now the receipt offers it too, doing what the thanks page's
does: her look and her open staff call stay, what she gave goes. Taps on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import visible_texts, wait_until_tappable
from tests.ui.test_call_after_journey import _ok
from tests.ui.test_receipt_first_page import submit, to_review


def test_the_receipt_offers_another_task_keeping_her_look_and_call(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.core.backend.sync = None  # offline: her call waits here, followed by the kiosk
    # English at 字号 4/4: the narrowest row (读给我听, the pager, and the two ways on).
    to_review(r, (1080, 1920), assisted=True, lang="en", step=3)
    wait_until_tappable(r.window.staff_btn)
    r.qtbot.mouseClick(r.window.staff_btn, Qt.MouseButton.LeftButton)  # 呼叫工作人员
    _ok(r.window, r.qtbot)
    submit(r)
    another = r.button("btn_another_task")
    rate = r.button("btn_rate")
    # In whole words, each label whole, beside 评价 (still the primary way on).
    assert (another.text(), rate.text()) == ("Another task", "Rate this service")
    for b in (another, rate, r.button("btn_read_aloud")):
        assert r.window.rect().contains(b.mapTo(r.window, b.rect().bottomRight()))
        assert b.sizeHint().width() <= b.width(), b.objectName()
    assert abs(another.mapTo(r.window, another.rect().center()).y()
               - rate.mapTo(r.window, rate.rect().center()).y()) <= 2  # fmt: skip

    r.click("btn_another_task")
    r.qtbot.waitUntil(lambda: r.core.screen() is Screen.HOME, timeout=3000)
    # Her identity was typed (no card to take): she is told it went with the task and
    # will be asked again, in her type (try-out 21, E1).
    said = "\n".join(visible_texts(r.window))
    assert "The next task will ask for it again." in said.replace("\u2060", ""), said
    _ok(r.window, r.qtbot)
    # Her mode, 字号 and language are still there for the next task; her call too.
    assert r.button("btn_text_size").text() == "Text 4/4"
    assert r.window.assist_btn.text() == "Exit assisted"  # and in English
    r.qtbot.waitUntil(lambda: r.window.staff_banner.isVisible(), timeout=3000)
    # What she gave is gone.
    s = r.core.sessions.current
    assert s.identity is None and not s.form_values and s.tracking_number is None
