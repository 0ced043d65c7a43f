"""Idle reset with the ID document still on the reader (tryout finding 13): the
session is wiped as always, and the citizen is told on screen and aloud to take the
document; the notice goes once the document is taken."""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401

TAKE = "请取走您的证件"


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
    r.card.remove_card()
    r.qtbot.waitUntil(lambda: not r.window.overlay.isVisible(), timeout=2000)


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
    # Taken: the notice goes by itself, whatever language it was in.
    r.card.remove_card()
    r.qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=2000)


def test_idle_reset_without_a_document_says_nothing_of_one(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.to_identify()
    _walk_away(r, clock)
    r.at(Screen.HOME)
    assert not r.window.overlay.isVisible()
