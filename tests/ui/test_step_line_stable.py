"""Try-out 5, item 8: offline (F12) and at 字号 4/4 on 1280x800 the step line read
"1 →2 →3 …" with uneven gaps and the current step's pill off its number, each label
fitting itself into whatever room the row's layout left it. The row is now fitted as a
whole: every name, or every number (the current step with its name when it fits), each
label exactly as wide as what it says, the gaps all the same."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from ui.tour import SCENES, stage
from ui.widgets.fit_label import FitLabel


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _x(w: QWidget, top: QWidget) -> tuple[int, int]:
    left = w.mapTo(top, QPoint(0, 0)).x()
    return left, left + w.width()


def _check_row(window) -> str:  # type: ignore[no-untyped-def]
    bar = window.findChild(QWidget, "steps_bar")
    assert bar is not None and bar.isVisible()
    labels = [window.findChild(FitLabel, f"step_{i}") for i in range(6)]
    arrows = [a for a in bar.findChildren(QLabel) if a.text() == "→"]
    assert all(lab is not None and lab.isVisible() for lab in labels)
    texts = [lab.text() for lab in labels]
    now = next(i for i, lab in enumerate(labels) if lab.property("role") == "step_now")
    numbers = [str(i + 1) for i in range(6)]
    others = [t for i, t in enumerate(texts) if i != now]
    # All names, or all numbers (the current step may keep its name): never a mix.
    if others != [t for i, t in enumerate(numbers) if i != now]:
        assert not any(t in numbers for t in texts), texts
    for lab in labels:  # each label is as wide as its words: the pill sits on them
        m = lab.contentsMargins()
        assert (
            lab.width() == lab.fontMetrics().horizontalAdvance(lab.text()) + m.left() + m.right()
        ), (
            lab.objectName(),
            lab.text(),
            lab.width(),
        )
    # Label, arrow, label, …: the gaps between them all the same.
    row = [labels[0]]
    for a, lab in zip(arrows, labels[1:], strict=True):
        row += [a, lab]
    edges = [_x(w, bar) for w in row]
    gaps = {b[0] - a[1] for a, b in itertools.pairwise(edges)}
    assert len(gaps) == 1, (texts, edges)
    assert edges[-1][1] <= bar.width()
    return " ".join(texts)


@pytest.mark.parametrize("offline", [True, False], ids=["offline", "online"])
@pytest.mark.parametrize("step", [0, 3], ids=["1of4", "4of4"])
def test_the_step_line_is_laid_out_as_a_whole(window, offline: bool, step: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    for scene_name in ("form", "review"):
        scene = next(s for s in SCENES if s.name == scene_name)
        stage(window, scene, "en", False, text_step=step)
        if offline:
            window.core.bus.publish(
                DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down")
            )
        window.resize(1280, 800)
        _settle()
        said = _check_row(window)
        if offline or step:
            assert said, said
