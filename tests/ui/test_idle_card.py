"""Idle reset with the ID document still on the reader (tryout finding 13): the
session is wiped as always, and the citizen is told on screen and aloud to take the
document; the notice goes once the document is taken."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from ui.clipping import clipped_texts
from ui.theme import TEXT_STEPS

TAKE = "请取走您的证件"
TAKEN = "证件已取走"


def _taken_then_ok(r: ApplyRig) -> None:
    """The document lifted: the notice says so and stays, its 好的 where it was (gone by
    itself, the touch meant for 好的 opened the 评价 tile under it: try-out 9, C8); 好的
    closes it onto the home screen."""
    overlay = r.window.overlay
    ok = overlay.primary
    where = ok.mapTo(r.window, ok.rect().topLeft()), ok.size()
    r.card.remove_card()
    r.qtbot.waitUntil(lambda: TAKEN in overlay.title.text(), timeout=2000)
    r.settle()
    assert overlay.isVisible() and "已取走" in overlay.body.text()
    assert (ok.mapTo(r.window, ok.rect().topLeft()), ok.size()) == where
    wait_until_tappable(ok)
    r.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    assert r.core.screen() == Screen.HOME and r.core.nav.journey is None


def _walk_away(r: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]
    clock.advance(61)
    r.window.check_idle()  # the once-a-second check: the warning
    assert r.window.overlay.is_idle_warning()
    clock.advance(31)
    r.window.check_idle()  # nobody answered: the session ends


def test_idle_reset_with_the_document_on_the_reader(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    _walk_away(r, clock)
    r.at(Screen.HOME)
    assert r.core.sessions.current.identity is None
    assert r.window.overlay.isVisible() and r.window.overlay.title.text() == TAKE
    assert "还在读卡区" in r.window.overlay.body.text()
    voice = r.core.voice
    assert voice is not None and voice.wait_idle(5.0)
    assert TAKE in list(voice.player.texts)
    _taken_then_ok(r)


def test_idle_reset_in_english_with_the_document_left(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.click("btn_lang")
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    _walk_away(r, clock)
    r.at(Screen.HOME)
    # Try-out 7, 14: the notice speaks to the one who left (English, first) and to the
    # one arriving at the reset home screen (Chinese, the kiosk's default), not in
    # English only over a Chinese home.
    assert r.core.sessions.current.language == "zh"
    overlay = r.window.overlay
    assert overlay.title.text() == "Please take your ID document\n" + TAKE
    body = overlay.body.text()
    assert "still on the reader" in body and "还在读卡区" in body
    assert body.index("still on the reader") < body.index("还在读卡区")
    assert overlay.primary.text() == "OK / 好的"
    voice = r.core.voice
    assert voice is not None and voice.wait_idle(5.0)
    assert "Please take your ID document" in list(voice.player.texts)
    # Taken: the notice says so in both languages, until 好的.
    r.card.remove_card()
    # In words that say the citizen took it, not someone else (try-out 18, C2).
    r.qtbot.waitUntil(lambda: overlay.title.text().startswith("Document"), timeout=2000)
    assert overlay.title.text() == "Document removed\n" + TAKEN
    body = overlay.body.text()
    assert "you have taken your ID document" in body and "已取走" in body
    assert "been taken" not in overlay.title.text() + body
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_idle_reset_without_a_document_says_nothing_of_one(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.to_identify()
    _walk_away(r, clock)
    r.at(Screen.HOME)
    assert not r.window.overlay.isVisible()


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080), (1280, 800)], ids=str)
def test_the_reminder_keeps_the_elderly_citizen_s_type(rig: ApplyRig, clock, size) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Try-out 9, E10: in 长辈模式 at 字号 4/4 the reset left the document on the reader,
    and 请取走您的证件 — the one message that citizen must not miss — came in the
    standard mode's 字号 1/4 type, the reset having already put the display back. It is
    in the type of the one who left, whole on screen, and its button as large."""
    r = rig
    r.window.resize(*size)
    r.click("btn_assisted")
    for _ in range(len(TEXT_STEPS) - 1):
        wait_until_tappable(r.button("btn_text_size"))
        r.click("btn_text_size")
    r.window.resize(*size)
    r.settle()
    leaving = r.window.tokens()
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    warned = False
    for _ in range(60):  # 长辈模式 gives more time: 30 s at a time until the reset
        clock.advance(30)
        r.window.check_idle()
        warned = warned or r.window.overlay.is_idle_warning()
        if r.core.screen() == Screen.HOME:
            break
    assert warned
    r.at(Screen.HOME)
    assert not r.core.sessions.current.assisted  # the next citizen's screen is standard
    r.settle()
    overlay = r.window.overlay
    assert overlay.isVisible() and overlay.title.text() == TAKE
    assert r.window.tokens().body_px < leaving.body_px
    # As large as the elderly citizen's type, or nearly (it fits its room first).
    floor = 0.8
    assert overlay.title.fontInfo().pixelSize() >= floor * leaving.px(leaving.title_px)
    assert overlay.body.fontInfo().pixelSize() >= floor * leaving.px(leaving.body_px)
    assert overlay.primary.fontInfo().pixelSize() >= leaving.px(leaving.button_px)
    assert overlay.primary.height() >= leaving.mm(leaving.target_mm)
    assert clipped_texts(r.window) == []
    assert r.window.rect().contains(overlay.card.geometry())
    r.card.remove_card()  # taken: the notice says so, in the same type, whole
    r.qtbot.waitUntil(lambda: TAKEN in overlay.title.text(), timeout=2000)
    r.settle()
    assert clipped_texts(r.window) == []
    assert r.window.rect().contains(overlay.card.geometry())
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)  # and with it the type
    assert not overlay.isVisible()
    assert overlay.primary.styleSheet() == ""
