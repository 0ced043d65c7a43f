"""A way not offered on 身份核验 (the camera out: no e-ID QR code) looks it and answers a
tap (try-out 14, C10: in 深色 and 高对比 the faded 电子证照二维码 tile kept its bright white
title and pictogram, only a dashed edge and a grey line set it apart, and a tap on it
did nothing at all). Its title and pictogram are greyed as a disabled button's label
is, and a tap says, in the message line's kept room, that this way cannot be used now
and what still works; nothing moves. The camera fails through the demo's control and
the device supervisor, the tap is a finger's on the real window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from kiosk.demo import DemoControls
from kiosk.events import Device, Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_identify_way_faults import _down, _tap, _tile
from ui.i18n import tr
from ui.screens.identify import IdentifyScreen
from ui.theme import disabled_colours


def _screen(r: ApplyRig) -> IdentifyScreen:
    return next(s for s in r.window.findChildren(IdentifyScreen) if s.isVisible())


def _ink(label: QLabel) -> set[str]:
    """The colours of a pictogram's solid strokes."""
    image = label.pixmap().toImage()
    out = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.alpha() == 255:
                out.add(c.name())
    return out


@pytest.mark.parametrize(
    ("contrast", "assisted", "lang"),
    [("dark", False, "zh"), ("high", True, "zh"), ("high", True, "en"), ("standard", False, "en")],
)
def test_the_camera_out_the_qr_way_is_greyed_and_a_tap_says_why(
    rig: ApplyRig,  # noqa: F811
    qtbot: Any,
    contrast: str,
    assisted: bool,
    lang: str,
) -> None:
    r = rig
    r.window.resize(1920, 1080)
    if lang == "en":
        r.click("btn_lang")
    if assisted:
        r.click("btn_assisted")
    while r.window.display_prefs()[1] != contrast:
        r.click("btn_contrast")
    r.to_identify()
    demo = DemoControls(r.backend)
    demo.set_camera_fault(True)  # Shift+F9
    _down(r, Device.SCANNER)
    qr = _tile(r, "qr")
    assert not qr.isEnabled()
    tokens = _screen(r).ctx.tokens()
    grey = QColor(disabled_colours(tokens)[1]).name()
    assert grey != QColor(tokens.text).name()
    # Its name and its pictogram greyed, as a disabled button's label.
    title = qr.title.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert title.name() == grey, (title.name(), grey, contrast)
    assert _ink(qr.icon) == {grey}, (_ink(qr.icon), grey, contrast)
    # The ways offered keep theirs.
    manual = _tile(r, "manual")
    assert _ink(manual.icon) == {QColor(tokens.text).name()}
    # A tap: the message line says this way cannot be used now, and what still works.
    before = r.label("identify_status")
    places = {
        n: QRect(_tile(r, n).mapTo(r.window, _tile(r, n).rect().topLeft()), _tile(r, n).size())
        for n in ("card", "qr", "manual")
    }
    # As a finger does, once the screen has settled from the fault's change.
    wait_until_tappable(qr)
    _tap(r, "qr")
    r.at(Screen.IDENTIFY)
    said = r.label("identify_status")
    assert r.shown("identify_status") and said != before, said
    assert tr("identify.qr", lang) in said, said
    assert tr("identify.manual", lang) in said, said  # typing the number always works
    assert tr("identify.fault.way.card", lang) in said, said  # the readers work
    after = {
        n: QRect(_tile(r, n).mapTo(r.window, _tile(r, n).rect().topLeft()), _tile(r, n).size())
        for n in ("card", "qr", "manual")
    }
    assert after == places  # nothing moved
    # The camera back: the words go (untrue now), the tile is offered in its colours.
    demo.set_camera_fault(False)
    _down(r, Device.SCANNER, Health.OK)
    qr = _tile(r, "qr")
    assert qr.isEnabled() and _ink(qr.icon) == {QColor(tokens.text).name()}
    assert not r.shown("identify_status") or tr("identify.qr", lang) not in r.label(
        "identify_status"
    )
    del qtbot
