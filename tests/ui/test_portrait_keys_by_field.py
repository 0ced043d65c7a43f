"""Try-out 6, item 20: where the keys are on a portrait panel (1080x1920), by taps.

The README said keyboards dock at the bottom of the screen; in portrait the ID keypad and
the form's number pads sit right under their field, with the rest of the screen below.
That is kept, on purpose, and the README and docs/ui.md now say so: on a portrait kiosk
the panel's foot is at waist height or lower (a standing citizen bends, and the keys were
then some 1,000 px from the field they fill), while right under the field the keys are in
the comfortable reach band and in the same glance as the digits they type. Here: in
portrait, in both modes, the first row of keys starts within 40 mm of the field's foot
and every key is in the upper two thirds of the screen; in landscape (short panels) the
keys still rest on the page's bottom edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401


def _rect(r: ApplyRig, name: str) -> QRect:
    shown = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    assert shown, name
    w = shown[0]
    return QRect(w.mapTo(r.window, w.rect().topLeft()), w.size())


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_portrait_keys_sit_under_the_field(rig: ApplyRig, assisted: bool) -> None:  # noqa: F811
    r = rig
    r.to_manual_id((1080, 1920), assisted=assisted)
    field = _rect(r, "field_id_number")
    keys = [_rect(r, f"key_{c}") for c in "0123456789X"]
    top = min(k.top() for k in keys)
    mm = r.window.current_page().ctx.tokens().mm(1)
    assert 0 <= top - field.bottom() <= 40 * mm, (field, top)
    assert max(k.bottom() for k in keys) <= r.window.height() * 2 // 3
    r.type("110105")  # the keys type into the field above them
    r.settle()
    assert r.window.findChild(QWidget, "field_id_number").text() == "110105"  # type: ignore[union-attr]


def test_landscape_keys_rest_on_the_bottom_edge(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_manual_id((1920, 1080))
    keys = [_rect(r, f"key_{c}") for c in "0123456789X"]
    page = r.window.current_page()
    foot = page.mapTo(r.window, page.rect().bottomLeft()).y()
    assert foot - max(k.bottom() for k in keys) <= 30 * page.ctx.tokens().mm(1), foot
