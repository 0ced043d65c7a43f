"""A finger drags a scroll area's content, and building many of them costs no gesture types."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.widgets.touch_scroll import _touch_gesture, touch_scroll


def _area() -> QScrollArea:
    area = touch_scroll(QScrollArea())
    inner = QWidget()
    lay = QVBoxLayout(inner)
    for i in range(60):
        lay.addWidget(QPushButton(f"b{i}"))
    area.setWidget(inner)
    area.resize(300, 400)
    return area


def test_a_touch_drag_scrolls(qtbot) -> None:  # type: ignore[no-untyped-def]
    area = _area()
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    QTest.qWait(20)  # the gesture is attached on the next turn of the event loop
    finger = QPointingDevice(
        "finger",
        1,
        QInputDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger,
        QInputDevice.Capability.Position,
        10,
        0,
    )
    at = lambda y: area.viewport().mapTo(area, QPoint(150, y))  # noqa: E731
    handle = area.windowHandle()
    QTest.touchEvent(handle, finger).press(0, at(300)).commit()
    for y in range(300, 60, -20):
        QTest.qWait(16)
        QTest.touchEvent(handle, finger).move(0, at(y)).commit()
    QTest.touchEvent(handle, finger).release(0, at(60)).commit()
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 200, timeout=3000)


def test_building_scroll_areas_registers_no_new_gesture_types(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each registration mints a new type number; screens rebuilt per citizen must not."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QScroller

    def probe() -> int:
        return int(QScroller.grabGesture(QObject(), QScroller.ScrollerGestureType.TouchGesture))

    _touch_gesture()
    before = probe()
    for _ in range(20):
        area = _area()
        qtbot.addWidget(area)
    QTest.qWait(20)  # let every deferred grab run
    assert probe() == before + 1  # only the probe's own registration in between
