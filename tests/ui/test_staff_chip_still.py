"""Try-out 8, E1 + E6: nothing in the window moves when the staff-call chip appears,
and the bottom bar keeps one height from step to step of an application.

In 长辈模式 at 字号 4/4 on a 1080x1920 panel, tapping 呼叫工作人员 added the chip
"已通知工作人员" beside the step chip; the bar took a third row and everything above it
(the identity tiles, 我是为他人办理, 切换回标准模式) moved up ~90 px under the finger of
a citizen who had just asked for help (E1). From screen to screen the step chip and
网络正常 jumped between two rows as each step's name was wider or narrower (E6).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.test_bar_slots import _settle, _tap
from tests.ui.test_call_staff import _close_notice, _tap_call_staff
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage

SIZES = [(1080, 1920), (1920, 1080), (1280, 800)]
STEPS = ["identify", "form", "documents", "review", "submitted"]


def _rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def _controls(window, texts: bool = True) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    """Every control a finger may reach, and (``texts``) the bar's texts, where they are."""
    out: dict[str, QRect] = {}
    page = window.current_page()
    for root in (window, page):
        for b in root.findChildren(QAbstractButton):
            if b.isVisible() and not window.overlay.isAncestorOf(b):
                out[f"{b.objectName()}#{id(b)}"] = _rect(b)
    out["statusbar"] = _rect(window.findChild(QWidget, "statusbar"))
    if texts:
        for lab in window.step_labels:
            if lab.isVisible():
                out["step_chip"] = _rect(lab)
        out["net_status"] = _rect(window.net_label)
    return out


def _setup(window, size, assisted, step) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    _settle()
    if assisted:
        _tap(window, "btn_assisted")
    while window.display_prefs()[0] != step:
        _tap(window, "btn_text_size")
    window.resize(*size)
    _settle()


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("assisted", [True, False], ids=["assisted", "normal"])
# In landscape the chip is in the top bar (test_staff_chip_landscape.py says more).
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_moves_when_the_staff_chip_comes(
    window, qtbot, clock, size, assisted, step
) -> None:  # type: ignore[no-untyped-def]
    _setup(window, size, assisted, step)
    scenes = {s.name: s for s in SCENES}
    stage(window, scenes["identify"], "zh", assisted, text_step=step)
    window.resize(*size)
    _settle()
    assert window.core.screen() == Screen.IDENTIFY
    window.core.backend.sync = None  # the call waits on the kiosk first
    # 网络正常 in the bar, as on a kiosk in service (the platform has answered).
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
    _settle()
    assert window.net_label.text()
    # In portrait the step chip and 网络正常 stay put too; in landscape (one row, no
    # height to spare) the chip takes its room from the steps' words, which say less.
    portrait = size[1] > size[0]
    before = _controls(window, portrait)
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=2000)
    _close_notice(window, qtbot)  # 好的
    qtbot.waitUntil(lambda: window.staff_banner.isVisible(), timeout=2000)
    _settle()
    assert window.staff_banner.text(), "the chip says where the call stands"
    after = _controls(window, portrait)
    moved = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
    assert not moved, f"moved when the staff chip came: {moved}"
    [call] = [r for r in window.core.backend.outbox.list() if r.kind.value == "staff_call"]
    window.core.backend.outbox.mark_delivered(call.id, clock())
    window.core.staff_calls.acknowledge(call.id)
    qtbot.waitUntil(lambda: "工作人员已收到" in window.staff_banner.text(), timeout=3000)
    _settle()
    later = _controls(window, portrait)
    moved = {k: (before.get(k), v) for k, v in later.items() if before.get(k) != v}
    assert not moved, f"moved when staff answered: {moved}"


@pytest.mark.parametrize("health", [Health.OK, Health.FAULT], ids=["online", "offline"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
def test_the_bottom_bar_keeps_its_height_from_step_to_step(
    window, qtbot, lang, step, health
) -> None:  # type: ignore[no-untyped-def]
    size = (1080, 1920)
    _setup(window, size, True, step)
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, health, "platform"))
    scenes = {s.name: s for s in SCENES}
    seen: dict[str, dict[str, QRect]] = {}
    for name in STEPS:
        stage(window, scenes[name], lang, True, text_step=step)
        window.resize(*size)
        _settle()
        assert window.steps_bar.isVisible(), name
        assert window.net_label.text(), "网络正常 / 离线办理中 is said"
        bar = _controls(window)
        seen[name] = {k: bar[k] for k in ("statusbar", "step_chip", "net_status")}
    first = seen[STEPS[0]]
    for name, there in seen.items():
        # The chip's width follows its words; its row and left edge stay.
        assert there["statusbar"] == first["statusbar"], f"bar height on {name}: {there}"
        assert there["step_chip"].topLeft() == first["step_chip"].topLeft(), name
        assert there["net_status"] == first["net_status"], name
    assert isinstance(window.net_label, QLabel)


def test_staff_answer_says_only_what_is_known_until_the_session_ends(window, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    """Try-out 9, E1: 确认收到 on the console turned, a minute later and with no further
    staff action, into 工作人员正在赶来 through review, submit and the receipt. The
    console says only that staff have the call, so the chip says 工作人员已收到 for as
    long as the session lasts, in both languages, and goes when the citizen leaves."""
    window.core.backend.sync = None
    _tap(window, "tile_apply")  # a journey: the chip beside the steps
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=2000)
    _close_notice(window, qtbot)
    [call] = [r for r in window.core.backend.outbox.list() if r.kind.value == "staff_call"]
    window.core.backend.outbox.mark_delivered(call.id, clock())
    window.core.staff_calls.acknowledge(call.id)
    qtbot.waitUntil(lambda: "工作人员已收到" in window.staff_banner.text(), timeout=3000)
    for _ in range(10):  # minutes pass; the console says nothing more
        clock.advance(30)
        window.check_idle()
        qtbot.wait(50)
        assert window.staff_banner.isVisible()
        assert window.staff_banner.texts()[-1] == "工作人员已收到"
        assert not any("赶来" in t for t in window.staff_banner.texts())
    _tap(window, "btn_lang")
    qtbot.waitUntil(lambda: "Staff have your call" in window.staff_banner.texts(), timeout=3000)
    assert not any("on their way" in t for t in window.staff_banner.texts())
    _tap(window, "btn_home")  # the citizen leaves: the next one made no call
    qtbot.waitUntil(lambda: not window.staff_banner.isVisible(), timeout=3000)
