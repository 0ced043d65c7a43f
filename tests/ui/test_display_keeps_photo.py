"""Try-out 7, finding 3 (C-b): a display change while a material photo is on preview
(重拍 / 使用这张) keeps that photo on preview, and what was already decided about the
other papers (kept, skipped, a paper with more pages to come).

标准色/深色/高对比, 字号 and 长辈模式 rebuild every screen (ui/main_window.py
_set_display, show_screen); 中文/English retranslates it in place. The try-out saw 深色
throw the photo away and go back to the live viewfinder. By taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui import conftest_apply
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_document_capture import _at_documents, _ok

# Three papers to photograph (the last optional): one kept, one skipped, one on preview.
THREE_PAPERS = "minzheng.dibao_application"


def _preview(r: ApplyRig) -> QLabel:
    r.settle()
    shown = [w for w in r.window.findChildren(QLabel, "docs_preview") if w.isVisible()]
    assert shown, "no photo on preview"
    return shown[0]


def _switch(r: ApplyRig, button: str) -> None:
    """Tap a display switch; the screen must really change (else nothing is proven)."""
    before = r.window.current_page()
    state = (r.window.display_prefs(), r.core.sessions.current.language)
    r.click(button)
    r.settle()
    if button in ("btn_lang",):
        assert r.core.sessions.current.language != state[1]
    else:
        assert r.window.current_page() is not before, "the screen was not rebuilt"
    r.at(Screen.DOCUMENTS)
    wait_until_tappable(r.button("btn_retake"))


@pytest.mark.parametrize(
    ("size", "switch"),
    [
        ((1920, 1080), "btn_contrast"),
        ((1280, 800), "btn_text_size"),
        ((1080, 1920), "btn_assisted"),
        ((1920, 1080), "btn_lang"),
    ],
)
def test_the_photo_on_preview_survives_a_display_change(  # type: ignore[no-untyped-def]
    rig: ApplyRig,  # noqa: F811
    size,
    switch,
    monkeypatch,
) -> None:
    r = rig
    monkeypatch.setattr(conftest_apply, "SERVICE", THREE_PAPERS)
    r.window.resize(*size)
    first, second, third = _ok(1), _ok(2), _ok(3)
    _at_documents(r, [first, second, third])
    r.click("btn_capture")
    r.click("btn_use")  # the first paper kept
    r.click("btn_skip")  # the second left for the counter
    current = r.label("docs_current")
    r.click("btn_capture")
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=5000)
    _preview(r)
    _switch(r, switch)
    # Still the photo to check, not the live camera, with its buttons.
    assert not _preview(r).pixmap().isNull()
    assert r.shown("btn_retake") and r.shown("btn_use")
    assert not r.shown("btn_capture")
    if switch != "btn_lang":
        assert current.endswith("残疾证（如有）")
        assert "残疾证（如有）" in r.label("docs_current")  # the same paper asked for
    r.click("btn_use")
    pages = r.core.sessions.current.pages
    # The photo taken before the switch is the one kept, the earlier choices with it.
    assert [p.jpeg for ps in pages.values() for p in ps] == [first.jpeg, second.jpeg]
    assert len(pages) == 2  # one paper skipped: still skipped, not asked again
    if r.core.screen() == Screen.REVIEW:
        return  # 长辈模式: the last paper (one page) in, on to the review (try-out 9, E7)
    if r.shown("btn_material_done"):
        r.click("btn_material_done")  # 长辈模式: "another page?" - no
    assert r.button("btn_next").isEnabled()


def test_a_paper_with_more_pages_to_come_stays_so(rig: ApplyRig) -> None:  # noqa: F811
    """使用并再拍一页, then 深色: still that paper's next page, not the next paper."""
    r = rig
    r.window.resize(1920, 1080)
    first, second = _ok(1), _ok(2)
    _at_documents(r, [first, second])
    r.click("btn_capture")
    r.click("btn_use_more")
    assert r.shown("btn_add_page")
    r.click("btn_contrast")
    r.at(Screen.DOCUMENTS)
    assert r.shown("btn_add_page") and r.shown("btn_material_done")
    r.click("btn_add_page")
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=5000)
    r.click("btn_use")
    [(_, kept)] = r.core.sessions.current.pages.items()
    assert [p.jpeg for p in kept] == [first.jpeg, second.jpeg]
