"""Try-out 8, E1 in landscape (issue #14): nothing moves when the staff-call chip comes
or changes.

Portrait keeps the chip a slot of its own in the bottom bar (test_staff_chip_still.py).
On a 1280x800 panel in 长辈模式 the bottom bar's one row is full (字号, 标准色, the
voice buttons, the step, 网络正常): tapping 呼叫工作人员 gave the chip a second row, the
page above lost ~80 px and its tiles moved up under the finger of a citizen who had
just asked for help; at 1920x1080 in English at 字号 4/4 标准色 and the voice buttons
narrowed to make room for it. Each test taps the real window, closes the notice with
好的, and compares every visible control (and the bars, and the page's area) with
where it was before the call, at each state the chip then says: the call saved on the
kiosk (offline), delivered, 已收到.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.test_bar_slots import _settle, _tap
from tests.ui.test_call_staff import _close_notice, _tap_call_staff
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage

SIZES = [(1280, 800), (1920, 1080)]
WRAP = Qt.TextFlag.TextWordWrap
STATES = ("waiting", "delivered", "acknowledged")


def _rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def _controls(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    """Every control a finger may reach, the bars, the page's area, and the bottom bar's
    texts (the step, 网络正常): where they are."""
    out: dict[str, QRect] = {}
    # The bars' and the page's own (a screen built ahead in the background is not on
    # screen, whatever its buttons say of themselves meanwhile).
    bars = [window.findChild(QWidget, n) for n in ("chrome", "statusbar")]
    for root in (*bars, window.current_page()):
        for b in root.findChildren(QAbstractButton):
            if b.isVisible() and not window.overlay.isAncestorOf(b):
                out[f"{b.objectName()}#{id(b)}"] = _rect(b)
    for name in ("chrome", "statusbar"):
        out[name] = _rect(window.findChild(QWidget, name))
    out["page"] = _rect(window.stack)
    for lab in window.step_labels:
        if lab.isVisible():
            out["step_chip"] = _rect(lab)
    if window.net_label.isVisible():
        out["net_status"] = _rect(window.net_label)
    return out


def _reads_whole(window) -> str:  # type: ignore[no-untyped-def]
    """The chip's words, asserted on screen whole: inside the window, over no control,
    and (wrapped or not) within its own box."""
    chip = window.staff_banner
    assert chip.isVisible(), "the chip says where the call stands"
    said = chip.text()
    assert said, "the chip is not empty"
    box = _rect(chip)
    assert _rect(window).contains(box), f"chip {box} off the window"
    for b in window.findChildren(QAbstractButton):
        if b.isVisible() and not window.overlay.isAncestorOf(b):
            assert not box.intersects(_rect(b)), f"chip {box} over {b.objectName()}"
    inner = chip.contentsRect()
    fm = QFontMetrics(chip.font())
    if chip.wordWrap():
        need = fm.boundingRect(QRect(0, 0, inner.width(), 10_000), int(WRAP), said).size()
    else:
        need = QSize(fm.horizontalAdvance(said), fm.height())
    assert need.width() <= inner.width() and need.height() <= inner.height(), (
        f"{said!r} needs {need} in {inner.size()}"
    )
    cut = [p for p in clipped_texts(window) if "staff_banner" in p]
    assert not cut, cut  # and as the clipping sweep measures every text (ui/clipping.py)
    return said


def _setup(window, size, step, contrast, lang, scene) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    _settle()
    _tap(window, "btn_assisted")
    while window.display_prefs()[1] != contrast:
        _tap(window, "btn_contrast")
    stage(window, {s.name: s for s in SCENES}[scene], lang, True, text_step=step)
    window.resize(*size)
    _settle()
    window.core.backend.sync = None  # the call waits on the kiosk first
    # 网络正常 in the bar, as on a kiosk in service (the platform has answered).
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
    _settle()


def _call_and_follow(window, qtbot, clock, lang) -> list[str]:  # type: ignore[no-untyped-def]
    """Tap 呼叫工作人员 and 好的, then let the call go through each state; after each,
    nothing has moved. Returns what the chip said."""
    before = _controls(window)
    said: list[str] = []

    def unmoved(state: str) -> None:
        short = tr(f"staff.banner.{state}.short", lang)
        whole = tr(f"staff.banner.{state}", lang)
        qtbot.waitUntil(lambda: window.staff_banner.text() in (short, whole), timeout=3000)
        _settle()
        said.append(_reads_whole(window))
        now = _controls(window)
        moved = {k: (before.get(k), v) for k, v in now.items() if before.get(k) != v}
        gone = sorted(set(before) - set(now))
        assert not moved and not gone, f"{state}: moved {moved}, gone {gone}"

    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=2000)
    _close_notice(window, qtbot)  # 好的
    unmoved("waiting")  # offline: the call is saved on the kiosk, not yet delivered
    [call] = [r for r in window.core.backend.outbox.list() if r.kind.value == "staff_call"]
    window.core.backend.outbox.mark_delivered(call.id, clock())
    unmoved("delivered")
    window.core.staff_calls.acknowledge(call.id)
    unmoved("acknowledged")
    clock.advance(60)  # it stays said, and where it is, as minutes pass
    window.check_idle()
    unmoved("acknowledged")
    return said


@pytest.mark.parametrize("contrast", ["standard", "high"])
# The smallest and the largest 字号 (2/4 and 3/4 are the clipping sweep's; CI's time).
@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=lambda s: f"text{s + 1}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_moves_when_the_staff_chip_comes_in_landscape(
    window, qtbot, clock, size, lang, step, contrast
) -> None:  # type: ignore[no-untyped-def]
    _setup(window, size, step, contrast, lang, "identify")
    assert window.core.screen() == Screen.IDENTIFY
    said = _call_and_follow(window, qtbot, clock, lang)
    assert len(set(said)) == len(STATES), f"each state in its own words: {said}"


@pytest.mark.parametrize("scene", ["home", "catalog", "form", "review"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_moves_on_other_screens_at_1280x800(window, qtbot, clock, scene, lang) -> None:  # type: ignore[no-untyped-def]
    _setup(window, (1280, 800), len(TEXT_STEPS) - 1, "high", lang, scene)
    _call_and_follow(window, qtbot, clock, lang)
