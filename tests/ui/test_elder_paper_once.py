"""Try-out 11, E7: 长辈模式, paper out before submitting, said three times (a notice, the
review's own note, and again in 确认提交吗？), and the only answers were 确认提交 and
返回检查: nothing offered to wait for paper. Now it is said where the decision is (the
line over 确认提交, try-out 14 E1, and in full by the question at 确认提交), with a true choice: submit now (the receipt can be reprinted
once the printer works) or 请工作人员加纸后再提交 (in 返回检查's place), which calls staff
as the top bar's button does and goes back to the review, to submit later. The printer back, the question asks plainly
again. Through the real window, the printer out before the review and during it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.events import Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_review_printer_stays import _at_review, _notice, _printer
from ui.i18n import tr

READ_MS = 10_000  # a bound that only keeps a broken test from hanging


def _saying(r: ApplyRig, words: str) -> list[str]:
    """The names of the widgets on screen that say ``words`` now."""
    r.settle()
    return [
        w.objectName() for w in r.window.findChildren(QLabel) if w.isVisible() and words in w.text()
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("when", ["before", "during"])
def test_paper_out_is_said_once_with_a_choice_to_wait(
    rig: ApplyRig,  # noqa: F811
    when: str,
    lang: str,
) -> None:
    r = _at_review(rig, (1080, 1920), assisted=True, fault="paper_out" if when == "before" else "")
    if lang == "en":
        r.click("btn_lang")
    if when == "during":
        _printer(r, Health.FAULT, "paper_out")
    why = tr("apply.print.failed.paper_out", lang)
    assert not _notice(r), "a notice popped over the review"
    # Over 确认提交, in the line's kept room (try-out 14, E1: the elderly citizen had no
    # word of it before deciding); not in the page's note as well.
    assert _saying(r, why) == ["review_status"], "not said over 确认提交 before the decision"
    r.check_every_page()
    r.click("btn_submit")
    assert _saying(r, why) == ["choice_body"], "not said once, in the question"
    wait = tr("review.wait_paper", lang)
    assert r.button("btn_choice_no").text() == wait  # in 返回检查's place: back, staff called
    r.click("btn_choice_no")
    r.qtbot.waitUntil(lambda: r.core.sessions.current.staff_called, timeout=READ_MS)
    r.at(Screen.REVIEW)
    assert r.core.sessions.current.tracking_number is None, "submitted though asked to wait"
    # Staff add paper: the question asks plainly, and one tap submits.
    _printer(r, Health.OK, "ready")
    if r.shown("overlay"):
        r.click("overlay_primary")  # the staff call's notice, closed as a citizen would
    r.click("btn_submit")
    assert _saying(r, why) == []
    assert r.button("btn_choice_no").text() == tr("confirm.submit.no", lang)
    r.click("btn_choice_yes")
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.SUBMITTED, timeout=READ_MS)
