"""The documents screen in the sizes and modes where the photo under review was cut off
(1280x800 in 长辈模式: the page collapsed to one line above the buttons): the photo is
seen whole, the buttons stay under the finger, and 使用这张 on the last material leaves
a clear way on (the try-out's report)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_document_capture import _at_documents, _ok


def _rect(r: ApplyRig, name: str) -> QRect:
    (w,) = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    return QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())


@pytest.mark.parametrize(
    ("size", "assisted"), [((1280, 800), True), ((1080, 1920), True), ((1280, 800), False)]
)
def test_the_photo_under_review_is_seen_whole(rig: ApplyRig, size, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    r.core.sessions.set_assisted(assisted)
    _at_documents(r, [_ok(i) for i in range(6)])
    tokens = r.window.tokens()
    while r.shown("btn_capture"):
        row = _rect(r, "btn_capture")
        # 长辈模式 has no 下一步 until every paper is handled; its 清楚，使用 takes the
        # skip's place under 重拍 (test_documents_one_question.py).
        lower = _rect(r, "btn_skip" if assisted else "btn_next")
        r.click("btn_capture")
        r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=3000)
        r.settle()
        preview = r.window.findChild(QWidget, "docs_preview")
        pix = preview.pixmap()
        # The photo as drawn (centred in its label), inside the window, above the buttons.
        at = preview.mapTo(r.window, QPoint(0, 0))
        shown = QRect(
            at.x() + (preview.width() - pix.width()) // 2,
            at.y() + (preview.height() - pix.height()) // 2,
            pix.width(),
            pix.height(),
        )
        assert preview.isVisible() and r.window.rect().contains(shown), shown
        assert shown.bottom() < _rect(r, "btn_use").top(), (shown, _rect(r, "btn_use"))
        assert shown.height() >= tokens.mm(25), shown
        # The buttons did not move under the finger.
        if assisted:
            assert _rect(r, "btn_retake").top() == row.top()
            assert _rect(r, "btn_use").top() == lower.top()
        else:
            assert _rect(r, "btn_use").top() == row.top() and _rect(r, "btn_next") == lower
        r.click("btn_use")
        if assisted and r.core.screen() == Screen.REVIEW:
            return  # its one page in, the last paper led on (try-out 9, E7)
        if assisted:
            r.click("btn_material_done")  # "another page?" - no
    assert r.label("docs_current") == "材料已处理完毕，请点“下一步”。"
    assert "：已拍摄" in r.label("docs_progress") and ": " not in r.label("docs_progress")
    assert r.window.rect().contains(_rect(r, "btn_next")) and r.button("btn_next").isEnabled()
    r.click("btn_next")
    r.at(Screen.REVIEW)
