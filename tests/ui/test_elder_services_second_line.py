"""长辈模式's service list keeps each service's second line (its department or time
limit) where it fits, in English as in Chinese (try-out 14, E7 addendum: at 字号 4/4 on
the demo's 1280x800 screen, English dropped every service's second line, the Chinese
kept it). The names give a little of their size first, never under the body's; the
window is the demo's, its controls folded into a strip under the kiosk."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_identify_elder_whole import _demo_screen
from ui.clipping import clipped_texts
from ui.screens.catalog import CatalogScreen
from ui.theme import TEXT_STEPS
from ui.widgets.tile import Tile


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("step", [2, len(TEXT_STEPS) - 1], ids=lambda s: f"text{s + 1}")
def test_every_service_keeps_its_second_line(
    rig: ApplyRig,  # noqa: F811
    kiosk_app: Any,
    qtbot: Any,
    lang: str,
    step: int,
) -> None:
    r = rig
    _demo_screen(r, kiosk_app, qtbot, (1280, 800))
    if lang == "en":
        r.click("btn_lang")
    r.click("btn_assisted")
    for _ in range(step):
        r.click("btn_text_size")
    r.click("tile_apply")
    screen = next(s for s in r.window.findChildren(CatalogScreen) if s.isVisible())
    tiles = [t for t in screen.findChildren(Tile) if t.isVisible()]
    services = [t for t in tiles if t.objectName().startswith("service_")]
    assert len(services) >= 2, [t.objectName() for t in tiles]
    for tile in services:
        assert tile.sub.isVisible() and tile.sub.text().strip(), (tile.objectName(), lang, step)
        px = tile.title.font().pixelSize()
        body = screen.ctx.tokens().px(screen.ctx.tokens().body_px)
        assert px < 0 or px >= body, (tile.objectName(), px, body)
    assert clipped_texts(screen) == [], (lang, step)
