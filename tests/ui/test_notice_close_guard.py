"""Issue #14 (try-out 5, item 16): a notice closing counts as a change for the tap guard,
whichever way it closes. After the idle reset's 请取走您的证件, 好的 lies over the home
screen's 评价 tile: the second touch of a double tap on 好的 must not open 评价, and the
notice no longer goes by itself when the document is taken (try-out 9, C8). Touches go
through the window, as a touch panel's do, on the real clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from kiosk.flow import Screen
from kiosk.settings import Settings
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_idle_card import TAKE, TAKEN, _walk_away
from tests.ui.test_tap_guard import _control_at, _touch
from ui.tap_guard import SettleClock


@pytest.fixture
def tap_clock() -> SettleClock:
    """The settle time runs out on the real clock, as for a citizen."""
    return SettleClock()


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A longer settle time (the real one is 350 ms): the notice closing by itself is
    waited for before the touch, and a busy machine must not make that wait outlast it."""
    timeouts = settings.timeouts.model_copy(update={"tap_settle_ms": 1500})
    return settings.model_copy(update={"timeouts": timeouts})


def _take_card_notice(r: ApplyRig, clock) -> QPoint:  # type: ignore[no-untyped-def]
    """The idle reset with the document left on the reader; where its 好的 is."""
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    _walk_away(r, clock)
    r.at(Screen.HOME)
    ok = r.window.overlay.primary
    assert r.window.overlay.title.text() == TAKE and ok.isVisible()
    wait_until_tappable(ok)
    return ok.mapTo(r.window, ok.rect().center())


def _under_notice(r: ApplyRig, at: QPoint) -> str:
    """The home control that lies under ``at`` once the notice is gone (asserting one
    does: else the test proves nothing)."""
    under = _control_at(r.window, at)
    assert under is not None and under.objectName().startswith("tile_"), under
    return under.objectName()


def test_double_tap_on_ok_does_not_open_the_tile_under_it(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    at = _take_card_notice(r, clock)
    _touch(r.window, at)  # 好的
    assert not r.window.overlay.isVisible()
    _under_notice(r, at)
    _touch(r.window, at)  # the double tap's second touch
    assert r.core.screen() == Screen.HOME and r.core.nav.journey is None
    assert r.window.tap_guard.dropped == 1


def test_the_notice_stays_once_the_document_is_taken(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Try-out 9, C8: the notice went by itself when the document was lifted, and the
    touch meant for its 好的, a moment later, opened the 评价 tile under it (the settle
    time covers only the first moments). It says 证件已取走 and stays, 好的 in place."""
    r = rig
    at = _take_card_notice(r, clock)
    r.card.remove_card()  # taken, as the citizen reaches for 好的
    r.qtbot.waitUntil(lambda: TAKEN in r.window.overlay.title.text(), timeout=2000)
    r.qtbot.wait(1600)  # longer than the settle time: no guard drops this touch
    ok = r.window.overlay.primary
    assert r.window.overlay.isVisible() and ok.mapTo(r.window, ok.rect().center()) == at
    _touch(r.window, at)  # meant for 好的, and it is 好的
    assert not r.window.overlay.isVisible()
    assert r.core.screen() == Screen.HOME and r.core.nav.journey is None
    assert r.window.tap_guard.dropped == 0
    _under_notice(r, at)  # a tile lies there: the touch would have opened it
