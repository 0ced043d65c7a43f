"""Issue #14, 1: the idle reset reminded only of a passport left on the chip reader, not
of a 居民身份证 left on the SAM reader (which cannot report a lifted card by itself).
An elderly citizen walks away, the card stays: the reset now says 请取走您的证件 (in
the type of the one who left) and the reader's presence check turns the notice into 证件已取走
once the card is lifted, as the chip reader does for a passport.

The demo's simulated SAM reader on a pseudo-terminal, read by the real serial driver;
every step through the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from drivers.idcard.frames import Command
from drivers.idcard.simulator import PtySamReader, sample_card
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401  (fixture)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_resident_id import sam  # noqa: F401  (fixture)
from ui.theme import TEXT_STEPS

READ_MS = 20_000  # bounds that only keep a broken test from hanging
TAKE = "请取走您的证件"


def _asked(sam: PtySamReader, command: Command) -> int:  # noqa: F811
    return sum(1 for c in list(sam.commands) if c is command)


def _checks(sam: PtySamReader) -> int:  # noqa: F811
    """Presence checks seen on the wire: the card that was read, asked if still there."""
    return _asked(sam, Command.READ_ADDITIONAL_ADDRESS)


def _walk_away(r: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]
    warned = False
    for _ in range(60):  # 长辈模式 gives more time: 30 s at a time until the reset
        clock.advance(30)
        r.window.check_idle()
        warned = warned or r.window.overlay.is_idle_warning()
        if r.core.screen() == Screen.HOME:
            break
    assert warned


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder_4of4"])
def test_idle_reset_reminds_of_the_resident_card_until_lifted(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    clock,  # type: ignore[no-untyped-def]
    elder: bool,
) -> None:
    r = rig
    if elder:
        r.click("btn_assisted")
        for _ in range(len(TEXT_STEPS) - 1):
            wait_until_tappable(r.button("btn_text_size"))
            r.click("btn_text_size")
        r.settle()
    leaving = r.window.tokens()
    r.to_identify()
    sam.lay(sample_card("resident"))
    if elder:
        r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    assert r.core.sessions.current.identity is not None
    _walk_away(r, clock)
    r.at(Screen.HOME)
    assert r.core.sessions.current.identity is None  # the session is wiped as always
    r.settle()
    overlay = r.window.overlay
    assert overlay.isVisible() and overlay.title.text() == TAKE
    assert "还在读卡区" in overlay.body.text()
    if elder:  # in the elderly citizen's type (try-out 9, E10), not the reset's
        assert overlay.primary.fontInfo().pixelSize() >= leaving.px(leaving.button_px)
    voice = r.core.voice
    assert voice is not None and voice.wait_idle(5.0)
    assert TAKE in list(voice.player.texts)
    # The card lies there, halted by the read: checks answer 'present', the notice stays.
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _checks(sam) >= 3, timeout=READ_MS)
    r.settle()
    assert overlay.isVisible() and overlay.title.text() == TAKE
    sam.lift()  # the citizen comes back for it
    # It says so and stays until 好的, in place (try-out 9, C8: gone by itself, the
    # touch meant for 好的 opened the 评价 tile under it).
    r.qtbot.waitUntil(lambda: overlay.title.text() == "证件已取走", timeout=READ_MS)
    assert overlay.isVisible()
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    # The news ends the checks.
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _asked(sam, Command.FIND_CARD) >= 6, timeout=READ_MS)
    assert _checks(sam) == 0


def test_ok_ends_the_checks(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    clock,  # type: ignore[no-untyped-def]
) -> None:
    r = rig
    r.to_identify()
    sam.lay(sample_card("resident"))
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    _walk_away(r, clock)
    r.at(Screen.HOME)
    overlay = r.window.overlay
    assert overlay.isVisible() and overlay.title.text() == TAKE
    # The notice's own check (the card was also checked on the form, from its read).
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _checks(sam) >= 1, timeout=READ_MS)
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    sam.commands.clear()
    r.qtbot.waitUntil(lambda: _asked(sam, Command.FIND_CARD) >= 6, timeout=READ_MS)
    assert _checks(sam) == 0
