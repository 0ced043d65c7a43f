"""A page kept with 使用这张 can be photographed again before submitting (try-out 5:
no 重拍 once 使用这张 was tapped; the citizen saw the blurred page only on the review)."""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_document_capture import _at_documents, _ok


def _photograph(r: ApplyRig) -> None:
    r.click("btn_capture")
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=3000)
    assert not r.shown("btn_redo")  # a photo under review has its own 重拍
    r.click("btn_use")


def test_the_last_kept_page_can_be_retaken(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _at_documents(r, [_ok(i) for i in range(8)])
    pages = r.core.sessions.current.pages
    assert not r.shown("btn_redo")  # nothing kept yet
    _photograph(r)
    assert r.button("btn_redo").text() == "重拍上一页"
    (first,) = pages
    kept = pages[first][0]
    r.click("btn_redo")
    # The page is gone and its paper is asked again, with the camera.
    assert first not in pages
    assert "：待拍摄" in r.label("docs_progress") or r.shown("btn_capture")
    assert r.shown("btn_capture") and not r.shown("btn_redo")
    _photograph(r)
    assert pages[first][0] is not kept  # a new photo in its place
    while r.shown("btn_capture"):
        _photograph(r)
    # Every paper handled: 下一步, and still a way to retake the last one.
    assert r.label("docs_current") == "材料已处理完毕，请点“下一步”。"
    last = list(pages)[-1]
    r.click("btn_redo")
    assert last not in pages and r.shown("btn_capture")
    assert not r.button("btn_next").isEnabled()  # the paper is owed again
    _photograph(r)
    assert last in pages
    r.click("btn_next")
    r.at(Screen.REVIEW)
