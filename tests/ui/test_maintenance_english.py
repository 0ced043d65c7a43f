"""The maintenance panel in English at the three sizes, both modes (not tried by
try-out 6): the PIN step (its 更改编号 is new) and every page read whole, in English
words only. The panel opens in the kiosk's own language; these kiosks speak English."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.test_maintenance_signin_fit import SIGN_IN, _key, _type
from ui.clipping import clipped_texts
from ui.screens.maintenance import MaintenanceScreen
from ui.screens.maintenance_pages import PAGES
from ui.tour import DEMO_TECHNICIAN, SCENES, stage

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
def test_the_pin_step_reads_whole_in_english(window, qtbot, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    for size in SIZES:
        stage(window, SIGN_IN, "en", assisted, text_step=0)
        window.resize(*size)
        qtbot.wait(50)
        _type(window, qtbot, DEMO_TECHNICIAN)
        qtbot.mouseClick(_key(window, "btn_next"), Qt.MouseButton.LeftButton)
        prompt = next(w for w in window.findChildren(QLabel, "signin_prompt") if w.isVisible())
        assert prompt.text() == "Technician number 1000: enter your PIN"
        for name in ("btn_exit", "btn_change_number", "btn_unlock", "key_0"):
            _key(window, name)  # whole, on screen
        assert clipped_texts(window) == [], size


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
def test_every_page_reads_whole_in_english(window, qtbot, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    for size in SIZES:
        for page in PAGES:
            stage(
                window, next(s for s in SCENES if s.name == f"maintenance_{page}"), "en", assisted
            )
            window.resize(*size)
            qtbot.wait(20)
            screen = window.findChild(MaintenanceScreen)
            # The longest result the panel says, in the signed-in name's place.
            screen.say(screen.t("maint.restart_confirm_hint"))
            qtbot.wait(20)
            texts = [w.text() for w in screen.findChildren(QLabel) if w.isVisible()]
            assert not [t for t in texts if HAN.search(t)], (size, page)
            # Nothing cut but what the page scrolls away (its own scroll area's edge).
            cut = [c for c in clipped_texts(window) if "cut by its parent" not in c]
            assert cut == [], (size, page, cut)
