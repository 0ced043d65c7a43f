"""Try-out 8, E9: after photographing a one-page 近期免冠证件照 in 长辈模式 the highlighted
answer to "还有下一页吗？" was 还有，拍下一页; a citizen who tapped the prominent button was
sent back to the camera. The highlighted (filled) answer is now the likely one for the
paper, from the catalog's pages expected. By taps on the real window.
"""

from __future__ import annotations

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_document_capture import Camera, _ok
from tests.ui.test_documents_one_question import _take


def _at_documents(r: ApplyRig, service: str, shots) -> None:  # type: ignore[no-untyped-def]
    """The documents step of ``service``, reached as a citizen would have."""
    r.backend.scanner.capture_document = Camera(shots)
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = service
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity(False))
    core.next()  # form
    core.next()  # documents
    r.window.show_screen()
    r.at(Screen.DOCUMENTS)


def _highlighted(r: ApplyRig) -> set[str]:
    r.settle()
    return {
        name
        for name in ("btn_add_page", "btn_material_done")
        if r.shown(name) and r.button(name).property("role") == "primary"
    }


def test_a_one_page_photo_highlights_no_more_pages(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1080, 1920)
    _at_documents(r, "renshe.ss_card_replace", [_ok(1)])  # 近期免冠证件照: 1 page
    assert "证件照" in r.label("docs_current")
    _take(r)
    r.click("btn_use_more")
    assert _highlighted(r) == {"btn_material_done"}
    r.click("btn_material_done")  # the likely answer: on to 下一步
    assert r.shown("btn_next") and r.button("btn_next").isEnabled()


def test_assisted_a_one_page_photo_asks_nothing_more(rig: ApplyRig) -> None:  # noqa: F811
    """Try-out 9, E7: in 长辈模式, after 清楚，使用 for a one-page 近期免冠证件照 came
    还有下一页吗？ and then 材料已处理完毕，请点"下一步" — two decisions about nothing. The
    photo complete, the citizen is on the next step (返回 leads back to redo it)."""
    r = rig
    r.window.resize(1080, 1920)
    r.core.sessions.set_assisted(True)
    _at_documents(r, "renshe.ss_card_replace", [_ok(1)])
    _take(r)
    r.click("btn_use")  # 清楚，使用
    r.at(Screen.REVIEW)
    assert sum(len(p) for p in r.core.sessions.current.pages.values()) == 1  # kept
    r.click("btn_back")
    r.at(Screen.DOCUMENTS)
    assert r.shown("btn_redo") and r.shown("btn_next")


def test_two_photos_highlight_another_page_then_no_more(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1080, 1920)
    r.core.sessions.set_assisted(True)
    # 双方居民户口簿 (pages vary: another page likely), then the two joint photos.
    _at_documents(r, "minzheng.marriage_appointment", [_ok(1), _ok(2), _ok(3), _ok(4)])
    _take(r)
    r.click("btn_use")
    assert _highlighted(r) == {"btn_add_page"}  # a household register has several
    r.click("btn_material_done")
    _take(r)
    r.click("btn_use")
    assert "合影" in r.label("docs_current")
    assert _highlighted(r) == {"btn_add_page"}  # 2 photos expected, 1 taken
    r.click("btn_add_page")
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=20_000)
    r.click("btn_use")  # both photos the catalog asks for: nothing more to ask (E7)
    r.at(Screen.REVIEW)
