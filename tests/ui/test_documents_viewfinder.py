"""The camera's live picture on the materials screen, through the real window (try-out 3:
blank space before 拍照, and no 请将材料平放在拍摄区 in 长辈模式).

The demo's simulated camera sends a sheet of paper that sways a few pixels per frame at
the configured preview rate; its fault control stands for a lost camera.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget

from drivers.scanner.simulator import SimulatedScanner
from drivers.scanner.types import ScannerState
from kiosk.flow import Screen
from kiosk.session import EndReason
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_nothing_moves import _where

WAIT_MS = 5000


def _finder(r: ApplyRig) -> QWidget:
    w = r.window.findChild(QWidget, "docs_viewfinder")
    assert w is not None, "the materials screen has no viewfinder"
    return w


def _picture(r: ApplyRig) -> QLabel:
    w = r.window.findChild(QLabel, "docs_viewfinder_picture")
    assert w is not None and w.isVisible(), "no live picture on screen"
    return w


def _pixels(r: ApplyRig) -> QImage:
    return _picture(r).grab().toImage()


def _scanner(r: ApplyRig) -> SimulatedScanner:
    scanner = r.backend.scanner
    assert isinstance(scanner, SimulatedScanner) and scanner.preview_fps > 0
    return scanner


def _frames(r: ApplyRig) -> int:
    return int(_finder(r).frames_shown)  # type: ignore[attr-defined]


def _wait_frames(r: ApplyRig, more_than: int) -> None:
    r.qtbot.waitUntil(lambda: _frames(r) > more_than, timeout=WAIT_MS)


def test_the_live_picture_appears_moves_and_stops_when_the_citizen_leaves(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    scanner = _scanner(r)
    assert scanner.status().state is ScannerState.STOPPED  # nothing films the form
    put_on(r.window, Screen.DOCUMENTS)
    r.at(Screen.DOCUMENTS)
    assert _finder(r).isVisible() and not r.shown("docs_preview")
    _wait_frames(r, 1)
    first = _pixels(r)
    assert first.pixelColor(1, 1) != first.pixelColor(first.width() // 2, first.height() // 2)
    seen = _frames(r)
    _wait_frames(r, seen + 2)
    assert _pixels(r) != first  # a live picture, not a still
    assert scanner.status().state is ScannerState.RUNNING

    r.click("btn_back")  # back to the form: the camera goes off at once
    r.at(Screen.FORM)
    assert scanner.status().state is ScannerState.STOPPED
    stopped_at = _frames(r)
    r.qtbot.wait(400)  # four frame periods at 10 a second
    assert _frames(r) == stopped_at

    put_on(r.window, Screen.DOCUMENTS)  # and again, then home
    _wait_frames(r, stopped_at)
    r.click("btn_home")
    wait_until_tappable(r.window.overlay.primary)
    r.qtbot.mouseClick(r.window.overlay.primary, Qt.MouseButton.LeftButton)  # 是，回首页
    r.settle()
    r.at(Screen.HOME)
    assert scanner.status().state is ScannerState.STOPPED  # no camera on the home screen


@pytest.mark.parametrize("how", ["idle", "assisted"])
def test_the_camera_stops_when_the_session_ends_or_the_screen_is_rebuilt(
    rig: ApplyRig,  # noqa: F811
    how: str,
) -> None:
    """The idle timeout ends the session while the picture is live: home shows, and no
    camera runs (the screens are dropped without a normal leave). Turning 长辈模式 on
    rebuilds the screen: one camera run, for the new screen."""
    r = rig
    scanner = _scanner(r)
    put_on(r.window, Screen.DOCUMENTS)
    _wait_frames(r, 0)
    old = _finder(r)
    if how == "idle":
        r.core.home(EndReason.IDLE_TIMEOUT)
        r.settle()
        r.at(Screen.HOME)
        assert scanner.status().state is ScannerState.STOPPED
        return
    r.click("btn_assisted")
    r.at(Screen.DOCUMENTS)
    new = _finder(r)
    assert new is not old
    r.qtbot.waitUntil(lambda: int(new.frames_shown) > 0, timeout=WAIT_MS)  # type: ignore[attr-defined]
    shown = int(old.frames_shown)  # type: ignore[attr-defined]
    r.qtbot.wait(300)
    assert int(old.frames_shown) == shown  # type: ignore[attr-defined]


def test_taking_the_photo_while_the_picture_is_live(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    put_on(r.window, Screen.DOCUMENTS)
    _wait_frames(r, 0)
    r.click("btn_capture")
    r.qtbot.waitUntil(lambda: r.shown("docs_preview"), timeout=WAIT_MS)
    assert not _finder(r).isVisible()  # the photo to check, not the camera, in the room
    shown = _frames(r)
    r.qtbot.wait(300)
    assert _frames(r) == shown  # hidden: no frame reaches the GUI thread
    r.click("btn_retake")
    r.qtbot.waitUntil(lambda: r.shown("btn_use"), timeout=WAIT_MS)
    r.click("btn_use")  # the only paper: done, and the camera with it
    assert not _finder(r).isVisible()
    assert _scanner(r).status().state is ScannerState.STOPPED


def test_a_lost_camera_is_said_in_words_with_the_way_on(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    scanner = _scanner(r)
    scanner.set_fault("scanner.no_camera")
    put_on(r.window, Screen.DOCUMENTS)
    r.qtbot.waitUntil(lambda: "摄像头暂时无法使用" in _picture(r).text(), timeout=WAIT_MS)
    text = _picture(r).text()
    assert "现场不拍，稍后带到窗口" in text and "带到窗口" in text
    assert _picture(r).pixmap().isNull()
    assert "平放" not in r.label("docs_viewfinder_caption")  # not true without a camera
    assert not r.button("btn_capture").isEnabled()
    assert r.button("btn_skip").isEnabled()

    scanner.set_fault(None)  # the camera is back: the picture returns by itself
    _wait_frames(r, 0)
    r.qtbot.waitUntil(lambda: r.button("btn_capture").isEnabled(), timeout=WAIT_MS)
    assert "请将材料平放在拍摄区" in r.label("docs_viewfinder_caption")

    scanner.set_fault("scanner.no_camera")  # lost while the citizen looks at it
    r.qtbot.waitUntil(lambda: "摄像头暂时无法使用" in _picture(r).text(), timeout=WAIT_MS)
    r.click("btn_skip")  # the way on that exists: bring it to the counter
    assert "带到窗口" in r.label("docs_progress") or r.button("btn_next").isEnabled()


@pytest.mark.parametrize("assisted", [False, True])
@pytest.mark.parametrize(
    ("lang", "words"), [("zh", "请将材料平放在拍摄区"), ("en", "Lay the paper flat")]
)
def test_the_instruction_is_under_the_picture_in_both_modes(
    rig: ApplyRig,  # noqa: F811
    assisted: bool,
    lang: str,
    words: str,
) -> None:
    r = rig
    r.core.sessions.set_language(lang)
    if assisted:
        r.core.sessions.set_assisted(True)
    put_on(r.window, Screen.DOCUMENTS)
    _wait_frames(r, 0)
    caption = r.window.findChild(QLabel, "docs_viewfinder_caption")
    assert caption is not None and caption.isVisible() and words in caption.text()
    picture = _picture(r)
    assert _where(caption, r.window).top() >= _where(picture, r.window).bottom()


@pytest.mark.parametrize(
    ("size", "assisted"), [((1920, 1080), False), ((1280, 800), True), ((1080, 1920), False)]
)
def test_nothing_moves_when_the_picture_starts(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
) -> None:
    r = rig
    r.window.resize(*size)
    if assisted:
        r.core.sessions.set_assisted(True)
    scanner = _scanner(r)
    scanner.set_fault("scanner.no_camera")  # hold the camera back: the screen as it opens
    put_on(r.window, Screen.DOCUMENTS)
    r.settle()
    r.qtbot.wait(20)
    names = ["btn_capture", "btn_skip", "btn_next", "docs_viewfinder", "docs_current"]

    def where() -> dict[str, QRect]:
        r.settle()
        return {n: _where(r.window.findChild(QWidget, n), r.window) for n in names}

    opening = where()
    assert _frames(r) == 0
    scanner.set_fault(None)  # the first pictures arrive
    _wait_frames(r, 2)
    assert where() == opening


def test_colours_reach_the_screen_the_right_way_round(rig: ApplyRig) -> None:  # noqa: F811
    """The camera's bytes are BGR: a red sheet must not be painted blue."""
    import numpy as np

    from kiosk.services.viewfinder import ViewFrame

    r = rig
    put_on(r.window, Screen.DOCUMENTS)
    _wait_frames(r, 0)
    finder = _finder(r)
    red = np.zeros((48, 64, 3), np.uint8)
    red[:, :, 2] = 255  # BGR
    shown = _frames(r)
    offer = finder.begin()  # type: ignore[attr-defined]  # as a new camera run would
    offer(ViewFrame(red.tobytes(), 64, 48))
    r.qtbot.waitUntil(lambda: _frames(r) > shown, timeout=WAIT_MS)
    image = _picture(r).pixmap().toImage()
    colour = image.pixelColor(image.width() // 2, image.height() // 2)
    assert (colour.red(), colour.green(), colour.blue()) == (255, 0, 0)
