"""Issue #14: a double tap does not land on a control the first tap put under the finger.

Taps here go through the window as a touch panel's do (QTest on the window's QWindow,
at a point), twice at the same point: the second arrives right after the change the
first one made, as an older citizen's double tap does.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.flow import Screen
from tests.support.pages import read_the_guide
from tests.support.tap_clock import StillClock
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_assisted_flows import _assisted
from tests.ui.test_document_capture import _at_documents, _ok
from ui.screens.identify import whose_identity
from ui.tap_guard import SettleClock, control_of


@pytest.fixture
def tap_clock() -> SettleClock:
    """The guard's time stands still but for the taps' waits: the second tap of a double
    tap comes within the settle time however long a loaded machine takes to build the
    screen between them (tests/ui/test_tap_guard_clock.py runs the real clock)."""
    return StillClock()


def _centre(w: QWidget) -> QPoint:
    """``w``'s centre in window coordinates."""
    return w.mapTo(w.window(), w.rect().center())


def _touch(window: QWidget, at: QPoint) -> None:
    """A finger's tap at ``at`` (window coordinates), through the window system's way in."""
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    for _ in range(3):
        QApplication.processEvents()


def _control_at(window: QWidget, at: QPoint) -> QWidget | None:
    return control_of(window.childAt(at))


def _double_tap(window: QWidget, name: str, across: float = 0.5) -> tuple[QPoint, QWidget]:
    """Tap ``name`` (after the screen has settled), then again at once at the same point,
    ``across`` its width from the left.

    Returns the point and the control the first tap put under it (asserting there is one,
    else the test would prove nothing)."""
    first = next(b for b in window.findChildren(QWidget, name) if b.isVisible())
    wait_until_tappable(first)
    at = first.mapTo(window, QPoint(round(first.width() * across), first.height() // 2))
    _touch(window, at)
    under = _control_at(window, at)
    assert under is not None and under is not first, f"nothing new under {name}'s place"
    _touch(window, at)
    return at, under


@pytest.mark.parametrize("assisted", [False, True])
def test_double_tap_on_start_does_not_reach_the_identify_switches(
    rig: ApplyRig,  # noqa: F811
    assisted: bool,
) -> None:
    """开始办理 twice: the second tap would start a proxy application or switch the mode."""
    r = rig
    if assisted:
        _assisted(r)
    r.click("tile_apply")
    r.core.sessions.current.service_id = "gongan.hukou_certificate"
    r.window.show_screen(r.core.next())
    r.at(Screen.GUIDE)
    assert r.core.sessions.current.assisted is assisted
    read_the_guide(r.window, r.click)
    # Right of centre, where the mode switch comes (the centre falls between the two).
    at, under = _double_tap(r.window, "btn_start", 0.75)
    assert under.objectName() in ("btn_proxy", "btn_big_mode")
    r.at(Screen.IDENTIFY)
    assert r.core.sessions.current.assisted is assisted
    assert whose_identity(r.window.current_page()) == ""
    assert r.window.tap_guard.dropped == 1
    # Once the screen has settled, the same touch is the citizen's own: delivered.
    name = under.objectName()
    wait_until_tappable(under)
    _touch(r.window, at)
    if name == "btn_big_mode":
        assert r.core.sessions.current.assisted is not assisted
    else:
        assert whose_identity(r.window.current_page()) != ""


def test_double_tap_on_take_photo_does_not_accept_it(rig: ApplyRig) -> None:  # noqa: F811
    """拍照 twice: its place then holds 使用并再拍一页 (or another of the photo's buttons)."""
    r = rig
    shots = [_ok(1), _ok(2)]
    _at_documents(r, shots)
    _at, under = _double_tap(r.window, "btn_capture")
    assert under.objectName() in ("btn_use", "btn_use_more", "btn_retake")
    assert r.shown("docs_preview") and r.shown("btn_use")  # still looking at the photo
    assert r.core.sessions.current.pages == {}
    assert len(shots) == 1  # no second photo taken either


def _switch_state(window, name: str) -> object:  # type: ignore[no-untyped-def]
    s = window.core.sessions.current
    return {"btn_assisted": s.assisted, "btn_lang": s.language}.get(name, window.display_prefs())


@pytest.mark.parametrize("assisted", [False, True], ids=["from-normal", "from-assisted"])
@pytest.mark.parametrize("name", ["btn_assisted", "btn_lang", "btn_contrast"])
def test_switch_tapped_twice_does_not_undo_itself(window, qtbot, name, assisted) -> None:  # type: ignore[no-untyped-def]
    """A double tap on a switch that changes the whole screen (长辈模式, 中文/English,
    标准色) switches once: try-out 6 saw 长辈模式 tapped twice turn on and straight off.
    The switch stays under the finger, never calls staff, and a deliberate tap once
    the screen has settled switches back."""
    if assisted:
        wait_until_tappable(window.assist_btn)
        _touch(window, _centre(window.assist_btn))
        assert window.core.sessions.current.assisted
    button = next(b for b in window.findChildren(QWidget, name) if b.isVisible())
    wait_until_tappable(button)
    before = _switch_state(window, name)
    at = _centre(button)
    _touch(window, at)
    switched = _switch_state(window, name)
    assert switched != before
    assert _control_at(window, at) is button, "the switch moved from under the finger"
    _touch(window, at)  # at once: the second tap of the double tap
    assert _switch_state(window, name) == switched, "the double tap undid itself"
    assert not window.overlay.isVisible()  # no staff call
    wait_until_tappable(button)  # a citizen who means it taps again later
    _touch(window, at)
    assert _switch_state(window, name) != switched


@pytest.mark.parametrize("assisted", [False, True])
def test_text_size_tapped_quickly_takes_every_tap(window, qtbot, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    """字号 stays in place as the text grows, so quick taps on it are all delivered;
    in the normal mode 标准色 beside it does not move either."""
    if assisted:
        wait_until_tappable(window.assist_btn)
        qtbot.mouseClick(window.assist_btn, Qt.MouseButton.LeftButton)
    wait_until_tappable(window.text_size_btn)
    qtbot.wait(50)  # the mode's layout in place
    at = _centre(window.text_size_btn)
    contrast = window.contrast_btn.mapTo(window, QPoint(0, 0)).x()
    for step in (1, 2, 3):
        _touch(window, at)
        assert window.display_prefs()[0] == step
        QApplication.sendPostedEvents()
        if not assisted:
            assert window.contrast_btn.mapTo(window, QPoint(0, 0)).x() == contrast
    assert window.tap_guard.dropped == 0


def test_notice_button_waits_for_the_notice_to_settle(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """呼叫工作人员 twice: the notice's 好的 opened under the finger is not closed at once."""
    staff = window.staff_btn
    wait_until_tappable(staff)
    at = _centre(staff)
    _touch(window, at)
    assert window.overlay.isVisible()
    ok = window.overlay.primary
    # Straight away on 好的 (it was not there before the notice): not delivered.
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert window.overlay.isVisible()
    wait_until_tappable(ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()
