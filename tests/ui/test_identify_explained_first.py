"""身份核验 in 长辈模式 on 1280x800: each way says what it needs (its explanation, or its
few words) from the moment its page comes on screen, at every 字号 and in both languages.

A page for a new 字号 (or mode) is made and fitted before it is shown. That fit measured
the page's insides at their first size (the question 640 px wide, the ways in a 640x480
area) and chose ways without explanations; only the fit at show time put them back, and
where that one came late or not at all, 放置证件 and 电子证照二维码 showed no explanation
until a re-fit (closing note 31). Through the real window: 长辈模式 and each 字号 tapped on
the identify screen; what each tile says is read as its page is shown (before the show's
own fit) and once settled, and nothing on the page is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.screens.identify import IdentifyScreen
from ui.theme import TEXT_STEPS
from ui.widgets.tile import Tile

WAYS = ("card", "qr", "manual")


class _AtShow(QObject):
    """What each identify page's tiles say as it is shown (before its show handler)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[dict[str, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, IdentifyScreen):
            self.seen.append(
                {
                    key.split(".")[1]: (tile.sub.text() if not tile.sub.isHidden() else "")
                    for key, tile in watched.tiles.items()
                }
            )
        return False


def _explanations(lang: str, way: str) -> set[str]:
    keys = [f"identify.{way}.sub", f"identify.{way}.sub.short"]
    return {tr(k, lang) for k in keys}


def _settled(r: ApplyRig) -> dict[str, str]:
    r.settle()
    out = {}
    for way in WAYS:
        shown = [t for t in r.window.findChildren(Tile, f"tile_{way}") if t.isVisible()]
        assert shown, f"no {way} tile on screen"
        sub = shown[0].sub
        out[way] = sub.text() if sub.isVisible() else ""
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_way_is_explained_as_its_page_comes(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    if lang == "en":
        r.click("btn_lang")
    r.to_identify()
    watch = _AtShow()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    try:
        r.click("btn_big_mode")
        steps = [r.window.display_prefs()[0]]
        for _ in range(len(TEXT_STEPS) - 1):
            r.click("btn_text_size")
            steps.append(r.window.display_prefs()[0])
            settled = _settled(r)
            for way in WAYS:
                assert settled[way] in _explanations(lang, way), (lang, steps[-1], way, settled)
            cut = [p for p in clipped_texts(r.window) if "Tile" in p or "RoomLabel" in p]
            assert cut == [], (lang, steps[-1], cut)
    finally:
        app.removeEventFilter(watch)
    assert sorted(steps) == list(range(len(TEXT_STEPS))), steps
    assert len(watch.seen) >= len(TEXT_STEPS), "a page for each 字号 was shown"
    for said in watch.seen:
        for way in WAYS:
            assert said[way] in _explanations(lang, way), (lang, way, watch.seen)
