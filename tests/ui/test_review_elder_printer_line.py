"""Try-out 14, E1: in 长辈模式 (portrait 4/4 高对比; 1280x800 English 4/4) the review page
said nothing of the printer with the paper out — standard mode's line over 确认提交
("打印机缺纸。提交后无法打印回执。") was missing, and so was "打印机已恢复" once paper was
back: the elderly citizen, who most needs the warning, got it only after tapping 确认提交.
Now the line over 确认提交 says it in 长辈模式 too, in its kept room (nothing on the page
moves), at every size, both languages, 字号 1/4 and 4/4, and says the printer's return;
that no receipt will print, even in the fewest words (try-out 15, E7). Taps on the real
window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.events import Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted
from tests.ui.test_review_printer_stays import _notice, _printer
from ui.i18n import tr
from ui.screens.apply_common import MessageLabel

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


def _line(r: ApplyRig) -> QLabel | None:
    """The line over 确认提交, when it is on the screen and whole."""
    r.settle()
    shown = [w for w in r.window.findChildren(QLabel, "review_status") if w.isVisible()]
    if not shown:
        return None
    w = shown[0]
    where = QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())
    assert r.window.rect().contains(where), where
    assert isinstance(w, MessageLabel)
    assert w.fits(w.text(), w.width(), w.height()), (w.text(), w.size())
    return w


def _places(r: ApplyRig) -> dict[str, QRect]:
    page = r.window.findChild(QWidget, "screen_review")
    assert page is not None
    return {
        w.objectName(): QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())
        for w in page.findChildren(QAbstractButton)
        if w.isVisible() and w.objectName()
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
# 字号 4/4, the tightest (the other steps are the clipping sweep's): CI keeps under 30 min.
@pytest.mark.parametrize("step", [3])
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_elder_review_says_the_printer_over_submit(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    step: int,
    lang: str,
) -> None:
    r = rig
    r.window.resize(*size)
    _assisted(r)
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    if size == (1080, 1920):
        r.click("btn_contrast")  # 高对比, as the try-out had it
    _printer(r, Health.FAULT, "paper_out")
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    r.window.resize(*size)
    r.settle()
    assert r.window.size().toTuple() == size
    said = _line(r)
    assert said is not None, "no word of the printer over 确认提交"
    shown = said.text()
    # What it means, not only what is wrong: no receipt (try-out 15, E7: 1280x800 said
    # only 打印机缺纸。 / "Printer: no paper").
    assert ("回执" if lang == "zh" else "receipt") in shown.lower(), shown
    assert not _notice(r), "a notice popped over the review"
    before = _places(r)
    # Paper back while the page is open: said in the same place, nothing moves.
    _printer(r, Health.OK, "ready")
    line = _line(r)
    back = [tr(f"review.printer_back{k}", lang) for k in ("", ".short")]
    back.append(tr("review.printer_tiny.back", lang))
    assert line is not None and line.text() in back, "no word of the printer's return"
    assert _places(r) == before
    assert r.window.size().toTuple() == size
