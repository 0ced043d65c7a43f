"""Try-out 7, finding 22 (E-e): the photo under review is as large as its room allows at
every size, and 长辈模式 asks one thing at a time: "这张清楚吗？" (重拍 / 清楚，使用), then
"还有下一页吗？" (还有，拍下一页 / 没有了). The try-out saw a 200x280 px photo in a large
empty room at 1080x1920 with five buttons under it. Standard mode keeps its buttons.
By taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_document_capture import Camera, _at_documents, _ok
from ui.clipping import clipped_texts


def _at_pages_vary(r: ApplyRig, shots) -> None:  # type: ignore[no-untyped-def]
    """The documents step of 结婚登记预约, whose first paper (双方居民户口簿) has a number
    of pages the catalog does not give: 长辈模式 asks whether there is another (a paper
    whose count it gives, as a one-page photo, is not asked about: try-out 9, E7)."""
    r.backend.scanner.capture_document = Camera(shots)
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = "minzheng.marriage_appointment"
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity(False))
    core.next()  # form
    core.next()  # documents
    r.window.show_screen()
    r.at(Screen.DOCUMENTS)
    assert "户口簿" in r.label("docs_current")


def _buttons(r: ApplyRig) -> set[str]:
    """The screen's own buttons on display (not the bars')."""
    r.settle()
    page = r.window.current_page()
    return {b.objectName() for b in page.findChildren(QAbstractButton) if b.isVisible()}


def _take(r: ApplyRig) -> QLabel:
    r.click("btn_capture")
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=20_000)
    r.settle()
    (preview,) = [w for w in r.window.findChildren(QLabel, "docs_preview") if w.isVisible()]
    return preview


def _fills_its_room(preview: QLabel) -> None:
    """The photo (140x200 from the camera here) is scaled to its room: it touches two of
    the room's sides, keeping its shape."""
    pix = preview.pixmap()
    assert not pix.isNull()
    assert pix.width() <= preview.width() and pix.height() <= preview.height()
    assert max(pix.width() / preview.width(), pix.height() / preview.height()) > 0.98, (
        pix.size(),
        preview.size(),
    )
    assert abs(pix.width() / pix.height() - 140 / 200) < 0.02


@pytest.mark.parametrize(
    ("size", "assisted"),
    [((1920, 1080), False), ((1280, 800), False), ((1080, 1920), False), ((1280, 800), True)],
)
def test_the_photo_is_as_large_as_its_room(rig: ApplyRig, size, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    r.core.sessions.set_assisted(assisted)
    _at_documents(r, [_ok(1)])
    _fills_its_room(_take(r))
    if not assisted:  # the standard mode's flow is kept
        assert {"btn_retake", "btn_use_more", "btn_use", "btn_skip", "btn_next"} <= _buttons(r)


def test_assisted_mode_asks_one_thing_at_a_time(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1080, 1920)
    r.core.sessions.set_assisted(True)
    first, second = _ok(1), _ok(2)
    _at_pages_vary(r, [first, second])
    for _ in range(3):  # 字号 4/4, as in the try-out
        r.click("btn_text_size")
        wait_until_tappable(r.button("btn_text_size"))
    preview = _take(r)
    _fills_its_room(preview)
    assert preview.pixmap().height() > 560, preview.pixmap().size()  # not 280 px
    assert r.label("docs_current").endswith("这张清楚吗？")
    assert _buttons(r) == {"btn_retake", "btn_use"}
    assert r.button("btn_use").text() == "清楚，使用"
    assert clipped_texts(r.window) == []
    r.click("btn_use")
    assert r.label("docs_current").endswith("还有下一页吗？")
    assert clipped_texts(r.window) == []  # the question, two lines here, whole
    assert _buttons(r) == {"btn_add_page", "btn_material_done"}
    r.click("btn_add_page")  # yes: the next page of the same paper
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=20_000)
    assert _buttons(r) == {"btn_retake", "btn_use"}
    r.click("btn_use")
    r.click("btn_material_done")  # no more pages
    [(_, kept)] = r.core.sessions.current.pages.items()
    assert [p.jpeg for p in kept] == [first.jpeg, second.jpeg]
    assert "合影" in r.label("docs_current")  # on to the next paper


@pytest.mark.parametrize("assisted", [False, True])
def test_camera_lost_before_the_next_page_names_a_button_on_screen(rig: ApplyRig, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """ "Another page?" and the camera goes: its message names the button that is there
    (没有了 / 这份材料拍完了), not the skip, which is not offered for a paper begun."""
    r = rig
    r.window.resize(1280, 800)
    r.core.sessions.set_assisted(assisted)
    _at_pages_vary(r, [_ok(1)])
    _take(r)
    r.click("btn_use" if assisted else "btn_use_more")
    assert r.shown("btn_add_page") and not r.shown("btn_skip")
    r.backend.scanner.set_fault("scanner.no_camera")
    picture = r.window.findChild(QLabel, "docs_viewfinder_picture")
    r.qtbot.waitUntil(lambda: "摄像头暂时无法使用" in picture.text(), timeout=20_000)
    done = r.button("btn_material_done")
    assert f"“{done.text()}”" in picture.text() and done.isEnabled()
    assert not r.button("btn_add_page").isEnabled()
    r.click("btn_material_done")  # the page taken is kept; on to the next paper
    assert len(r.core.sessions.current.pages) == 1 and "合影" in r.label("docs_current")
