"""Try-out 12, N7: the bars' words grow with 字号.

Standard mode at 字号 4/4 on a 1280x800 panel stacked the centre's full location over
the date in 16 px type beside 33 px buttons: the smallest text on the screen. The bar
now says less (the centre's short name, the date without its year or the time alone)
in larger type rather than everything in small print. At 字号 4/4, in every size, both
modes and both languages, no text in either bar is smaller than a floor (standard: the
page's body type at 字号 1/4, 22 px, the largest in which the name over the time fits
the 73 px buttons' height is 25 px; 长辈模式: its least body type, 30 px), and the
centre's name and the time are on screen whole. The mode and 字号 are tapped on the
real window's bar buttons.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.test_bar_words_one_way import SIZES, _at, _online
from tests.ui.test_staff_chip_still import _setup
from ui.a11y import ASSISTED_LIMITS
from ui.theme import NORMAL, TEXT_STEPS

SCREENS = ["home", "catalog", "identify", "form", "review", "rate"]


def _floor(assisted: bool) -> int:
    return ASSISTED_LIMITS.min_text_px if assisted else NORMAL.body_px


def _whole(label: QLabel) -> bool:
    m = label.contentsMargins()
    need = label.fontMetrics().horizontalAdvance(label.text()) + m.left() + m.right()
    return need <= label.width()


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_bar_texts_are_not_the_smallest_at_text_4(window, size, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    step = len(TEXT_STEPS) - 1
    _setup(window, size, assisted, step)  # 长辈模式 and 字号 4/4 tapped on the bar
    floor = _floor(assisted)
    for lang in ("zh", "en"):
        for name in SCREENS:
            _at(window, name, lang, assisted, step, size)
            _online(window)
            where = f"{lang} {name}"
            small = []
            for bar in ("chrome", "statusbar"):
                host = window.findChild(QWidget, bar)
                for lab in host.findChildren(QLabel):
                    if not lab.isVisible() or not lab.text() or lab.text() == "→":
                        continue
                    px = lab.fontInfo().pixelSize()
                    if px < floor:
                        small.append(f"{lab.objectName()} {lab.text()!r} {px} px")
            assert not small, f"bar text under {floor} px on {where}: {small}"
            centre, clock = window.centre_label, window.clock_label
            assert centre.isVisible() and centre.text(), f"no centre name on {where}"
            assert clock.isVisible() and ":" in clock.text(), f"no time on {where}"
            for lab in (centre, clock):
                assert _whole(lab), f"{lab.text()!r} cut in {lab.width()} px on {where}"
